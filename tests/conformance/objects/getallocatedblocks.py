# sys.getallocatedblocks(): blocks in use grow by one per small object and
# by one per large (system) block, and return when they are freed.
import gc
import sys

gc.disable()
print(type(sys.getallocatedblocks()).__name__)


def delta(make):
    gc.collect()  # a full collection empties the free lists
    before = sys.getallocatedblocks()
    keep = make()
    after = sys.getallocatedblocks()
    del keep
    return after - before


print(delta(lambda: [object() for _ in range(1000)]))   # 1000 objects + list + its array
print(delta(lambda: [1.5 * i for i in range(2000)]))
print(delta(lambda: b'x' * 10000))                        # one system block
print(delta(lambda: [(i, i) for i in range(300, 700)]))  # a new int per value
print(delta(lambda: {i: repr(i) for i in range(1000, 1100)}))
gc.collect()
base = sys.getallocatedblocks()
x = [object() for _ in range(500)]
del x
print(sys.getallocatedblocks() - base)
try:
    sys.getallocatedblocks(1)
except TypeError as e:
    print(e)
