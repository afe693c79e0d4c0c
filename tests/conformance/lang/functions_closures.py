# Functions: defaults, *args/**kwargs, keyword-only, closures, nonlocal,
# lambdas, recursion, decorators.
def greet(name, greeting="Hello", *args, sep=", ", **kwargs):
    return greeting + sep + name + str(args) + str(sorted(kwargs.items()))


print(greet("Ann"))
print(greet("Bob", "Hi", 1, 2, sep="; ", z=1, a=2))


def make_counter():
    count = 0

    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc


c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(5), c2())


def adders():
    return [lambda x, i=i: x + i for i in range(3)]


print([f(10) for f in adders()])


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


print(fact(20))


def trace(func):
    def wrapper(*args):
        print("calling", func.__name__, args)
        return func(*args)
    return wrapper


@trace
def add(a, b):
    return a + b


print(add(2, 3))
print((lambda *a, **k: (a, k))(1, x=2))
print(sorted([3, 1, 2], key=lambda v: -v), list(map(abs, [-1, 2])), list(filter(None, [0, 1, 2])))
g = 1


def read_global():
    global g
    g += 1
    return g


print(read_global(), g)
