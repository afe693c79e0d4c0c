# Seed 002 (interview questions): 256 is a cached small int; 257 is not, but
# in one script equal constants are one object, so c and d share it too.
a = 256
b = 256
print(hex(id(a)))
print(hex(id(b)))
c = 257
d = 257
print(hex(id(c)))
print(hex(id(d)))
print(a is b, c is d)
e = 256
f = e + 1
print(f == c, f is c)
