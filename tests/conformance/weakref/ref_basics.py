# weakref.ref: sharing, __callback__, equality and hashing, repr shape,
# subclasses, unsupported types and sizes.
import sys
import weakref


class A:
    pass


a = A()
r = weakref.ref(a)
print(r() is a, weakref.ref(a) is r, r.__callback__)
cb = lambda w: print("callback", w is r2)
r2 = weakref.ref(a, cb)
print(r2 is not r, r2.__callback__ is cb, r2 == r, hash(r2) == hash(a))
print(repr(r).startswith("<weakref at 0x"), "to 'A' at" in repr(r))
print(sys.getsizeof(r), weakref.ref.__basicsize__, type(r).__name__)


class MyRef(weakref.ref):
    def __new__(cls, ob, callback=None, tag=None):
        return super().__new__(cls, ob, callback)

    def __init__(self, ob, callback=None, tag=None):
        super().__init__(ob, callback)
        self.tag = tag


m = MyRef(a, None, "t")
print(m() is a, m.tag, m is not r, isinstance(m, weakref.ref))
print([type(x).__name__ for x in weakref.getweakrefs(a)])
h = hash(r)
del a
print(r(), r2(), m(), hash(r) == h)
print(repr(r).endswith("; dead>"))
for obj in ([], {}, 1, "s", (1,), None):
    try:
        weakref.ref(obj)
    except TypeError as e:
        print(e)
d = A()
r3 = weakref.ref(d)
try:
    del d
    hash(r3)
except TypeError as e:
    print(e)
