# Attribute lookups stay correct while classes change under them (the type
# attribute cache must notice every change of where a name is found).
import sys
import gc
import weakref


class Base:
    x = 1

    def m(self):
        return "Base.m"


class Mid(Base):
    pass


class Leaf(Mid):
    pass


o = Leaf()


def read():
    return o.x, o.m()


# warm the cache, then reassign a class attribute
for _ in range(3):
    print(read())
Base.x = 2
print(read())
# a method added to a middle class after lookups shadows the base's
Mid.m = lambda self: "Mid.m"
print(read())
Mid.x = 3
print(read())
# deleting class attributes falls back to the base again
del Mid.m
print(read())
del Mid.x
print(read())
# instance attributes shadow non-data descriptors and class attributes
o.x = 10
print(read())
o.m = lambda: "inst.m"
print(read())
del o.m, o.x
print(read())
# a data descriptor added later wins over the instance dict


class P:
    def __get__(self, obj, ty):
        return "P.__get__"

    def __set__(self, obj, v):
        pass


o.y = "inst.y"
print(o.y)
Leaf.y = P()
print(o.y)
del Leaf.y
print(o.y)
# setattr/delattr with computed names, getattr with non-interned names
name = "".join(["dyn", "amic"])
setattr(Base, name, "dyn-1")
print(getattr(o, "dyn" + "amic"), o.dynamic)
delattr(Base, name)
print(hasattr(o, "dynamic"))
# __getattr__ added after a failing lookup


def ga(self, n):
    return "ga:" + n


print(hasattr(o, "nothing"))
Base.__getattr__ = ga
print(o.nothing)
del Base.__getattr__
print(hasattr(o, "nothing"))
# __getattribute__ added later
Mid.__getattribute__ = lambda self, n: "gattr:" + n
print(o.x, o.anything)
del Mid.__getattribute__
print(o.x)
# class-level lookups (type_getattr) and metaclass attributes


class Meta(type):
    tag = "meta"


class K(metaclass=Meta):
    pass


print(K.tag)
K.tag = "own"
print(K.tag)
del K.tag
print(K.tag)
Meta.tag = "meta2"
print(K.tag)
# the cache must not keep class attributes alive


class Gone:
    def f(self):
        return 1


g = Gone()
for _ in range(3):
    g.f()
r = weakref.ref(Gone.__dict__["f"])
del g, Gone
gc.collect()
print(r() is None)
# refcounts of class attributes are unchanged by cached lookups


class RC:
    def f(self):
        pass


rc = RC()
before = sys.getrefcount(RC.__dict__["f"])
for _ in range(5):
    rc.f()
    RC.f
print(sys.getrefcount(RC.__dict__["f"]) - before)
# many classes with the same attribute names (entries collide)
classes = [type("C%d" % i, (), {"v": i}) for i in range(200)]
print(sum(c().v for c in classes))
for c in classes[::2]:
    c.v = -1
print(sum(c().v for c in classes))
# builtin methods looked up through the cache
lst = [3, 1, 2]
lst.sort()
print(lst, "abc".upper(), {1: 2}.get(1))
