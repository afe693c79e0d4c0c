# Seed 004 (variables and memory notebook): the same A <-> B cycle, found
# through gc.get_objects() before and after gc.collect().
# Rewrite: a gc.collect() first clears start-up garbage so the count is that
# of the cycle alone (the notebook's 330 included unrelated garbage). The
# notebook's refcount reads at the freed addresses read freed memory and are
# left out.
import sys
import ctypes
import gc


def ref_count(address):
    print(ctypes.c_long.from_address(address).value)


def object_by_id(object_id):
    for obj in gc.get_objects():
        if id(obj) == object_id:
            return "Object exist"
    return "Not Found"


class A:
    def __init__(self) -> None:
        self.b = B(self)
        print(f"A: self {hex(id(self))} b: {hex(id(self.b))}")


class B:
    def __init__(self, a) -> None:
        self.a = a
        print(f"B: self {hex(id(self))} a: {hex(id(self.a))}")


gc.collect()
gc.disable()
my_var = A()
a_id = id(my_var)
b_id = id(my_var.b)
ref_count(a_id)
ref_count(b_id)
print(repr(object_by_id(a_id)))
print(repr(object_by_id(b_id)))
my_var = None
ref_count(a_id)
ref_count(b_id)
print(repr(object_by_id(a_id)))
print(repr(object_by_id(b_id)))
print(gc.collect())
print(repr(object_by_id(a_id)))
print(repr(object_by_id(b_id)))
