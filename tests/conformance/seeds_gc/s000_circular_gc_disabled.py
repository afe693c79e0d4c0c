# Seed 000 (memory tutorial): an A <-> B cycle survives `my_var = None` while
# the collector is disabled; gc.collect() frees it.
# Rewrite: a gc.collect() first clears start-up garbage so the count
# collected is that of the cycle alone (the notebook's 6946 included unrelated
# garbage). The notebook's reads of refcounts at the freed addresses read
# freed memory and are left out.
import ctypes, gc


def lower_ref_count(var_address: int) -> int:
    return ctypes.c_long.from_address(var_address).value


def object_in_gc(var_address: int) -> bool:
    """Checks if the given mem address is in Garbage collector table"""
    for obj in gc.get_objects():
        if id(obj) == var_address:
            return True
    return False


class A:
    def __init__(self):
        self.b = B(self)
        print(f'A: self: {hex(id(self))}, b: {hex(id(self.b))}')


class B:
    def __init__(self, A):
        self.a = A
        print(f"B: self: {hex(id(self))}, a: {hex(id(self.a))}")


gc.collect()
gc.disable()
my_var = A()
print(hex(id(my_var)))
print(hex(id(my_var.b)))
print(hex(id(my_var)) == hex(id(my_var.b.a)))
a_add = id(my_var)
b_add = id(my_var.b)
print(lower_ref_count(a_add))
print(lower_ref_count(b_add))
print(object_in_gc(a_add))
print(object_in_gc(b_add))
my_var = None
print(lower_ref_count(a_add))
print(lower_ref_count(b_add))
print(gc.collect())
print(object_in_gc(a_add))
print(object_in_gc(b_add))
