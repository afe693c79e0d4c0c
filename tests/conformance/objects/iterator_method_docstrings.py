# Docstrings of the builtin iterators' pickling and sizing methods
# (__length_hint__, __reduce__, __setstate__), as CPython 3.11's.
iters = [
    iter([]), reversed([]), iter(()), iter(""), iter("\xe9"), iter(b""),
    iter(bytearray()), iter(range(0)), iter(range(2**70)), reversed(range(3)),
    iter({}), iter({}.values()), iter({}.items()), reversed({}),
    reversed({}.values()), reversed({}.items()), iter(set()), iter(int, 0),
    enumerate(()), zip(), map(len, ()), filter(None, ()), reversed("ab"),
]
for it in iters:
    for name in ("__length_hint__", "__reduce__", "__setstate__"):
        m = getattr(it, name, None)
        if m is not None:
            print(type(it).__name__, name, repr(m.__doc__))
print(type(iter([])).__dict__["__reduce__"].__doc__)
