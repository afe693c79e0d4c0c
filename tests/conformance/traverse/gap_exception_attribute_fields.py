# Known gap: exception types with attributes of their own keep them in the
# instance dict in pyheap; CPython keeps them in struct fields, which
# gc.get_referents reports one by one.
import gc

for e in (StopIteration(5), SystemExit(2), ImportError("m", name="n"), NameError("x", name="y"),
          AttributeError("a"), OSError(2, "no"), SyntaxError("s")):
    print(type(e).__name__, sorted(type(x).__name__ for x in gc.get_referents(e)))


# The dict also takes a block: a freed instance's block goes to the dict
# instead of the next instance (difffuzz seed 20261211 program 1937).
class C2:
    def __init__(self, v):
        self.v = v


c = C2(3)
idc = id(c)
del c
try:
    None.attr
except AttributeError:
    pass
d = C2(4)
print(id(d) == idc)
