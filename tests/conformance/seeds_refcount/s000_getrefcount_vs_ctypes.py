# Seed 000 (memory tutorial): sys.getrefcount counts its own argument;
# reading ob_refcnt through ctypes does not.
# Rewrite: notebook cells that displayed a tuple/int value now print it.
import sys


def lower_ref_count(var_address: int) -> int:
    import ctypes
    return ctypes.c_long.from_address(var_address).value


l1 = [3, 'baby', 5, -10]
l2 = l1
print((sys.getrefcount(l1), sys.getrefcount(l2)))
print((lower_ref_count(id(l1)), lower_ref_count(id(l2))))
l3 = l2
print(sys.getrefcount(l1))
l3 = 'apple'
print(sys.getrefcount(l1))
print(lower_ref_count(id(l1)))
l1 = None
print(l2)
print(sys.getrefcount(l2))
print(lower_ref_count(id(l2)))
