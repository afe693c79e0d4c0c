# Seed 003 (memory management notebook): equal lists are distinct objects;
# 10 == 10.0 but they are different objects; None is a singleton.
a_list = [1, 2, 3, 4]
b_list = [1, 2, 3, 4]
print(a_list == b_list)
print(a_list is b_list)

a_int = 10
a_float = 10.0
print(a_int == a_float)
print(a_int is a_float)

a_obj = None
b_obj = None
print(a_obj == None)
print(a_obj is None)
print(a_obj == b_obj)
print(a_obj is b_obj)
