# cast, overload, final, NewType, get_type_hints, get_origin, get_args.
import typing
from typing import (Any, ClassVar, Dict, List, NewType, Optional, cast, final, get_args,
                    get_origin, get_type_hints, overload)

print(cast(int, "x"), cast("List[int]", 3))


@overload
def f(x: int) -> int: ...


@overload
def f(x: str) -> str: ...


def f(x):
    return x


print(f(3))


@final
class Leaf:
    pass


print(Leaf.__final__)
UserId = NewType("UserId", int)
print(UserId, UserId(3), UserId.__supertype__, UserId.__name__, UserId | None)


class A:
    x: int
    y: "List[int]"
    z: ClassVar[str] = "s"


class B(A):
    w: Optional[str]


def g(a: "int", b: List[int] = None) -> Optional[str]:
    pass


print(get_type_hints(A), get_type_hints(B), get_type_hints(g))
print(get_origin(List[int]), get_origin(int | str), get_origin(int), get_origin(list[int]))
print(get_args(Dict[str, int]), get_args(int | None), get_args(typing.Callable[[int], str]))
print(get_args(List), get_args(int), Any)
try:
    isinstance(1, Any)
except TypeError as e:
    print(e)
