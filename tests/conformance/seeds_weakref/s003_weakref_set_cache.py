# Seed 003 (memory management notebook): a set of weak references does not
# keep the objects alive: they are freed when their names are rebound.
# Rewrite: the notebook displayed the set of dead weakrefs, whose order
# depends on addresses; this prints what each reference returns.
import weakref


class C:
    def __init__(self, x):
        self.x = x

    def __del__(self):
        print(f"Deleting object: {self}")


c1 = C(10)
c2 = C(11)
cache = set()
cache.add(weakref.ref(c1))
cache.add(weakref.ref(c2))
print(sorted(r().x for r in cache))
c1 = None
print("c1 rebound")
c2 = None
print("c2 rebound")
print(len(cache), [r() for r in cache])
print(cache.pop()() is None)
