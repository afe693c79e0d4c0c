# In-place * falls back to the right operand's sequence repeat only when the left
# type has no sequence methods: dict, set, range, views, mappingproxy,
# memoryview on the left give "unsupported operand type(s) for *=" (found by
# difffuzz seed 777, programs 721 and 948).
import types
for left in ({1: 2}, {1}, frozenset({1}), range(3), {}.keys(), {}.values(), {}.items(), vars(int), memoryview(b"ab"), 5, None, 2.5, [1], (1,), "s", b"b", bytearray(b"x")):
    for right in ("ab", [1], (2,), b"x", 3, {1: 1}):
        x = left
        try:
            x *= right
            print(type(left).__name__, type(right).__name__, "ok", type(x).__name__)
        except Exception as e:
            print(type(left).__name__, type(right).__name__, type(e).__name__, e)
        try:
            y = left * right
            print("  *", type(y).__name__)
        except Exception as e:
            print("  *", type(e).__name__, e)
