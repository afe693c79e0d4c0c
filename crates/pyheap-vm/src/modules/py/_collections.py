"""`deque` and `defaultdict` in pure Python (CPython has them in C).

Read `deque` first. Invariants: the items live in a ring buffer `_buf`
of capacity `len(_buf)` (a power of two, at least 8), the first item at
`_head`, `_n` items in all; slot i holds `_buf[(_head + i) & (cap - 1)]`.
`_state` counts mutations so that iterators can detect them.
"""

_MISSING = object()


from operator import index as _index  # noqa: E402


class deque:
    __slots__ = ('_buf', '_head', '_n', '_maxlen', '_state', '__weakref__')

    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        self._buf = [None] * 8
        self._head = 0
        self._n = 0
        self._maxlen = None
        self._state = 0
        return self

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError('an integer is required')
            if maxlen < 0:
                raise ValueError('maxlen must be non-negative')
        self._maxlen = maxlen
        if self._n:
            self.clear()
        self.extend(iterable)

    # -- ring buffer primitives --------------------------------------
    def _grow(self):
        old, cap = self._buf, len(self._buf)
        items = [old[(self._head + i) & (cap - 1)] for i in range(self._n)]
        self._buf = items + [None] * (cap * 2 - self._n)
        self._head = 0

    def _slot(self, i):
        return (self._head + i) & (len(self._buf) - 1)

    def _norm(self, i):
        i = _index(i) if not isinstance(i, int) else i
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError('deque index out of range')
        return i

    @property
    def maxlen(self):
        return self._maxlen

    def append(self, x):
        if self._maxlen == 0:
            return
        if self._maxlen is not None and self._n >= self._maxlen:
            self.popleft()
        if self._n == len(self._buf):
            self._grow()
        self._buf[self._slot(self._n)] = x
        self._n += 1
        self._state += 1

    def appendleft(self, x):
        if self._maxlen == 0:
            return
        if self._maxlen is not None and self._n >= self._maxlen:
            self.pop()
        if self._n == len(self._buf):
            self._grow()
        self._head = (self._head - 1) & (len(self._buf) - 1)
        self._buf[self._head] = x
        self._n += 1
        self._state += 1

    def pop(self):
        if not self._n:
            raise IndexError('pop from an empty deque')
        self._n -= 1
        s = self._slot(self._n)
        x = self._buf[s]
        self._buf[s] = None
        self._state += 1
        return x

    def popleft(self):
        if not self._n:
            raise IndexError('pop from an empty deque')
        x = self._buf[self._head]
        self._buf[self._head] = None
        self._head = (self._head + 1) & (len(self._buf) - 1)
        self._n -= 1
        self._state += 1
        return x

    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        self._buf = [None] * 8
        self._head = 0
        self._n = 0
        self._state += 1

    def rotate(self, n=1):
        n = _index(n)
        if self._n <= 1:
            return
        n %= self._n
        for _ in range(n):
            self.appendleft(self.pop())

    def reverse(self):
        items = list(self)
        items.reverse()
        self.clear()
        self.extend(items)

    def count(self, x):
        state = self._state
        c = 0
        for i in range(self._n):
            v = self._buf[self._slot(i)]
            if v is x or v == x:
                c += 1
            if state != self._state:
                raise RuntimeError('deque mutated during iteration')
        return c

    def index(self, x, start=0, stop=None):
        n = self._n
        stop = n if stop is None else stop
        if start < 0:
            start = max(start + n, 0)
        if stop < 0:
            stop += n
        state = self._state
        for i in range(start, min(stop, n)):
            v = self._buf[self._slot(i)]
            if v is x or v == x:
                return i
            if state != self._state:
                raise RuntimeError('deque mutated during iteration')
        raise ValueError('%r is not in deque' % (x,))

    def insert(self, i, x):
        if self._maxlen is not None and self._n >= self._maxlen:
            raise IndexError('deque already at its maximum size')
        items = list(self)
        items.insert(i, x)
        self.clear()
        self.extend(items)

    def remove(self, x):
        i = self.index(x)
        del self[i]

    def copy(self):
        return self.__class__(self, self._maxlen)

    __copy__ = copy

    # -- sequence protocol ------------------------------------------------
    def __len__(self):
        return self._n

    def __bool__(self):
        return self._n != 0

    def __getitem__(self, i):
        if not isinstance(i, int) and not hasattr(type(i), '__index__'):
            raise TypeError('sequence index must be integer, not %r'
                            % type(i).__name__)
        return self._buf[self._slot(self._norm(i))]

    def __setitem__(self, i, x):
        self._buf[self._slot(self._norm(i))] = x

    def __delitem__(self, i):
        i = self._norm(i)
        self.rotate(-i)
        self.popleft()
        self.rotate(i)

    def __contains__(self, x):
        state = self._state
        for i in range(self._n):
            v = self._buf[self._slot(i)]
            if v is x or v == x:
                return True
            if state != self._state:
                raise RuntimeError('deque mutated during iteration')
        return False

    def __iter__(self):
        state = self._state
        for i in range(self._n):
            if state != self._state:
                raise RuntimeError('deque mutated during iteration')
            yield self._buf[self._slot(i)]

    def __reversed__(self):
        state = self._state
        for i in range(self._n - 1, -1, -1):
            if state != self._state:
                raise RuntimeError('deque mutated during iteration')
            yield self._buf[self._slot(i)]

    def __repr__(self):
        name = type(self).__name__
        if _repr_running(self):
            return '[...]'
        try:
            body = repr(list(self))
        finally:
            _repr_done(self)
        if self._maxlen is None:
            return '%s(%s)' % (name, body)
        return '%s(%s, maxlen=%d)' % (name, body, self._maxlen)

    def _cmp(self, other, op):
        if not isinstance(other, deque):
            return NotImplemented
        return op(list(self), list(other))

    def __eq__(self, other):
        return self._cmp(other, lambda a, b: a == b)

    def __ne__(self, other):
        return self._cmp(other, lambda a, b: a != b)

    def __lt__(self, other):
        return self._cmp(other, lambda a, b: a < b)

    def __le__(self, other):
        return self._cmp(other, lambda a, b: a <= b)

    def __gt__(self, other):
        return self._cmp(other, lambda a, b: a > b)

    def __ge__(self, other):
        return self._cmp(other, lambda a, b: a >= b)

    __hash__ = None

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "%s") to deque'
                            % type(other).__name__)
        new = self.copy()
        new.extend(other)
        return new

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        new = self.copy()
        new *= n
        return new

    __rmul__ = __mul__

    def __imul__(self, n):
        n = _index(n)
        items = list(self)
        if n <= 0:
            self.clear()
        else:
            for _ in range(n - 1):
                self.extend(items)
        return self

    def __reduce__(self):
        return type(self), (list(self), self._maxlen)

    def __class_getitem__(cls, item):
        return cls


_repr_active = set()


def _repr_running(obj):
    key = id(obj)
    if key in _repr_active:
        return True
    _repr_active.add(key)
    return False


def _repr_done(obj):
    _repr_active.discard(id(obj))


class defaultdict(dict):
    # (a __slots__ entry here would be the CPython layout, but pyheap's
    # dict subclasses keep attributes in the instance dict)

    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        self.default_factory = default_factory
        dict.__init__(self, *args, **kwargs)

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def __repr__(self):
        f = self.default_factory
        if f is None:
            fr = 'None'
        elif _repr_running(self):
            fr = '...'
        else:
            try:
                fr = repr(f)
            finally:
                _repr_done(self)
        return '%s(%s, %s)' % (type(self).__name__, fr, dict.__repr__(self))

    def copy(self):
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __reduce__(self):
        return (type(self), (self.default_factory,), None, None,
                iter(self.items()))

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self.default_factory, other)
        new.update(self)
        return new

    def __ior__(self, other):
        self.update(other)
        return self


deque.__module__ = 'collections'
defaultdict.__module__ = 'collections'
