# 3.11 split instance dicts: which dict operations keep the split table
# (size from the class's shared keys) and which make it combined, builtin
# subclasses, a full shared-keys object, and gc counts with/without __dict__.
import gc
import sys

g = sys.getsizeof


class A:
    pass


a = A()
a.x = 1
a.y = 2
d = a.__dict__
print("split", g(d), d)
c = d.copy()
print("copy", g(c), c)
del d["x"]
print("del", g(d), d)
d["x"] = 5
print("readd", g(d), d, a.x)
d[1] = 2
print("nonstr key", g(d), d)
b = A()
b.x = 1
e = b.__dict__
e.popitem()
print("popitem", g(e), e)
b2 = A()
b2.x = 1
e = b2.__dict__
e.clear()
print("clear", g(e))
e["x"] = 1
print("after clear", g(e))
b3 = A()
e = b3.__dict__
print("empty materialised", g(e), e)
b3.q = 1
print("grows shared keys", g(e), e)


class F:
    pass


f = F()
for k in range(35):
    setattr(f, "k%d" % k, k)
print("full", g(f.__dict__), len(f.__dict__))
f2 = F()
f2.k1 = 1
print("after full", g(f2.__dict__))


class S:
    pass


s = S()
s.a = 1
d = s.__dict__
d.setdefault("zz", 3)
print("setdefault", g(d), d)
d.update(w=1)
print("update", g(d), g(dict(d)))


class L(list):
    pass


class I(int):
    pass


l1 = L()
l1.a = 1
i1 = I()
i1.a = 1
l2 = L()
print("builtin subclasses", g(l1.__dict__), g(i1.__dict__), g(l2.__dict__))

gc.disable()
gc.collect()


class P:
    pass


class Q:
    pass


p = P()
q = Q()
p.other = q
q.other = p
del p, q
print("cycle, no __dict__", gc.collect())
p = P()
q = Q()
p.other = q
q.other = p
p.__dict__, q.__dict__
del p, q
print("cycle, __dict__ touched", gc.collect())
gc.enable()


# A split dict that outlives its class owns the shared keys alone: its size
# then includes the 768-byte keys object.
class G:
    pass


o = G()
o.x = 1
d = o.__dict__
print("class alive", g(d))
del G, o
gc.collect()
print("class gone", g(d), d)
