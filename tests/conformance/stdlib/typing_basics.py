from typing import (Any, Callable, ClassVar, Dict, Generic, Iterable, Iterator, List, Literal, NamedTuple, Optional,
                    Sequence, Set, Tuple, TypeVar, Union, cast, get_args, get_origin, overload, TYPE_CHECKING)
import typing
print(List[int], Dict[str, List[int]], Optional[int], Union[int, str], Union[int, None, str], Union[int])
print(Tuple[int, ...], Tuple[()], Callable[[int, str], bool], Literal['a', 1], ClassVar[int], Any, List, typing.Mapping[str, int])
T = TypeVar('T'); K = TypeVar('K', covariant=True)
print(T, K, List[T], get_origin(List[int]), get_args(Dict[str, int]), get_origin(int), get_args(int))
print(Optional[int] == Union[int, None], Union[int, str] == Union[str, int], Union[Union[int, str], float])
class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item
    def get(self) -> T:
        return self.item
b = Box(3); print(b.get(), Box[int], Box.__mro__, Box.__orig_bases__)
def f(x: List[int], y: Optional[str] = None) -> Dict[str, int]:
    return {str(i): i for i in x}
print(f([1, 2]), f.__annotations__['x'], typing.get_type_hints(f)['return'])
class Emp(NamedTuple):
    name: str
    id: int = 3
    def tag(self): return '%s#%d' % (self.name, self.id)
e = Emp('ann'); print(e, e.tag(), Emp._fields, Emp('bob', 5), isinstance(e, tuple))
P = NamedTuple('P', [('x', int), ('y', int)]); print(P(1, 2))
print(cast(int, 'x'), TYPE_CHECKING, isinstance([], List), issubclass(list, typing.Sequence), typing.Deque[int]([1]))
for bad in [lambda: List[int]([1]), lambda: List(), lambda: isinstance(1, List[int]), lambda: Union(), lambda: isinstance(1, Union)]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
