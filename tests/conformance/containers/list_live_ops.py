# list.remove/index/count compare against the live list (an __eq__ may change
# it); slices read items in place; deleting a slice releases items in
# CPython's order (simple slices last first, extended slices in position order).
import sys


class Shrinker:
    def __init__(self, target, name):
        self.target = target
        self.name = name

    def __eq__(self, other):
        if self.target:
            self.target.pop()
        return False

    def __repr__(self):
        return self.name


l = []
l.extend(Shrinker(l, "s%d" % i) for i in range(6))
print(l.count(object()), len(l))
l = []
l.extend(Shrinker(l, "s%d" % i) for i in range(6))
try:
    l.index(object())
except ValueError as e:
    print("ValueError", len(l))
l = []
l.extend(Shrinker(l, "s%d" % i) for i in range(6))
try:
    l.remove(object())
except ValueError as e:
    print(e, len(l))


class Probe:
    def __eq__(self, other):
        print("rc in __eq__", sys.getrefcount(self))
        return False


p = Probe()
[p].count(0)
[p].index(p)
print([1, 2, 3, 2].index(2, 2), (1, 2, 3, 2).index(2, -2), [1, 2].count(2), (2, 2).count(2))
try:
    (1, 2).index(3)
except ValueError as e:
    print(e)
try:
    [1, 2].index(3)
except ValueError as e:
    print(e)


class D:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


l = [D(i) for i in range(8)]
print("-- del l[1:4]")
del l[1:4]
print("-- del l[::2]")
del l[::2]
print("-- del l[::-1]")
del l[::-1]
l = [D(i) for i in range(4)]
print("-- l[1:3] = []")
l[1:3] = []
print("-- l[::-2] = [0]")
l[::-2] = [0]
print("-- end")
big = list(range(100000))
del big[::2]
print(len(big), big[:3], big[-1])
s = big[::1000]
print(len(s), s[:3], big[5:2], big[-3:], big[::-25000])
