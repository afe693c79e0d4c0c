# The Python half of `_weakref` (run into the module after the native
# helpers `_new`, `_get`, `_callback`, `_hash`, `_dead` and the base type
# `_WeakrefBase` are set; see modules/weakref.rs).
#
# ReferenceType, ProxyType and CallableProxyType keep the base's 64-byte
# layout (`__slots__ = ()`). Methods never touch `self`'s attributes: a
# proxy forwards every attribute access, so they go through `_get`.


class ReferenceType(_WeakrefBase):
    __slots__ = ()
    __module__ = "weakref"

    def __new__(cls, ob, callback=None, *args, **kwargs):
        return _new(cls, ob, callback, 1 if cls is ReferenceType else 0)

    def __init__(self, *args, **kwargs):
        pass

    __call__ = _get

    def __hash__(self):
        return _hash(self)

    def __eq__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a = _get(self)
        b = _get(other)
        if a is None or b is None:
            return self is other
        return a == b

    def __ne__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a = _get(self)
        b = _get(other)
        if a is None or b is None:
            return self is not other
        return a != b

    def __repr__(self):
        o = _get(self)
        if o is None:
            return f"<weakref at {id(self):#x}; dead>"
        name = getattr(o, "__name__", None)
        if isinstance(name, str):
            return f"<weakref at {id(self):#x}; to '{type(o).__name__}' at {id(o):#x} ({name})>"
        return f"<weakref at {id(self):#x}; to '{type(o).__name__}' at {id(o):#x}>"

    @property
    def __callback__(self):
        return _callback(self)

    def __class_getitem__(cls, item):
        return cls


ref = ReferenceType


def _live(p):
    o = _get(p)
    if o is None:
        _dead()
    return o


def _unwrap(o):
    t = type(o)
    if t is ProxyType or t is CallableProxyType:
        return _live(o)
    return o


class ProxyType(_WeakrefBase):
    __slots__ = ()
    __module__ = "weakref"

    def __new__(cls, *args, **kwargs):
        raise TypeError(f"cannot create 'weakref.{cls.__name__}' instances")

    def __getattribute__(self, name):
        return getattr(_live(self), name)

    def __setattr__(self, name, value):
        setattr(_live(self), name, value)

    def __delattr__(self, name):
        delattr(_live(self), name)

    def __repr__(self):
        o = _get(self)
        return f"<weakproxy at {id(self):#x} to {type(o).__name__} at {id(o):#x}>"

    def __str__(self):
        return str(_live(self))

    def __bytes__(self):
        return bytes(_live(self))

    def __hash__(self):
        raise TypeError(f"unhashable type: 'weakref.{type(self).__name__}'")

    def __bool__(self):
        return bool(_live(self))

    def __len__(self):
        return len(_live(self))

    def __iter__(self):
        return iter(_live(self))

    def __next__(self):
        o = _live(self)
        if not hasattr(type(o), "__next__"):
            raise TypeError(f"Weakref proxy referenced a non-iterator '{type(o).__name__}' object")
        return next(o)

    def __reversed__(self):
        return reversed(_live(self))

    def __contains__(self, item):
        return item in _live(self)

    def __getitem__(self, key):
        return _live(self)[_unwrap(key)]

    def __setitem__(self, key, value):
        _live(self)[_unwrap(key)] = _unwrap(value)

    def __delitem__(self, key):
        del _live(self)[_unwrap(key)]

    def __index__(self):
        return _live(self).__index__()

    def __int__(self):
        return int(_live(self))

    def __float__(self):
        return float(_live(self))

    def __neg__(self):
        return -_live(self)

    def __pos__(self):
        return +_live(self)

    def __abs__(self):
        return abs(_live(self))

    def __invert__(self):
        return ~_live(self)

    def __eq__(self, o):
        return _live(self) == _unwrap(o)

    def __ne__(self, o):
        return _live(self) != _unwrap(o)

    def __lt__(self, o):
        return _live(self) < _unwrap(o)

    def __le__(self, o):
        return _live(self) <= _unwrap(o)

    def __gt__(self, o):
        return _live(self) > _unwrap(o)

    def __ge__(self, o):
        return _live(self) >= _unwrap(o)

    def __add__(self, o):
        return _unwrap(self) + _unwrap(o)

    def __radd__(self, o):
        return _unwrap(o) + _unwrap(self)

    def __iadd__(self, o):
        x = _live(self)
        x += _unwrap(o)
        return x

    def __sub__(self, o):
        return _unwrap(self) - _unwrap(o)

    def __rsub__(self, o):
        return _unwrap(o) - _unwrap(self)

    def __isub__(self, o):
        x = _live(self)
        x -= _unwrap(o)
        return x

    def __mul__(self, o):
        return _unwrap(self) * _unwrap(o)

    def __rmul__(self, o):
        return _unwrap(o) * _unwrap(self)

    def __imul__(self, o):
        x = _live(self)
        x *= _unwrap(o)
        return x

    def __matmul__(self, o):
        return _unwrap(self) @ _unwrap(o)

    def __rmatmul__(self, o):
        return _unwrap(o) @ _unwrap(self)

    def __truediv__(self, o):
        return _unwrap(self) / _unwrap(o)

    def __rtruediv__(self, o):
        return _unwrap(o) / _unwrap(self)

    def __itruediv__(self, o):
        x = _live(self)
        x /= _unwrap(o)
        return x

    def __floordiv__(self, o):
        return _unwrap(self) // _unwrap(o)

    def __rfloordiv__(self, o):
        return _unwrap(o) // _unwrap(self)

    def __ifloordiv__(self, o):
        x = _live(self)
        x //= _unwrap(o)
        return x

    def __mod__(self, o):
        return _unwrap(self) % _unwrap(o)

    def __rmod__(self, o):
        return _unwrap(o) % _unwrap(self)

    def __imod__(self, o):
        x = _live(self)
        x %= _unwrap(o)
        return x

    def __divmod__(self, o):
        return divmod(_unwrap(self), _unwrap(o))

    def __rdivmod__(self, o):
        return divmod(_unwrap(o), _unwrap(self))

    def __pow__(self, o, mod=None):
        if mod is None:
            return _unwrap(self) ** _unwrap(o)
        return pow(_unwrap(self), _unwrap(o), _unwrap(mod))

    def __rpow__(self, o):
        return _unwrap(o) ** _unwrap(self)

    def __ipow__(self, o):
        x = _live(self)
        x **= _unwrap(o)
        return x

    def __lshift__(self, o):
        return _unwrap(self) << _unwrap(o)

    def __rlshift__(self, o):
        return _unwrap(o) << _unwrap(self)

    def __ilshift__(self, o):
        x = _live(self)
        x <<= _unwrap(o)
        return x

    def __rshift__(self, o):
        return _unwrap(self) >> _unwrap(o)

    def __rrshift__(self, o):
        return _unwrap(o) >> _unwrap(self)

    def __irshift__(self, o):
        x = _live(self)
        x >>= _unwrap(o)
        return x

    def __and__(self, o):
        return _unwrap(self) & _unwrap(o)

    def __rand__(self, o):
        return _unwrap(o) & _unwrap(self)

    def __iand__(self, o):
        x = _live(self)
        x &= _unwrap(o)
        return x

    def __or__(self, o):
        return _unwrap(self) | _unwrap(o)

    def __ror__(self, o):
        return _unwrap(o) | _unwrap(self)

    def __ior__(self, o):
        x = _live(self)
        x |= _unwrap(o)
        return x

    def __xor__(self, o):
        return _unwrap(self) ^ _unwrap(o)

    def __rxor__(self, o):
        return _unwrap(o) ^ _unwrap(self)

    def __ixor__(self, o):
        x = _live(self)
        x ^= _unwrap(o)
        return x


class CallableProxyType(ProxyType):
    __slots__ = ()
    __module__ = "weakref"

    def __call__(self, *args, **kwargs):
        return _live(self)(*args, **kwargs)


def proxy(ob, callback=None):
    if callable(ob):
        return _new(CallableProxyType, ob, callback, 2)
    return _new(ProxyType, ob, callback, 2)


ProxyTypes = (ProxyType, CallableProxyType)
