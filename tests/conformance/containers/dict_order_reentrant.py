# dict insertion order, deletion/reinsertion, popitem LIFO, and mutation
# from Python __eq__/__hash__ during lookups (no crash, CPython's errors).
import gc

d = {}
for w in "the quick brown fox jumps over the lazy dog".split():
    d[w] = len(w)
del d["quick"]
d["quick"] = 0
d[3] = "three"
d[(1, 2)] = "tuple"
print(list(d.items()))
print(d.popitem(), d.popitem(), list(d))


class Evil:
    def __init__(self, target):
        self.target = target

    def __hash__(self):
        return 7

    def __eq__(self, other):
        self.target.clear()
        return False


t = {}
t[Evil(t)] = 1
t[Evil(t)] = 2
print(len(t))

t = {i: i for i in range(5)}
try:
    for k in t:
        t[k + 100] = 1
except RuntimeError as e:
    print("RuntimeError:", e)

t = {i: i for i in range(5)}
try:
    for k in t:
        del t[k]
except RuntimeError as e:
    print("RuntimeError:", e)

print(gc.is_tracked({}), gc.is_tracked({1: 2}), gc.is_tracked({1: []}), gc.is_tracked({"a": ()}))
x = {1: 2}
x[3] = []
print(gc.is_tracked(x))
del x[3]
print(gc.is_tracked(x))
gc.collect()
print(gc.is_tracked(x))
y = {"a": [1]}
print(gc.is_tracked(y.copy()), gc.is_tracked(dict(y)), gc.is_tracked({**{"a": 1}}))
