# dict() allocates through the generic allocator, never from the dict free
# list (a literal does reuse the freed dict's block).
import gc

d = {"a": 1}
a = id(d)
del d
e = dict()
print(id(e) == a, gc.is_tracked(e))
del e
f = {"b": 2}
g = {}
print(id(g) == a or id(f) == a)


class D(dict):
    pass


print(gc.is_tracked(D()), gc.is_tracked(dict()))
