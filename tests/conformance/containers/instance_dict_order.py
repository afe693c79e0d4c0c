# Instance attributes: per-instance insertion order, deletion, and cycle counts with and without a materialised __dict__.
import gc
import sys


class A:
    pass


a = A()
a.x = 1
a.y = 2
b = A()
b.y = 3
b.x = 4
b.z = 5
print(vars(a), vars(b))
del b.y
b.y = 6
print(vars(b), list(b.__dict__))


class B:
    def __init__(self):
        self.p = 1
        self.q = 2


objs = [B() for _ in range(5)]
print(sys.getsizeof(objs[4]), vars(objs[1]), vars(objs[0]))


class C:
    pass


gc.collect()
p, q = C(), C()
p.other = q
q.other = p
del p, q
print(gc.collect())
p, q = C(), C()
p.other = q
q.other = p
p.__dict__, q.__dict__
del p, q
print(gc.collect())
