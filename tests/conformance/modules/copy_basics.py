# copy: shallow vs deep, memo and cycles, __copy__/__deepcopy__, instances
# with __dict__ and __slots__, atomic values and tuples kept as is.
import copy


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = [1]
        self.b = "s"


class Custom:
    def __copy__(self):
        print("__copy__ called")
        return "shallow"

    def __deepcopy__(self, memo):
        print("__deepcopy__ called", type(memo).__name__)
        return "deep"


nested = [1, [2, 3], {"k": [4]}]
s = copy.copy(nested)
d = copy.deepcopy(nested)
print(s == nested, s is nested, s[1] is nested[1])
print(d == nested, d[1] is nested[1], d[2]["k"] is nested[2]["k"])

cyc = [1]
cyc.append(cyc)
dc = copy.deepcopy(cyc)
print(dc[1] is dc, dc is not cyc)

t = (1, "a", (2, 3))
print(copy.copy(t) is t, copy.deepcopy(t) is t)
t2 = (1, [2])
dt2 = copy.deepcopy(t2)
print(dt2 == t2, dt2 is t2, dt2[1] is t2[1])

for atom in (None, 5, 2.5, "str", b"by", True, len, Point):
    print(copy.deepcopy(atom) is atom, end=" ")
print()

p = Point(1, [2])
p2 = copy.copy(p)
p3 = copy.deepcopy(p)
print(p2.x, p2.y is p.y, p3.y == p.y, p3.y is p.y, type(p3).__name__)

sl = Slotted()
sl2 = copy.deepcopy(sl)
print(sl2.a, sl2.a is sl.a, sl2.b)

c = Custom()
print(copy.copy(c), copy.deepcopy(c))

shared = [0]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print(dp[0] is dp[1], dp[0] is shared)
print(copy.copy({1, 2}) == {1, 2}, copy.deepcopy({"a": (1, [2])}))
print(issubclass(copy.Error, Exception), copy.error is copy.Error)


class D(dict):
    pass


class L(list):
    pass


dd = D(a=[1])
dd2 = copy.deepcopy(dd)
print(type(dd2).__name__, dd2, dd2["a"] is dd["a"], type(copy.copy(L([1, 2]))).__name__)
