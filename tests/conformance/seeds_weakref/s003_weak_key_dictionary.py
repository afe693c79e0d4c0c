# Seed 003 (memory management notebook): WeakKeyDictionary entries vanish
# with their keys.
# Rewrite: the notebook printed hash(c1) values (derived from raw addresses,
# not normalised); this prints whether each value equals its key's hash.
import weakref


class C:
    def __init__(self, x):
        self.x = x

    def __del__(self):
        print(f"Deleting object: {self}")


c1 = C(10)
c2 = C(11)
cache = weakref.WeakKeyDictionary()
cache[c1] = hash(c1)
cache[c2] = hash(c2)
print([(k, v == hash(k)) for k, v in cache.items()])
print(len(cache))
c1 = None
c2 = None
print(list(cache.items()))
print(len(cache))
