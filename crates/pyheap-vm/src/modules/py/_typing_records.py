"""typing.NamedTuple and typing.TypedDict (pyheap; imported by typing).

Read NamedTupleMeta and _TypedDictMeta first. Invariants:
- `class P(NamedTuple)` resolves (PEP 560) to the hidden base _NamedTuple,
  whose metaclass builds a plain tuple subclass from the annotations (so
  P.__mro__ is (P, tuple, object), as CPython);
- `class M(TypedDict)` is a dict subclass whose metaclass makes calls
  return plain dicts; instance and class checks are refused.
"""

import sys


def _caller(depth=2):
    try:
        return sys._getframe(depth).f_globals.get("__name__", "__main__")
    except (AttributeError, ValueError):
        return "__main__"


def _namedtuple(typename, field_names, defaults=(), module=None):
    fields = tuple(field_names)
    n = len(fields)
    defaults = tuple(defaults)
    field_defaults = dict(zip(fields[n - len(defaults):], defaults)) if defaults else {}

    def __new__(_cls, *args, **kwargs):
        if len(args) > n:
            takes = f"from {n + 1 - len(defaults)} to {n + 1}" if defaults else f"{n + 1}"
            raise TypeError(f"{typename}.__new__() takes {takes} positional arguments "
                            f"but {len(args) + 1} were given")
        vals = list(args)
        for name in fields[:len(args)]:
            if name in kwargs:
                raise TypeError(f"{typename}.__new__() got multiple values for argument '{name}'")
        for name in fields[len(args):]:
            if name in kwargs:
                vals.append(kwargs.pop(name))
            elif name in field_defaults:
                vals.append(field_defaults[name])
            else:
                raise TypeError(f"{typename}.__new__() missing 1 required positional "
                                f"argument: '{name}'")
        if kwargs:
            raise TypeError(f"{typename}.__new__() got an unexpected keyword argument "
                            f"'{next(iter(kwargs))}'")
        return tuple.__new__(_cls, vals)

    def __repr__(self):
        inner = ", ".join(f"{f}={v!r}" for f, v in zip(fields, self))
        return f"{self.__class__.__name__}({inner})"

    def _asdict(self):
        return dict(zip(fields, self))

    def _replace(self, **kwds):
        result = self._make([kwds.pop(f, v) for f, v in zip(fields, self)])
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    @classmethod
    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != n:
            raise TypeError(f"Expected {n} arguments, got {len(result)}")
        return result

    def __getnewargs__(self):
        return tuple(self)

    ns = {
        "__doc__": f"{typename}({', '.join(fields)})",
        "__slots__": (),
        "_fields": fields,
        "_field_defaults": field_defaults,
        "__new__": __new__,
        "_make": _make,
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
        "__match_args__": fields,
    }
    for i, name in enumerate(fields):
        ns[name] = property(lambda self, i=i: self[i], doc=f"Alias for field number {i}")
    ns["__module__"] = module if module is not None else _caller(3)
    return type(typename, (tuple,), ns)


_prohibited = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields",
                         "_field_defaults", "_make", "_replace", "_asdict", "_source"})
_special = frozenset({"__module__", "__name__", "__annotations__", "__qualname__",
                      "__orig_bases__", "__classcell__"})


class NamedTupleMeta(type):
    def __new__(cls, typename, bases, ns):
        import typing
        types = ns.get("__annotations__", {})
        default_names = []
        for field_name in types:
            if field_name in ns:
                default_names.append(field_name)
            elif default_names:
                s = "s" if len(default_names) > 1 else ""
                raise TypeError(f"Non-default namedtuple field {field_name} cannot follow "
                                f"default field{s} {', '.join(default_names)}")
        nm_tpl = _namedtuple(typename, types.keys(), [ns[n] for n in default_names],
                             ns["__module__"])
        nm_tpl.__annotations__ = {n: typing._type_check(t, "field annotation must be a type")
                                  for n, t in types.items()}
        for key in ns:
            if key in _prohibited:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            if key not in _special and key not in nm_tpl._fields:
                setattr(nm_tpl, key, ns[key])
        return nm_tpl


def NamedTuple(typename, fields=None, /, **kwargs):
    if fields is None:
        fields = kwargs.items()
    elif kwargs:
        raise TypeError("Either list of fields or keywords can be provided to NamedTuple, "
                        "not both")
    import typing
    fields = [(n, typing._type_check(t, "field annotation must be a type")) for n, t in fields]
    nt = _namedtuple(typename, [n for n, _ in fields], module=_caller())
    nt.__annotations__ = dict(fields)
    return nt


_NamedTuple = type.__new__(NamedTupleMeta, "NamedTuple", (), {})
NamedTuple.__mro_entries__ = lambda bases: (_NamedTuple,)


class _TypedDictMeta(type):
    def __new__(cls, name, bases, ns, total=True):
        import typing
        for base in bases:
            if type(base) is not _TypedDictMeta and base is not typing.Generic:
                raise TypeError("cannot inherit from both a TypedDict type "
                                "and a non-TypedDict base class")
        tp_dict = type.__new__(_TypedDictMeta, name, (dict,), ns)
        own = {n: typing._type_check(t, "TypedDict('Name', {f0: t0, f1: t1, ...}); "
                                        "Name must be a type")
               for n, t in ns.get("__annotations__", {}).items()}
        annotations = {}
        required = set()
        optional = set()
        for base in bases:
            annotations.update(base.__dict__.get("__annotations__", {}))
            required.update(base.__dict__.get("__required_keys__", ()))
            optional.update(base.__dict__.get("__optional_keys__", ()))
        annotations.update(own)
        for key, tp in own.items():
            origin = getattr(tp, "__origin__", None)
            if origin is typing.Required or (total and origin is not typing.NotRequired):
                required.add(key)
            else:
                optional.add(key)
        tp_dict.__annotations__ = annotations
        tp_dict.__required_keys__ = frozenset(required)
        tp_dict.__optional_keys__ = frozenset(optional)
        tp_dict.__total__ = total
        return tp_dict

    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)

    def __subclasscheck__(cls, other):
        raise TypeError("TypedDict does not support instance and class checks")

    __instancecheck__ = __subclasscheck__


def TypedDict(typename, fields=None, /, *, total=True, **kwargs):
    if fields is None:
        fields = kwargs
    elif kwargs:
        raise TypeError("TypedDict takes either a dict or keyword arguments, but not both")
    ns = {"__annotations__": dict(fields), "__module__": _caller()}
    return _TypedDictMeta(typename, (), ns, total=total)


_TypedDict = type.__new__(_TypedDictMeta, "TypedDict", (), {})
TypedDict.__mro_entries__ = lambda bases: (_TypedDict,)
