# reversed(dict) and reversed(dict views) are dict_reversekeyiterator /
# dict_reversevalueiterator / dict_reverseitemiterator in 3.11: names,
# reprs, sizes, order (deleted entries skipped), __length_hint__,
# __reduce__, and the size-change RuntimeError (sticky).
import sys
import gc

d = dict.fromkeys('abcdef', 0)
d.update(b=1, d=2)
del d['c']
del d['f']
d['g'] = 3
for it in (reversed(d), reversed(d.keys()), reversed(d.values()), reversed(d.items()),
           iter(d), iter(d.values()), iter(d.items())):
    print(type(it).__name__, repr(it).split(' at ')[0], sys.getsizeof(it),
          it.__length_hint__(), type(it).__module__)
    print(' ', list(it), it.__length_hint__(), it.__reduce__())

it = reversed(d.items())
print(next(it), it.__length_hint__(), it.__reduce__(), next(it))
print(list(reversed({})), list(reversed({}.items())), reversed({}).__length_hint__())

# Size change during iteration.
for make in (lambda x: reversed(x), lambda x: reversed(x.values()), lambda x: iter(x.items())):
    e = {1: 1, 2: 2, 3: 3}
    it = make(e)
    print(next(it))
    e[4] = 4
    print(it.__length_hint__())
    for _ in range(2):
        try:
            print(next(it))
        except RuntimeError as ex:
            print('RuntimeError', ex)
    del e[4]
    try:
        print(next(it))
    except RuntimeError as ex:
        print('RuntimeError', ex)

# Same size, different keys: reversed keeps walking positions.
e = {1: 1, 2: 2, 3: 3}
it = reversed(e)
print(next(it))
del e[2]
e[5] = 5
print(list(it))

# Exhaustion drops the dict; iterators are GC-tracked.
e = {'k': [1]}
it = reversed(e.values())
print(gc.is_tracked(it), len(gc.get_referents(it)), list(it), gc.get_referents(it))
print(type(reversed(d)) is type(reversed(d.keys())), type(reversed(d)) is type(iter(d)))
print(sorted(reversed({3: 0, 1: 0, 2: 0})), dict(reversed({1: 2, 3: 4}.items())))
print(tuple(reversed({'x': 1}.values())), [k for k in reversed(dict.fromkeys(range(5)))])
for o in ({1: 2}.keys(), {1: 2}.values(), {1: 2}.items()):
    print(type(o).__name__, type(o.__reversed__()).__name__)
try:
    float(reversed({1: 2}))
except TypeError as ex:
    print('TypeError', ex)
