# Seed 001 (memory management article): locals live in frames, objects on the heap.
# Rewrite: the article's program prints nothing; main() here prints its result
# so the case observes that the calls ran.
def bar(a):
    a = a - 1
    return a


def foo(a):
    a = a * a
    b = bar(a)
    return b


def main():
    x = 2
    y = foo(x)
    print(y)


if __name__ == "__main__":
    main()
