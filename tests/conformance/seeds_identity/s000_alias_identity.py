# Seed 000 (memory tutorial): assigning a list to a second name shares the object.
l1 = [3, 'baby', 5, -10]
l2 = l1
print(id(l1) == id(l2))
print(l2 == l1)
print(l2 is l1)
print(hex(id(l1)))
print(hex(id(l2)))
