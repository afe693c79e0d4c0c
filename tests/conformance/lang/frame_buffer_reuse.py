# A frame's locals and value stack are reused by the next call once it has
# returned: frame objects that outlive their frame keep that frame's locals
# (never a later call's), live views of waiting callers see current values,
# and repeated, recursive, method and generator calls stay independent.
import sys


def here(x):
    y = x * 10
    return sys._getframe(0)


def loop_keep():
    kept = []
    for i in range(4):
        kept.append(here(i))
    return [sorted(f.f_locals.items()) for f in kept]


print(loop_keep())


def caller_view():
    return sys._getframe(1).f_locals["v"]


def watch():
    out = []
    for v in range(3):
        out.append(caller_view())
    return out


print(watch())


def rec(n):
    if n == 0:
        out = []
        for i in range(4):
            out.append(sys._getframe(i).f_locals["n"])
        return out
    return rec(n - 1)


print(rec(3), rec(5))


def tree(d):
    if d == 0:
        return (None, None)
    return (tree(d - 1), tree(d - 1))


def count(t):
    left, right = t
    if left is None:
        return 1
    return 1 + count(left) + count(right)


print(count(tree(6)))


class P:
    def __init__(self, v):
        self.v = v

    def get(self, k):
        return (self.v, k, sys._getframe(0).f_locals["k"])


p = P(7)
print([p.get(i) for i in range(3)])


def gen(n):
    for i in range(n):
        yield sys._getframe(0).f_locals["i"]


def use_gens():
    return [list(gen(3)), [here(1).f_locals["y"] for _ in range(2)], list(gen(2))]


print(use_gens())


def err(x):
    z = x + 1
    raise KeyError(z)


def catch_all():
    got = []
    for i in range(3):
        try:
            err(i)
        except KeyError as e:
            got.append((e.args, e.__traceback__.tb_next.tb_frame.f_locals))
    return got


print(catch_all())


def deep(n):
    return n if n == 0 else deep(n - 1)


try:
    deep(10**6)
except RecursionError as e:
    print("RecursionError", str(e)[:33])
print(deep(50), here(2).f_locals)
