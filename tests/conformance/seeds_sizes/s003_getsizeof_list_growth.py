# Seed 003 (memory management notebook): a list display costs 56 bytes plus 8
# per item; nested objects are not counted, only the reference to them.
# Rewrite: notebook cell values are printed.
import sys

print(sys.getsizeof([]))
print(sys.getsizeof([1]))
print(sys.getsizeof([1, 2]))
print(sys.getsizeof([1, 2]))
print(sys.getsizeof([1, 2, 3, 4]))
print(sys.getsizeof([1, 2, [1, 2, 3, 4]]))
