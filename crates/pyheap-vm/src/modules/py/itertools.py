"""Pure-Python `itertools`: each tool is a small iterator class so that
`type(x).__name__` and the reprs of `count`/`repeat` match CPython.

Read `islice` first for the argument checks; the combinatoric tools
(`product`, `permutations`, `combinations*`) precompute their pools and then
advance an index vector lazily.
"""

import sys as _sys

__all__ = ['accumulate', 'chain', 'combinations',
           'combinations_with_replacement', 'compress', 'count', 'cycle',
           'dropwhile', 'filterfalse', 'groupby', 'islice', 'pairwise',
           'permutations', 'product', 'repeat', 'starmap', 'takewhile', 'tee',
           'zip_longest']


class _It:
    __slots__ = ()

    def __iter__(self):
        return self


def _is_number(x):
    try:
        x + 0
    except TypeError:
        return False
    return not isinstance(x, (str, bytes))


class count(_It):
    __slots__ = ('_n', '_step')

    def __init__(self, start=0, step=1):
        if not _is_number(start) or not _is_number(step):
            raise TypeError('a number is required')
        self._n = start
        self._step = step

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        s = self._step
        if type(s) is int and s == 1:
            return 'count(%r)' % (self._n,)
        return 'count(%r, %r)' % (self._n, s)


class cycle(_It):
    __slots__ = ('_it', '_saved', '_i', '_first')

    def __init__(self, iterable):
        self._it = iter(iterable)
        self._saved = []
        self._i = 0
        self._first = True

    def __next__(self):
        if self._first:
            for x in self._it:
                self._saved.append(x)
                return x
            self._first = False
            self._it = None
        if not self._saved:
            raise StopIteration
        x = self._saved[self._i]
        self._i = (self._i + 1) % len(self._saved)
        return x


class repeat(_It):
    __slots__ = ('_obj', '_times')

    def __init__(self, object, times=None):
        self._obj = object
        if times is not None:
            times = _index(times)
            if times < 0:
                times = 0
        self._times = times

    def __next__(self):
        if self._times is None:
            return self._obj
        if self._times <= 0:
            raise StopIteration
        self._times -= 1
        return self._obj

    def __length_hint__(self):
        if self._times is None:
            raise TypeError("len() of unsized object")
        return self._times

    def __repr__(self):
        if self._times is None:
            return 'repeat(%r)' % (self._obj,)
        return 'repeat(%r, %d)' % (self._obj, self._times)


from operator import index as _index  # noqa: E402


class accumulate(_It):
    __slots__ = ('_it', '_func', '_total', '_started', '_initial')

    def __init__(self, iterable, func=None, *, initial=None):
        self._it = iter(iterable)
        self._func = func
        self._initial = initial
        self._started = False
        self._total = None

    def __next__(self):
        if not self._started:
            self._started = True
            if self._initial is not None:
                self._total = self._initial
                self._initial = None
                return self._total
            self._total = next(self._it)
            return self._total
        x = next(self._it)
        if self._func is None:
            self._total = self._total + x
        else:
            self._total = self._func(self._total, x)
        return self._total


class chain(_It):
    __slots__ = ('_src', '_cur')

    def __init__(self, *iterables):
        self._src = iter(iterables)
        self._cur = None

    @classmethod
    def from_iterable(cls, iterable):
        obj = cls.__new__(cls)
        obj._src = iter(iterable)
        obj._cur = None
        return obj

    def __next__(self):
        while True:
            if self._cur is None:
                if self._src is None:
                    raise StopIteration
                try:
                    self._cur = iter(next(self._src))
                except StopIteration:
                    self._src = None
                    raise
            try:
                return next(self._cur)
            except StopIteration:
                self._cur = None


class compress(_It):
    __slots__ = ('_data', '_sel')

    def __init__(self, data, selectors):
        self._data = iter(data)
        self._sel = iter(selectors)

    def __next__(self):
        while True:
            d = next(self._data)
            if next(self._sel):
                return d


class dropwhile(_It):
    __slots__ = ('_pred', '_it', '_done')

    def __init__(self, predicate, iterable):
        self._pred = predicate
        self._it = iter(iterable)
        self._done = False

    def __next__(self):
        if self._done:
            return next(self._it)
        while True:
            x = next(self._it)
            if not self._pred(x):
                self._done = True
                return x


class takewhile(_It):
    __slots__ = ('_pred', '_it', '_done')

    def __init__(self, predicate, iterable):
        self._pred = predicate
        self._it = iter(iterable)
        self._done = False

    def __next__(self):
        if self._done:
            raise StopIteration
        x = next(self._it)
        if self._pred(x):
            return x
        self._done = True
        raise StopIteration


class filterfalse(_It):
    __slots__ = ('_pred', '_it')

    def __init__(self, function, iterable):
        self._pred = bool if function is None else function
        self._it = iter(iterable)

    def __next__(self):
        while True:
            x = next(self._it)
            if not self._pred(x):
                return x


class starmap(_It):
    __slots__ = ('_func', '_it')

    def __init__(self, function, iterable):
        self._func = function
        self._it = iter(iterable)

    def __next__(self):
        return self._func(*next(self._it))


_NOVALUE = object()


class groupby(_It):
    __slots__ = ('_it', '_key', '_tgt', '_curkey', '_curval', '_grouper')

    def __init__(self, iterable, key=None):
        self._it = iter(iterable)
        self._key = key
        self._tgt = self._curkey = self._curval = _NOVALUE
        self._grouper = None

    def _step(self):
        v = next(self._it)
        self._curval = v
        self._curkey = v if self._key is None else self._key(v)

    def __next__(self):
        self._grouper = None
        while True:
            if self._curkey is _NOVALUE:
                self._step()
            elif self._tgt is _NOVALUE:
                break
            elif not (self._tgt == self._curkey):
                break
            else:
                self._step()
        self._tgt = self._curkey
        g = _grouper(self, self._tgt)
        self._grouper = g
        return (self._curkey, g)


class _grouper(_It):
    __slots__ = ('_parent', '_tgt')

    def __init__(self, parent, tgt):
        self._parent = parent
        self._tgt = tgt

    def __next__(self):
        p = self._parent
        if p._grouper is not self:
            raise StopIteration
        if p._curval is _NOVALUE:
            p._step()
        if not (self._tgt == p._curkey):
            raise StopIteration
        v = p._curval
        try:
            p._step()
        except StopIteration:
            p._curkey = _NOVALUE
            p._tgt = _NOVALUE
            p._it = iter(())
        return v


_ISLICE_START = ('Indices for islice() must be None or an integer: '
                 '0 <= x <= sys.maxsize.')
_ISLICE_STOP = ('Stop argument for islice() must be None or an integer: '
                '0 <= x <= sys.maxsize.')


def _islice_arg(v, msg):
    if v is None:
        return None
    try:
        v = _index(v)
    except TypeError:
        raise ValueError(msg) from None
    if v < 0 or v > _sys.maxsize:
        raise ValueError(msg)
    return v


class islice(_It):
    __slots__ = ('_it', '_next', '_stop', '_step', '_pos')

    def __init__(self, iterable, *args):
        if len(args) == 1:
            start, stop, step = None, args[0], None
            stop = _islice_arg(stop, _ISLICE_STOP)
        elif len(args) in (2, 3):
            start, stop = args[0], args[1]
            step = args[2] if len(args) == 3 else None
            start = _islice_arg(start, _ISLICE_START)
            stop = _islice_arg(stop, _ISLICE_START)
        elif not args:
            raise TypeError('islice expected at least 2 arguments, got 1')
        else:
            raise TypeError('islice expected at most 4 arguments, got %d'
                            % (len(args) + 1))
        if step is not None:
            try:
                step = _index(step)
            except TypeError:
                step = -1
            if step <= 0:
                raise ValueError('Step for islice() must be a positive '
                                 'integer or None.')
        self._it = iter(iterable)
        self._next = start or 0
        self._stop = stop
        self._step = step or 1
        self._pos = 0

    def __next__(self):
        it = self._it
        if it is None:
            raise StopIteration
        stop = self._stop
        while self._pos < self._next:
            if stop is not None and self._pos >= stop:
                self._it = None
                raise StopIteration
            try:
                next(it)
            except StopIteration:
                self._it = None
                raise
            self._pos += 1
        if stop is not None and self._pos >= stop:
            self._it = None
            raise StopIteration
        try:
            x = next(it)
        except StopIteration:
            self._it = None
            raise
        self._pos += 1
        self._next += self._step
        if stop is not None and self._next > stop:
            self._next = stop
        return x


class _tee_link:
    __slots__ = ('value', 'next')

    def __init__(self):
        self.next = None


class _tee_source:
    __slots__ = ('it',)

    def __init__(self, it):
        self.it = it


class _tee(_It):
    __slots__ = ('_src', '_link', '__weakref__')

    def __next__(self):
        link = self._link
        if link.next is None:
            v = next(self._src.it)
            link.value = v
            link.next = _tee_link()
        self._link = link.next
        return link.value

    def __copy__(self):
        t = _tee.__new__(_tee)
        t._src = self._src
        t._link = self._link
        return t


def tee(iterable, n=2):
    if not isinstance(n, int):
        n = _index(n)
    if n < 0:
        raise ValueError('n must be >= 0')
    if n == 0:
        return ()
    it = iter(iterable)
    if isinstance(it, _tee):
        first = it.__copy__()
    else:
        first = _tee.__new__(_tee)
        first._src = _tee_source(it)
        first._link = _tee_link()
    res = [first]
    for _ in range(n - 1):
        res.append(first.__copy__())
    return tuple(res)


class zip_longest(_It):
    __slots__ = ('_its', '_active', '_fill')

    def __init__(self, *iterables, fillvalue=None):
        self._its = [iter(x) for x in iterables]
        self._active = len(self._its)
        self._fill = fillvalue

    def __next__(self):
        its = self._its
        if not its or not self._active:
            raise StopIteration
        out = []
        for i, it in enumerate(its):
            if it is None:
                out.append(self._fill)
                continue
            try:
                out.append(next(it))
            except StopIteration:
                self._active -= 1
                if not self._active:
                    self._its = []
                    raise
                its[i] = None
                out.append(self._fill)
        return tuple(out)


class pairwise(_It):
    __slots__ = ('_it', '_old')

    def __init__(self, iterable):
        self._it = iter(iterable)
        self._old = _NOVALUE

    def __next__(self):
        if self._it is None:
            raise StopIteration
        try:
            if self._old is _NOVALUE:
                self._old = next(self._it)
            new = next(self._it)
        except StopIteration:
            self._it = None
            self._old = _NOVALUE
            raise
        pair = (self._old, new)
        self._old = new
        return pair


class product(_It):
    __slots__ = ('_pools', '_idx', '_done')

    def __init__(self, *iterables, repeat=1):
        repeat = _index(repeat)
        if repeat < 0:
            raise ValueError('repeat argument cannot be negative')
        self._pools = [tuple(p) for p in iterables] * repeat
        self._idx = None
        self._done = False

    def __next__(self):
        if self._done:
            raise StopIteration
        pools = self._pools
        if self._idx is None:
            for p in pools:
                if not p:
                    self._done = True
                    raise StopIteration
            self._idx = [0] * len(pools)
        else:
            idx = self._idx
            i = len(pools) - 1
            while i >= 0:
                idx[i] += 1
                if idx[i] < len(pools[i]):
                    break
                idx[i] = 0
                i -= 1
            if i < 0:
                self._done = True
                raise StopIteration
        return tuple(p[i] for p, i in zip(pools, self._idx))


class combinations(_It):
    __slots__ = ('_pool', '_r', '_idx', '_done')

    def __init__(self, iterable, r):
        r = _index(r)
        if r < 0:
            raise ValueError('r must be non-negative')
        self._pool = tuple(iterable)
        self._r = r
        self._idx = None
        self._done = r > len(self._pool)

    def __next__(self):
        if self._done:
            raise StopIteration
        pool, r = self._pool, self._r
        if self._idx is None:
            self._idx = list(range(r))
        else:
            idx = self._idx
            n = len(pool)
            for i in reversed(range(r)):
                if idx[i] != i + n - r:
                    break
            else:
                self._done = True
                raise StopIteration
            idx[i] += 1
            for j in range(i + 1, r):
                idx[j] = idx[j - 1] + 1
        return tuple(pool[i] for i in self._idx)


class combinations_with_replacement(_It):
    __slots__ = ('_pool', '_r', '_idx', '_done')

    def __init__(self, iterable, r):
        r = _index(r)
        if r < 0:
            raise ValueError('r must be non-negative')
        self._pool = tuple(iterable)
        self._r = r
        self._idx = None
        self._done = not self._pool and r > 0

    def __next__(self):
        if self._done:
            raise StopIteration
        pool, r = self._pool, self._r
        if self._idx is None:
            self._idx = [0] * r
        else:
            idx = self._idx
            n = len(pool)
            for i in reversed(range(r)):
                if idx[i] != n - 1:
                    break
            else:
                self._done = True
                raise StopIteration
            idx[i:] = [idx[i] + 1] * (r - i)
        return tuple(pool[i] for i in self._idx)


class permutations(_It):
    __slots__ = ('_pool', '_r', '_idx', '_cyc', '_done')

    def __init__(self, iterable, r=None):
        self._pool = tuple(iterable)
        n = len(self._pool)
        r = n if r is None else _index(r)
        if r < 0:
            raise ValueError('r must be non-negative')
        self._r = r
        self._idx = None
        self._cyc = None
        self._done = r > n

    def __next__(self):
        if self._done:
            raise StopIteration
        pool, r = self._pool, self._r
        n = len(pool)
        if self._idx is None:
            self._idx = list(range(n))
            self._cyc = list(range(n, n - r, -1))
            return tuple(pool[i] for i in self._idx[:r])
        idx, cyc = self._idx, self._cyc
        for i in reversed(range(r)):
            cyc[i] -= 1
            if cyc[i] == 0:
                idx[i:] = idx[i + 1:] + idx[i:i + 1]
                cyc[i] = n - i
            else:
                j = cyc[i]
                idx[i], idx[-j] = idx[-j], idx[i]
                return tuple(pool[k] for k in idx[:r])
        self._done = True
        raise StopIteration


for _c in (count, cycle, repeat, accumulate, chain, compress, dropwhile,
           takewhile, filterfalse, starmap, groupby, _grouper, islice, _tee,
           zip_longest, pairwise, product, combinations,
           combinations_with_replacement, permutations):
    _c.__module__ = 'itertools'
del _c
