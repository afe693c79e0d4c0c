# Seed 003 (memory management notebook): everything, including functions and
# classes, is an object with an address.
a_int = 10
a_str = "hello"
a_list = [1, 2, 3, 4]
a_dict = {"A": 1, "B": 2}


def a_func():
    pass


class A:
    pass


print(hex(id(a_int)))
print(hex(id(a_str)))
print(hex(id(a_list)))
print(hex(id(a_dict)))
print(hex(id(a_func)))
print(hex(id(A)))

print(isinstance(a_int, object))
print(isinstance(a_str, object))
print(isinstance(a_list, object))
print(isinstance(a_dict, object))
print(isinstance(a_func, object))
print(isinstance(A, object))
