"""Builtin functions and methods of builtin types called with positional
arguments (the borrowed-argument CALL path): results, errors, references."""
import sys


class L(list):
    pass


class D(dict):
    def __missing__(self, k):
        return "missing"


def refs_during(obj):
    # the argument is held by the caller's stack for the call
    return sys.getrefcount(obj)


def main():
    items = []
    x = object()
    base = sys.getrefcount(x)
    for i in range(5):
        items.append(x)
    print("append", len(items), sys.getrefcount(x) - base)
    items.append((1, 2))
    list.append(items, "unbound")
    ap = items.append
    ap("bound")
    print(items[-3:])
    sub = L()
    sub.append(1)
    list.append(sub, 2)
    print(type(sub).__name__, sub, len(sub))
    for bad in [lambda: list.append(1, 2), lambda: list.append(), lambda: items.append(),
                lambda: items.append(1, 2), lambda: len(), lambda: len(1), lambda: len([], []),
                lambda: isinstance(1), lambda: isinstance(1, 2), lambda: {}.get(),
                lambda: dict.get([], 1), lambda: {}.get({}, 1), lambda: {}.get(1, 2, 3),
                lambda: {}.get(k=1), lambda: [].append(x=1), lambda: len(obj=1),
                lambda: isinstance(1, int, 2), lambda: isinstance(1, cls=int),
                lambda: [].insert(0, x=1), lambda: [1].pop(index=0), lambda: [].extend(iterable=()),
                lambda: [].insert(0), lambda: [].pop(), lambda: [].extend(), lambda: [].extend(1),
                lambda: [].pop(1, 2), lambda: [1].pop("a"), lambda: [].insert("a", 1)]:
        try:
            bad()
        except (TypeError, IndexError) as e:
            print(type(e).__name__, e)
    d = {"a": 1}
    print(d.get("a"), d.get("b"), d.get("b", 2), dict.get(d, "a"), D().get("k"), D().get("k", 3))
    print(isinstance(sub, list), isinstance(1, (str, int)), isinstance(True, int | None))
    print(len(items), len(d), len("abc"), len(range(10)), len(b"xy"))

    class Sized:
        def __len__(self):
            return 7

    class Bad:
        def __len__(self):
            return -1

    print(len(Sized()))
    try:
        len(Bad())
    except ValueError as e:
        print("ValueError", e)
    y = object()
    b = sys.getrefcount(y)
    n = len([y])
    print("len refs", n, sys.getrefcount(y) - b)
    print(isinstance(y, object), sys.getrefcount(y) - b)
    print(refs_during(y) - b)
    l2 = [1, 2, 3]
    l2.insert(0, 0)
    l2.insert(-1, "x")
    l2.insert(100, "end")
    list.insert(l2, -100, "start")
    l2.extend((7, 8))
    list.extend(l2, [9])
    print(l2, l2.pop(), l2.pop(0), l2.pop(-2), list.pop(l2), l2)
    items.clear()
    print("after clear", sys.getrefcount(x) - base)


main()
