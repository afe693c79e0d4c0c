# Seed 000 (memory tutorial, side bar): None and True are singletons shared by
# the whole interpreter; sys.getrefcount(id_value) counts the int id, not the
# singleton.
# Rewrite: the notebook printed raw decimal ids and the absolute refcounts of
# None/True (interpreter-dependent); this prints the int's count and how the
# singletons' counts change when references are added.
import sys
import ctypes


def lower_ref_count(var_address: int) -> int:
    return ctypes.c_long.from_address(var_address).value


none_id = id(None)
true_id = id(True)
print(sys.getrefcount(none_id))
print(sys.getrefcount(true_id))
before_none = lower_ref_count(none_id)
before_true = lower_ref_count(true_id)
holder = [None] * 10 + [True] * 3
print(lower_ref_count(none_id) - before_none)
print(lower_ref_count(true_id) - before_true)
del holder
print(lower_ref_count(none_id) - before_none)
print(lower_ref_count(true_id) - before_true)
print(none_id == id(None), true_id == id(1 == 1))
