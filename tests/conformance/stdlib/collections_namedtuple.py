from collections import namedtuple
Point = namedtuple('Point', ['x', 'y'])
p = Point(1, y=2); print(p, p.x, p.y, p[0], p == (1, 2), isinstance(p, tuple), Point, Point.__name__)
print(Point._fields, Point._field_defaults, Point.__match_args__, p._asdict(), p._replace(x=5), Point._make([3, 4]))
print(Point.x, Point.__doc__, Point.__new__.__doc__, len(p), hash(p) == hash((1, 2)))
x, y = p; print(x + y, p + (3,), p * 2, Point(*range(2)))
P3 = namedtuple('P3', 'a, b c', defaults=[0, 9]); print(P3(1), P3(1, 2, 3), P3._field_defaults)
R = namedtuple('R', ['abc', 'def', 'abc', '_x', '1y'], rename=True); print(R._fields)
One = namedtuple('One', 'v'); print(One(1), One._make([2]))
class Sub(namedtuple('Base', 'a b')):
    __slots__ = ()
    @property
    def total(self): return self.a + self.b
s = Sub(2, 3); print(s, s.total, type(s).__mro__)
match p:
    case Point(x=1, y=yy):
        print('matched', yy)
M = namedtuple('M', 'a', module='mymod'); print(M.__module__, Point.__module__)
for bad in [lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, 2, z=3), lambda: Point._make([1]),
            lambda: p._replace(z=1), lambda: namedtuple('1A', 'x'), lambda: namedtuple('A', 'class'),
            lambda: namedtuple('A', '_x'), lambda: namedtuple('A', 'x x'), lambda: namedtuple('A', 'x', defaults=[1, 2]),
            lambda: setattr(p, 'x', 3)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
