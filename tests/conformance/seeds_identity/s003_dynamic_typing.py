# Seed 003 (memory management notebook): a name can be rebound to another type.
my_var = 10
print(hex(id(my_var)))
print(type(my_var))

my_var = "Test string"
print(hex(id(my_var)))
print(type(my_var))
