# `ctypes` (pyheap subset): simple C data types that read pyheap's own
# memory, for inspecting object layouts. Reads go through `_ctypes._read`,
# which refuses addresses outside pyheap's heap with ValueError (CPython
# would read them or crash). Writing memory is not supported.
#
# An instance either owns a value (`c_long(5)`) or views memory
# (`c_long.from_address(a)`: `.value` re-reads the memory on every access).

import _ctypes
from _ctypes import PyObj_FromPtr

_NO_VALUE = object()


class ArgumentError(Exception):
    pass


class _SimpleCData:
    _type_ = "l"
    _size_ = 8
    _kind_ = "i"
    _default_ = 0

    def __init__(self, value=_NO_VALUE):
        self._addr = None
        self._val = self._default_ if value is _NO_VALUE else self._check(value)

    @classmethod
    def _check(cls, value):
        if cls._kind_ in "iu":
            if isinstance(value, float) or not hasattr(value, "__index__"):
                raise TypeError("an integer is required")
            return cls._wrap(value.__index__())
        return value

    @classmethod
    def _wrap(cls, n):
        bits = 8 * cls._size_
        n &= (1 << bits) - 1
        if cls._kind_ == "i" and n >= 1 << (bits - 1):
            n -= 1 << bits
        return n

    @classmethod
    def from_address(cls, address):
        self = cls.__new__(cls)
        self._addr = address.__index__()
        self._val = None
        return self

    @classmethod
    def from_buffer(cls, source, offset=0):
        if isinstance(source, _SimpleCData) and source._addr is not None:
            return cls.from_address(source._addr + offset)
        if isinstance(source, _SimpleCData) and offset == 0:
            raw = source._raw()
            self = cls.__new__(cls)
            self._addr = None
            self._val = cls._from_raw(raw)
            return self
        raise TypeError("pyheap ctypes: from_buffer() needs a ctypes instance")

    from_buffer_copy = from_buffer

    def _raw(self):
        # The value as the machine word it would be stored as.
        v = self.value
        if self._kind_ in "iu":
            return v & ((1 << (8 * self._size_)) - 1)
        if self._kind_ == "p":
            return 0 if v is None else v
        if self._kind_ == "c":
            return v[0]
        raise TypeError("pyheap ctypes: no raw form for %s" % type(self).__name__)

    @classmethod
    def _from_raw(cls, raw):
        if cls._kind_ in "iu":
            return cls._wrap(raw)
        if cls._kind_ == "p":
            return raw or None
        if cls._kind_ == "c":
            return bytes([raw & 255])
        raise TypeError("pyheap ctypes: cannot reinterpret as %s" % cls.__name__)

    def _read(self):
        if self._kind_ == "p":
            return _ctypes._read(self._addr, 8, "u") or None
        return _ctypes._read(self._addr, self._size_, self._kind_)

    @property
    def value(self):
        if self._addr is not None:
            return self._read()
        return self._val

    @value.setter
    def value(self, v):
        if self._addr is not None:
            raise ValueError("pyheap ctypes: writing memory is not supported")
        self._val = self._check(v)

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.value)

    def __bool__(self):
        return bool(self.value)


class c_long(_SimpleCData):
    _type_ = "l"


class c_ulong(_SimpleCData):
    _type_ = "L"
    _kind_ = "u"


class c_int(_SimpleCData):
    _type_ = "i"
    _size_ = 4


class c_uint(_SimpleCData):
    _type_ = "I"
    _size_ = 4
    _kind_ = "u"


class c_short(_SimpleCData):
    _type_ = "h"
    _size_ = 2


class c_ushort(_SimpleCData):
    _type_ = "H"
    _size_ = 2
    _kind_ = "u"


class c_byte(_SimpleCData):
    _type_ = "b"
    _size_ = 1


class c_ubyte(_SimpleCData):
    _type_ = "B"
    _size_ = 1
    _kind_ = "u"


class c_char(_SimpleCData):
    _type_ = "c"
    _size_ = 1
    _kind_ = "c"
    _default_ = b"\x00"

    @classmethod
    def _check(cls, value):
        if isinstance(value, int):
            return bytes([value])
        if isinstance(value, bytes) and len(value) == 1:
            return value
        raise TypeError("one character bytes, bytearray or integer expected")


class c_bool(_SimpleCData):
    _type_ = "?"
    _size_ = 1
    _kind_ = "u"
    _default_ = False

    @classmethod
    def _check(cls, value):
        return bool(value)

    def _read(self):
        return bool(_ctypes._read(self._addr, 1, "u"))


class c_double(_SimpleCData):
    _type_ = "d"
    _kind_ = "d"
    _default_ = 0.0

    @classmethod
    def _check(cls, value):
        return float(value)


class c_void_p(_SimpleCData):
    _type_ = "P"
    _kind_ = "p"
    _default_ = None

    @classmethod
    def _check(cls, value):
        if value is None:
            return None
        return value.__index__() or None


c_int64 = c_longlong = c_ssize_t = c_long
c_uint64 = c_ulonglong = c_size_t = c_ulong
c_int32 = c_int
c_uint32 = c_uint
c_int16 = c_short
c_uint16 = c_ushort
c_int8 = c_byte
c_uint8 = c_ubyte


class py_object(_SimpleCData):
    # Holds an object (a strong reference), or views a pointer stored in
    # memory / an address given to cast(): `.value` then resolves the address
    # with PyObj_FromPtr.
    _type_ = "O"
    _kind_ = "o"
    _default_ = _NO_VALUE

    def __init__(self, value=_NO_VALUE):
        self._addr = None
        self._ptr = None
        self._val = value

    @classmethod
    def from_address(cls, address):
        self = cls.__new__(cls)
        self._addr = address.__index__()
        self._ptr = None
        self._val = _NO_VALUE
        return self

    def _pointer(self):
        if self._addr is not None:
            return _ctypes._read(self._addr, 8, "u")
        if self._ptr is not None:
            return self._ptr
        if self._val is _NO_VALUE:
            return 0
        return id(self._val)

    def _raw(self):
        return self._pointer()

    @property
    def value(self):
        if self._addr is None and self._ptr is None:
            if self._val is _NO_VALUE:
                raise ValueError("PyObject is NULL")
            return self._val
        return PyObj_FromPtr(self._pointer())

    @value.setter
    def value(self, v):
        if self._addr is not None:
            raise ValueError("pyheap ctypes: writing memory is not supported")
        self._ptr = None
        self._val = v

    def __repr__(self):
        try:
            return "py_object(%r)" % (self.value,)
        except ValueError:
            return "%s(<NULL>)" % type(self).__name__


class _Pointer:
    _type_ = None

    def __init__(self, target=None):
        self._ptr = 0
        if target is not None:
            self.contents = target

    @property
    def contents(self):
        if not self._ptr:
            raise ValueError("NULL pointer access")
        return self._type_.from_address(self._ptr)

    @contents.setter
    def contents(self, target):
        if getattr(target, "_addr", None) is None:
            raise TypeError("pyheap ctypes: only objects made by from_address() have an address")
        self._ptr = target._addr

    def __getitem__(self, i):
        if not self._ptr:
            raise ValueError("NULL pointer access")
        return self._type_.from_address(self._ptr + i * self._type_._size_).value

    def __bool__(self):
        return bool(self._ptr)

    _size_ = 8


_pointer_types = {}


def POINTER(cls):
    try:
        return _pointer_types[cls]
    except KeyError:
        pass
    name = "LP_%s" % cls.__name__
    p = type(name, (_Pointer,), {"_type_": cls})
    _pointer_types[cls] = p
    return p


def pointer(obj):
    return POINTER(type(obj))(obj)


def sizeof(obj_or_type):
    t = obj_or_type if isinstance(obj_or_type, type) else type(obj_or_type)
    size = getattr(t, "_size_", None)
    if size is None:
        raise TypeError("this type has no size")
    return size


def addressof(obj):
    a = getattr(obj, "_addr", None)
    if a is None:
        raise TypeError("pyheap ctypes: only objects made by from_address() have an address")
    return a


def cast(obj, typ):
    if isinstance(obj, int):
        ptr = obj
    elif obj is None:
        ptr = 0
    elif isinstance(obj, _Pointer):
        ptr = obj._ptr
    elif isinstance(obj, py_object):
        ptr = obj._pointer()
    elif isinstance(obj, _SimpleCData) and obj._kind_ == "p":
        ptr = obj.value or 0
    else:
        raise ArgumentError("argument 1: TypeError: wrong type")
    if isinstance(typ, type) and issubclass(typ, _Pointer):
        p = typ()
        p._ptr = ptr
        return p
    if typ is py_object or (isinstance(typ, type) and issubclass(typ, py_object)):
        r = typ.__new__(typ)
        r._addr = None
        r._val = _NO_VALUE
        r._ptr = ptr
        return r
    if isinstance(typ, type) and issubclass(typ, _SimpleCData) and typ._kind_ in "pui":
        return typ(ptr)
    raise TypeError("cast() argument 2 must be a pointer type, not %s" % getattr(typ, "__name__", typ))
