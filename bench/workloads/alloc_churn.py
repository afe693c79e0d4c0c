"""Short-lived objects of every common kind: instances, __slots__ instances, small lists,
dicts, strings and tuples, created and dropped in each loop iteration."""

LOOPS = 500_000


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class SlotPoint:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z


def main():
    acc = 0
    keep = None
    for i in range(LOOPS):
        p = Point(i, i + 1)
        s = SlotPoint(i, p.y, 3)
        lst = [p.x, s.y, s.z]
        d = {"a": lst[0], "b": lst[1], "i": i}
        t = (d["a"], d["b"], s.z)
        name = "item-" + str(i % 1000)
        acc += t[0] + t[1] + t[2] + len(name) + len(d)
        if i % 1000 == 0:
            keep = (p, s, lst, d, t, name)
    print("alloc_churn loops", LOOPS, "acc", acc, "last", keep[5], keep[4])


main()
