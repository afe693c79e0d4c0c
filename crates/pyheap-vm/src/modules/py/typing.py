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
        if isinstance(a, TypeVar):
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
            if isinstance(a, TypeVar):
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
        if len(args) == 2 and args[0] is ...:
            return f"typing.Callable[..., {_type_repr(args[1])}]"
        params = ", ".join(_type_repr(a) for a in args[:-1])
        return f"typing.Callable[[{params}], {_type_repr(args[-1])}]"

    def copy_with(self, args):
        return _CallableAlias(self.__origin__, args, self._name)


class _CallableSpecial(_SpecialAlias):
    def __instancecheck__(self, obj):
        # NOTE: pyheap's builtin callables do not all list __call__.
        return isinstance(obj, self.__origin__)

    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError("Callable must be used as Callable[[arg, ...], result].")
        args, result = params
        if args is ...:
            flat = (..., _type_check(result))
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


Union = _SpecialForm("Union", _union_getitem)
Optional = _SpecialForm("Optional", _optional_getitem)
Literal = _SpecialForm("Literal", _literal_getitem)
ClassVar = _SpecialForm("ClassVar", _single_getitem)
Final = _SpecialForm("Final", _single_getitem)
TypeGuard = _SpecialForm("TypeGuard", _single_getitem)
Required = _SpecialForm("Required", _single_getitem)
NotRequired = _SpecialForm("NotRequired", _single_getitem)
Annotated = _SpecialForm("Annotated", _annotated_getitem)
NoReturn = _SpecialForm("NoReturn")
Never = _SpecialForm("Never")
Self = _SpecialForm("Self")
TypeAlias = _SpecialForm("TypeAlias")
LiteralString = _SpecialForm("LiteralString")

import _collections_abc as _abc  # noqa: E402


class Generic:
    """Base of user generic classes: `class Box(Generic[T])`."""

    __slots__ = ()
    _is_protocol = False

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        params = tuple(_type_check(p, "Parameters to generic types must be types.")
                       for p in params)
        if cls in (Generic, Protocol):
            if not params:
                raise TypeError(f"Parameter list to {cls.__qualname__}[...] cannot be empty")
            if not all(isinstance(p, TypeVar) for p in params):
                raise TypeError(f"Parameters to {cls.__name__}[...] must all be type variables "
                                "or parameter specification variables.")
            if len(set(params)) != len(params):
                raise TypeError(f"Parameters to {cls.__name__}[...] must all be unique")
            return _Alias(cls, params, cls.__name__)
        tvars = cls.__dict__.get("__parameters__", ())
        if len(params) != len(tvars):
            raise TypeError(f"Too {'many' if len(params) > len(tvars) else 'few'} arguments "
                            f"for {cls}; actual {len(params)}, expected {len(tvars)}")
        return _Alias(cls, params)

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
        tvars = _collect_parameters(orig)
        gvars = None
        for b in orig:
            if isinstance(b, _Alias) and b.__origin__ in (Generic, Protocol):
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
    if isinstance(tp, _AnnotatedAlias):
        return Annotated
    if isinstance(tp, (_Alias, _types.GenericAlias)):
        if isinstance(tp, _SpecialAlias):
            return tp.__origin__
        return tp.__origin__
    if tp is Generic:
        return Generic
    if isinstance(tp, _types.UnionType):
        return _types.UnionType
    return None


def get_args(tp):
    if isinstance(tp, _AnnotatedAlias):
        return (tp.__origin__,) + tp.__metadata__
    if isinstance(tp, _SpecialAlias):
        return ()
    if isinstance(tp, _CallableAlias):
        a = tp.__args__
        if a and a[0] is not ...:
            return (list(a[:-1]), a[-1])
        return a
    if isinstance(tp, (_Alias, _types.GenericAlias, _types.UnionType)):
        return tp.__args__
    return ()


def _eval_hint(t, globalns, localns):
    if t is None:
        return _NoneType
    if isinstance(t, str):
        t = ForwardRef(t)
    if isinstance(t, ForwardRef):
        return t._evaluate(globalns, localns)
    return t


def _strip_annotations(t):
    if isinstance(t, _AnnotatedAlias):
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
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


from _typing_records import NamedTuple, TypedDict  # noqa: E402,F401
