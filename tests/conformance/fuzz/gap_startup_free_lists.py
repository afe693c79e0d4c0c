# difffuzz seed 20261211 program 1937: CPython's start-up leaves blocks parked
# on the tuple free lists (how many depends on site and on the script being
# compiled); pyheap's start-up leaves others. Here KeyError's 1-tuple of
# arguments comes from the free list in CPython but from the freed instance's
# block in pyheap, which then keeps it parked, so the next instance is
# placed elsewhere.
class C2:
    def __init__(self, v):
        self.v = v


a = C2(1)
ida = id(a)
del a
try:
    {}["x"]
except KeyError:
    pass
b = C2(2)
print(id(b) == ida)
