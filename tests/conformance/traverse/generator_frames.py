# A generator's frame holds the function (f_func) and the code, not the
# globals/builtins (3.11 borrows those from f_func); gi_code survives the end.
import gc
import sys
import weakref


def gen(n):
    y = [n]
    yield y
    yield n + 1


before_f = sys.getrefcount(gen)
before_g = sys.getrefcount(globals())
gens = [gen(i) for i in range(3)]
print("func refs per generator:", (sys.getrefcount(gen) - before_f) // 3)
print("globals refs per generator:", (sys.getrefcount(globals()) - before_g) // 3)
for g in gens:
    next(g)
print("after start:", (sys.getrefcount(gen) - before_f) // 3, (sys.getrefcount(globals()) - before_g) // 3)
g = gens[0]
print(g.gi_code is gen.__code__, g.gi_frame.f_globals is globals(), g.gi_frame.f_code is gen.__code__)
print(list(g))
print(g.gi_code is gen.__code__, g.gi_frame)
del gens, g
print("after finish:", sys.getrefcount(gen) - before_f, sys.getrefcount(globals()) - before_g)

# an unstarted generator refuses a value and still runs afterwards
g = gen(5)
try:
    g.send(1)
except TypeError as e:
    print("TypeError:", e)
print(next(g), next(g))
del g

# a cycle through an exec'd namespace: namespace -> generator -> function -> namespace
class Marker:
    pass


def make():
    ns = {"Marker": Marker}
    exec("def gen():\n    m = Marker()\n    yield m\n", ns)
    g = ns["gen"]()
    ns["g"] = g
    m = next(g)
    return weakref.ref(m), weakref.ref(ns["gen"])


gc.collect()
wm, wf = make()
print("alive before collect:", wm() is not None, wf() is not None)
gc.collect()
print("alive after collect:", wm() is not None, wf() is not None)

# the referents of a generator running in the frame are not visited (running)
def selfref():
    me = yield
    yield [type(r).__name__ for r in gc.get_referents(me)]


s = selfref()
next(s)
print(s.send(s))
