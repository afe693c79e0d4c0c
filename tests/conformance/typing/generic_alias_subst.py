# Substituting type variables in generic aliases and unions.
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K")
print(list[T], list[T][int], dict[str, T][int], (int | list[T])[str], list[T].__parameters__)
print(dict[K, T].__parameters__, dict[K, T][int, str], dict[T, T][int], (int | T)[str])
print((T | None)[int], (list[T] | T)[str], dict[K, list[T]][str, int], list[int, str])
print((int | T).__parameters__, (int | str).__parameters__, list[list[T]][int])
for f in (lambda: list[int][str], lambda: dict[str, T][int, str], lambda: (int | str)[int],
          lambda: list[T][()], lambda: (int | T)[str, int]):
    try:
        print(f())
    except TypeError as e:
        print("TypeError", e)
try:
    type(int | str)()
except TypeError as e:
    print(e)
print(list[int].__mro_entries__((list[int],)), list[...], dict[str, ...])
print(str(list[int]), f"{list[int]}", format(int | None), list[int] == list[int,])
