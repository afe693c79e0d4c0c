# Modern annotations are evaluated at def time.
def f(x: list[int], y: int | None = None) -> dict[str, int]:
    return {"x": len(x)}


print(f.__annotations__)
print(f([1, 2]))


class P:
    items: list[tuple[str, int]]
    maybe: "int | None"
    n: int | float = 0


print(P.__annotations__)
x: set[frozenset[int]] = set()
print(__annotations__)
