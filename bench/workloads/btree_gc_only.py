"""pyperformance-style: ~200k records with mixed attributes inserted into a pure-Python
B-tree whose nodes use __slots__, then one full collection of the whole live heap.

Automatic collection is off while the tree is built, so the only collection is the final one."""
import gc

RECORDS = 100_000
ORDER = 32  # max keys per node


class Record:
    def __init__(self, key):
        self.key = key
        self.name = "rec%d" % (key % 5000)
        self.score = key * 0.5
        self.tags = [key % 3, key % 7]
        self.meta = {"k": key & 15}
        self.pair = (key, key % 11)


class BNode:
    __slots__ = ("keys", "values", "children")

    def __init__(self, leaf):
        self.keys = []
        self.values = []
        self.children = None if leaf else []


def find_pos(keys, key):
    lo, hi = 0, len(keys)
    while lo < hi:
        mid = (lo + hi) // 2
        if keys[mid] < key:
            lo = mid + 1
        else:
            hi = mid
    return lo


def split_child(parent, i):
    child = parent.children[i]
    mid = len(child.keys) // 2
    right = BNode(child.children is None)
    right.keys = child.keys[mid + 1:]
    right.values = child.values[mid + 1:]
    if child.children is not None:
        right.children = child.children[mid + 1:]
        child.children = child.children[:mid + 1]
    parent.keys.insert(i, child.keys[mid])
    parent.values.insert(i, child.values[mid])
    parent.children.insert(i + 1, right)
    child.keys = child.keys[:mid]
    child.values = child.values[:mid]


class BTree:
    def __init__(self):
        self.root = BNode(True)

    def insert(self, key, value):
        root = self.root
        if len(root.keys) >= ORDER:
            new_root = BNode(False)
            new_root.children.append(root)
            split_child(new_root, 0)
            self.root = new_root
        node = self.root
        while True:
            i = find_pos(node.keys, key)
            if i < len(node.keys) and node.keys[i] == key:
                node.values[i] = value
                return
            if node.children is None:
                node.keys.insert(i, key)
                node.values.insert(i, value)
                return
            if len(node.children[i].keys) >= ORDER:
                split_child(node, i)
                if key > node.keys[i]:
                    i += 1
                elif key == node.keys[i]:
                    node.values[i] = value
                    return
            node = node.children[i]


def stats(tree):
    nodes = 0
    keys = 0
    height = 0
    level = [tree.root]
    while level:
        height += 1
        nxt = []
        for n in level:
            nodes += 1
            keys += len(n.keys)
            if n.children is not None:
                nxt.extend(n.children)
        level = nxt
    return nodes, keys, height


def main():
    gc.collect()
    gc.disable()
    tree = BTree()
    x = 12345
    for _ in range(RECORDS):
        x = (x * 1103515245 + 12345) % 2147483648
        key = x >> 4
        tree.insert(key, Record(key))
    # The measured part: one full collection over the whole live B-tree.
    unreachable = gc.collect()
    gc.enable()
    nodes, keys, height = stats(tree)
    print("btree_gc_only records", RECORDS, "keys", keys, "nodes", nodes,
          "height", height, "unreachable", unreachable)


main()
