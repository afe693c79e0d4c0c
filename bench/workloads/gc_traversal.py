"""A large live structure (binary tree of ~2**17 instances plus ~10**5 small lists)
collected repeatedly; nothing is garbage, so each collection is pure traversal.
Automatic collection is off throughout, so only the explicit full collections run."""
import gc

DEPTH = 16          # 2**17 - 1 tree nodes
LISTS = 100_000
COLLECTIONS = 7


class Tree:
    def __init__(self, left, right, val):
        self.left = left
        self.right = right
        self.val = val


def build(depth, counter):
    if depth < 0:
        return None
    counter[0] += 1
    left = build(depth - 1, counter)
    right = build(depth - 1, counter)
    return Tree(left, right, counter[0])


def count(node):
    n = 0
    stack = [node]
    while stack:
        t = stack.pop()
        if t is not None:
            n += 1
            stack.append(t.left)
            stack.append(t.right)
    return n


def main():
    gc.collect()
    gc.disable()
    counter = [0]
    tree = build(DEPTH, counter)
    lists = [[i, [i]] for i in range(LISTS)]
    found = 0
    for _ in range(COLLECTIONS):
        found += gc.collect()
    gc.enable()
    print("gc_traversal nodes", count(tree), "lists", len(lists),
          "collections", COLLECTIONS, "unreachable", found)


main()
