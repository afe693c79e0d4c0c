"""The member side of `enum`: how members are made (`_add_member`), the
`Enum`/`Flag` base classes and `unique`. `enum` defines `EnumType` and
imports this module at its end (this module's classes report `enum` as
their module).

Read `_add_member` first. Flag members whose value is not a single bit
are reachable by name but, as in CPython 3.11, not iterated; combinations
that have no member of their own get a nameless pseudo-member, cached in
`_value2member_map_`.
"""

__name__ = 'enum'

import sys as _sys  # noqa: E402
from enum import EnumType, _default_generate  # noqa: E402


def _creator(enum_class, member_type):
    for c in enum_class.__mro__:
        new = c.__dict__.get('_new_member_')
        if new is not None:
            return new
    return None if member_type is object else member_type.__new__


def _make(enum_class, value):
    member_type = enum_class._member_type_
    args = value if isinstance(value, tuple) else (value,)
    if member_type is tuple:
        args = (args,)
    new = _creator(enum_class, member_type)
    if new is None:
        member = object.__new__(enum_class)
    else:
        member = new(enum_class, *args)
    if not hasattr(member, '_value_'):
        if member_type is object:
            member._value_ = value
        else:
            member._value_ = member_type(*args)
    init = enum_class.__init__
    if init is not Enum.__init__ and init is not object.__init__:
        init(member, *args)
    return member


def _add_member(enum_class, member_type, name, value):
    if (issubclass(enum_class, StrEnum) and not isinstance(value, str)
            and not isinstance(value, tuple)):
        raise TypeError('%r is not a string' % (value,))
    member = _make(enum_class, value)
    value = member._value_
    canonical = None
    for m in enum_class._member_map_.values():
        if m._value_ == value:
            canonical = m
            break
    if canonical is not None:
        member = canonical
    else:
        member._name_ = name
        member.__objclass__ = enum_class
        member._sort_order_ = len(enum_class._member_map_)
        if not (issubclass(enum_class, _FlagBase)
                and isinstance(value, int) and value & (value - 1)):
            enum_class._member_names_.append(name)
        try:
            enum_class._value2member_map_.setdefault(value, member)
        except TypeError:
            pass
    enum_class._member_map_[name] = member
    type.__setattr__(enum_class, name, member)


def _functional(cls, class_name, names, module, mixin, start):
    metacls = type(cls)
    bases = (cls,) if mixin is None else (mixin, cls)
    classdict = metacls.__prepare__(class_name, bases)
    if isinstance(names, str):
        names = names.replace(',', ' ').split()
    if isinstance(names, (tuple, list)) and names and \
            isinstance(names[0], str):
        last = []
        gen = classdict._base_generate
        gen = getattr(gen, '__func__', gen)
        pairs = []
        for i, n in enumerate(names):
            v = gen(n, start, i, last[:])
            last.append(v)
            pairs.append((n, v))
        names = pairs
    items = names.items() if hasattr(names, 'items') else names
    for n, v in items:
        classdict[n] = v
    if module is None:
        try:
            module = _sys._getframe(2).f_globals['__name__']
        except (AttributeError, ValueError, KeyError):
            module = None
    if module is not None:
        classdict['__module__'] = module
    return metacls.__new__(metacls, class_name, bases, classdict)


class Enum(metaclass=EnumType):
    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except KeyError:
            pass
        except TypeError:
            for m in cls._member_map_.values():
                if m._value_ == value:
                    return m
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is None:
            raise ValueError('%r is not a valid %s' % (value,
                                                       cls.__qualname__))
        raise TypeError('error in %s._missing_: returned %r instead of None '
                        'or a valid member' % (cls.__name__, result))

    def __init__(self, *args, **kwds):
        pass

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return _default_generate(name, start, count, last_values)

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        return '<%s.%s: %r>' % (self.__class__.__name__, self._name_,
                                self._value_)

    def __str__(self):
        return '%s.%s' % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __dir__(self):
        return ['__class__', '__doc__', '__eq__', '__hash__', '__module__',
                'name', 'value']

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_


class ReprEnum(Enum):
    """Members keep the mixed-in type's str() and format()."""

    def __str__(self):
        return self._member_type_.__str__(self._value_) \
            if self._member_type_ is not object else Enum.__str__(self)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)


class IntEnum(int, ReprEnum):
    pass


class StrEnum(str, ReprEnum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class _FlagBase:
    _member_type_ = object   # a marker, not a data type to mix in


class Flag(_FlagBase, Enum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        high = max(last_values)
        try:
            return 1 << high.bit_length()
        except AttributeError:
            raise TypeError('invalid flag value %r' % high) from None

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError('%r is not a valid %s' % (value,
                                                       cls.__qualname__))
        mask = cls._flag_mask_
        if value < 0 or (value & ~mask and not issubclass(cls, int)):
            if value < 0 and not value & ~(~0 << mask.bit_length()) == value:
                value = mask & value
            else:
                bits = max(value.bit_length(), mask.bit_length())
                raise ValueError('%r invalid value %r\n    given 0b0 %s\n'
                                 '  allowed 0b0 %s'
                                 % (cls, value, format(value, '0%db' % bits),
                                    format(mask, '0%db' % bits)))
        member = _make(cls, value)
        member._name_ = None
        names = [m._name_ for m in cls._iter_bits(value)]
        extra = value & ~mask
        if extra:
            names.append(str(extra))
        if names:
            member._name_ = '|'.join(names)
        return cls._value2member_map_.setdefault(value, member)

    @classmethod
    def _iter_bits(cls, value):
        for n in cls._member_names_:
            m = cls._member_map_[n]
            if m._value_ and m._value_ & value == m._value_:
                yield m

    def __iter__(self):
        return iter(list(self.__class__._iter_bits(self._value_)))

    def __len__(self):
        # Not len(list(self)): list() asks __len__ for a length hint.
        return sum(1 for _ in self)

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r"
                            % (type(other).__qualname__,
                               self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __bool__(self):
        return bool(self._value_)

    def __repr__(self):
        cls = self.__class__
        if self._name_ is None:
            return '<%s: %r>' % (cls.__name__, self._value_)
        return '<%s.%s: %r>' % (cls.__name__, self._name_, self._value_)

    def __str__(self):
        cls = self.__class__
        if self._name_ is None:
            return '%s(%r)' % (cls.__name__, self._value_)
        return '%s.%s' % (cls.__name__, self._name_)

    def _other(self, other):
        if isinstance(other, self.__class__):
            return other._value_
        if isinstance(self, int) and isinstance(other, int):
            return other
        return None

    def __or__(self, other):
        v = self._other(other)
        return NotImplemented if v is None else \
            self.__class__(self._value_ | v)

    def __and__(self, other):
        v = self._other(other)
        return NotImplemented if v is None else \
            self.__class__(self._value_ & v)

    def __xor__(self, other):
        v = self._other(other)
        return NotImplemented if v is None else \
            self.__class__(self._value_ ^ v)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return self.__class__(self.__class__._flag_mask_ & ~self._value_)


class IntFlag(int, ReprEnum, Flag):
    __str__ = ReprEnum.__str__
    __format__ = ReprEnum.__format__
    __repr__ = Flag.__repr__
    __or__ = __ror__ = Flag.__or__
    __and__ = __rand__ = Flag.__and__
    __xor__ = __rxor__ = Flag.__xor__
    __invert__ = Flag.__invert__


def unique(enumeration):
    duplicates = [(name, member._name_)
                  for name, member in enumeration._member_map_.items()
                  if name != member._name_]
    if duplicates:
        raise ValueError('duplicate values found in %r: %s'
                         % (enumeration, ', '.join('%s -> %s' % d
                                                   for d in duplicates)))
    return enumeration
