"""A few million small tuples appended to one list, automatic collection enabled."""

COUNT = 3_000_000


def main():
    items = []
    for i in range(COUNT):
        items.append((i, i & 255))
    total = 0
    for a, b in items[::1000]:
        total += a + b
    print("many_tuples count", len(items), "sample", total)


main()
