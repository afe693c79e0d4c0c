# A suspended coroutine in a reference cycle is collected by the cycle GC;
# its frame is traversed (the cycle runs through a frame local).
import gc
import sys
import weakref


class Pause:
    def __await__(self):
        yield "pause"


class Holder:
    pass


async def holds(h):
    h.coro = me[0]
    try:
        await Pause()
    finally:
        print("  coroutine finally ran")


gc.disable()
me = [None]
h = Holder()
c = holds(h)
me[0] = c
c.send(None)
r = weakref.ref(c)
hr = weakref.ref(h)
del c, h
me[0] = None
print("alive before collect:", r() is not None, hr() is not None)
print("referrers see the frame:", type(r().cr_frame).__name__)
n = gc.collect()
print("collected something:", n > 0)
print("alive after collect:", r() is not None, hr() is not None)


async def agen(box):
    box.append(box)
    yield 1


box = []
ag = agen(box)
box.append(ag)
ar = weakref.ref(ag)
del ag, box
gc.collect()
print("async generator cycle collected:", ar() is None)
gc.enable()
