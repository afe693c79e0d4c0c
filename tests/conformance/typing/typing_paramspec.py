# typing.ParamSpec and Concatenate in Callable.
import typing
from typing import Callable, Concatenate, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")
print(P, P.args, P.kwargs, Callable[P, T], Callable[P, T].__args__, Callable[P, T].__parameters__)
print(Callable[Concatenate[int, P], T], Callable[P, T][[int, str], bool], P.__name__)
print(typing.get_args(Callable[P, T]), Callable[P, T][..., int], P.args == P.args)


def deco(f: Callable[P, T]) -> Callable[P, T]:
    def w(*args: P.args, **kw: P.kwargs) -> T:
        return f(*args, **kw)
    return w


print(deco(len)("ab"), ParamSpec("Q", bound=None).__bound__, type(P.args), type(P.kwargs))
try:
    Concatenate[int, str]
except TypeError as e:
    print(e)
