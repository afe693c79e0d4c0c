# difffuzz: a temporary freed during sorted() leaves its memory block for the next
# object of the same size class (pymalloc LIFO reuse).
class C1:
    def __init__(self, v): self.v = v; self.other = None
o2 = C1('€uro')
print(sorted([o2, C1(1)], key=repr))
o3 = C1(10**20)
print(repr(o3))
