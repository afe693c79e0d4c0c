# typing.NamedTuple: class syntax and functional form.
from typing import NamedTuple


class P(NamedTuple):
    x: int
    y: int = 0

    def norm(self):
        return abs(self.x) + abs(self.y)


p = P(1)
print(p, P._fields, P._field_defaults, P.__annotations__, P.__mro__)
print(P(1, 2)._asdict(), p._replace(y=5), p.norm(), p.x, p[0], tuple(p), p == (1, 0))
print(P._make([3, 4]), P(y=2, x=1), P.x.__doc__, isinstance(p, tuple), len(p))
Q = NamedTuple("Q", [("a", int), ("b", str)])
print(Q(1, "s"), Q.__annotations__, Q.__name__)
for bad in (lambda: P(), lambda: P(1, 2, 3), lambda: P(1, z=3), lambda: p._replace(z=1)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    class Bad(NamedTuple):
        a: int = 1
        b: int
except TypeError as e:
    print(e)
