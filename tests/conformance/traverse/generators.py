# gc.get_referents (each type's traverse) against CPython 3.11: generators in each state.
# A missing edge leaks; an extra edge frees live objects.
import gc
import sys
import types

from _referents import show as _show

G = globals()


def show(label, obj):
    _show(label, obj, G)


# generator: traverses its frame (locals, the code's references live in the frame)
def gen(n):
    y = [n]
    yield y


g = gen(7)
show("generator (unstarted)", g)
next(g)
show("generator (suspended)", g)
try:
    next(g)
except StopIteration:
    pass
show("generator (finished)", g)


