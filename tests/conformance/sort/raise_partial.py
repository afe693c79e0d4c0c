# A comparison that raises at the k-th call stops list.sort(): the exception
# propagates and the list keeps the partial state CPython's timsort left in
# its item array (binary insertion in progress, a merge copied back from its
# temp array), with and without reverse (the list is reversed back even
# then) and with key= (items moved with their keys).
from _sortlog import Gen, K, Stop, wrap, ids, logged_sort

g = Gen(99)
for n in (2, 3, 5, 8, 17, 33, 64, 65, 100, 150):
    values = [g.next(40) for _ in range(n)]
    total = logged_sort(values)[0]
    for rev in (False, True):
        for k in sorted({1, 2, 3, total // 4, total // 2, total - 3, total - 1, total}):
            if k < 1:
                continue
            count, d, res, err = logged_sort(values, rev, k)
            print(n, rev, k, err, res if n <= 33 else sum(i * r for i, r in enumerate(res)))

# errors other than from __lt__: an incomparable item
for data in ([3, 1, 2, 'x', 1], [5, 4, 3, None, 2, 1], [2, 1, 'b', 'a'],
             [1.5, 2, 'z', 0, -1, 3], list(range(70, 0, -1)) + ['x'] + list(range(70))):
    for rev in (False, True):
        v = list(data)
        try:
            v.sort(reverse=rev)
        except TypeError as e:
            print('TypeError', e)
        print(v if len(v) < 20 else v[:10] + v[-10:])

# the same through key=: the list holds items, the comparisons see keys
class Item:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return 'I%d' % self.v


K.log = []
for k in (1, 4, 9, 20):
    items = [Item(v) for v in [9, 3, 7, 1, 8, 2, 6, 0, 5, 4, 11, 10]]
    K.limit = k
    try:
        items.sort(key=lambda it: K(it.v, it.v))
    except Stop as e:
        print('stopped at', e)
    K.limit = -1
    print(items)

# sorted() of a failing iterable copy: the original is untouched
src = [4, 3, 2, 1, 'x']
try:
    sorted(src)
except TypeError as e:
    print('TypeError', e)
print(src)
