# Helpers for the sort cases: deterministic data (a linear congruential
# generator, so no dependence on the random module) and a key class whose
# __lt__ logs every comparison.

class Gen:
    def __init__(self, seed):
        self.s = seed

    def next(self, m):
        self.s = (self.s * 1103515245 + 12345) % 2147483648
        return (self.s >> 8) % m


class Stop(Exception):
    pass


class K:
    """A value with an id; every `<` is logged as (self.id, other.id)."""
    __slots__ = ('v', 'id')
    log = []
    limit = -1

    def __init__(self, v, id):
        self.v = v
        self.id = id

    def __lt__(self, other):
        K.log.append((self.id, other.id))
        if len(K.log) == K.limit:
            raise Stop('comparison %d' % len(K.log))
        return self.v < other.v

    def __repr__(self):
        return '%r#%d' % (self.v, self.id)


def wrap(values):
    return [K(v, i) for i, v in enumerate(values)]


def digest(pairs):
    h = 0
    for a, b in pairs:
        h = (h * 1000003 + a * 1009 + b) % (1 << 61)
    return h


def ids(objs):
    return [o.id for o in objs]


def logged_sort(values, reverse=False, limit=-1):
    """Sorts wrapped values; returns (comparisons, digest, final ids, error)."""
    objs = wrap(values)
    K.log = []
    K.limit = limit
    err = None
    try:
        objs.sort(reverse=reverse)
    except Stop as e:
        err = str(e)
    K.limit = -1
    return len(K.log), digest(K.log), ids(objs), err
