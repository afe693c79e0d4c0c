"""Int hashing, comparison and indexing at the small/large boundaries (2**60, 2**61,
index-sized limits), tuple hashing and comparison, int subclasses as indices."""
vals = [0, 1, -1, -2, 2**30, -2**30, 2**60-1, -(2**60-1), 2**60, 2**61-1, 2**61, -2**61+1, 2**64, -2**64, True, False, 1.0, -1.0, 2.5]
print([hash(v) for v in vals])
print(hash(()), hash((1, 2)), hash((-1,)), hash((2**61, "a")), hash(((1, 2), (3, (4,)))))
class I(int):
    def __hash__(self): return 7
    def __eq__(self, o): return "eq"
print(hash(I(5)), hash((I(5), 1)), (1, 2) == (1, 2), (1, 2) < (1, 3), (1, 2) < (1,), (1, (2, 3)) >= (1, (2, 3)))
print((I(5), 1) == (5, 1), (5, 1) == (I(5), 1), (1, 2.0) == (1, 2), (1, 2) != (1, 2), (1, float('nan')) == (1, float('nan')))
n = float('nan'); print((1, n) == (1, n), [n] == [n])
print(1 == True, 2**60 == 2**60, 2**60 < 2**60+1, -5 < 3 <= 3, 10**20 > 1)
try:
    hash((1, []))
except TypeError as e: print(e)
try:
    (1, 2) < (1, "a")
except TypeError as e: print(e)
d = {(i, j): i * j for i in range(300) for j in range(3)}
print(d[(299, 2)], d.get((1000, 1)), (5, 1) in d)
l = [1, 2, 3]; t = (4, 5)
print(l[0], l[-1], l[-3], t[1], t[-2])
for bad in (3, -4, 2**62, -2**62, 2**100):
    try: l[bad]
    except IndexError as e: print(e)
    try: t[bad]
    except IndexError as e: print(e)
print(l[True], t[False])
class J(int):
    def __index__(self): return 0
print(l[J(2)], t[J(1)])
print(list(range(J(3))), [0] * J(2), "ab"[J(1)])
it = iter(range(2**60 - 2, 2**60 + 1))
print(list(it), next(it, "end"))
s="héllo"
print(s[0], s[-1], s[1], "ab"[True], "ab"[-2])
for k in (5, -6, 2**62, 2**100, "x", 1.0):
    try: s[k]
    except (IndexError, TypeError) as e: print(type(e).__name__, e)
