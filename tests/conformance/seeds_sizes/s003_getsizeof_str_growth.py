# Seed 003 (memory management notebook): an ASCII str costs 49 bytes plus one
# per character.
# Rewrite: notebook cell values are printed (a script shows the plain 49).
import sys

print(sys.getsizeof(""))
print(sys.getsizeof("P"))
print(sys.getsizeof("Py"))
print(sys.getsizeof("Pyt"))
print([sys.getsizeof("x" * n) - sys.getsizeof("") for n in range(8)])
