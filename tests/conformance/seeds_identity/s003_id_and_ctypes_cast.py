# Seed 003 (memory management notebook): id() and hex(); b = a shares the
# address; ctypes.cast(address, py_object) recovers the object.
# Rewrite: the raw decimal addresses are not printed (not normalised); hex is.
import ctypes

a = 100
a_address = id(a)
print(hex(a_address))

b = a
b_address = id(b)
print(hex(b_address))
print(a_address == b_address)

c = "hello"
c_address = id(c)
print(hex(c_address))

print(ctypes.cast(a_address, ctypes.py_object).value)
print(ctypes.cast(c_address, ctypes.py_object).value)
