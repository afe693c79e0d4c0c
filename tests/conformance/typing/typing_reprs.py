# Reprs of the common typing forms.
import typing
from typing import (Any, Callable, ClassVar, Dict, Final, FrozenSet, Generator, Iterable,
                    Iterator, List, Literal, Mapping, MutableMapping, NoReturn, Optional,
                    Sequence, Set, Tuple, Type, TypeVar, Union)

T = TypeVar("T")
print(List[int], Optional[int], Union[int, str], Dict[str, int], Callable[[int], str], T)
print(Callable[..., int], Callable[[], None], Tuple[int, ...], Tuple[()], Tuple[int, str])
print(Any, NoReturn, Literal[1, "a"], ClassVar[int], Final[int], Type[int], Set[int])
print(FrozenSet[str], Iterable[int], Iterator[str], Generator[int, None, None])
print(Sequence[T], Mapping[str, List[int]], MutableMapping[str, Optional[int]])
print(List, Dict, Optional, Union, Callable, Tuple, typing.Iterable.__origin__)
print(List[int].__origin__, List[int].__args__, List[T].__parameters__, Dict[str, T][int])
print(TypeVar("U", covariant=True), TypeVar("V", contravariant=True), T.__name__)
print(TypeVar("B", bound=int).__bound__, TypeVar("C", int, str).__constraints__)
print(List[list[int]], List["Foo"], typing.Annotated[int, "meta"])
print(typing.TYPE_CHECKING, typing.Text, typing.AnyStr)
