# Subscripting a class: metaclass __getitem__ first, then __class_getitem__.
class C:
    def __class_getitem__(cls, item):
        return ("cgi", cls.__name__, item)


print(C[int], C[int, str])


class D(C):
    pass


print(D["x"])


class M(type):
    def __getitem__(cls, item):
        return ("meta", item)


class E(metaclass=M):
    def __class_getitem__(cls, item):
        return "no"


print(E[int])


class L(list):
    pass


print(L[int], type(L[int]()), L[int]().__orig_class__)
try:
    int[str]
except TypeError as e:
    print(e)
print(type[int], type[int].__origin__)
