"""copy for pyheap: shallow and deep copy (CPython 3.11 semantics).

Read deepcopy first. Atomic values come back as themselves; containers are
rebuilt; a tuple whose items all deep-copy to themselves is returned as is;
class instances honour __copy__/__deepcopy__, then __reduce_ex__(4) when the
class defines its own, else are rebuilt with cls.__new__ plus a copy of
their __dict__ and slots. `memo` maps id(original) -> copy (cycles)."""

import types as _types


class Error(Exception):
    pass


error = Error

_atomic = (type(None), int, float, bool, complex, str, bytes, type,
           range, type(Ellipsis), type(NotImplemented),
           _types.BuiltinFunctionType, _types.FunctionType, property)


def _is_atomic(x):
    return isinstance(x, type) or type(x) in _atomic


def _slot_names(cls):
    names = []
    for c in cls.__mro__:
        slots = c.__dict__.get('__slots__', ())
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name in ('__dict__', '__weakref__'):
                continue
            if name.startswith('__') and not name.endswith('__'):
                stripped = c.__name__.lstrip('_')
                if stripped:
                    name = '_%s%s' % (stripped, name)
            names.append(name)
    return names


def _own_reduce(cls):
    for c in cls.__mro__:
        if c is object:
            return False
        # NOTE: .keys(): pyheap's mappingproxy has no __contains__ yet.
        names = c.__dict__.keys()
        if '__reduce_ex__' in names or '__reduce__' in names:
            return True
    return False


def _instance_state(x):
    getstate = getattr(x, '__getstate__', None)
    cls = type(x)
    if getstate is not None and '__getstate__' in _class_attrs(cls):
        return getstate()
    d = getattr(x, '__dict__', None)
    slots = {}
    for name in _slot_names(cls):
        try:
            slots[name] = getattr(x, name)
        except AttributeError:
            pass
    if slots:
        return (d if d else None, slots)
    return d if d else None


def _class_attrs(cls):
    out = set()
    for c in cls.__mro__:
        if c is object:
            break
        out.update(c.__dict__.keys())
    return out


def _set_state(y, state, deep, memo):
    if state is None:
        return
    if deep:
        state = deepcopy(state, memo)
    setstate = getattr(y, '__setstate__', None)
    if setstate is not None and '__setstate__' in _class_attrs(type(y)):
        setstate(state)
        return
    slotstate = None
    if isinstance(state, tuple) and len(state) == 2:
        state, slotstate = state
    if state:
        y.__dict__.update(state)
    if slotstate:
        for key, value in slotstate.items():
            setattr(y, key, value)


def _reconstruct(x, memo, func, args, state=None, listiter=None,
                 dictiter=None, deep=False):
    if deep:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    _set_state(y, state, deep, memo)
    if listiter is not None:
        for item in listiter:
            y.append(deepcopy(item, memo) if deep else item)
    if dictiter is not None:
        for key, value in dictiter:
            if deep:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
            y[key] = value
    return y


def _copy_instance(x, deep, memo):
    cls = type(x)
    if _own_reduce(cls):
        rv = x.__reduce_ex__(4)
        if isinstance(rv, str):
            return x
        return _reconstruct(x, memo, *rv, deep=deep)
    # As object.__reduce_ex__(4): cls.__new__(cls), the state, then the
    # items of list and dict subclasses.
    listiter = iter(x) if isinstance(x, list) else None
    dictiter = iter(x.items()) if isinstance(x, dict) else None
    return _reconstruct(x, memo, cls.__new__, (cls,), _instance_state(x),
                        listiter, dictiter, deep)


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if _is_atomic(x):
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return dict(x)
    if cls is set:
        return set(x)
    if cls is bytearray:
        return bytearray(x)
    if cls in (tuple, frozenset):
        return x
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    if issubclass(cls, BaseException) or not hasattr(x, '__class__'):
        raise Error("un(shallow)copyable object of type %s" % cls)
    return _copy_instance(x, False, None)


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(x):
        y = x
    elif cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        # A tuple cycle goes through a mutable object that is now in memo.
        if d in memo:
            return memo[d]
        same = True
        for k, j in zip(x, items):
            if k is not j:
                same = False
                break
        y = x if same else tuple(items)
    elif cls is set or cls is frozenset:
        y = cls(deepcopy(a, memo) for a in x)
    elif cls is bytearray:
        y = bytearray(x)
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _copy_instance(x, True, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    """Keeps the originals alive for the memo's lifetime (ids stay valid)."""
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]
