# Seed 001 (memory management article): names refer to int objects; x + 1 is
# a new object, 10 is the same cached object everywhere, names can be rebound
# to any type.
x = 10
print("x type is : ", type(x))
y = x
print("Integer object 10 referenced by variable x", hex(id(x)))
print("Integer object 10 referenced by variable y", hex(id(y)))
x = x + 1
print("Integer object 10 referenced by variable x", hex(id(x)))
z = 10
print("Integer object 10 referenced by variable z", hex(id(z)))
print("z type is : ", type(z))
print(id(z) == id(y))
z = "python is fun"
print("z type is : ", type(z))
