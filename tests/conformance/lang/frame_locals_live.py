# f_locals of running outer frames (sys._getframe(1), f_back, tb_frame) is the
# outer function's locals (incl. cells, CPython's order); one frame object per
# frame: tb.tb_frame is sys._getframe(); f_back links of exited and suspended frames.
import sys
def outer(a, b):
    c = 3
    def g():
        return a + c
    inner(g)
    return g
def inner(g):
    f = sys._getframe(1)
    print(sorted(f.f_locals), list(f.f_locals))
    print(f.f_locals is f.f_locals, f.f_code.co_name, f.f_back.f_code.co_name)
    print(sys._getframe().f_back is f, sorted(sys._getframe(0).f_locals))
    print(list(sys._getframe().f_back.f_back.f_locals)[:3])
outer(1, 2)
def raiser():
    q = 5
    raise ValueError('v')
def catcher():
    w = 7
    try:
        raiser()
    except ValueError as e:
        tb = e.__traceback__
        print(tb.tb_frame is sys._getframe(), tb.tb_frame.f_code.co_name)
        print(sorted(tb.tb_frame.f_locals))
        print(tb.tb_next.tb_frame.f_locals, tb.tb_next.tb_frame.f_back is sys._getframe())
        return e
e = catcher()
tb = e.__traceback__
print(tb.tb_frame.f_code.co_name, sorted(tb.tb_frame.f_locals), tb.tb_next.tb_frame.f_locals)
print(tb.tb_frame.f_back.f_code.co_name, tb.tb_next.tb_frame.f_back is tb.tb_frame)
def gen():
    x = 1
    yield sys._getframe()
    x = 2
    yield sys._getframe()
g = gen()
f1 = next(g); f2 = next(g)
print(f1 is f2, f1 is g.gi_frame, f1.f_locals)
class C:
    k = 1
    def m(self):
        return sys._getframe(1).f_locals
    z = m(None)
print(sorted(C.z))
def deleted():
    a = 1
    b = 2
    f = sys._getframe()
    print(sorted(f.f_locals))
    del a
    print(sorted(f.f_locals))
deleted()
def gen():
    f = sys._getframe()
    print('running back', f.f_back.f_code.co_name)
    yield f
    print('resumed back', f.f_back.f_code.co_name)
    yield 2
def driver():
    g = gen()
    f = next(g)
    print('suspended back', f.f_back)
    def again():
        next(g)
    again()
    print(f.f_locals.keys())
driver()
def rec(n):
    if n == 0:
        raise KeyError(n)
    rec(n - 1)
try:
    rec(30)
except KeyError as e:
    tb = e.__traceback__
    n = 0
    while tb.tb_next:
        tb = tb.tb_next
        n += 1
    f = tb.tb_frame
    print(n, f.f_locals, f.f_back.f_locals, f.f_back.f_back.f_code.co_name)
    k = 0
    while f is not None:
        k += 1
        f = f.f_back
    print('chain', k)
def lasti_check():
    f = sys._getframe()
    a = f.f_lineno
    b = f.f_lineno
    return a, b
print(lasti_check())
def outer():
    x = [1]
    def mid():
        y = 2
        return sys._getframe(1).f_locals, sys._getframe(0).f_back is sys._getframe(1)
    return mid()
r = outer()
print(sorted(r[0]), r[0]['x'], r[1])
print(sys._getframe(0).f_back, sys._getframe().f_code.co_name)
try:
    sys._getframe(100)
except ValueError as e:
    print(e)
