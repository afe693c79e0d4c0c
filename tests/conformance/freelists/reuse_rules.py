# Per-type free lists (CPython 3.11): which creations reuse a freed block,
# per type and per tuple length, and what a parked block's memory reads.
import ctypes
import gc

# floats: LIFO, the type word of a parked float links to the one parked before
a = float("1.5"); b = float("2.5"); ia, ib = id(a), id(b)
del a; del b
print("float count word", ctypes.c_long.from_address(ib).value)
print("float link", ctypes.c_long.from_address(ib + 8).value == ia)
c = float("3.5"); d = float("4.5")
print("float lifo", id(c) == ib, id(d) == ia)
del c, d

# tuples: one list per length; 20-item tuples are parked but never reused
def reuse(n):
    t = tuple(range(1000, 1000 + n)); i = id(t); del t
    u = tuple(range(2000, 2000 + n))
    return id(u) == i
print("tuple reuse", [(n, reuse(n)) for n in (1, 2, 3, 7, 19, 20, 21)])
t = tuple(range(1000, 1003)); i3 = id(t); del t
u = tuple(range(1000, 1002))
print("3-tuple block not given to a 2-tuple", id(u) == i3)
t4 = tuple(range(5000, 5004)); t4b = tuple(range(6000, 6004))
i4, i4b = id(t4), id(t4b)
del t4; del t4b
print("tuple link in item 0", ctypes.c_long.from_address(i4b + 24).value == i4)
print("tuple type word kept", ctypes.c_long.from_address(i4b + 8).value == id(tuple))
del u

# lists: displays reuse, list() calls do not
l = [1, 2]; il = id(l); del l
print("freed list count", ctypes.c_long.from_address(il).value)
m = list((3,)); print("list() reuses", id(m) == il)
n = [5]; print("display reuses", id(n) == il)
del n
o = [x for x in "ab"]; print("comprehension reuses", id(o) == il)
del m, o

# dicts: displays reuse
d = {"a": 1}; idd = id(d); del d
e = {}; print("dict display reuses", id(e) == idd)
del e

# subclasses have no free list
class F(float):
    pass
f = F(1.0); i_f = id(f); del f
g = float("7.25"); print("subclass block on float list", id(g) == i_f)
del g

# the generation-0 count: parked and reused lists are not counted
gc.collect()
gc.disable()
before = gc.get_count()[0]
for _ in range(5):
    x = []
    del x
print("count after 5 lists", gc.get_count()[0] - before)
gc.enable()
