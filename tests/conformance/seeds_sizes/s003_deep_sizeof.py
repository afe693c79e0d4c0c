# Seed 003 (memory management notebook): the size of an object together with
# everything it references.
# Rewrite: the notebook installed Pympler (`%pip install pympler`) and called
# asizeof; this computes the same kind of total with sys.getsizeof and
# gc.get_referents, counting each object once (Pympler's own rounding is not
# reproduced).
import gc
import sys


def deep_getsizeof(obj):
    seen = set()
    total = 0
    todo = [obj]
    while todo:
        o = todo.pop()
        if id(o) in seen:
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        todo.extend(gc.get_referents(o))
    return total


print(deep_getsizeof([1, 2, [1, 2, 3, 4]]))
print(deep_getsizeof([1, 2, [1, 2, 3, 4]]) - sys.getsizeof([1, 2, [1, 2, 3, 4]]))
print(deep_getsizeof({"a": [1.5, "xy"], "b": (None, True)}))
