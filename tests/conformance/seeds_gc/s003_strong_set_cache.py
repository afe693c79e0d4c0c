# Seed 003 (memory management notebook): a set cache keeps objects alive
# after their names are rebound; gc.collect() does not free them.
# Rewrite: the notebook displayed the set, whose order depends on addresses;
# this prints the sorted payloads. The cache is then emptied in a fixed order
# so the __del__ messages come out in a deterministic order.
import gc


class C:
    def __init__(self, x):
        self.x = x

    def __del__(self):
        print(f"Deleting object: {self}")


cache = set()
c1 = C(10)
c2 = C(11)
print(c1)
print(c2)
cache.add(c1)
cache.add(c2)
c1 = None
c2 = None
print(len(cache), sorted(o.x for o in cache))
gc.collect()
print(len(cache), sorted(o.x for o in cache))
while cache:
    cache.remove(min(cache, key=lambda o: o.x))
print("cache empty")
