# difffuzz seed 20261211 program 1937: raising and catching an exception
# makes no instance dict, so the block a freed instance leaves is reused by
# the next instance of its size (pyheap made a dict for every exception,
# which took the block; AttributeError still makes one: known gap
# traverse/gap_exception_attribute_fields).
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
