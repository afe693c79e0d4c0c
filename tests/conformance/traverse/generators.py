# gc.get_referents (each type's traverse) against CPython 3.11: generators in each state.
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


# generator: traverses its frame (locals, the code's references live in the frame)
def gen(n):
    y = [n]
    yield y


g = gen(7)
show("generator (unstarted)", g)
next(g)
show("generator (suspended)", g)
try:
    next(g)
except StopIteration:
    pass
show("generator (finished)", g)


