# dict sizes through growth, deletion, popitem, clear, copy and merges
# (combined tables: 8-slot start, 2/3 usable, unicode vs general entries).
import sys

d = {}
sizes = [sys.getsizeof(d)]
for i in range(100):
    d[i] = i
    sizes.append(sys.getsizeof(d))
print(sorted(set(sizes)))
for i in range(0, 100, 2):
    del d[i]
print(len(d), sys.getsizeof(d), list(d)[:5])
for i in range(200, 260):
    d[i] = None
print(len(d), sys.getsizeof(d), list(d)[-3:])
print(sys.getsizeof(d.copy()), sys.getsizeof(dict(d)))

s = {}
for i in range(30):
    s["k%d" % i] = i
print(sys.getsizeof(s))
s[1.5] = "mixed"
print(sys.getsizeof(s))

p = dict.fromkeys("abcdefghijkl")
print(sys.getsizeof(p), [p.popitem() for _ in range(3)], sys.getsizeof(p))
p["z"] = 1
print(list(p), sys.getsizeof(p))
p.clear()
print(sys.getsizeof(p))
print(sys.getsizeof({"a": 1}), sys.getsizeof({1: 1}), sys.getsizeof({"a": 1, 1: 2}))
print(sys.getsizeof({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}))
print(sys.getsizeof({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, 8: 8}))
x = {"k%d" % i: i for i in range(7)}
print(sys.getsizeof({**x}), sys.getsizeof({"q": 0, **x}), sys.getsizeof(x | {"r": 1}))
for src in [x, set(range(12)), frozenset("abcdefg"), "abcdefghijklmnopq", list(range(40))]:
    print(sys.getsizeof(dict.fromkeys(src)))
e = dict.fromkeys(range(12))
for i in range(9):
    del e[i]
print(sys.getsizeof(e), sys.getsizeof(e.copy()))


class D(dict):
    pass


print(sys.getsizeof(D()), sys.getsizeof(D(a=1)))
