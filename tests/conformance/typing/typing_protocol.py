# typing.Protocol with runtime_checkable.
from typing import Protocol, runtime_checkable


@runtime_checkable
class Closable(Protocol):
    def close(self): ...


class F:
    def close(self):
        pass


print(isinstance(F(), Closable), isinstance(1, Closable), issubclass(F, Closable))
print(Closable.__mro__, Closable.__parameters__)


class NotChecked(Protocol):
    def f(self): ...


try:
    isinstance(1, NotChecked)
except TypeError as e:
    print(e)
try:
    runtime_checkable(F)
except TypeError as e:
    print(e)


class Impl(Closable):
    pass


print(isinstance(Impl(), Closable), Impl._is_protocol)
