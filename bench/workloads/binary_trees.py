"""The benchmarks-game binary-trees workload, trees made of tuples."""

MAX_DEPTH = 15
MIN_DEPTH = 4


def make_tree(depth):
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make_tree(depth), make_tree(depth))


def check_tree(node):
    left, right = node
    if left is None:
        return 1
    return 1 + check_tree(left) + check_tree(right)


def main():
    max_depth = max(MIN_DEPTH + 2, MAX_DEPTH)
    stretch = max_depth + 1
    print("stretch tree of depth %d\t check: %d" % (stretch, check_tree(make_tree(stretch))))
    long_lived = make_tree(max_depth)
    for depth in range(MIN_DEPTH, stretch, 2):
        iterations = 2 ** (max_depth - depth + MIN_DEPTH)
        check = 0
        for _ in range(iterations):
            check += check_tree(make_tree(depth))
        print("%d\t trees of depth %d\t check: %d" % (iterations, depth, check))
    print("long lived tree of depth %d\t check: %d" % (max_depth, check_tree(long_lived)))


main()
