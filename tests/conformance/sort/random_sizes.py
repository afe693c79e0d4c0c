# list.sort() of random lists of every size 0..300 through a logging __lt__:
# the number of comparisons, a digest of the exact sequence of compared
# pairs, and a digest of the result (stability shows in the ids), with value
# ranges from many duplicates to none and reverse=True on every other size.
# Small sizes print the whole comparison log.
from _sortlog import Gen, K, wrap, digest, ids, logged_sort

g = Gen(2024)
for n in range(0, 301):
    m = (3, 50, 10 ** 6)[n % 3]
    rev = n % 2 == 1
    values = [g.next(m) for _ in range(n)]
    count, d, res, err = logged_sort(values, rev)
    print(n, m, rev, count, d, digest(enumerate(res)))
    if n <= 14:
        objs = wrap(values)
        K.log = []
        objs.sort(reverse=rev)
        print('  log', K.log)
        print('  result', objs)
