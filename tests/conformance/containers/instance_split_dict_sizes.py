# sys.getsizeof of materialised instance __dict__s (3.11 split dicts sharing
# the class keys: 64 + 8 * (nentries + usable) of the shared keys).
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
print(sys.getsizeof(a.__dict__), sys.getsizeof(b.__dict__))


class B:
    def __init__(self):
        self.p = 1
        self.q = 2


objs = [B() for _ in range(5)]
print(sys.getsizeof(objs[0].__dict__), sys.getsizeof(objs[4].__dict__))
d = objs[1].__dict__
d["r"] = 3
print(sys.getsizeof(d), list(d))
