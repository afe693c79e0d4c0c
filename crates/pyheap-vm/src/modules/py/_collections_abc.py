"""_collections_abc (pyheap): the abstract collection classes typing needs.

Read _ABCMeta first. Invariants:
- a class counts as a subclass when it inherits the ABC, was registered,
  is one of the builtin classes listed for the ABC, or (for the one-trick
  ABCs: Iterable, Sized, ...) defines the required methods, none of them
  set to None, somewhere on its MRO;
- the classes show as `collections.abc.<Name>`, as CPython's;
- mixin methods are the usual ones (Iterator.__iter__, Sequence.index, ...).
"""


def _defines(cls, names):
    mro = getattr(cls, "__mro__", ())
    for n in names:
        for b in mro:
            if n in b.__dict__:
                if b.__dict__[n] is None:
                    return False
                break
        else:
            return False
    return True


_ALL = []


class _ABCMeta(type):
    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, ns, **kw)
        cls._abc_registry = []
        _ALL.append(cls)
        return cls

    def register(cls, sub):
        cls._abc_registry.append(sub)
        return sub

    def __instancecheck__(cls, obj):
        if cls is Callable:
            return callable(obj)
        return cls.__subclasscheck__(type(obj))

    def __subclasscheck__(cls, sub):
        if not isinstance(sub, type):
            raise TypeError("issubclass() arg 1 must be a class")
        if cls in sub.__mro__:
            return True
        for b in sub.__mro__:
            for c in _family(cls):
                if b in c._abc_registry or b in c.__dict__.get("_builtins", ()):
                    return True
        needs = cls.__dict__.get("_needs")
        return bool(needs) and _defines(sub, needs)


def _family(cls):
    """`cls` and the ABCs derived from it (a registered subclass of a derived
    ABC is a subclass of `cls` too)."""
    return [c for c in _ALL if cls in c.__mro__]


def _abc(name, bases=(), needs=(), builtins=(), **methods):
    ns = {"__module__": "collections.abc", "__slots__": (), "_needs": needs,
          "_builtins": builtins, **methods}
    return _ABCMeta(name, bases, ns)


def _iter_self(self):
    return self


def _seq_iter(self):
    i = 0
    try:
        while True:
            yield self[i]
            i += 1
    except IndexError:
        return


def _seq_contains(self, value):
    for v in self:
        if v is value or v == value:
            return True
    return False


def _seq_index(self, value, start=0, stop=None):
    i = start
    n = len(self) if stop is None else stop
    while i < n:
        v = self[i]
        if v is value or v == value:
            return i
        i += 1
    raise ValueError


def _seq_count(self, value):
    return sum(1 for v in self if v is value or v == value)


def _map_get(self, key, default=None):
    try:
        return self[key]
    except KeyError:
        return default


def _map_contains(self, key):
    try:
        self[key]
    except KeyError:
        return False
    return True


def _map_keys(self):
    return list(self)


def _map_items(self):
    return [(k, self[k]) for k in self]


def _map_values(self):
    return [self[k] for k in self]


def _mmap_pop(self, key, *default):
    try:
        v = self[key]
    except KeyError:
        if default:
            return default[0]
        raise
    del self[key]
    return v


def _mmap_setdefault(self, key, default=None):
    try:
        return self[key]
    except KeyError:
        self[key] = default
    return default


def _mmap_update(self, other=(), **kw):
    if hasattr(other, "keys"):
        for k in other.keys():
            self[k] = other[k]
    else:
        for k, v in other:
            self[k] = v
    for k, v in kw.items():
        self[k] = v


_gen_type = type((lambda: (yield))())
_str_iter = type(iter(""))
_list_iter = type(iter([]))

Hashable = _abc("Hashable", needs=("__hash__",))
Awaitable = _abc("Awaitable", needs=("__await__",))
Coroutine = _abc("Coroutine", (Awaitable,), needs=("send", "throw", "close", "__await__"))
AsyncIterable = _abc("AsyncIterable", needs=("__aiter__",))
AsyncIterator = _abc("AsyncIterator", (AsyncIterable,), needs=("__aiter__", "__anext__"))
AsyncGenerator = _abc("AsyncGenerator", (AsyncIterator,),
                      needs=("__aiter__", "__anext__", "asend", "athrow", "aclose"))
Iterable = _abc("Iterable", needs=("__iter__",))
Iterator = _abc("Iterator", (Iterable,), needs=("__iter__", "__next__"), __iter__=_iter_self)
Reversible = _abc("Reversible", (Iterable,), needs=("__reversed__", "__iter__"))
Generator = _abc("Generator", (Iterator,), needs=("__iter__", "__next__", "send", "throw",
                                                  "close"), builtins=(_gen_type,))
Sized = _abc("Sized", needs=("__len__",))
Container = _abc("Container", needs=("__contains__",))
Collection = _abc("Collection", (Sized, Iterable, Container),
                  needs=("__len__", "__iter__", "__contains__"))
Callable = _abc("Callable", needs=("__call__",))
Set = _abc("Set", (Collection,), builtins=(frozenset, type({}.keys()), type({}.items())))
MutableSet = _abc("MutableSet", (Set,), builtins=(set,))
Mapping = _abc("Mapping", (Collection,), get=_map_get, __contains__=_map_contains,
               keys=_map_keys, items=_map_items, values=_map_values,
               builtins=(type(type.__dict__),))
MutableMapping = _abc("MutableMapping", (Mapping,), pop=_mmap_pop, setdefault=_mmap_setdefault,
                      update=_mmap_update, builtins=(dict,))
Sequence = _abc("Sequence", (Reversible, Collection), __iter__=_seq_iter,
                __contains__=_seq_contains, index=_seq_index, count=_seq_count,
                builtins=(tuple, str, range, bytes))
MutableSequence = _abc("MutableSequence", (Sequence,), builtins=(list, bytearray))
ByteString = _abc("ByteString", (Sequence,), builtins=(bytes, bytearray))
MappingView = _abc("MappingView", (Sized,))
KeysView = _abc("KeysView", (MappingView, Set), builtins=(type({}.keys()),))
ItemsView = _abc("ItemsView", (MappingView, Set), builtins=(type({}.items()),))
ValuesView = _abc("ValuesView", (MappingView, Collection), builtins=(type({}.values()),))
