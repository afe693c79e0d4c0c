# gc.get_referents (each type's traverse) against CPython 3.11: functions and lambdas.
# A missing edge leaks; an extra edge frees live objects.
import gc
import sys
import types

from _referents import show as _show

G = globals()


def show(label, obj):
    _show(label, obj, G)


# functions: code, globals, builtins/module, defaults, kwdefaults, doc, name, qualname, dict, closure, annotations
def outer():
    x = 1

    def inner(p: int = 5, *, q=6) -> str:
        "doc"
        return x
    return inner


f = outer()
f.attr = 1
show("function", f)


def plain():
    pass


show("plain function", plain)
show("lambda", lambda: 0)

