"""Helper of the traverse cases (not a case itself): prints gc.get_referents(obj)
as sorted, address-free descriptions, so each type's traverse can be compared
with CPython's."""
import gc
import types


def describe(o, g):
    if o is g:
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
        return "tuple(%s)" % ", ".join(describe(x, g) for x in o)
    if isinstance(o, dict) and len(o) < 6:
        return "dict{%s}" % ", ".join("%s: %s" % (describe(k, g), describe(v, g)) for k, v in o.items())
    if isinstance(o, types.CellType):
        return "cell"
    return type(o).__name__


def show(label, obj, g):
    """Print obj's referents; `g` is the calling case's globals()."""
    refs = gc.get_referents(obj)
    print(label, "->", sorted(describe(r, g) for r in refs))
