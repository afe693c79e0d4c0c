# Seed 001 (memory management article): 9 is one shared object, so another
# name for 9 adds one reference to it.
# Rewrite: the article printed the absolute count of 9 (18, then 19), which
# depends on interpreter internals; this prints the change.
import sys

var = 9
before = sys.getrefcount(var)
var2 = 9
print("The ref count to object integer 9 grew by", sys.getrefcount(var) - before)
print(var is var2)
del var2
print("The ref count to object integer 9 grew by", sys.getrefcount(var) - before)
