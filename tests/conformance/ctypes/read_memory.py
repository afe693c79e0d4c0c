# ctypes reads of object memory: refcount at +0, type at +8, size at +16,
# cast/PyObj_FromPtr round trips, simple values and sizes.
import ctypes
import sys

x = [1, 2, 3, 4]
a = id(x)
print(ctypes.c_ssize_t.from_address(a).value == sys.getrefcount(x) - 1)
print(ctypes.c_void_p.from_address(a + 8).value == id(list))
print(ctypes.c_ssize_t.from_address(a + 16).value)
print(ctypes.c_int.from_address(a + 16).value, ctypes.c_char.from_address(a + 16).value)
print(ctypes.cast(a, ctypes.py_object).value is x)
print(ctypes.py_object.from_address(id(x) + 8).value is list)
print(ctypes.c_long(5).value, ctypes.c_int(2**32 + 7).value, ctypes.c_uint(-1).value)
print(ctypes.c_long(5), ctypes.c_double(1.5), ctypes.c_char(b"a"), ctypes.py_object(3))
print(ctypes.sizeof(ctypes.c_long), ctypes.sizeof(ctypes.c_int), ctypes.sizeof(ctypes.c_char),
      ctypes.sizeof(ctypes.c_void_p), ctypes.sizeof(ctypes.c_double), ctypes.sizeof(ctypes.c_uint64))
print(ctypes.c_void_p(0).value, ctypes.c_size_t is ctypes.c_ulong, ctypes.c_int64 is ctypes.c_long)
f = 2.5
print(ctypes.c_double.from_address(id(f) + 16).value)
