# The collector walks exact tuples' items itself (no traverse call): cycles
# through tuples, untracking rules, tuple subclasses, get_referents order.
import gc

gc.disable()


class Node:
    pass


# A cycle through a tuple is collected; a tuple holding a live object is not.
n = Node()
n.t = (n, 1, "x")
del n
print("collected", gc.collect())
keep = Node()
t = (keep, None)
print("collected", gc.collect(), gc.is_tracked(t))

# Cycle through two tuples and a list.
lst = []
a = (lst, 1)
b = (a, 2)
lst.append(b)
del a, b, lst
print("collected", gc.collect())

# Untracking: atomic items, static types, heap types, nested tuples.
class C:
    pass


cases = {
    "ints": tuple([1, 2, 3]),
    "static_types": tuple([int, str]),
    "heap_type": tuple([C, 1]),
    "list_item": tuple([[], 1]),
    "empty_slots": tuple([None, None]),
    "func": tuple([len, 1]),
}
gc.collect(0)
for k, v in cases.items():
    print(k, gc.is_tracked(v))

# Nested: the inner tuple is untracked first only when it comes first.
inner = tuple([1, 2])
outer = tuple([inner, 3])
gc.collect(0)
print("nested", gc.is_tracked(inner), gc.is_tracked(outer))
gc.collect(0)
print("nested again", gc.is_tracked(inner), gc.is_tracked(outer))

# A tuple subclass is never untracked by a collection.
class T(tuple):
    pass


s = T([1, 2])
gc.collect()
print("subclass", gc.is_tracked(s))

# get_referents order and contents.
x, y, z = [], {}, Node()
print([type(r).__name__ for r in gc.get_referents((x, 1, y, None, z))])
print(gc.get_referents((x, y))[0] is x)

# A finalizer resurrecting through a tuple.
saved = []


class R:
    def __del__(self):
        saved.append(self.t)


r = R()
r.t = (r, "alive")
del r
print("collected", gc.collect(), len(saved), saved[0][1])
saved.clear()
print("collected", gc.collect())
print("garbage", gc.garbage)
