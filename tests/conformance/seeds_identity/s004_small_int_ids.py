# Seed 004 (variables and memory notebook): small ints are shared; rebinding
# moves only the one name.
a = 10
b = 10
print(hex(id(a)))
print(hex(id(b)))
a = 15
print(hex(id(a)))
print(hex(id(b)))
a = a + 1
print(hex(id(a)))
print(hex(id(b)))
print(a is b + 6)
