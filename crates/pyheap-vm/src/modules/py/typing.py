"""typing (pyheap): the commonly used names of the typing module.

Read _SpecialForm, _Alias and Generic first. Invariants:
- every subscripted form is an _Alias (origin, args, display name); reprs
  follow CPython 3.11 ('typing.List[int]', 'typing.Optional[int]', '~T');
- the abstract collection classes (Iterable, Sequence, ...) are small
  structural classes of this module (pyheap has no collections.abc);
  isinstance against them checks the required methods or a fixed list of
  builtin classes;
- user generics get __parameters__ from their __orig_bases__ (PEP 560).
"""

import sys
import types as _types

TYPE_CHECKING = False
_NoneType = type(None)


def _type_repr(obj):
    if isinstance(obj, _types.GenericAlias):
        return repr(obj)
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if obj is ...:
        return "..."
    if isinstance(obj, _types.FunctionType):
        return obj.__name__
    return repr(obj)


def _type_check(arg, msg="Argument must be a type."):
    if arg is None:
        return _NoneType
    if isinstance(arg, str):
        return ForwardRef(arg)
    if isinstance(arg, _SpecialForm) and arg._name in ("ClassVar", "Final", "Generic"):
        raise TypeError(f"{arg} is not valid as type argument")
    if arg in (Generic, Protocol):
        raise TypeError(f"Plain {arg} is not valid as type argument")
    if type(arg) is tuple:
        raise TypeError(f"{msg} Got {arg!r:.100}.")
    return arg


def _collect_parameters(args):
    params = []
    for a in args:
        if isinstance(a, type):
            continue
        if isinstance(a, (TypeVar, ParamSpec)):
            if a not in params:
                params.append(a)
        else:
            for p in getattr(a, "__parameters__", ()):
                if p not in params:
                    params.append(p)
    return tuple(params)


class ForwardRef:
    def __init__(self, arg):
        if not isinstance(arg, str):
            raise TypeError(f"Forward reference must be a string -- got {arg!r}")
        self.__forward_arg__ = arg

    def _evaluate(self, globalns, localns):
        return _type_check(eval(self.__forward_arg__, globalns, localns))

    def __eq__(self, other):
        if not isinstance(other, ForwardRef):
            return NotImplemented
        return self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)

    def __repr__(self):
        return f"ForwardRef({self.__forward_arg__!r})"


class _Final:
    __slots__ = ()

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class TypeVar(_Final):
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        if len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        self.__name__ = name
        self.__constraints__ = tuple(_type_check(c) for c in constraints)
        self.__bound__ = _type_check(bound, "Bound must be a type.") if bound is not None else None
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        try:
            self.__module__ = sys._getframe(1).f_globals.get("__name__", "__main__")
        except (AttributeError, ValueError):
            pass

    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__

    def __typing_subst__(self, arg):
        return _type_check(arg, "Parameters to generic types must be types.")

    def __reduce__(self):
        return self.__name__


class _SpecialForm(_Final):
    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        if self._getitem is None:
            raise TypeError(f"{self} is not subscriptable")
        return self._getitem(self, params)

    def __call__(self, *args, **kwds):
        raise TypeError(f"Cannot instantiate {self!r}")

    def __instancecheck__(self, obj):
        raise TypeError(f"{self} cannot be used with isinstance()")

    def __subclasscheck__(self, cls):
        raise TypeError(f"{self} cannot be used with issubclass()")

    def __reduce__(self):
        return self._name

    def __mro_entries__(self, bases):
        raise TypeError(f"Cannot subclass {self!r}")


class _AnyMeta(type):
    def __instancecheck__(self, obj):
        if self is Any:
            raise TypeError("typing.Any cannot be used with isinstance()")
        return super().__instancecheck__(obj)

    def __repr__(self):
        if self is Any:
            return "typing.Any"
        return super().__repr__()


class Any(metaclass=_AnyMeta):
    """Special type indicating an unconstrained type."""


class _Alias(_Final):
    """A subscripted form: origin[args] shown as `name[args]`."""

    def __init__(self, origin, args, name=None, inst=True):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = args
        self.__parameters__ = _collect_parameters(args)
        self._name = name
        self._inst = inst

    def _args_repr(self):
        if not self.__args__:
            return "()"
        return ", ".join(_type_repr(a) for a in self.__args__)

    def __repr__(self):
        head = "typing." + self._name if self._name else _type_repr(self.__origin__)
        return f"{head}[{self._args_repr()}]"

    def __eq__(self, other):
        if not isinstance(other, _Alias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        if not self._inst:
            raise TypeError(f"Type {self._name} cannot be instantiated; "
                            f"use {self.__origin__.__name__}() instead")
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except AttributeError:
            pass
        return result

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        tvars = self.__parameters__
        if not tvars:
            raise TypeError(f"{self} is not a generic class")
        if len(params) != len(tvars):
            raise TypeError(f"Too {'many' if len(params) > len(tvars) else 'few'} arguments "
                            f"for {self}; actual {len(params)}, expected {len(tvars)}")
        subst = dict(zip(tvars, params))
        new = []
        for a in self.__args__:
            if isinstance(a, (TypeVar, ParamSpec)):
                new.append(subst[a])
            elif getattr(a, "__parameters__", None):
                sub = tuple(subst[p] for p in a.__parameters__)
                new.append(a[sub if len(sub) != 1 else sub[0]])
            else:
                new.append(a)
        return self.copy_with(tuple(new))

    def copy_with(self, args):
        return _Alias(self.__origin__, args, self._name, self._inst)

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__") or attr in ("_name", "_inst"):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)

    def __mro_entries__(self, bases):
        if self.__origin__ is Generic:
            if Protocol in bases:
                return ()
            i = bases.index(self)
            for b in bases[i + 1:]:
                if isinstance(b, _Alias) and b is not self:
                    return ()
            return (Generic,)
        if isinstance(self.__origin__, _SpecialForm):
            raise TypeError(f"Cannot subclass {self!r}")
        res = []
        if self.__origin__ not in bases:
            res.append(self.__origin__)
        i = bases.index(self)
        for b in bases[i + 1:]:
            if isinstance(b, _Alias) or (isinstance(b, type) and issubclass(b, Generic)):
                break
        else:
            res.append(Generic)
        return tuple(res)

    def __instancecheck__(self, obj):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")

    def __subclasscheck__(self, cls):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")

    def __reduce__(self):
        return operator_getitem, (self.__origin__, self.__args__)


def operator_getitem(a, b):
    return a[b]


class _SpecialAlias(_Alias):
    """A bare `typing.List`: subscripting gives `typing.List[int]`."""

    def __init__(self, origin, nparams, name, inst=True):
        super().__init__(origin, (), name, inst)
        self._nparams = nparams

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        params = tuple(_type_check(p) for p in params)
        if self._nparams >= 0 and len(params) != self._nparams:
            raise TypeError(f"Too {'many' if len(params) > self._nparams else 'few'} arguments "
                            f"for {self}; actual {len(params)}, expected {self._nparams}")
        return _Alias(self.__origin__, params, self._name, self._inst)

    def __eq__(self, other):
        if not isinstance(other, _SpecialAlias):
            return NotImplemented
        return self.__origin__ is other.__origin__ and self._name == other._name

    def __hash__(self):
        return hash((self.__origin__, self._name))

    def __instancecheck__(self, obj):
        return self.__subclasscheck__(type(obj))

    def __subclasscheck__(self, cls):
        if isinstance(cls, _SpecialAlias):
            return issubclass(cls.__origin__, self.__origin__)
        if isinstance(cls, _Alias):
            raise TypeError("Subscripted generics cannot be used with class and instance checks")
        return issubclass(cls, self.__origin__)

    def __mro_entries__(self, bases):
        return super().__mro_entries__(bases)


class _TupleAlias(_SpecialAlias):
    def __getitem__(self, params):
        if params == ():
            return _Alias(tuple, (), "Tuple")
        if not isinstance(params, tuple):
            params = (params,)
        if len(params) == 2 and params[1] is ...:
            return _Alias(tuple, (_type_check(params[0]), ...), "Tuple")
        return _Alias(tuple, tuple(_type_check(p) for p in params), "Tuple")


class _CallableAlias(_Alias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and (args[0] is ... or isinstance(args[0], (ParamSpec,
                                                                       _ConcatenateAlias))):
            return f"typing.Callable[{_type_repr(args[0])}, {_type_repr(args[1])}]"
        params = ", ".join(_type_repr(a) for a in args[:-1])
        return f"typing.Callable[[{params}], {_type_repr(args[-1])}]"

    def copy_with(self, args):
        if len(args) == 2 and isinstance(args[0], (list, tuple)):
            args = (*args[0], args[1])
        return _CallableAlias(self.__origin__, args, self._name)


class _CallableSpecial(_SpecialAlias):
    def __instancecheck__(self, obj):
        # NOTE: pyheap's builtin callables do not all list __call__.
        return isinstance(obj, self.__origin__)

    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError("Callable must be used as Callable[[arg, ...], result].")
        args, result = params
        if args is ... or isinstance(args, (ParamSpec, _ConcatenateAlias)):
            flat = (args, _type_check(result))
        elif isinstance(args, list):
            flat = tuple(_type_check(a) for a in args) + (_type_check(result),)
        else:
            raise TypeError(f"Callable[args, result]: args must be a list. Got {args!r:.100}.")
        return _CallableAlias(self.__origin__, flat, "Callable")


def _union_items(params):
    flat = []
    for p in params:
        if isinstance(p, _UnionAlias) or isinstance(p, _types.UnionType):
            flat.extend(p.__args__)
        else:
            flat.append(p)
    out = []
    for p in flat:
        if p not in out:
            out.append(p)
    return tuple(out)


class _UnionAlias(_Alias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and _NoneType in args:
            other = args[0] if args[1] is _NoneType else args[1]
            return f"typing.Optional[{_type_repr(other)}]"
        return "typing.Union[" + ", ".join(_type_repr(a) for a in args) + "]"

    def __eq__(self, other):
        if not isinstance(other, (_UnionAlias, _types.UnionType)):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def copy_with(self, args):
        return Union[args]

    def __instancecheck__(self, obj):
        return self.__subclasscheck__(type(obj))

    def __subclasscheck__(self, cls):
        return any(issubclass(cls, a) for a in self.__args__)

    def __mro_entries__(self, bases):
        raise TypeError(f"Cannot subclass {self!r}")


def _union_getitem(self, params):
    if params == ():
        raise TypeError("Cannot take a Union of no types.")
    if not isinstance(params, tuple):
        params = (params,)
    params = _union_items(tuple(_type_check(p, "Union[arg, ...]: each arg must be a type.")
                                for p in params))
    if len(params) == 1:
        return params[0]
    return _UnionAlias(Union, params)


def _optional_getitem(self, params):
    return Union[_type_check(params, f"{self} requires a single type."), None]


class _LiteralAlias(_Alias):
    def __repr__(self):
        return "typing.Literal[" + ", ".join(repr(a) for a in self.__args__) + "]"

    def __eq__(self, other):
        if not isinstance(other, _LiteralAlias):
            return NotImplemented
        return set((type(a), a) for a in self.__args__) == set((type(a), a) for a in other.__args__)

    def __hash__(self):
        return hash(frozenset((type(a), a) for a in self.__args__))


def _literal_getitem(self, params):
    if not isinstance(params, tuple):
        params = (params,)
    out = []
    for p in params:
        items = p.__args__ if isinstance(p, _LiteralAlias) else (p,)
        for x in items:
            if not any(type(x) is type(y) and x == y for y in out):
                out.append(x)
    a = _LiteralAlias(Literal, tuple(out), "Literal")
    a.__parameters__ = ()
    return a


def _single_getitem(self, params):
    return _Alias(self, (_type_check(params, f"{self} accepts only single type."),), self._name)


class _AnnotatedAlias(_Alias):
    def __init__(self, origin, metadata):
        super().__init__(origin, (origin,), None)
        self.__metadata__ = metadata

    def __repr__(self):
        meta = ", ".join(repr(m) for m in self.__metadata__)
        return f"typing.Annotated[{_type_repr(self.__origin__)}, {meta}]"

    def __eq__(self, other):
        if not isinstance(other, _AnnotatedAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__metadata__ == other.__metadata__

    def __hash__(self):
        return hash((self.__origin__, self.__metadata__))


def _annotated_getitem(self, params):
    if not isinstance(params, tuple) or len(params) < 2:
        raise TypeError("Annotated[...] should be used with at least two arguments "
                        "(a type and an annotation).")
    return _AnnotatedAlias(_type_check(params[0]), tuple(params[1:]))


class _ConcatenateAlias(_Alias):
    def copy_with(self, args):
        return _ConcatenateAlias(self.__origin__, args, self._name)


def _concatenate_getitem(self, params):
    if params == ():
        raise TypeError("Cannot take a Concatenate of no types.")
    if not isinstance(params, tuple):
        params = (params,)
    if not (isinstance(params[-1], ParamSpec) or params[-1] is ...):
        raise TypeError("The last parameter to Concatenate should be a ParamSpec variable "
                        "or ellipsis.")
    args = tuple(_type_check(p, "Concatenate[arg, ...]: each arg must be a type.")
                 for p in params[:-1]) + (params[-1],)
    return _ConcatenateAlias(self, args, "Concatenate")


Union = _SpecialForm("Union", _union_getitem)
Optional = _SpecialForm("Optional", _optional_getitem)
Literal = _SpecialForm("Literal", _literal_getitem)
ClassVar = _SpecialForm("ClassVar", _single_getitem)
Final = _SpecialForm("Final", _single_getitem)
TypeGuard = _SpecialForm("TypeGuard", _single_getitem)
Required = _SpecialForm("Required", _single_getitem)
NotRequired = _SpecialForm("NotRequired", _single_getitem)
Annotated = _SpecialForm("Annotated", _annotated_getitem)
Concatenate = _SpecialForm("Concatenate", _concatenate_getitem)
NoReturn = _SpecialForm("NoReturn")
Never = _SpecialForm("Never")
Self = _SpecialForm("Self")
TypeAlias = _SpecialForm("TypeAlias")
LiteralString = _SpecialForm("LiteralString")

import _collections_abc as _abc  # noqa: E402
from _typing_generic import (Generic, ParamSpec, ParamSpecArgs,  # noqa: E402,F401
                            ParamSpecKwargs, Protocol, runtime_checkable)


def _special(origin, nparams, name, inst=True):
    return _SpecialAlias(origin, nparams, name, inst)


List = _special(list, 1, "List", inst=False)
Dict = _special(dict, 2, "Dict", inst=False)
Set = _special(set, 1, "Set", inst=False)
FrozenSet = _special(frozenset, 1, "FrozenSet", inst=False)
Tuple = _TupleAlias(tuple, -1, "Tuple", inst=False)
Type = _special(type, 1, "Type", inst=False)
Callable = _CallableSpecial(_abc.Callable, 2, "Callable")
Hashable = _special(_abc.Hashable, 0, "Hashable")
Sized = _special(_abc.Sized, 0, "Sized")
Awaitable = _special(_abc.Awaitable, 1, "Awaitable")
Coroutine = _special(_abc.Coroutine, 3, "Coroutine")
AsyncIterable = _special(_abc.AsyncIterable, 1, "AsyncIterable")
AsyncIterator = _special(_abc.AsyncIterator, 1, "AsyncIterator")
AsyncGenerator = _special(_abc.AsyncGenerator, 2, "AsyncGenerator")
Iterable = _special(_abc.Iterable, 1, "Iterable")
Iterator = _special(_abc.Iterator, 1, "Iterator")
Reversible = _special(_abc.Reversible, 1, "Reversible")
Generator = _special(_abc.Generator, 3, "Generator")
Container = _special(_abc.Container, 1, "Container")
Collection = _special(_abc.Collection, 1, "Collection")
AbstractSet = _special(_abc.Set, 1, "AbstractSet")
MutableSet = _special(_abc.MutableSet, 1, "MutableSet")
Mapping = _special(_abc.Mapping, 2, "Mapping")
MutableMapping = _special(_abc.MutableMapping, 2, "MutableMapping")
Sequence = _special(_abc.Sequence, 1, "Sequence")
MutableSequence = _special(_abc.MutableSequence, 1, "MutableSequence")
ByteString = _special(_abc.ByteString, 0, "ByteString")
KeysView = _special(_abc.KeysView, 1, "KeysView")
ItemsView = _special(_abc.ItemsView, 2, "ItemsView")
ValuesView = _special(_abc.ValuesView, 1, "ValuesView")

def __getattr__(name):
    # The aliases of the collections classes import collections on first
    # use (as CPython's typing imports it at start, but pyheap keeps
    # `import typing` cheap).
    origins = {"Deque": ("deque", 1), "DefaultDict": ("defaultdict", 2),
               "OrderedDict": ("OrderedDict", 2), "Counter": ("Counter", 1),
               "ChainMap": ("ChainMap", 2)}
    if name not in origins:
        raise AttributeError(f"module 'typing' has no attribute '{name}'")
    import collections
    attr, n = origins[name]
    alias = _special(getattr(collections, attr), n, name)
    globals()[name] = alias
    return alias


Text = str
AnyStr = TypeVar("AnyStr", bytes, str)
AnyStr.__module__ = "typing"
T = TypeVar("T")
KT = TypeVar("KT")
VT = TypeVar("VT")
T_co = TypeVar("T_co", covariant=True)
V_co = TypeVar("V_co", covariant=True)
VT_co = TypeVar("VT_co", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)
CT_co = TypeVar("CT_co", covariant=True, bound=type)
for _tv in (T, KT, VT, T_co, V_co, VT_co, T_contra, CT_co):
    _tv.__module__ = "typing"
del _tv

from _typing_helpers import (NewType, assert_never, cast, final, get_args,  # noqa: E402,F401
                             get_origin, get_type_hints, no_type_check, overload, reveal_type)
from _typing_records import NamedTuple, TypedDict  # noqa: E402,F401

for _f in (runtime_checkable, cast, final, get_args, get_origin, get_type_hints, no_type_check,
           overload, reveal_type, assert_never, NamedTuple, TypedDict):
    _f.__module__ = "typing"
del _f
