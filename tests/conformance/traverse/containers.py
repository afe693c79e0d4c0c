# gc.get_referents (each type's traverse) against CPython 3.11: lists, tuples, cells,
# bound methods, classes, modules.
# A missing edge leaks; an extra edge frees live objects.
import gc
import sys
import types

G = globals()


def describe(o):
    if o is G:
        return "globals()"
    if o is None:
        return "None"
    if isinstance(o, str):
        return "str " + repr(o)
    if isinstance(o, type):
        return "type " + o.__name__
    if isinstance(o, types.CodeType):
        return "code " + o.co_name
    if isinstance(o, types.ModuleType):
        return "module " + o.__name__
    if isinstance(o, (int, float)) and not isinstance(o, bool):
        return "%s %r" % (type(o).__name__, o)
    if isinstance(o, tuple):
        return "tuple(%s)" % ", ".join(describe(x) for x in o)
    if isinstance(o, dict) and len(o) < 6:
        return "dict{%s}" % ", ".join("%s: %s" % (describe(k), describe(v)) for k, v in o.items())
    if isinstance(o, types.CellType):
        return "cell"
    return type(o).__name__


def show(label, obj):
    refs = gc.get_referents(obj)
    print(label, "->", sorted(describe(r) for r in refs))


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
