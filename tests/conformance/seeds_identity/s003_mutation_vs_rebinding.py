# Seed 003 (memory management notebook): append mutates in place (same
# address); `+` builds a new list that is then bound to the name.
a_list = [10, 20, 30]
print(hex(id(a_list)))
a_list.append(40)
print(hex(id(a_list)))

a_list2 = [10, 20, 30]
print(hex(id(a_list2)))
a_list2 = a_list2 + [40]
print(hex(id(a_list2)))
print(a_list, a_list2)
