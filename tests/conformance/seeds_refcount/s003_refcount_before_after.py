# Seed 003 (memory management notebook): getrefcount before and after a second
# name. (12324 is also held by the module's code constants, as in CPython.)
# Rewrite: the notebook ran the assignment cell twice; this runs the same
# sequence (first cell, then the printing cell) once each.
# NOTE: while CPython runs a main script, each literal parsed from it holds
# one more reference from the parser's arena object list (freed when the
# script ends), so the script's constants count one more than in a
# notebook cell or an imported module.
import sys

my_var = 12324
before = sys.getrefcount(my_var)
my_var2 = my_var
after_reference_by_other = sys.getrefcount(my_var)

before = sys.getrefcount(my_var)
my_var2 = my_var
after_reference_by_other = sys.getrefcount(my_var)
print(f"Starting reference: {before}")
print(f"After another variable reference: {after_reference_by_other}")
print(hex(id(my_var)))
print(id(my_var) == id(my_var2))
