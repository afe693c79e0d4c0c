# 3.11 iterates ASCII strs with str_ascii_iterator and every other str with
# str_iterator: names, reprs, sizes, the pickling protocol (__reduce__,
# __setstate__, __length_hint__), items (Latin-1 singletons), and exhaustion
# (the iterator drops its reference to the string).
import sys
import gc

for s in ['', 'abc', 'été', 'x\u20ac', '\U0001f600z', 'ÿ', '\x7f']:
    it = iter(s)
    print(repr(s), type(it).__name__, sys.getsizeof(it), it.__length_hint__(),
          it.__reduce__())
    print(repr(it).split(' at ')[0], type(it).__qualname__, type(it).__module__)

ascii_t, str_t = type(iter('a')), type(iter('é'))
print(ascii_t is str_t, ascii_t.__name__, str_t.__name__)
print(iter(iter('é')) is not None, type(iter(iter('é'))) is str_t)
try:
    str_t()
except TypeError as e:
    print('TypeError', e)

it = iter('héllo wörld')
print(next(it), next(it), it.__length_hint__(), it.__reduce__()[2])
it.__setstate__(7)
print(it.__length_hint__(), list(it), it.__length_hint__(), it.__reduce__())
it = iter('héllo')
for arg in [-5, 3, 99, 2**70, 'x', 1.5, True]:
    try:
        print(arg if not isinstance(arg, int) or arg < 100 else 'big',
              it.__setstate__(arg), it.__length_hint__())
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
f, args, *state = iter('naïve').__reduce__()
it2 = f(*args)
it2.__setstate__(2)
print(f is iter, args, state, list(it2))

# Items: 1-char Latin-1 strings are shared singletons.
a, b = list('aé'), list('xé')
print(a[1] is b[1], a[0] is chr(97), list('€€')[0] is list('€€')[1])

# Exhaustion drops the string.
class S(str):
    pass
s = S('wé')
it = iter(s)
print(type(it).__name__, sys.getrefcount(s))
print(list(it), sys.getrefcount(s), it.__reduce__())
print(gc.get_referents(it) == [], next(it, 'end'))
s = S('ab')
it = iter(s)
print(type(it).__name__, len(gc.get_referents(it)), list(it), len(gc.get_referents(it)))
print(''.join(iter('ünïcödé')), [c for c in 'ab€'], tuple(iter('é')))
print(sorted(iter('zéa')), set(iter('aa')), dict.fromkeys(iter('éé')))
for t in (type(iter([])), type(iter('')), type(iter('é')), type(iter({})), type(reversed({}))):
    try:
        t()
    except TypeError as e:
        print('TypeError', e)
print(type(None)(), type(...)(), type(NotImplemented)())
for t, a in ((type(None), (1,)), (type(...), (1, 2))):
    try:
        t(*a)
    except TypeError as e:
        print('TypeError', e)
