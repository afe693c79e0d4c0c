# typing.Union / Optional: flattening, dedup, equality with int | None.
from typing import List, Optional, Union

print(Union[int, str, int], Union[int], Optional[Union[int, str]], Union[int, None])
print(Union[Union[int, str], float], Union[int, str | None], Optional[None])
print(Union[int, str] == (int | str), Optional[int] == (int | None))
print(Union[int, str] == Union[str, int], hash(Union[int, str]) == hash(Union[str, int]))
print(Optional[int] | str, int | Optional[str], List[int] | None, None | List[int])
print(Optional[int].__args__, Union[int, str].__origin__ is Union)
print(isinstance(1, Union[int, str]), isinstance(1.0, Optional[int]))
for bad in (lambda: Union[()], lambda: Optional[int, str], lambda: Union[3]):
    try:
        bad()
    except TypeError as e:
        print(e)
try:
    class X(Union[int, str]):
        pass
except TypeError as e:
    print(e)
