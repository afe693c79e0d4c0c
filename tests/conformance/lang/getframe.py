# sys._getframe: frame objects and their attributes.
import sys


def show(f):
    print(f.f_code.co_name, f.f_lineno, f.f_globals is globals(), type(f).__name__)


f = sys._getframe()
show(f)
print(f.f_back)
print(f.f_locals is globals(), f.f_lasti > 0, isinstance(f.f_lasti, int))
print(repr(f).startswith("<frame at 0x"), repr(f).split(",", 1)[1].replace(__file__, "<this file>"))


def outer(a, b=2):
    c = a + b
    return inner(c)


def inner(x):
    y = x * 2
    f0 = sys._getframe(0)
    f1 = sys._getframe(1)
    show(f0)
    show(f1)
    print(f0.f_back is f1 or f0.f_back.f_code is f1.f_code)
    print(sorted(sys._getframe().f_locals), f0.f_locals["x"], f0.f_locals["y"])
    print(sys._getframe() is f0, sys._getframe(1) is f1)
    print(f1.f_back.f_code.co_name, f1.f_back.f_back)
    print(repr(f0).split(",", 1)[1].replace(__file__, "<this file>"))
    for d in (2, 3, 100):
        try:
            g = sys._getframe(d)
            print(d, g.f_code.co_name, g.f_lineno)
        except ValueError as e:
            print(d, "ValueError", e)
    return y


print(outer(1))
print(sys._getframe(0).f_lineno,
      sys._getframe().f_code.co_filename == __file__)
g = sys._getframe(
)
print(g.f_lineno)
try:
    sys._getframe(-1)
except ValueError as e:
    print("ValueError", e)
try:
    sys._getframe("x")
except TypeError as e:
    print("TypeError", e)
gen_frames = []


def gen():
    gen_frames.append(sys._getframe())
    yield sys._getframe().f_lineno
    yield sys._getframe().f_lineno


print(list(gen()), gen_frames[0].f_code.co_name)


def finished():
    return sys._getframe()


ff = finished()
print(ff.f_lineno, ff.f_code.co_name, ff.f_back.f_lineno)


def live():
    f = sys._getframe()
    a = f.f_lineno
    b = f.f_lineno
    return a, b


print(live())
print([sys._getframe().f_lineno for _ in range(2)])
lam = lambda: sys._getframe().f_code.co_name
print(lam())
