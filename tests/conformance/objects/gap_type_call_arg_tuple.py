# Known gap: calling a builtin type that has no vectorcall in CPython 3.11
# (str, bytes, ...) builds an argument tuple, which then waits on the tuple
# free list: one more allocated block after the call. pyheap passes the
# arguments without a tuple.
import gc
import sys

gc.disable()


def delta(make):
    gc.collect()  # empties the free lists
    before = sys.getallocatedblocks()
    keep = make()
    after = sys.getallocatedblocks()
    del keep
    return after - before


print(delta(lambda: bytes(10000)))
print(delta(lambda: str(12345)))
print(delta(lambda: repr(12345)))
