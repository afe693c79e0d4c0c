# Seed 000 (memory tutorial): copy() makes a new, equal object at another address.
from copy import copy
l4 = [4, 5, 6, 7]
l5 = copy(l4)
print(l4 == l5)
print(l4 is l5)
print(hex(id(l4)))
print(hex(id(l5)))
print(hex(id(l4)) == hex(id(l5)))
