# gc.get_referents (each type's traverse) against CPython 3.11: lists, tuples, cells,
# bound methods, classes, modules.
# A missing edge leaks; an extra edge frees live objects.
import gc
import sys
import types

from _referents import show as _show

G = globals()


def show(label, obj):
    _show(label, obj, G)


# list, tuple
a, b = object(), [1]
show("list", [a, b, 3, "x"])
show("tuple", (a, b, 3, "x"))
show("empty list", [])


# cell
def outer():
    x = 1

    def inner():
        return x
    return inner


c = outer().__closure__[0]
show("cell", c)
show("empty cell", types.CellType())


# bound method: the function and self
class K:
    def m(self):
        pass


k = K()
show("bound method", k.m)

# a class: dict, bases, mro, base, ...
show("class", K)


class Sub(K):
    __slots__ = ("s",)


show("class with slots", Sub)

# module: its dict
mod = types.ModuleType("m")
mod.v = 1
show("module", mod)
print("module dict is referent", gc.get_referents(mod)[0] is mod.__dict__)
show("sys module", sys)
