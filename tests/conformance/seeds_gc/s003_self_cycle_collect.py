# Seed 003 (memory management notebook): an object referring to itself is not
# freed by `c = None`; gc.collect() runs its __del__ and frees it.
# Rewrite: a gc.collect() first clears start-up garbage so the count printed
# is that of the cycle alone.
import gc


class C:
    def __init__(self, x):
        self.x = x

    def __del__(self):
        print(f"Deleting object: {self}")


gc.collect()
c = C(10)
c.cr = c
print(c.cr.cr.cr.cr.x)
c = None
print("after c = None")
print(gc.collect())
print("after collect")
