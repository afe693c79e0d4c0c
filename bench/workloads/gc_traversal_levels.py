"""1,000 nested lists where level n holds n references to level n-1 (about 500,000
references in all); repeated full collections of that live structure."""
import gc

LEVELS = 1000
COLLECTIONS = 200


def main():
    gc.collect()
    levels = [[]]
    for n in range(1, LEVELS):
        prev = levels[-1]
        levels.append([prev] * n)
    refs = 0
    for lst in levels:
        refs += len(lst)
    gc.disable()
    found = 0
    for _ in range(COLLECTIONS):
        found += gc.collect()
    gc.enable()
    print("gc_traversal_levels levels", len(levels), "refs", refs,
          "collections", COLLECTIONS, "unreachable", found)


main()
