# list.sort() on data with structure that exercises run detection (strictly
# descending runs are reversed, non-descending ones kept), binary insertion
# to minrun, the merge strategy and galloping in merge_lo/merge_hi with
# min_gallop adaptation: comparison counts and digests of the exact
# sequence of compared pairs, plus the results.
from _sortlog import Gen, K, wrap, digest, ids, logged_sort

g = Gen(7)


def runs(n, maxrun, dup):
    out = []
    while len(out) < n:
        r = g.next(maxrun) + 1
        base = g.next(1000)
        if g.next(2):
            out.extend(base + (i // dup) for i in range(r))
        else:
            out.extend(base + r - (i // dup) for i in range(r))
    return out[:n]


def interleave(n):
    evens = list(range(0, n, 2))
    odds = list(range(1, n, 2))
    k = len(evens) // 3
    return evens[:k] + odds + evens[k:]


def two_sorted(n, m):
    a = sorted(g.next(m) for _ in range(n // 3))
    b = sorted(g.next(m) for _ in range(n - n // 3))
    return b + a


def blocks(n, width):
    # sorted blocks whose ranges overlap only at the edges: long gallops
    out = []
    for start in range(0, n, width):
        out = list(range(start, min(n, start + width))) + out
    return out


def swaps(n, k):
    x = list(range(n))
    for _ in range(k):
        i, j = g.next(n), g.next(n)
        x[i], x[j] = x[j], x[i]
    return x


cases = []
for n in (63, 64, 65, 129, 256, 1000, 2100):
    cases.append(('asc', n, list(range(n))))
    cases.append(('desc', n, list(range(n, 0, -1))))
    cases.append(('equal', n, [5] * n))
    cases.append(('desc-dups', n, [i // 3 for i in range(n, 0, -1)]))
    cases.append(('runs', n, runs(n, 40, 1)))
    cases.append(('runs-dups', n, runs(n, 200, 4)))
    cases.append(('interleave', n, interleave(n)))
    cases.append(('two-sorted', n, two_sorted(n, 100)))
    cases.append(('two-sorted-wide', n, two_sorted(n, 10 ** 6)))
    cases.append(('blocks', n, blocks(n, 100)))
    cases.append(('swaps', n, swaps(n, n // 50 + 1)))
    cases.append(('sawtooth', n, [i % 37 for i in range(n)]))
    cases.append(('organ', n, list(range(n // 2)) + list(range(n - n // 2, 0, -1))))
for name, n, values in cases:
    for rev in (False, True):
        count, d, res, err = logged_sort(values, rev)
        print(name, n, rev, count, d, digest(enumerate(res)))
print(ids(sorted(wrap([1, 0, 1, 0, 1, 0, 2, 2, 1]))))
print(ids(sorted(wrap([3, 2, 2, 1, 1, 0]))))
