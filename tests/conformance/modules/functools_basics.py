# functools: lru_cache bookkeeping and eviction, cache, wraps, partial,
# reduce, total_ordering, cmp_to_key.
import functools
from functools import lru_cache, partial, reduce, wraps


@lru_cache(maxsize=2)
def sq(x):
    print("compute", x)
    return x * x


print(sq(1), sq(2), sq(1), sq(3), sq(2), sq(1))
print(sq.cache_info())
print(sq.cache_parameters())
sq.cache_clear()
print(sq.cache_info(), sq.__wrapped__(4), sq.__name__)


@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(30), fib.cache_info())


@lru_cache()
def ident(x):
    return x


print(ident(1), ident(1.0), ident.cache_info().hits)


@functools.cache
def twice(x):
    return 2 * x


print(twice(5), twice(5), twice.cache_info())


class Counter:
    calls = 0

    @lru_cache(maxsize=None)
    def value(self, k):
        Counter.calls += 1
        return k + 1


a, b = Counter(), Counter()
print(a.value(1), a.value(1), b.value(1), Counter.calls, Counter.value.cache_info())
print(type(a.value).__name__, a.value.__self__ is a)


def deco(f):
    @wraps(f)
    def inner(*args, **kw):
        """inner doc"""
        return f(*args, **kw)
    return inner


@deco
def documented(x):
    """The documented function."""
    return x


print(documented.__name__, documented.__doc__, documented.__wrapped__(7))

p = partial(int, base=2)
print(p("101"), p.func is int, p.args, p.keywords)
p2 = partial(pow, 2)
print(p2(10), repr(partial(max, 1, key=abs)))
p3 = partial(p2, 3)
print(p3(), p3.args)

print(reduce(lambda x, y: x * y, [1, 2, 3, 4]), reduce(lambda x, y: x + y, [], 10))
try:
    reduce(lambda x, y: x, [])
except TypeError as e:
    print("TypeError:", e)


@functools.total_ordering
class V:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return self.v == other.v

    def __lt__(self, other):
        return self.v < other.v


print(V(1) < V(2), V(2) <= V(2), V(3) > V(2), V(1) >= V(2))
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda x, y: y - x)))
