# gc.get_referents of dicts, sets, frozensets and instances: exactly the
# references each object owns, in CPython's traverse order.
import gc

L1, L2, L3 = [1], [2], [3]
T = (4, 5)
d = {"a": L1, "b": L2, "c": 7}
print(gc.get_referents(d))
g = {1: L1, T: L2, "s": L3}
print(gc.get_referents(g))
del g[1]
print(gc.get_referents(g))
print(gc.get_referents({}), gc.get_referents(set()))
s = {T, "x", 3}
print(sorted(map(repr, gc.get_referents(s))))
f = frozenset([T, (6,)])
print(sorted(map(repr, gc.get_referents(f))))


class A:
    pass


o = A()
o.x = L1
o.y = "str"
r = gc.get_referents(o)
print([x for x in r if x is not A], A in r)
o.__dict__
r = gc.get_referents(o)
print([x for x in r if x is not A], A in r)


class S:
    __slots__ = ("p", "q")


z = S()
z.p = L2
r = gc.get_referents(z)
print([x for x in r if x is not S], S in r)


class DD(dict):
    pass


dd = DD(k=L3)
dd.attr = L1
r = gc.get_referents(dd)
print([x for x in r if x is not DD], DD in r)

# A cycle through a dict and a set is collected; live ones are not.
x = {}
x["self"] = x
y = set()
n = A()
n.s = y
y.add(n)
del x, y, n
print(gc.collect())
keep = {"k": [1, 2]}
gc.collect()
print(keep)
