# f-strings: expressions, conversions, format specs, nesting.
name, value, width = "pi", 3.14159265, 10
print(f"{name}={value}")
print(f"{name!r} {name!s} {name!a}")
print(f"{value:.3f}|{value:{width}.2f}|{value:<{width}.1f}|{value:e}")
print(f"{42:08b} {255:#x} {255:X} {1234567:,} {0.25:.1%} {-7:+d}")
print(f"{'left':<8}|{'right':>8}|{'mid':^8}|{'fill':*^8}")
items = [1, 2, 3]
print(f"{len(items)} items, sum={sum(items)}, first={items[0]}, {items[-1] * 2}")
print(f"{{literal braces}} {'nested ' + f'{1 + 1}'}")
d = {"k": "v"}
print(f"{d['k']} {3 if d else 4} {[i for i in range(3)]}")
print(f"{value=:.2f} {name = }")
