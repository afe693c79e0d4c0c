# sorted() of tuples: each comparison finds the first differing position
# with == (identity counts as equal), then uses <; when every key is a
# non-empty tuple whose first items share one class, a < on first items
# calls __lt__ directly and repeats the full comparison if it returns
# NotImplemented (so __lt__ runs twice, then the reflected __gt__), and the
# same holds for plain lists of one class; mixed classes compare once.
from _sortlog import Gen

log = []


class E:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        log.append('eq %s %s' % (self.v, getattr(other, 'v', other)))
        return isinstance(other, E) and self.v == other.v

    def __lt__(self, other):
        log.append('lt %s %s' % (self.v, getattr(other, 'v', other)))
        return self.v < other.v

    __hash__ = None

    def __repr__(self):
        return 'E%d' % self.v


class F(E):
    pass


g = Gen(11)
data = [(E(g.next(3)), g.next(3), E(g.next(4))) for _ in range(12)]
log.clear()
print(sorted(data))
print(len(log), log[:40])

data = [(1, E(g.next(5))) for _ in range(10)] + [(0, E(1)), (2,), (1,)]
log.clear()
print(sorted(data, reverse=True))
print(len(log), log)

# mixed first-item classes: plain rich comparison
data = [(E(2), 0), (F(1), 1), (E(1), 2), (F(2), 3)]
log.clear()
print(sorted(data))
print(log)


class NI:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        log.append('lt %s %s' % (self.v, other.v))
        return NotImplemented

    def __gt__(self, other):
        log.append('gt %s %s' % (self.v, other.v))
        return self.v > other.v

    def __repr__(self):
        return 'N%d' % self.v


class NI2(NI):
    pass


for data in ([NI(3), NI(1), NI(2)], [(NI(3),), (NI(1),), (NI(2),)],
             [NI(3), NI2(1), NI(2)], [(NI(3), 1), (NI2(1), 2), (NI(2), 3)],
             [(1, NI(3)), (1, NI(1))]):
    log.clear()
    print(sorted(data), log)


class Nothing:
    def __repr__(self):
        return 'Nothing'


for data in ([Nothing(), Nothing()], [(Nothing(),), (Nothing(),)], [(1, Nothing()), (1, Nothing())]):
    try:
        sorted(data)
    except TypeError as e:
        print('TypeError', e)

# builtin keys (the specialised compares): ints, big ints, floats with nan,
# latin-1 and wider strs, bools, mixed numbers, tuples of tuples, lists
print(sorted([3, -1, 2 ** 40, -2 ** 70, 0, 7, 2 ** 30, -5]))
print(sorted([2.5, float('nan'), 1.0, -0.0, 0.0, float('inf'), 3.0, float('nan'), -1.5]))
print(sorted(['b', 'a', 'é', 'ab', '', 'Z', '€', '😀', 'a\x00']))
print(sorted([True, False, 1, 0, 1.0, 0.5, -1]))
print(sorted([((2, 1), 'x'), ((1, 5), 'y'), ((2, 0), 'z'), ((1, 5), 'a')]))
print(sorted([[3, 1], [2], [3, 0, 1], [], [2, 9]]))
print(sorted([(3,), (), (1, 2), (1,), ()]))
print(sorted([1, 2.5, 0, -3.5, 2]), sorted([5, 4, 3], key=lambda x: (x % 2, -x)))
