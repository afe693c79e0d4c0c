# Seed 003 (memory management notebook): ob_refcnt through ctypes, `del`
# decrements it, ctypes.cast recovers the object.
# Rewrite: raw decimal ids are not printed. The notebook's last read after
# `del my_var` was "some random value"; in a script the int is still held by
# the code's constants, so the read is well defined (the object is alive).
# NOTE: while CPython runs a main script, each literal parsed from it holds
# one more reference from the parser's arena object list (freed when the
# script ends), so the script's constants count one more than in a
# notebook cell or an imported module.
import ctypes
import sys

my_var = 12324
my_var2 = my_var
print(id(my_var) == id(my_var2))
address = id(my_var)
print(ctypes.c_long.from_address(address).value)
del my_var2
print(ctypes.c_long.from_address(address).value)
print(ctypes.cast(address, ctypes.py_object).value)
del my_var
print(ctypes.c_long.from_address(address).value)
