# Iterators over ranges whose values or length do not fit a C long are
# longrange_iterator objects (CPython 3.11's forward and reverse rules), with
# exact big-int state: lengths beyond 2**63, __length_hint__, __reduce__,
# __setstate__ (clipped by comparison), reversed() of huge ranges.
import gc
import itertools
import sys

M = 2**63
cases = [(0, 10, 1), (-M, 0, 1), (0, M, 1), (0, M - 1, 1), (0, 10, M), (0, 10, M - 1),
         (M - 1, 0, -1), (-M, -M + 5, 1), (0, M - 1, 2), (0, M - 2, 2), (5, -M, -1),
         (5, -M + 1, -1), (0, -M, -2), (0, 0, 1), (-M + 1, 10, 1), (10, -M, -3),
         (0, M - 1, M - 2), (-M, M, 2**64), (2**100, 2**100 + 7, 3), (0, 2**200, 2**190)]
for a, b, c in cases:
    r = range(a, b, c)
    f = iter(r)
    rv = reversed(r)
    print(a, b, c, type(f).__name__, type(rv).__name__, sys.getsizeof(f), sys.getsizeof(rv))
    print("  ", f.__length_hint__(), f.__reduce__(), list(itertools.islice(f, 3)), f.__length_hint__())
    print("  ", rv.__length_hint__(), rv.__reduce__(), list(itertools.islice(rv, 3)))

it = iter(range(2**70))
next(it)
print(it.__reduce__(), it.__length_hint__())
it.__setstate__(-3)
print(it.__reduce__())
it.__setstate__(2**80)
print(it.__reduce__(), list(it), it.__length_hint__())
it.__setstate__(2**70 - 2)
print(list(it))
try:
    it.__setstate__("x")
except TypeError as e:
    print("TypeError", e)
print(iter(it) is it, gc.is_tracked(it), list(range(2**64, 2**64 + 3)), sum(range(-2**65, -2**65 + 4)))
