# An alias forwards attributes to its origin and creates origin instances.
a = list[int]
print(a(), a([1, 2]), a.append, a.__name__, a.__class__)
print(a.__doc__ == list.__doc__, a.__mro__)
d = dict[str, int](x=1)
print(d, type(d))
try:
    a.nope
except AttributeError as e:
    print(e)


class Box:
    pass


b = Box
try:
    print(type(list[int]([])))
except Exception as e:
    print(type(e).__name__, e)
