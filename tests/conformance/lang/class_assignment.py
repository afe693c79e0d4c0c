# __class__ assignment: CPython 3.11's compatibility rules and messages.
import sys

ModuleType = type(sys)


def attempt(obj, cls):
    try:
        obj.__class__ = cls
        print("ok", type(obj).__name__)
    except TypeError as e:
        print("TypeError:", e)


class A:
    def hello(self):
        return "A.hello " + str(self.x)


class B:
    def hello(self):
        return "B.hello " + str(self.x)


class C(A):
    pass


a = A()
a.x = 1
a.y = 2
rb, ra = sys.getrefcount(B), sys.getrefcount(A)
attempt(a, B)
print(a.hello(), a.y, isinstance(a, B), isinstance(a, A))
print(sys.getrefcount(B) - rb, sys.getrefcount(A) - ra)
print(vars(a))
a.z = 3
print(sorted(vars(a)))
attempt(a, C)
print(a.hello(), type(a).__mro__[1].__name__)
attempt(a, A)

# argument errors
attempt(a, 5)
attempt(a, "A")
try:
    del a.__class__
except TypeError as e:
    print("TypeError:", e)

# immutable (builtin) types
attempt(a, int)
attempt(a, object)
attempt(object(), A)
attempt(1, A)
attempt([], A)


class L(list):
    pass


class L2(list):
    pass


lst = L([1, 2])
attempt(lst, L2)
print(lst, type(lst).__name__)
attempt(lst, list)
attempt(lst, A)


class D(dict):
    pass


attempt(D(), L)


# __slots__ differences
class S1:
    __slots__ = ("a", "b")


class S2:
    __slots__ = ("b", "a")


class S3:
    __slots__ = ("a", "c")


class S4:
    __slots__ = ("a",)


class S5:
    __slots__ = ("a", "b", "__weakref__")


class S6:
    __slots__ = ("a", "b", "__dict__")


class E1:
    __slots__ = ()


class E2:
    __slots__ = ()


s = S1()
s.a, s.b = 10, 20
attempt(s, S2)
print(s.a, s.b)
attempt(s, S3)
attempt(s, S4)
attempt(s, S5)
attempt(s, S6)
attempt(s, A)
attempt(A(), S1)
attempt(E1(), E2)
attempt(E1(), A)


class W:
    __slots__ = ("__weakref__",)


class W2:
    __slots__ = ("__weakref__",)


attempt(W(), W2)
attempt(W(), A)


class P:
    __slots__ = ("x",)


class Q(P):
    pass


class R(P):
    pass


q = Q()
q.x = 5
q.extra = 6
attempt(q, R)
print(q.x, q.extra, type(q).__name__)
attempt(q, P)


# dict vs no dict
class ND(S4):
    __slots__ = ()


attempt(S4(), ND)


# exceptions
class E(Exception):
    pass


class F(Exception):
    pass


e = E("msg")
attempt(e, F)
print(repr(e))
attempt(e, ValueError)


# modules
class MyModule(ModuleType):
    def hi(self):
        return "hi from " + self.__name__


m = ModuleType("mm")
attempt(m, MyModule)
print(m.hi())
attempt(m, ModuleType)
attempt(m, A)
mod = sys.modules[__name__]
attempt(mod, MyModule)
print(mod.hi())
