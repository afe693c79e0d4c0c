# The 4300-digit limit for int<->str conversion (CPython 3.11.7), default
# limit only (sys.set_int_max_str_digits is not implemented yet).
import sys

print(sys.get_int_max_str_digits())
big = 10**5000
try:
    str(big)
except ValueError as e:
    print("str:", e)
try:
    int("9" * 5000)
except ValueError as e:
    print("int:", e)
print(len(hex(big)) > 4000)
print(len(str(10**4299)), int('7' * 4300) % 9)
