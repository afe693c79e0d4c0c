# Seed 003 (memory management notebook): identifier-like literals are
# interned; other literals are shared within one code object; strings built
# at run time are not, unless sys.intern is used.
import sys

a_string = "python"
b_string = "python"
print(a_string == b_string)
print(a_string is b_string)

a_string = "python!"
b_string = "python!"
print(a_string == b_string)
print(a_string is b_string)

a_string = "_this_string_will_be_intern_since_it_is_valid_identifier"
b_string = "_this_string_will_be_intern_since_it_is_valid_identifier"
print(a_string == b_string)
print(a_string is b_string)

a_string = "Generally this is not interned, but we can intern it using sys.intern"
b_string = "Generally this is not interned, but we can intern it using sys.intern"
print(a_string == b_string)
print(a_string is b_string)

a_string = sys.intern(
    "Generally this is not interned, but we can intern it using sys.intern"
)
b_string = sys.intern(
    "Generally this is not interned, but we can intern it using sys.intern"
)
print(a_string == b_string)
print(a_string is b_string)
