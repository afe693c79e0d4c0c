"""A small pure-Python `typing`: enough for annotations in ordinary
programs to evaluate and print as in CPython (no static checking).

Read `_GenericAlias` first: `List[int]` and friends are aliases that
remember `__origin__`/`__args__`, print as `typing.List[int]`, call their
origin, and stand in for the origin as a base class (`__mro_entries__`).
Special forms (Union, Optional, Literal, ClassVar, Final...) are
`_SpecialForm` instances whose `[...]` builds an alias.
"""

import collections.abc as _abc
import collections as _collections
import sys as _sys

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return '%s.%s' % (obj.__module__, obj.__qualname__)
    if obj is ...:
        return '...'
    if obj is None or obj is type(None):
        return 'None'
    return repr(obj)


class _Final:
    __slots__ = ('__weakref__',)


class _SpecialForm(_Final):
    __slots__ = ('_name', '_getitem', '__doc__')

    def __init__(self, name, getitem):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        return self._getitem(self, params)

    def __call__(self, *args, **kwds):
        raise TypeError('Cannot instantiate %r' % self)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError('%s cannot be used with isinstance()' % self)

    def __subclasscheck__(self, cls):
        raise TypeError('%s cannot be used with issubclass()' % self)

    def __reduce__(self):
        return self._name


class _AnyMeta(type):
    def __repr__(self):
        return 'typing.Any'

    def __instancecheck__(self, obj):
        raise TypeError('typing.Any cannot be used with isinstance()')


class Any(metaclass=_AnyMeta):
    pass


class _GenericAlias(_Final):
    __slots__ = ('__origin__', '__args__', '_name', '__parameters__')

    def __init__(self, origin, args, name=None):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = args
        self._name = name
        self.__parameters__ = tuple(a for a in args if isinstance(a, TypeVar))

    def __repr__(self):
        if self._name == 'Optional':
            return 'typing.Optional[%s]' % _type_repr(self.__args__[0])
        name = ('typing.' + self._name) if self._name else \
            _type_repr(self.__origin__)
        if self.__args__ == ((),):
            return name + '[()]'
        if self._name == 'Callable' and self.__args__[0] is not ...:
            return '%s[[%s], %s]' % (name, ', '.join(
                _type_repr(a) for a in self.__args__[:-1]),
                _type_repr(self.__args__[-1]))
        return '%s[%s]' % (name, ', '.join(_type_repr(a)
                                           for a in self.__args__))

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        if self.__origin__ is Union and other.__origin__ is Union:
            return set(self.__args__) == set(other.__args__)
        return (self.__origin__ == other.__origin__
                and self.__args__ == other.__args__)

    def __hash__(self):
        if self.__origin__ is Union:
            return hash(frozenset(self.__args__))
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        if self._name in ('Union', 'Optional', 'Literal'):
            raise TypeError('Cannot instantiate %r' % self)
        _check_inst(self)
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except AttributeError:
            pass
        return result

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        subst = dict(zip(self.__parameters__, params))
        return _GenericAlias(self.__origin__,
                             tuple(subst.get(a, a) for a in self.__args__),
                             self._name)

    def __mro_entries__(self, bases):
        if self._name in ('Union', 'Optional', 'Literal', 'ClassVar',
                          'Final'):
            raise TypeError('Cannot subclass %r' % self)
        return (self.__origin__,)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError('Subscripted generics cannot be used with class '
                        'and instance checks')

    __subclasscheck__ = __instancecheck__

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)


_NO_INST = ('List', 'Dict', 'Set', 'FrozenSet', 'Tuple', 'Type')


def _check_inst(alias):
    if alias._name in _NO_INST:
        raise TypeError('Type %s cannot be instantiated; use %s() instead'
                        % (alias._name, alias.__origin__.__name__))


def _flatten_union(params):
    out = []
    for p in params:
        if isinstance(p, _GenericAlias) and p.__origin__ is Union:
            items = p.__args__
        else:
            items = (type(None) if p is None else p,)
        for q in items:
            if q not in out:
                out.append(q)
    return tuple(out)


def _union_getitem(self, params):
    if params == ():
        raise TypeError('Cannot take a Union of no types.')
    if not isinstance(params, tuple):
        params = (params,)
    params = _flatten_union(params)
    if len(params) == 1:
        return params[0]
    if len(params) == 2 and type(None) in params:
        return _GenericAlias(Union, params, 'Optional') \
            if params[1] is type(None) else _GenericAlias(Union, params,
                                                          'Union')
    return _GenericAlias(Union, params, 'Union')


def _optional_getitem(self, param):
    return Union[param, None]


def _one_arg(self, param):
    return _GenericAlias(self, (param,), self._name)


def _literal_getitem(self, params):
    if not isinstance(params, tuple):
        params = (params,)
    return _GenericAlias(self, params, 'Literal')


Union = _SpecialForm('Union', _union_getitem)
Optional = _SpecialForm('Optional', _optional_getitem)
ClassVar = _SpecialForm('ClassVar', _one_arg)
Final = _SpecialForm('Final', _one_arg)
Literal = _SpecialForm('Literal', _literal_getitem)
Annotated = _SpecialForm('Annotated', _literal_getitem)
NoReturn = _SpecialForm('NoReturn', _one_arg)
Never = _SpecialForm('Never', _one_arg)
Self = _SpecialForm('Self', _one_arg)
LiteralString = _SpecialForm('LiteralString', _one_arg)
TypeAlias = _SpecialForm('TypeAlias', _one_arg)
Concatenate = _SpecialForm('Concatenate', _literal_getitem)
TypeGuard = _SpecialForm('TypeGuard', _one_arg)


class _Alias(_Final):
    """An unsubscripted alias such as `typing.List`."""
    __slots__ = ('__origin__', '_name', '_nparams')

    def __init__(self, origin, name, nparams=-1):
        self.__origin__ = origin
        self._name = name
        self._nparams = nparams

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if params == ():
            params = ((),)
        if self._name == 'Callable' and len(params) == 2 and \
                isinstance(params[0], list):
            return _GenericAlias(self.__origin__, tuple(params[0]) +
                                 (params[1],), 'Callable')
        return _GenericAlias(self.__origin__, params, self._name)

    def __call__(self, *args, **kwargs):
        _check_inst(self)
        return self.__origin__(*args, **kwargs)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__origin__)

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)


List = _Alias(list, 'List')
Dict = _Alias(dict, 'Dict')
Set = _Alias(set, 'Set')
FrozenSet = _Alias(frozenset, 'FrozenSet')
Tuple = _Alias(tuple, 'Tuple')
Type = _Alias(type, 'Type')
DefaultDict = _Alias(_collections.defaultdict, 'DefaultDict')
OrderedDict = _Alias(_collections.OrderedDict, 'OrderedDict')
Counter = _Alias(_collections.Counter, 'Counter')
ChainMap = _Alias(_collections.ChainMap, 'ChainMap')
Deque = _Alias(_collections.deque, 'Deque')
for _n in ('Callable', 'Iterable', 'Iterator', 'Generator', 'Sequence',
           'MutableSequence', 'Mapping', 'MutableMapping', 'Collection',
           'Container', 'Hashable', 'Sized', 'Reversible', 'AbstractSet',
           'MutableSet', 'KeysView', 'ItemsView', 'ValuesView',
           'Awaitable', 'Coroutine', 'AsyncIterable', 'AsyncIterator',
           'AsyncGenerator', 'ByteString', 'MappingView'):
    globals()[_n] = _Alias(getattr(_abc, 'Set' if _n == 'AbstractSet'
                                   else _n), _n)
del _n
Text = str
AnyStr = None  # replaced below once TypeVar exists


class TypeVar(_Final):
    __slots__ = ('__name__', '__bound__', '__constraints__',
                 '__covariant__', '__contravariant__')

    def __init__(self, name, *constraints, bound=None, covariant=False,
                 contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = '+' if self.__covariant__ else \
            '-' if self.__contravariant__ else '~'
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]


AnyStr = TypeVar('AnyStr', bytes, str)


class Generic:
    __slots__ = ()

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(cls, params)

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)


class Protocol(Generic):
    __slots__ = ()


def runtime_checkable(cls):
    return cls


def cast(typ, val):
    return val


def overload(func):
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            'You should not call an overloaded function. A series of '
            '@typing.overload-decorated functions outside a stub module '
            'should always be followed by an implementation that is not '
            '@typing.overload-ed.')
    return _overload_dummy


def final(f):
    return f


def no_type_check(arg):
    return arg


def get_origin(tp):
    if isinstance(tp, (_GenericAlias, _Alias)):
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    if isinstance(tp, _GenericAlias):
        return tp.__args__
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            hints.update(base.__dict__.get('__annotations__', {}))
    else:
        hints.update(getattr(obj, '__annotations__', {}))
    return {k: (type(None) if v is None else v) for k, v in hints.items()}


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__supertype__ = tp
    return new_type


def _make_nt(name, fields, defaults, module):
    nt = _collections.namedtuple(name, [f for f, _ in fields],
                                 defaults=defaults, module=module)
    nt.__annotations__ = dict(fields)
    return nt


class _NamedTupleMeta(type):
    def __new__(mcls, typename, bases, ns):
        if ns.get('_root'):
            return super().__new__(mcls, typename, bases, ns)
        types = ns.get('__annotations__', {})
        defaults = [ns[n] for n in types if n in ns]
        nt = _make_nt(typename, list(types.items()), defaults,
                      ns.get('__module__', '__main__'))
        for key, val in ns.items():
            if key not in types and key not in ('__module__', '__qualname__',
                                                '__annotations__'):
                setattr(nt, key, val)
        return nt

    def __call__(cls, typename, fields=None, /, **kwargs):
        if fields is None:
            fields = list(kwargs.items())
        module = _sys._getframe(1).f_globals.get('__name__', '__main__')
        return _make_nt(typename, list(fields), None, module)


class NamedTuple(metaclass=_NamedTupleMeta):
    _root = True


class TypedDict(dict):
    def __init_subclass__(cls, total=True, **kw):
        super().__init_subclass__(**kw)
        cls.__total__ = total
