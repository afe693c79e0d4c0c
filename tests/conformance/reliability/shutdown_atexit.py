# Interpreter shutdown in CPython's order: atexit callbacks (newest first,
# errors reported and ignored), then module globals finalized (__del__),
# weakref callbacks of dying objects, gc.callbacks during the final
# collections.
import atexit
import weakref


class C:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def bye(*args, **kw):
    print("atexit", args, kw)


def boom():
    raise ValueError("from atexit")


keep = C("keep")
_hidden = C("_hidden")
target = C("target")
# A weakref held by a live object's callback: the callback runs when the
# referent dies at shutdown (the ref itself is global garbage too).
refs = [weakref.ref(target, lambda r: print("weakref callback"))]
atexit.register(bye, 1, k=2)
atexit.register(boom)
atexit.register(bye, 3)
atexit.unregister(bye)
atexit.register(bye, "last registered, first run")
print("callbacks registered")
print("end of script")
