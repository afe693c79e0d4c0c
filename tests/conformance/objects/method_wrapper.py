# Slot wrappers of builtin types bound to an instance are method-wrapper objects (48 bytes).
import sys, gc
class A:
    pass
a = A()
w = a.__init__
print(type(w).__name__, sys.getsizeof(w), w.__name__, w.__qualname__, w.__self__ is a)
print(repr(w).split(" at ")[0])
print(w.__doc__)
print(callable(w), w() is None)
print(type(a.__repr__).__name__, a.__repr__().startswith("<__main__.A object"))
print((5).__add__(3), (5).__add__.__name__, type((5).__add__).__name__)
print(type([].append).__name__, type([].__len__).__name__, [1, 2].__len__())
print(type("x".__eq__).__name__, "x".__eq__("x"))
print(len(gc.get_referents(w)), gc.get_referents(w)[1] is a)

