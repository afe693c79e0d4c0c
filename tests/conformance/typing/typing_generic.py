# User generic classes: Generic[T], subscripting, __orig_class__, __parameters__.
from typing import Dict, Generic, List, TypeVar

T = TypeVar("T")
K = TypeVar("K")


class Box(Generic[T]):
    def __init__(self, item=None):
        self.item = item


print(Box[int], Box[int](3).__orig_class__, Box[int](3).item, Box.__parameters__)
print(Box.__orig_bases__, Box.__mro__, Box[List[int]])


class Two(Generic[K, T]):
    pass


print(Two[int, str], Two.__parameters__, Two[K, int][str])
try:
    Two[int]
except TypeError as e:
    print(e)


class Sub(Two[int, T]):
    pass


print(Sub.__parameters__, Sub.__orig_bases__, Sub[str], Sub.__mro__)


class Mixed(Dict[str, T]):
    pass


print(Mixed.__mro__, Mixed.__parameters__, Mixed[int], Mixed(a=1))
for bad in (lambda: Generic[int], lambda: Generic[T, T], lambda: Box[int, str]):
    try:
        bad()
    except TypeError as e:
        print(e)
try:
    class Plain(Generic):
        pass
except TypeError as e:
    print(e)
try:
    isinstance(Box(), Box[int])
except TypeError as e:
    print(e)
print(isinstance(Box(), Box))
