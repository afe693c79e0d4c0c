# Instances of subclasses of int, str, float, complex, bytes and tuple are
# GC-tracked objects in CPython 3.11 (the subclass adds a __dict__, so its
# instances can be in cycles); exact instances are not (tuples are tracked
# until a collection finds only untracked items). Cycles through such an
# instance's __dict__ are collected, with CPython's counts.
import enum
import gc


class I(int):
    pass


class S(str):
    pass


class F(float):
    pass


class C(complex):
    pass


class B(bytes):
    pass


class T(tuple):
    pass


class ISlots(int):
    __slots__ = ()


for cls, v in ((I, 5), (S, "x"), (F, 1.5), (C, 2j), (B, b"xy"), (T, (1,)), (ISlots, 7)):
    o = cls(v)
    print(cls.__name__, type(o).__name__, gc.is_tracked(o), o == v)
print("exact:", [gc.is_tracked(x) for x in (int("5"), str(5), float("1.5"), complex(1, 2), bytes(3))])

gc.collect()
i = I(7)
i.me = i
i.d = {"x": i}
del i
print("int subclass cycle:", gc.collect())

s = S("abc")
s.extra = [s]
del s
print("str subclass cycle:", gc.collect())

f = F(2.5)
f.self = f
del f
print("float subclass cycle:", gc.collect())

b = B(b"abc")
b.l = [b]
del b
print("bytes subclass cycle:", gc.collect())


class Holder(int):
    pass


Holder.default = Holder(3)  # a cycle through the class
gc.collect()  # untracks Holder.__bases__ (only static types in it)
del Holder
print("class holding its own instance:", gc.collect())


class A:
    pass


gc.collect()
print("__bases__ of static types untracked:", gc.is_tracked(A.__bases__), gc.is_tracked((int, str)))
del A
print("plain class:", gc.collect())


class Color(enum.IntEnum):
    RED = 1
    GREEN = 2


class Mode(enum.StrEnum):
    R = "r"


print(Color.RED + 1, Mode.R.upper(), gc.is_tracked(Color.RED), gc.is_tracked(Mode.R))
del Color, Mode
print("enums collected:", gc.collect() > 0)
