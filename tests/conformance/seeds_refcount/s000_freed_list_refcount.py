# Seed 000 (memory tutorial): after the last reference goes, the count read
# at the old address is 0 (CPython keeps freed lists on a free list, so the
# memory still holds the dead object's header).
# Rewrite: the notebook's second read (2, after unrelated notebook activity
# reused the memory) is replaced by a read right after creating a new list,
# which takes the same address from the free list.
import ctypes


def lower_ref_count(var_address: int) -> int:
    return ctypes.c_long.from_address(var_address).value


l2 = [3, 'baby', 5, -10]
l2_id = id(l2)
print(lower_ref_count(l2_id))
l2 = 'apple'
print(lower_ref_count(l2_id))
l6 = [1, 2]
print(id(l6) == l2_id)
print(lower_ref_count(l2_id))
