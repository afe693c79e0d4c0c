"""The helper functions of typing (pyheap; imported by typing): cast,
overload, final, get_origin, get_args, get_type_hints, NewType.

Read get_type_hints first: string annotations are evaluated in the globals
of the module that defines them (a class's each base in its own module).
"""

import sys
import types as _types

import typing as _t

_NoneType = type(None)


def cast(typ, val):
    return val


def _overload_dummy(*args, **kwds):
    raise NotImplementedError(
        "You should not call an overloaded function. "
        "A series of @typing.overload-decorated functions "
        "outside a stub module should always be followed "
        "by an implementation that is not @typing.overload-decorated.")


def overload(func):
    return _overload_dummy


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    try:
        arg.__no_type_check__ = True
    except TypeError:
        pass
    return arg


def assert_never(arg):
    raise AssertionError(f"Expected code to be unreachable, but got: {repr(arg)[:100]}")


def reveal_type(obj):
    print(f"Runtime type is {type(obj).__name__!r}", file=sys.stderr)
    return obj


def get_origin(tp):
    if isinstance(tp, _t._AnnotatedAlias):
        return _t.Annotated
    if isinstance(tp, (_t._Alias, _types.GenericAlias)):
        return tp.__origin__
    if tp is _t.Generic:
        return _t.Generic
    if isinstance(tp, _types.UnionType):
        return _types.UnionType
    return None


def get_args(tp):
    if isinstance(tp, _t._AnnotatedAlias):
        return (tp.__origin__,) + tp.__metadata__
    if isinstance(tp, _t._SpecialAlias):
        return ()
    if isinstance(tp, _t._CallableAlias):
        a = tp.__args__
        if a and a[0] is not ... and not isinstance(a[0], (_t.ParamSpec, _t._ConcatenateAlias)):
            return (list(a[:-1]), a[-1])
        return a
    if isinstance(tp, (_t._Alias, _types.GenericAlias, _types.UnionType)):
        return tp.__args__
    return ()


def _eval_hint(t, globalns, localns):
    if t is None:
        return _NoneType
    if isinstance(t, str):
        t = _t.ForwardRef(t)
    if isinstance(t, _t.ForwardRef):
        return t._evaluate(globalns, localns)
    return t


def _strip_annotations(t):
    if isinstance(t, _t._AnnotatedAlias):
        return _strip_annotations(t.__origin__)
    return t


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get("__annotations__", {})
            mod = sys.modules.get(base.__module__)
            g = globalns if globalns is not None else getattr(mod, "__dict__", {})
            l_ = dict(vars(base)) if localns is None else localns
            for name, value in ann.items():
                hints[name] = _eval_hint(value, g, l_)
    else:
        ann = getattr(obj, "__annotations__", None)
        if ann is None:
            if isinstance(obj, _types.ModuleType):
                ann = {}
            else:
                raise TypeError(f"{obj!r} is not a module, class, method, or function.")
        g = globalns
        if g is None:
            g = getattr(obj, "__globals__", None) or getattr(obj, "__dict__", {})
        for name, value in ann.items():
            hints[name] = _eval_hint(value, g, localns)
    if include_extras:
        return hints
    return {k: _strip_annotations(v) for k, v in hints.items()}


class NewType:
    __module__ = "typing"
    def __init__(self, name, tp):
        self.__qualname__ = name
        if "." in name:
            name = name.rpartition(".")[-1]
        self.__name__ = name
        self.__supertype__ = tp
        try:
            self.__module__ = sys._getframe(1).f_globals.get("__name__", "__main__")
        except (AttributeError, ValueError):
            pass

    def __repr__(self):
        return f"{self.__module__}.{self.__qualname__}"

    def __call__(self, x):
        return x

    def __mro_entries__(self, bases):
        raise TypeError(f"Cannot subclass an instance of NewType. Perhaps you were looking "
                        f"for: `{self.__name__} = NewType({self.__name__!r}, {self.__name__})`")

    def __or__(self, other):
        return _t.Union[self, other]

    def __ror__(self, other):
        return _t.Union[other, self]
