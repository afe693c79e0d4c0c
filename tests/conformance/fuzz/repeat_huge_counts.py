# difffuzz crash regression: `lst *= hash(1.5)` panicked (Vec capacity overflow);
# huge repeat counts must raise MemoryError / OverflowError like CPython.
for make in [lambda: [3, 1, 2], lambda: (3, 1, 2), lambda: b'abc', lambda: bytearray(b'ab')]:
    for n in [hash(1.5), 2**62, 2**40]:
        v = make()
        try:
            v *= n
            print(len(v))
        except (MemoryError, OverflowError) as e:
            print(type(e).__name__, e)
        try:
            print(len(make() * n))
        except (MemoryError, OverflowError) as e:
            print(type(e).__name__, e)
