# Builtin iterators' pickling protocol (__length_hint__, __reduce__,
# __setstate__), sizes and type names (bytearray_iterator), and copy.copy of
# iterators through object.__reduce_ex__ -> __reduce__.
import copy
import sys
its = [iter(range(5)), iter(b'abc'), iter(bytearray(b'ab')), enumerate('ab'), zip('a', 'b'), map(str, 'a'),
       filter(None, 'a'), reversed(range(3)), reversed('abc'), iter(set('ab')), iter(frozenset()), iter(lambda: 1, 2),
       reversed([1, 2]), iter((1,))]
for it in its:
    n = type(it).__name__
    r = []
    for m in ('__length_hint__', '__reduce__', '__setstate__', '__sizeof__'):
        r.append(hasattr(it, m))
    try:
        lh = it.__length_hint__()
    except Exception as e:
        lh = type(e).__name__
    print(n, sys.getsizeof(it), r, lh)
print(iter(range(5)).__reduce__())
print(iter(b'ab').__reduce__())
print(reversed(range(3)).__reduce__())
print(enumerate("ab", 3).__reduce__()[1][1])
print(reversed('abc').__reduce__(), reversed('abc').__length_hint__())
it = iter(range(10)); next(it); it.__setstate__(3); print(list(it))
def rt(it):
    f, a, *st = it.__reduce__()
    n = f(*a)
    if st:
        n.__setstate__(*st)
    return n
print(enumerate('ab', 3).__reduce__()[1][1], type(enumerate('ab').__reduce__()[1][0]).__name__)
z = zip('ab', [1, 2], strict=True); print(z.__reduce__()[0], len(z.__reduce__()[1]), z.__reduce__()[2:])
z = zip('ab'); print(len(z.__reduce__()), z.__setstate__(1), len(z.__reduce__()))
m = map(str, 'ab', 'cd'); r = m.__reduce__(); print(r[0], r[1][0], len(r[1]))
f = filter(None, [1]); r = f.__reduce__(); print(r[0], r[1][0], type(r[1][1]).__name__)
c = iter(lambda: 1, 1); r = c.__reduce__(); print(r[0], r[1][1], list(c), c.__reduce__())
e = enumerate('abc'); next(e); print(e.__reduce__()[1][1], list(copy.copy(e)))
print(rt((iter([1, 2, 3]))).__length_hint__())
it = iter('héllo'); next(it); print(list(rt((it))))
it = reversed({1: 2, 3: 4}); print(list(rt((it))))
it = iter(range(3, 30, 7)); next(it); c = copy.copy(it); print(list(c), list(it))
r = reversed(range(4)); next(r); print(r.__reduce__(), list(r), r.__reduce__())
print(iter(range(5)).__reduce__(), reversed('abc').__reduce__(), reversed('abc').__length_hint__())
it = iter(range(10)); next(it); it.__setstate__(3); print(list(it))
it = iter(range(2,20,3)); it.__setstate__(-4); print(it.__reduce__()); it.__setstate__(100); print(it.__reduce__(), list(it))
for a in ['x', 2**70, 1.5, True]:
    try: print(it.__setstate__(a), it.__length_hint__())
    except Exception as e: print(type(e).__name__, e)
it=reversed('abc'); next(it); print(it.__reduce__(), it.__length_hint__()); it.__setstate__(9); print(list(it), it.__reduce__(), it.__length_hint__())
it=reversed('abc'); it.__setstate__(-3); print(list(it), it.__reduce__(), it.__length_hint__())
it=iter(b'abc'); next(it); print(it.__reduce__(), it.__length_hint__()); it.__setstate__(-1); print(list(it), it.__reduce__())
ba = bytearray(b'xyz')
it = iter(ba)
print(next(it), it.__reduce__(), it.__length_hint__())
ba.append(33)
print(it.__length_hint__(), list(it), it.__reduce__(), ba)
c = copy.copy(iter([5, 6, 7]))
print(type(c).__name__, list(c), list(copy.copy(iter({1: 2}.items()))))
