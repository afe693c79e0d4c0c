# Seed 003 (memory management notebook): [[]] * 3 repeats one inner list.
a_list = [[]] * 3
a_list[0].append(1)
a_list[1].append(2)
a_list[2].append(3)
print(a_list)
print(a_list[0] is a_list[2])
