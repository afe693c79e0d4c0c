# Seed 002 (interview questions): two names for one object; `del a` removes
# the name only; using it afterwards is an uncaught NameError (exit code 1).
a = 10
b = a
print(a)
print(b)
print(hex(id(a)))
print(hex(id(b)))
del a
print(b)
print(a)
