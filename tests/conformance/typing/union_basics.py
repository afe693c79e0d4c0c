# PEP 604 unions: flattening, dedup, repr, equality, hash.
import types

u = int | None
print(u, int | str | None, None | int, type(u), type(u) is types.UnionType)
print(u.__args__, (int | str).__parameters__)
print((int | str) == (str | int), hash(int | str) == hash(str | int))
print((int | str) == (int | str | int), (int | str) != (int | float))
print(int | int, list[int] | None, int | list[int] | list[int], (int | str) | (float | int))
print(dict[str, int] | list[int] | None)
print(type.__or__(int, str), type.__ror__(int, str), type.__or__(int, 3))
print(int.__or__(3, 5), 3 | 5, {1} | {2})
print(list[int] | str, str | list[int])
print(type(u).__name__, type(u).__module__)
