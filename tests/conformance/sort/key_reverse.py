# key= and reverse=: all keys are computed first, in list order, before any
# comparison; a key function that raises leaves the list unchanged (keys made
# so far are released last first); reverse=True keeps equal keys in their
# original order; key objects are released in their sorted order after the
# sort; sorted() passes its keywords to list.sort and checks them the same.
from _sortlog import Gen, K, wrap, ids, digest

events = []


class Key:
    def __init__(self, v, tag):
        self.v = v
        self.tag = tag

    def __lt__(self, other):
        events.append('lt %s %s' % (self.tag, other.tag))
        return self.v < other.v

    def __del__(self):
        events.append('del %s' % self.tag)


def keyfunc(x):
    events.append('key %s' % x)
    return Key(x % 3, x)


data = [5, 3, 8, 1, 6, 4, 2, 7]
for rev in (False, True):
    events.clear()
    lst = list(data)
    lst.sort(key=keyfunc, reverse=rev)
    print(rev, lst)
    print(events)

# a key function that raises on the 5th item
def bad_key(x):
    events.append('key %s' % x)
    if x == 6:
        raise ValueError('bad key %s' % x)
    return Key(x, x)


events.clear()
lst = list(data)
try:
    lst.sort(key=bad_key)
except ValueError as e:
    print('ValueError', e)
print(lst)
print(events)

# stability with equal keys, forward and reversed, list.sort and sorted
g = Gen(5)
pairs = [(g.next(4), i) for i in range(40)]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
lst = list(pairs)
lst.sort(key=lambda p: -p[0], reverse=True)
print(lst)
print(sorted('The quick brown fox Jumps over the lazy dog'.split(), key=str.lower))
print(sorted('The quick brown fox Jumps over the lazy dog'.split(), key=len, reverse=True))

# comparison logs with key= and reverse= on bigger data
for n in (10, 64, 100, 300):
    values = [g.next(30) for _ in range(n)]
    for rev in (False, True):
        items = list(range(n))
        K.log = []
        items.sort(key=lambda i: K(values[i], i), reverse=rev)
        print(n, rev, len(K.log), digest(K.log), digest(enumerate(items)))

# key=None is no key; reverse takes ints only
print(sorted([3, 1, 2], key=None), sorted([3, 1, 2], reverse=1), sorted([3, 1, 2], reverse=False))
for kw in ({'reverse': None}, {'reverse': 1.5}, {'reverse': 'x'}, {'reverse': 2 ** 40},
           {'foo': 1}, {'key': 1}):
    for f in (lambda: [2, 1].sort(**kw), lambda: sorted([2, 1], **kw)):
        try:
            print(f())
        except Exception as e:
            print(type(e).__name__, e)
try:
    [].sort(1)
except TypeError as e:
    print('TypeError', e)
print([].sort(key=1), sorted([], key=1))
for f in (lambda: [5].sort(key=1), lambda: sorted([7], key=1)):
    try:
        f()
    except TypeError as e:
        print('TypeError', e)
