# Aliases and unions are GC objects of CPython's sizes; aliases take weakrefs.
import gc
import sys
import weakref

a = list[int]
u = int | str
print(sys.getsizeof(a), sys.getsizeof(u), gc.is_tracked(a), gc.is_tracked(u))
print(weakref.ref(a)() is a)
try:
    weakref.ref(u)
except TypeError as e:
    print(e)
print(list in gc.get_referents(a))


class Node:
    pass


n = Node()
n.alias = list[n.__class__]
n.alias2 = tuple[int, "x"]
cyc = []
al = dict[str, cyc]
cyc.append(al)
del cyc, al
print(gc.collect() >= 1)
r = weakref.ref(list[Node])
print(r() is None)
