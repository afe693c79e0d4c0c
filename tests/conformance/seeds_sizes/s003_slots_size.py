# Seed 003 (memory management notebook): __slots__ removes the per-instance
# __dict__.
import sys


class C:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


c = C(1, "Hello World")
print("__dict__" in dir(c))
print(sys.getsizeof(c))
print(c.x, c.y)
