# set/frozenset iteration order, pop order and sizes (PYTHONHASHSEED=0).
import sys

print({"x", "y", "z", "w"}, {"apple", "banana", "cherry"})
print(set("abcdefghijklmnop"), frozenset({"k", "l", "m", "n"}))
s = set()
sizes = [sys.getsizeof(s)]
for i in range(60):
    s.add(i * 7)
    sizes.append(sys.getsizeof(s))
print(sorted(set(sizes)))
print(list(s)[:12])
for i in range(50):
    s.discard(i * 7)
print(sys.getsizeof(s), s, s.pop(), s.pop(), s)
print(sys.getsizeof(set(range(5))), sys.getsizeof(set(range(100))), sys.getsizeof(frozenset("abcdefghijk")))
a = set("abcdefgh")
b = set("efghijklmn")
print(a | b, a & b, a - b, a ^ b, b - a)
print(sys.getsizeof(a | b), sys.getsizeof(a.copy()), sys.getsizeof(a - set("a")))
print(set({"q": 1, "r": 2, "s": 3, "t": 4, "u": 5, "v": 6}), sys.getsizeof(set(dict.fromkeys("abcdefgh"))))
a |= set("zyxwvu")
print(a, sys.getsizeof(a))
a &= set("abcxyz")
print(a, sys.getsizeof(a))
a ^= set("cdq")
print(a)
print(hash(frozenset({1, 2, 3})), hash(frozenset("abc")) == hash(frozenset("cba")))
print({(1, "a"), (2, "b"), (3, "c")}, {1.5, 2, "x", (1, 2)})
s.clear()
print(sys.getsizeof(s))


class B:
    def __hash__(self):
        return 5

    def __eq__(self, other):
        S.clear()
        return False


S = set()
S.add(B())
S.add(B())
print(len(S))
S = set(range(5))
try:
    for x in S:
        S.add(x + 10)
except RuntimeError as e:
    print("RuntimeError:", e)
