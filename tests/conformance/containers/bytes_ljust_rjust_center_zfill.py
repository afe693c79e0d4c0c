# bytes/bytearray ljust, rjust, center (CPython's odd-width bias), zfill (after a sign):
# results, result types, identity of unchanged exact bytes, argument errors.
tests = []
for t in (bytes, bytearray):
    for m in ("ljust", "rjust", "center"):
        for args in [(5,), (5, b"*"), (6, bytearray(b"-")), (1,), (-3,), (5, b"ab"), (5, "x"), (5, 3), ("5",), (2.5,), (), (1, b"x", 3)]:
            try:
                r = getattr(t(b"ab"), m)(*args)
                print(t.__name__, m, args, r, type(r).__name__)
            except Exception as e:
                print(t.__name__, m, args, type(e).__name__, e)
    for s in (b"ab", b"-ab", b"+1", b"", b"-"):
        for w in (5, 1, -1):
            r = t(s).zfill(w)
            print(t.__name__, "zfill", s, w, r)
    for args in [(), ("5",), (5, 6)]:
        try:
            t(b"x").zfill(*args)
        except Exception as e:
            print(t.__name__, "zfill", args, type(e).__name__, e)
print(b"abc".center(6), b"abc".center(7), b"ab".center(5), b"ab".center(6), b"a".center(4))
for w in range(8):
    print(w, b"abc".center(w, b"*"), b"ab".center(w, b"*"))
x = b"abc"; print(x.ljust(2) is x, x.center(3) is x, x.zfill(1) is x)
y = bytearray(b"abc"); print(y.ljust(2) is y)
class B(bytes): pass
print(type(B(b"ab").ljust(1)), type(B(b"ab").ljust(5)))
try:
    b"x".ljust(width=3)
except TypeError as e:
    print(e)
try:
    b"x".zfill(width=3)
except TypeError as e:
    print(e)
try:
    b"x".rjust(2**63)
except OverflowError as e:
    print("OverflowError", e)
