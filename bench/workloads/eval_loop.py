"""The interpreter's raw speed: a loop of function calls, method calls and attribute reads."""

LOOPS = 2_500_000


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def dot(self, other):
        return self.x * other.x + self.y * other.y


def step(acc, v, w, i):
    return acc + v.dot(w) + (i & 7)


def main():
    v = Vec(3, 4)
    w = Vec(5, 6)
    acc = 0
    for i in range(LOOPS):
        acc = step(acc, v, w, i)
        if v.x > w.y:
            acc -= 1
        acc ^= w.x
    print("eval_loop loops", LOOPS, "acc", acc)


main()
