# Seed 003 (memory management notebook): sys.getsizeof of common objects.
# Rewrite: notebook cell values are printed.
import sys

print(sys.getsizeof(1))
print(sys.getsizeof("Python"))
print(sys.getsizeof([1, 2, 3, 4]))
print(sys.getsizeof((1, 2, 3, 4)))
print(sys.getsizeof({1, 2, 3, 4}))
