# Seed 003 (memory management notebook): `==` compares values, `is` compares ids.
# (As one script, equal constants of one code object are one object, so the
# notebook cells' results for 999 and "python course" hold here too.)
a_int = 10
b_int = 10
print(a_int == b_int)
print(a_int is b_int)

a_int = 999
b_int = 999
print(a_int == b_int)
print(a_int is b_int)

a_str = "python"
b_str = "python"
print(a_str == b_str)
print(a_str is b_str)

a_str = "python course"
b_str = "python course"
print(a_str == b_str)
print(a_str is b_str)
