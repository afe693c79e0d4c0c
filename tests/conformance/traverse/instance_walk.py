# Class instances' traverse and clear: plain classes (static base object)
# and classes over builtins with their own references (list, dict,
# exceptions), with slots, managed values, a materialised __dict__.
import gc

gc.disable()


class Plain:
    pass


class WithSlots:
    __slots__ = ("a", "b", "__weakref__")


class L(list):
    pass


class D(dict):
    pass


class E(Exception):
    pass


class Sub(Plain):
    pass


p = Plain()
p.x = []
p.y = {}
print([type(r).__name__ for r in gc.get_referents(p)])
p.__dict__  # materialise
print([type(r).__name__ for r in gc.get_referents(p)])
w = WithSlots()
w.a = [1]
w.b = (2, [3])
print([type(r).__name__ for r in gc.get_referents(w)])
l = L([[1], {}])
l.attr = ()
print([type(r).__name__ for r in gc.get_referents(l)])
d = D(k=[1])
print([type(r).__name__ for r in gc.get_referents(d)])
e = E([1], "m")
e.note = [2]
print(sorted(type(r).__name__ for r in gc.get_referents(e)))
s = Sub()
s.z = s
print([type(r).__name__ for r in gc.get_referents(s)])
del p, w, l, d, e, s
gc.collect()

# Cycles through each kind are collected and cleared.
for make in (Plain, L, D, Sub):
    o = make()
    if isinstance(o, list):
        o.append(o)
    elif isinstance(o, dict):
        o["self"] = o
    else:
        o.me = o
    del o
    print(make.__name__, "collected", gc.collect())
w = WithSlots()
w.a = w
del w
print("WithSlots collected", gc.collect())
exc = E("boom")
exc.keep = exc
del exc
print("E collected", gc.collect())


# A finalizer sees the cleared state of its cycle partner (clear order).
class Fin:
    def __del__(self):
        print("del", type(self.other).__name__, hasattr(self.other, "other"))


a, b = Fin(), Plain()
a.other, b.other = b, a
del a, b
print("collected", gc.collect())
