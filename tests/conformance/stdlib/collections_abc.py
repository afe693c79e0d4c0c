from collections.abc import *
import collections.abc as cabc
print(Iterable, Mapping.__module__)
for obj in [1, 'a', [1], (1,), {1: 2}, {1}, frozenset(), range(3), iter([]), (x for x in ()), len, None, b'x', bytearray()]:
    print(type(obj).__name__, [c.__name__ for c in (Hashable, Iterable, Iterator, Reversible, Generator, Sized, Container, Callable, Collection, Sequence, MutableSequence, Set, MutableSet, Mapping, MutableMapping, KeysView, ByteString) if isinstance(obj, c)])
print(isinstance({}.keys(), KeysView), isinstance({}.keys(), Set), isinstance({}.items(), ItemsView), isinstance({}.values(), ValuesView))
class M(Mapping):
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __len__(self): return len(self.d)
    def __iter__(self): return iter(self.d)
m = M({'a': 1, 'b': 2})
print(m.get('a'), m.get('z', 0), 'a' in m, list(m.keys()), list(m.items()), list(m.values()), m == {'a': 1, 'b': 2})
print(m.keys(), m.keys() & {'a'}, isinstance(m, Mapping), isinstance(m, MutableMapping))
class S(Sequence):
    def __getitem__(self, i): return [10, 20, 30][i]
    def __len__(self): return 3
s = S(); print(list(s), 20 in s, s.index(30), s.count(10), list(reversed(s)))
try:
    s.index(99)
except ValueError as e: print('ValueError', repr(e))
try:
    Sequence()
except TypeError as e: print('TypeError', e)
class MS(MutableSequence):
    def __init__(self): self.l = []
    def __getitem__(self, i): return self.l[i]
    def __setitem__(self, i, v): self.l[i] = v
    def __delitem__(self, i): del self.l[i]
    def __len__(self): return len(self.l)
    def insert(self, i, v): self.l.insert(i, v)
ms = MS(); ms.append(1); ms.extend([2, 3]); ms += [4]; ms.reverse(); print(ms.l, ms.pop(), ms.l); ms.remove(3); print(ms.l)
class MM(MutableMapping):
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = v
    def __delitem__(self, k): del self.d[k]
    def __len__(self): return len(self.d)
    def __iter__(self): return iter(self.d)
mm = MM(); mm.update({'x': 1}, y=2); print(mm.setdefault('z', 3), mm.pop('x'), mm.popitem(), dict(mm))
print(issubclass(list, Sequence), issubclass(dict, Mapping), issubclass(str, MutableSequence))
class It:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
print(isinstance(It(), Iterator), issubclass(It, Iterable), isinstance(It(), Sized))
class NoHash:
    __hash__ = None
print(isinstance(NoHash(), Hashable), isinstance([], Hashable))
