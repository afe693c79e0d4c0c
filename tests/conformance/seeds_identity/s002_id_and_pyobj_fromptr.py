# Seed 002 (interview questions): id() gives the address; _ctypes.PyObj_FromPtr
# turns an address back into the object.
# Rewrite: the raw decimal id is not printed (not normalised); hex is.
import _ctypes
num1 = 10
print(hex(id(num1)))
print(_ctypes.PyObj_FromPtr(id(num1)))
print(_ctypes.PyObj_FromPtr(id(num1)) is num1)
