# Refcounts seen inside special methods that still differ from CPython 3.11
# (listed in known_gaps.toml): each line prints what sys.getrefcount sees in a
# Python-level dunder called by the interpreter or a builtin.
import functools
import sys

rc = sys.getrefcount


class V:
    def __eq__(self, o):
        print("eq", rc(self), rc(o))
        return False

    def __ne__(self, o):
        print("ne", rc(self), rc(o))
        return True

    def __lt__(self, o):
        print("lt", rc(self), rc(o))
        return False

    def __hash__(self):
        print("hash", rc(self))
        return 1

    def f(self, x):
        print("f", rc(x))


class D:
    def __get__(self, o, t):
        print("get", rc(t))
        return 1


class H:
    d = D()


def vf(*a, **k):
    print("vf", [rc(x) for x in a], [rc(x) for x in k.values()])


v, w = V(), V()
v in (w,)
(w,) == (v,)
v in [w]
v != w
min(v, w)
H().d
vf(*[object()], **{"k": object()})
functools.partial(v.f)(object())
d = {}
d.__setitem__(v, 1)
