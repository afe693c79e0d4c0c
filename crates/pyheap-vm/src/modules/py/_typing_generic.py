"""typing.Generic, typing.Protocol and typing.ParamSpec (pyheap; imported
by typing).

Read Generic.__init_subclass__ first. Invariants:
- a user generic's __parameters__ are the type variables of its
  __orig_bases__, or exactly those of its Generic[...] base when it has one
  (every other variable must be listed there);
- a protocol is a class listing Protocol among its direct bases; instance
  checks against it need @runtime_checkable and then look for every
  attribute the protocol defines.
"""

import sys

import typing as _t


class Generic:
    __module__ = "typing"
    """Base of user generic classes: `class Box(Generic[T])`."""

    __slots__ = ()
    _is_protocol = False

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        params = tuple(_t._type_check(p, "Parameters to generic types must be types.")
                       for p in params)
        if cls in (Generic, Protocol):
            if not params:
                raise TypeError(f"Parameter list to {cls.__qualname__}[...] cannot be empty")
            if not all(isinstance(p, _t.TypeVar) for p in params):
                raise TypeError(f"Parameters to {cls.__name__}[...] must all be type variables "
                                "or parameter specification variables.")
            if len(set(params)) != len(params):
                raise TypeError(f"Parameters to {cls.__name__}[...] must all be unique")
            return _t._Alias(cls, params, cls.__name__)
        tvars = cls.__dict__.get("__parameters__", ())
        if len(params) != len(tvars):
            raise TypeError(f"Too {'many' if len(params) > len(tvars) else 'few'} arguments "
                            f"for {cls}; actual {len(params)}, expected {len(tvars)}")
        return _t._Alias(cls, params)

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        if "__orig_bases__" in cls.__dict__:
            error = Generic in cls.__orig_bases__
        else:
            error = Generic in cls.__bases__ and cls.__name__ != "Protocol"
        if error:
            raise TypeError("Cannot inherit from plain Generic")
        orig = cls.__dict__.get("__orig_bases__")
        if orig is None:
            cls.__parameters__ = ()
            return
        tvars = _t._collect_parameters(orig)
        gvars = None
        for b in orig:
            if isinstance(b, _t._Alias) and b.__origin__ in (Generic, Protocol):
                if gvars is not None:
                    raise TypeError("Cannot inherit from Generic[...] multiple times.")
                gvars = b.__parameters__
        if gvars is not None:
            missing = [t for t in tvars if t not in gvars]
            if missing:
                s_vars = ", ".join(str(t) for t in missing)
                s_args = ", ".join(str(g) for g in gvars)
                raise TypeError(f"Some type variables ({s_vars}) are not listed in "
                                f"Generic[{s_args}]")
            tvars = gvars
        cls.__parameters__ = tuple(tvars)


Generic.__parameters__ = ()


def _protocol_attrs(cls):
    attrs = set()
    for base in cls.__mro__[:-1]:
        if base.__name__ in ("Protocol", "Generic"):
            continue
        for attr in list(base.__dict__.keys()) + list(base.__dict__.get("__annotations__", {})):
            if not attr.startswith("_abc_") and attr not in (
                    "__abstractmethods__", "__annotations__", "__weakref__", "_is_protocol",
                    "_is_runtime_protocol", "__dict__", "__args__", "__slots__", "__next_in_mro__",
                    "__parameters__", "__origin__", "__orig_bases__", "__extra__", "__tree_hash__",
                    "__doc__", "__subclasshook__", "__init__", "__new__", "__module__",
                    "_MutableMapping__marker", "__qualname__", "__init_subclass__",
                    "__class_getitem__"):
                attrs.add(attr)
    return attrs


class _ProtocolMeta(type):
    __module__ = "typing"
    def __instancecheck__(cls, instance):
        if not cls.__dict__.get("_is_protocol", False):
            return type.__instancecheck__(cls, instance)
        if not cls.__dict__.get("_is_runtime_protocol", False):
            raise TypeError("Instance and class checks can only be used with"
                            " @runtime_checkable protocols")
        if type.__instancecheck__(cls, instance):
            return True
        for attr in _protocol_attrs(cls):
            if not hasattr(instance, attr):
                return False
            val = getattr(instance, attr)
            if val is None and callable(getattr(cls, attr, None)):
                return False
        return True

    def __subclasscheck__(cls, other):
        if not cls.__dict__.get("_is_protocol", False):
            return type.__subclasscheck__(cls, other)
        if not cls.__dict__.get("_is_runtime_protocol", False):
            raise TypeError("Instance and class checks can only be used with"
                            " @runtime_checkable protocols")
        if type.__subclasscheck__(cls, other):
            return True
        return all(any(a in b.__dict__ for b in other.__mro__) for a in _protocol_attrs(cls))


class Protocol(Generic, metaclass=_ProtocolMeta):
    __module__ = "typing"
    """Base of structural types: `class Closable(Protocol)`."""

    __slots__ = ()
    _is_protocol = True
    _is_runtime_protocol = False

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        if not cls.__dict__.get("_is_protocol", False):
            cls._is_protocol = any(b is Protocol for b in cls.__bases__)
        if not cls.__dict__.get("_is_runtime_protocol", False):
            cls._is_runtime_protocol = False


def runtime_checkable(cls):
    if not (isinstance(cls, type) and issubclass(cls, Generic) and cls._is_protocol):
        raise TypeError("@runtime_checkable can be only applied to protocol classes,"
                        f" got {cls!r}")
    cls._is_runtime_protocol = True
    return cls


class ParamSpecArgs(_t._Final):
    __module__ = "typing"

    def __init__(self, origin):
        self.__origin__ = origin

    def __repr__(self):
        return f"{self.__origin__.__name__}.args"

    def __eq__(self, other):
        if not isinstance(other, ParamSpecArgs):
            return NotImplemented
        return self.__origin__ == other.__origin__


class ParamSpecKwargs(_t._Final):
    __module__ = "typing"

    def __init__(self, origin):
        self.__origin__ = origin

    def __repr__(self):
        return f"{self.__origin__.__name__}.kwargs"

    def __eq__(self, other):
        if not isinstance(other, ParamSpecKwargs):
            return NotImplemented
        return self.__origin__ == other.__origin__


class ParamSpec(_t._Final):
    """A parameter list variable: `Callable[P, T]`, `*args: P.args`."""

    __module__ = "typing"

    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__bound__ = None if bound is None else _t._type_check(bound, "Bound must be a type.")
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        try:
            self.__module__ = sys._getframe(1).f_globals.get("__name__", "__main__")
        except (AttributeError, ValueError):
            pass

    @property
    def args(self):
        return ParamSpecArgs(self)

    @property
    def kwargs(self):
        return ParamSpecKwargs(self)

    __repr__ = _t.TypeVar.__repr__

    def __typing_subst__(self, arg):
        if isinstance(arg, (list, tuple)):
            return tuple(_t._type_check(a) for a in arg)
        if arg is ... or isinstance(arg, (ParamSpec, _t._ConcatenateAlias)):
            return arg
        raise TypeError("Expected a list of types, an ellipsis, ParamSpec, or Concatenate. "
                        f"Got {arg!r}")
