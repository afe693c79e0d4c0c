"""Very deep nested lists, dicts and tuples built and then freed in one go: the
deallocation chain is 10**5-3*10**5 levels deep (CPython's trashcan path)."""

ROUNDS = 3


def nested_lists(depth):
    x = []
    for _ in range(depth):
        x = [x]
    return x


def nested_dicts(depth):
    x = {}
    for i in range(depth):
        x = {"child": x, "i": i}
    return x


def nested_tuples(depth):
    x = ()
    for i in range(depth):
        x = (x, i)
    return x


def list_depth(x):
    n = 0
    while x:
        x = x[0]
        n += 1
    return n


def dict_depth(x):
    n = 0
    while x:
        x = x["child"]
        n += 1
    return n


def tuple_depth(x):
    n = 0
    while x:
        x = x[0]
        n += 1
    return n


def main():
    total = 0
    for r in range(ROUNDS):
        x = nested_lists(300_000)
        total += list_depth(x)
        del x
        x = nested_dicts(100_000 + r)
        total += dict_depth(x)
        del x
        x = nested_tuples(200_000)
        total += tuple_depth(x)
        del x
    print("deep_dealloc rounds", ROUNDS, "levels", total)


main()
