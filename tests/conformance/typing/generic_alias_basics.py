# PEP 585 generic aliases of the builtin classes: repr, attributes, equality.
import types

a = list[int]
print(a, dict[str, list[int]], tuple[int, ...], tuple[()], type[int])
print(set[str], frozenset[bytes], enumerate[str], dict[str, None])
print(a.__origin__, a.__args__, a.__parameters__)
print(type(a), types.GenericAlias, type(a) is types.GenericAlias)
print(type(a).__name__, type(a).__qualname__, type(a).__module__)
print(a == list[int], a != list[int], a == list[str], a == list, a is list[int])
print(hash(a) == hash(list[int]), len({a, list[int], list[str]}))
print(types.GenericAlias(list, int), types.GenericAlias(dict, (str, int)))
print(list.__class_getitem__(int), dict[str, int].__args__)
print(tuple[int, str][0] if False else tuple[int, str].__args__)
print(dict[str, list[tuple[int, ...]]])
print(list[types.SimpleNamespace])
