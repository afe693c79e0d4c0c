# An exception has no instance dict until one is needed: gc.get_referents of
# exceptions, exception subclasses, and raised exceptions.
import gc
import sys


class E(Exception):
    pass


class F(ValueError):
    def __init__(self, a):
        self.a = a


def names(o):
    return [type(x).__name__ for x in gc.get_referents(o)]


for e in (Exception(1), E(1, 2), ValueError(), KeyError(1), F(3)):
    print(type(e).__name__, names(e), sys.getsizeof(e))
e = E(1)
print(e.__dict__, names(e))
e.x = 5
print(names(e))
try:
    raise E("m")
except E as err:
    print(names(err))
try:
    {}[0]
except KeyError as err:
    print(names(err))
