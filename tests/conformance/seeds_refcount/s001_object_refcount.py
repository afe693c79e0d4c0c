# Seed 001 (memory management article): reference counts of a plain object.
import sys
import weakref


class Color():
    def __init__(self, r, g, b):
        self.red = r
        self.green = g
        self.blue = b


clr = object()
print("The ref count to object clr : ", sys.getrefcount(clr))
clr1 = clr
print("The ref count to object clr : ", sys.getrefcount(clr))
del clr1
print("The ref count to object clr : ", sys.getrefcount(clr))
color = Color(1, 2, 3)
print("The ref count to object color : ", sys.getrefcount(color))
print(color.red, color.green, color.blue)
