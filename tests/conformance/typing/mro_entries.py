# PEP 560: bases that are not classes provide __mro_entries__.
class B(list[int]):
    pass


print(B.__bases__, B.__orig_bases__, B.__mro__)


class Fake:
    def __mro_entries__(self, bases):
        print("entries", bases)
        return (dict,)


class C(Fake(), int.__class__.__class__.__mro__[1] and object.__class__.__mro__[1]):
    pass


print(C.__bases__, len(C.__orig_bases__))


class Bad:
    def __mro_entries__(self, bases):
        return [int]


try:
    class D(Bad()):
        pass
except TypeError as e:
    print(e)


class Plain(int):
    pass


print(hasattr(Plain, "__orig_bases__"))
