# __doc__ of builtin functions, methods, descriptors and types is CPython's text.
import gc
import sys

for f in (sys.getsizeof, sys.getrefcount, gc.collect, len, id, print, isinstance):
    print(f.__qualname__, "->", repr(f.__doc__))
for m in ([].append, {}.get, "".join, (1,).count, dict.fromkeys):
    print(m.__qualname__, "->", repr(m.__doc__))
for d in (list.__dict__["append"], int.__dict__["real"], str.__dict__["upper"]):
    print(type(d).__name__, "->", repr(d.__doc__))
for t in (int, list, object, type, BaseException, KeyError):
    print(t.__name__, "->", repr(t.__doc__))


class Plain:
    pass


class Documented:
    """A class with a docstring."""

    def method(self):
        "A method docstring."


print(Plain.__doc__, Documented.__doc__, Documented.method.__doc__)
print(Plain.__init__.__doc__)
print(sorted(k for k in vars(Documented) if not k.startswith("__")))
print(len(list(iter(vars(Plain)))) > 0)
