# Seed 002 (interview questions): sys.getrefcount(object) counts the argument
# reference too.
import sys
obj = object()
print(sys.getrefcount(obj))
other = obj
print(sys.getrefcount(obj))
del other
print(sys.getrefcount(obj))
