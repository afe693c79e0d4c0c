# Seed 004 (variables and memory notebook): counts of a str with two names,
# then one.
# Rewrite: the notebook then printed the absolute counts of None (31325),
# which depend on the interpreter; this prints how None's count changes.
# NOTE: while CPython runs a main script, each literal parsed from it holds
# one more reference from the parser's arena object list (freed when the
# script ends), so the script's constants count one more than in a
# notebook cell or an imported module.
import sys
import ctypes

my_var = 'Hello'
other_var = my_var
print(sys.getrefcount(my_var))
print(ctypes.c_long.from_address(id(my_var)).value)

other_var = 'Bye'
print(sys.getrefcount(my_var))
print(ctypes.c_long.from_address(id(my_var)).value)
before = ctypes.c_long.from_address(id(None)).value
my_var = None
print(ctypes.c_long.from_address(id(None)).value - before)
print(sys.getrefcount(my_var) - sys.getrefcount(None))
