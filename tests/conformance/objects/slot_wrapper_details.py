# wrapper_descriptor (unbound slot wrappers of builtin types) against
# method_descriptor: reprs, sizes, binding, calling, error messages.
import gc
import sys
import types

for d in [object.__init__, int.__add__, list.__len__, str.__getitem__, dict.__setitem__,
          object.__repr__, float.__eq__, list.append, str.join]:
    print(repr(d), type(d).__name__, sys.getsizeof(d), d.__name__, d.__qualname__,
          d.__objclass__.__name__, gc.is_tracked(d))

# METH_COEXIST methods stay method_descriptor; binding gives a builtin method
for d in [dict.__getitem__, list.__getitem__, dict.__contains__, set.__contains__,
          frozenset.__contains__, tuple.__getitem__, list.__contains__]:
    print(repr(d), type(d).__name__)
print(type({}.__getitem__).__name__, type([].__getitem__).__name__, type(().__getitem__).__name__)
print(type(set().__contains__).__name__, type([].__contains__).__name__)

print(types.WrapperDescriptorType is type(object.__init__), types.MethodWrapperType is type((1).__add__))
print(int.__add__(1, 2), int.__add__.__get__(3)(4), int.__add__.__get__(None, int) is int.__add__)
print(type(int.__add__.__get__(3)).__name__, (3).__add__.__self__, (3).__add__.__name__)
print(list.__len__([1, 2]), str.__getitem__("abc", 1), float.__eq__(1.0, 1.0))
for call in [lambda: int.__add__("a", 1), lambda: int.__add__(), lambda: list.__len__((1,)),
             lambda: list.append(1, 2), lambda: list.append()]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
print(type(type(object.__init__).__dict__["__get__"]).__name__)
print(type(types.MethodDescriptorType.__dict__["__get__"]).__name__)
print(int.__add__ == int.__add__, int.__add__ is int.__dict__["__add__"])


class C(list):
    pass


print(C.__len__ is list.__len__, repr(C.__len__), C([1]).__len__())
