# Seed 003 (memory management notebook): an immutable tuple can hold a mutable list.
a_tuple = ([10, 20, 30], 50, 60)
a_tuple[0].append(40)
print(a_tuple)
