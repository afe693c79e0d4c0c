# Order in which containers release their items (visible through __del__):
# lists and tuples go last item first, dicts and sets first to last; a list
# being cleared is already empty when its items' finalizers run.
class A:
    seen = None

    def __init__(self, n):
        self.n = n

    def __del__(self):
        extra = "" if A.seen is None else " list len %d" % len(A.seen)
        print("del", self.n, extra)


def section(title):
    print("--", title)


section("del list")
l = [A(1), A(2), A(3)]
del l
section("list.clear sees an empty list")
l = [A(1), A(2), A(3)]
A.seen = l
l.clear()
A.seen = None
section("del slice")
l = [A(1), A(2), A(3), A(4)]
del l[1:3]
section("slice assignment")
l[:] = [A(5)]
section("del l[:]")
l = [A(i) for i in range(6, 10)]
del l[:]
section("rebinding")
l = [A(10), A(11)]
l = None
section("tuple")
t = (A(1), A(2), A(3))
del t
section("nested")
x = [(A(1), A(2)), [A(3), A(4)], (A(5),)]
del x
section("dict")
d = {A(1): A(2), A(3): A(4)}
del d
section("dict.clear")
d = {1: A(1), 2: A(2), 3: A(3)}
d.clear()
section("set")
s = {A(1)}
del s
section("list comprehension result dropped")
[A(i) for i in range(3)]
section("end")
