"""Pure-Python `enum`: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique.

Read `EnumType.__new__` first. The class body runs in an `_EnumDict` that
records member names in definition order (and resolves `auto()`); then the
members are made once, stored in `_member_map_` (name -> member, aliases
included), `_member_names_` (canonical names) and `_value2member_map_`,
and set as class attributes. `EnumType.__setattr__` forbids rebinding them.
"""

import sys as _sys

__all__ = ['EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'Flag',
           'IntFlag', 'auto', 'unique', 'ReprEnum']


class auto:
    def __init__(self, value=None):
        self.value = value if value is not None else _AUTO

    def __repr__(self):
        return 'auto(%r)' % (self.value,)


_AUTO = object()


def _is_dunder(name):
    return (len(name) > 4 and name[:2] == name[-2:] == '__'
            and name[2] != '_' and name[-3] != '_')


def _is_sunder(name):
    return (len(name) > 2 and name[0] == name[-1] == '_'
            and name[1] != '_' and name[-2] != '_')


def _is_descriptor(obj):
    return (hasattr(obj, '__get__') or hasattr(obj, '__set__')
            or hasattr(obj, '__delete__'))


class _EnumDict(dict):
    def __init__(self):
        super().__init__()
        self._member_names = []
        self._last_values = []
        self._ignore = []
        self._cls_name = None
        self._generate = None

    def __setitem__(self, key, value):
        if key == '_ignore_':
            if isinstance(value, str):
                value = value.replace(',', ' ').split()
            self._ignore = list(value)
        elif key == '_generate_next_value_':
            self._generate = value
        elif _is_sunder(key) or _is_dunder(key):
            pass
        elif key in self._member_names:
            raise TypeError('%r already defined as %r' % (key, self[key]))
        elif key in self._ignore:
            pass
        elif _is_descriptor(value):
            if key in self:
                raise TypeError('%r already defined as %r' % (key, self[key]))
        else:
            if key in self:
                raise TypeError('%r already defined as %r' % (key, self[key]))
            if isinstance(value, auto):
                if value.value is _AUTO:
                    gen = self._generate or self._base_generate
                    gen = getattr(gen, '__func__', gen)
                    value.value = gen(key, 1, len(self._member_names),
                                      self._last_values[:])
                value = value.value
            self._member_names.append(key)
            self._last_values.append(value)
        dict.__setitem__(self, key, value)


class EnumType(type):
    @classmethod
    def __prepare__(metacls, cls, bases, **kwds):
        d = _EnumDict()
        d._cls_name = cls
        d._base_generate = _default_generate
        for b in bases:
            for c in b.__mro__:
                g = c.__dict__.get('_generate_next_value_')
                if g is not None:
                    d._base_generate = g
                    break
            else:
                continue
            break
        return d

    def __new__(metacls, cls, bases, classdict, *, boundary=None,
                _simple=False, **kwds):
        names = list(getattr(classdict, '_member_names', ()))
        members = [(n, classdict[n]) for n in names]
        ns = {k: v for k, v in classdict.items() if k not in names}
        if '__new__' in ns and bases:
            ns['_new_member_'] = ns.pop('__new__')
        for k in getattr(classdict, '_ignore', ()):
            ns.pop(k, None)
        if names:
            for b in bases:
                if isinstance(b, EnumType) and b._member_names_:
                    raise TypeError('<enum %r> cannot extend %r'
                                    % (cls, b))
        member_type = _find_data_type(bases)
        ns['_member_type_'] = member_type
        enum_class = super().__new__(metacls, cls, bases, ns, **kwds)
        first_enum = next((b for b in enum_class.__mro__[1:]
                           if isinstance(b, EnumType)), None)
        if first_enum is not None and member_type is not object:
            # the mixed-in type's repr/str/format must not hide Enum's
            for name in ('__repr__', '__str__', '__format__',
                         '__reduce_ex__'):
                if name in classdict:
                    continue
                found = getattr(enum_class, name)
                if found in (getattr(member_type, name),
                             getattr(object, name)):
                    type.__setattr__(enum_class, name,
                                     getattr(first_enum, name))
        if first_enum is not None and member_type is not object:
            # value lookup must win over the mixed-in type's __new__ (and
            # pyheap may construct such classes without EnumType.__call__)
            root = [b for b in enum_class.__mro__
                    if isinstance(b, EnumType)][-1]
            type.__setattr__(enum_class, '__new__', root.__dict__['__new__'])
        type.__setattr__(enum_class, '_member_names_', [])
        type.__setattr__(enum_class, '_member_map_', {})
        type.__setattr__(enum_class, '_value2member_map_', {})
        fb = globals().get('_FlagBase')
        is_flag = fb is not None and any(issubclass(b, fb) for b in bases
                                         if isinstance(b, type))
        for name, value in members:
            _add_member(enum_class, member_type, name, value)
        if is_flag:
            enum_class._flag_mask_ = 0
            for m in enum_class._member_map_.values():
                enum_class._flag_mask_ |= m._value_
        return enum_class

    def __call__(cls, value, names=None, *, module=None, qualname=None,
                 type=None, start=1, boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return _functional(cls, value, names, module, type, start)

    def __iter__(cls):
        return (cls._member_map_[n] for n in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[n] for n in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and "
                            "'%s'" % (type(member).__qualname__,
                                      type(cls).__qualname__))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __getitem__(cls, name):
        return cls._member_map_[name]

    @property
    def __members__(cls):
        return _ReadOnlyMap(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get('_member_map_', {}):
            raise AttributeError('cannot reassign member %r' % name)
        super().__setattr__(name, value)

    def __delattr__(cls, name):
        if name in cls.__dict__.get('_member_map_', {}):
            raise AttributeError('cannot delete member %r' % name)
        super().__delattr__(name)

    def __dir__(cls):
        return (['__class__', '__doc__', '__members__', '__module__']
                + cls._member_names_)


class _ReadOnlyMap:
    """A read-only view of a dict printed like CPython's mappingproxy."""
    __slots__ = ('_d',)

    def __init__(self, d):
        self._d = d

    def __getitem__(self, key):
        return self._d[key]

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)

    def __contains__(self, key):
        return key in self._d

    def keys(self):
        return self._d.keys()

    def items(self):
        return self._d.items()

    def values(self):
        return self._d.values()

    def get(self, key, default=None):
        return self._d.get(key, default)

    def copy(self):
        return self._d.copy()

    def __eq__(self, other):
        return self._d == other

    def __repr__(self):
        return 'mappingproxy(%r)' % (self._d,)

    def __str__(self):
        return str(self._d)


_ReadOnlyMap.__name__ = _ReadOnlyMap.__qualname__ = 'mappingproxy'
EnumMeta = EnumType
Flag = None


def _default_generate(name, start, count, last_values):
    if not last_values:
        return start
    try:
        return max(last_values) + 1
    except TypeError:
        raise TypeError('unable to sort non-numeric values') from None


def _find_data_type(bases):
    for chain in bases:
        for base in chain.__mro__:
            if base is object or isinstance(base, EnumType):
                continue
            if base.__dict__.get('_member_type_') is not None:
                continue
            return base
    return object


from _enum_members import (  # noqa: E402
    Enum, ReprEnum, IntEnum, StrEnum, Flag, IntFlag, unique, _FlagBase,
    _add_member, _functional)
