# range_iterator: values, __reduce__/__setstate__/__length_hint__, reversed, and bounds near sys.maxsize.
it = iter(range(3, 20, 4))
print(it.__reduce__(), next(it), next(it), it.__reduce__(), it.__length_hint__())
it.__setstate__(1); print(list(it), it.__reduce__())
it = iter(range(3, 20, 4)); it.__setstate__(100); print(list(it), it.__reduce__())
r = reversed(range(0, 10, 3)); print(r.__reduce__(), list(r), r.__reduce__())
import sys
it = iter(range(sys.maxsize - 3, sys.maxsize)); print(list(it), it.__reduce__())
it = iter(range(-sys.maxsize - 1, -sys.maxsize + 5, 2)); print(list(it), it.__reduce__())
print(list(reversed(range(-sys.maxsize-1, -sys.maxsize + 2))))
# each value is a new int object (CPython's range iterator holds C longs)
r = range(300, 302)
print(next(iter(r)) is r.start, [i for i in r][0] is r.start, r[0] is r.start)
x = 1000
for i in range(x, x + 2):
    print(i is x)
print([i is j for i, j in zip(range(500, 503), range(500, 503))])
