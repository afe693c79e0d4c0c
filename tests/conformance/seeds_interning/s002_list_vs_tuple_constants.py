# Seed 002 (interview questions): equal list displays build distinct lists,
# equal constant tuples are one shared constant.
list1 = [1, 2, 3]
list2 = [1, 2, 3]
print(hex(id(list1)) == hex(id(list2)))
tup1 = (1, 2, 3)
tup2 = (1, 2, 3)
print(hex(id(tup1)) == hex(id(tup2)))
print(list1 is list2, tup1 is tup2)
