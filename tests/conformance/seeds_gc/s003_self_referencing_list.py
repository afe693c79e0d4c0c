# Seed 003 (memory management notebook): a list containing itself.
a = [1, 2]
a.append(a)
print(a)
print(a[2][2][2][2][1])
print(a[2] is a)
