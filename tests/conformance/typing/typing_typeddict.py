# typing.TypedDict: class syntax, totality, functional form.
from typing import TypedDict


class Movie(TypedDict):
    name: str
    year: int


m = Movie(name="x", year=1)
print(type(m), m, sorted(Movie.__required_keys__), Movie.__total__, isinstance(m, dict))
print(Movie.__annotations__, Movie.__mro__)


class Partial(Movie, total=False):
    rating: float


print(sorted(Partial.__required_keys__), sorted(Partial.__optional_keys__))
P2 = TypedDict("P2", {"a": int})
print(P2(a=1), P2.__annotations__)
try:
    isinstance(m, Movie)
except TypeError as e:
    print(e)
