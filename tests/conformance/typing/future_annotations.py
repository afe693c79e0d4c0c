# PEP 563: with the future import, annotations stay strings.
from __future__ import annotations

import __future__
from typing import get_type_hints


def f(x: list[int], y: Undefined | None = None) -> dict[str, int]:
    ...


print(f.__annotations__)


class C:
    a: Foo[int]
    b: int


print(C.__annotations__)
print(__future__.annotations, __future__.all_feature_names)
print(__future__.annotations.getMandatoryRelease(), __future__.annotations.compiler_flag)
print(__future__.division, annotations)


def g(a: int, b: list[str]) -> None:
    pass


print(get_type_hints(g))
