# Seed 003 (memory management notebook): ints in [-5, 256] are cached;
# ints made at run time outside that range are new objects.
def make(n):
    return n + 0 if n >= 0 else n - 0

print(make(5) is make(5))
print(make(-5) is make(-5))
print(make(256) is make(256))
print(make(257) is make(257))
print(make(-6) is make(-6))
print(make(1000) is make(1000))
print(int("100") is int("100"), int("1000") is int("1000"))
