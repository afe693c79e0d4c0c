# Deeply nested structures are freed without native recursion (trashcan);
# repr/compare/hash of deep nesting raise RecursionError with CPython's
# messages; deep Python recursion stops at the limit. (10**5 levels here so
# the case stays fast under GC stress; crates/pyheap/tests/reliability.rs
# frees 10**6 levels.)
import sys

N = 10**5


class Node:
    def __init__(self, child):
        self.child = child


class Noisy:
    count = 0

    def __init__(self, child):
        self.child = child

    def __del__(self):
        Noisy.count += 1


def build(kind):
    x = None
    for _ in range(N):
        if kind == "list":
            x = [x]
        elif kind == "dict":
            x = {"k": x}
        elif kind == "tuple":
            x = (x,)
        elif kind == "set-frozen":
            x = frozenset([x]) if x is not None else frozenset()
        elif kind == "instance":
            x = Node(x)
        elif kind == "closure":
            x = (lambda inner: (lambda: inner))(x)
    return x


for kind in ["list", "dict", "tuple", "instance", "closure"]:
    x = build(kind)
    del x
    print("freed", kind)

x = None
for _ in range(N):
    x = Noisy(x)
del x
print("finalized chain", Noisy.count)

nested = build("list")
try:
    repr(nested)
except RecursionError as e:
    print("repr:", e)
try:
    str(build("dict"))
except RecursionError as e:
    print("dict str:", e)
a, b = build("list"), build("list")
try:
    print(a == b)
except RecursionError as e:
    print("compare:", e)
try:
    hash(build("tuple"))
except RecursionError as e:
    print("hash:", e)
del nested, a, b

depth = 0


def recurse(n):
    global depth
    depth = n
    return recurse(n + 1)


try:
    recurse(1)
except RecursionError as e:
    print("recursion:", e, depth > 900)
sys.setrecursionlimit(200)
try:
    recurse(1)
except RecursionError as e:
    print("limit 200:", e, 150 < depth <= 200)
sys.setrecursionlimit(1000)
print("end")
