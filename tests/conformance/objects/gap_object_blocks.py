# Objects whose allocator block pyheap cannot make CPython's (known gap,
# see known_gaps.toml): the size of a code object depends on the length of
# CPython's own bytecode (inline caches included); a str subclass instance
# keeps its characters in a separate block in CPython; an int subclass
# instance keeps its __dict__ pointer after the digits in CPython (pyheap: a
# 16-byte pre-header), so with 3 digits it needs a 64-byte block in CPython
# and an 80-byte one in pyheap.
import sys


def f(a, b=2):
    x = a + b
    return x


class Str(str):
    pass


class I(int):
    pass


class S4:
    __slots__ = ("a", "b", "c", "d")  # 64-byte request


print("code:", sys.getsizeof(f.__code__))
print("str subclass:", sys.getsizeof(Str("abc")))
n = len(sys.argv)
x = I(2**70 + n)
addr = id(x)
del x
s = S4()
print("3-digit int subclass block reused by a 64-byte object:", id(s) == addr)


class T(tuple):
    pass


class B(bytes):
    pass


# __basicsize__/__itemsize__ of the types laid out differently
for c in (str, type, type(f.__code__), I, T, B, Str):
    print(c.__name__, c.__basicsize__, c.__itemsize__)
