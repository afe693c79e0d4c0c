# Seed 003 (memory management notebook): an ordinary instance has a __dict__;
# its size is the instance plus the dict.
# Rewrite: help(sys.getsizeof) (pydoc, pager) is replaced by printing the
# function's docstring.
import sys


class C:
    def __init__(self, x, y):
        self.x = x
        self.y = y


c = C(1, "Hello World")
print("__dict__" in dir(c))
print(sys.getsizeof.__doc__)
print(sys.getsizeof(c))
print(c.__dict__)
print(sys.getsizeof(c) + sys.getsizeof(c.__dict__))
