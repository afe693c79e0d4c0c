# Generators: yield, send, yield from, return values, generator expressions,
# iterator protocol.
def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "done"


print(list(countdown(3)))


def echo():
    received = yield "ready"
    while True:
        received = yield f"got {received}"


g = echo()
print(next(g), g.send(1), g.send("x"))


def inner():
    yield 1
    yield 2
    return "inner result"


def outer():
    result = yield from inner()
    yield result


print(list(outer()))
it = countdown(2)
print(next(it), next(it))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.value)
print(sum(x * x for x in range(10)), list(zip(countdown(3), "abc")))


class Squares:
    def __init__(self, n):
        self.i, self.n = 0, n

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i ** 2


print(list(Squares(4)), list(enumerate("ab", 1)), list(reversed([1, 2, 3])))
