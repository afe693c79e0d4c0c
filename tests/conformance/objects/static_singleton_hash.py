# The static singletons' pointer hashes: CPython 3.11 hashes None,
# NotImplemented and Ellipsis by address (_Py_HashPointer), and they live at
# fixed offsets within a page, so small sets holding them order the same way
# in every run (as long as no collision needs the address's high bits).
# True/False hash as the ints 1/0.
import sys

for o in (None, NotImplemented, Ellipsis, True, False):
    print(repr(o), hash(o) % 256, id(o) % 4096, hash(o) == hash(o), sys.getsizeof(o))
print(hash(None) == id(None) >> 4, hash(...) == id(...) >> 4)
print({None, "quote's", 3.14159})
print({None, 1, 2, 3}, {True, None, 'a'}, {False, None, 0.5})
print({None, NotImplemented}, {NotImplemented, ...}, {..., 1, 2})
print({NotImplemented, 7, 'x', None, b'y'})
print({v for v in range(0, 256, 8)} | {None, ...})
print(set(range(40)) | {None, NotImplemented, 'spam'})
print(set(range(10)) | {NotImplemented, Ellipsis})
print(frozenset({None, 'a', 'b', 'c'}))
d = {None: 1, 2: 2, 'k': 4}
print(d, list(d.keys()), set(d))
print(hash((None, 1)) == hash((None, 1)), {None} == {None}, None in {None: 0})
s = {None, 1, 'a'}
s.discard(None)
s.add(NotImplemented)
s.add(None)
print(s)
print({None, 3} & {3, None, 4}, {None, 5} ^ {5, NotImplemented})
