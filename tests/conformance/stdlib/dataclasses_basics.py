from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError, InitVar, KW_ONLY

@dataclass
class Point:
    x: int
    y: int = 0
p = Point(1, 2); print(p, Point(5), p == Point(1, 2), p != Point(1, 3), p == (1, 2), Point.__hash__)
print([f.name for f in fields(p)], asdict(p), astuple(p), replace(p, y=9), is_dataclass(p), is_dataclass(int), Point.__match_args__)
@dataclass(order=True, frozen=True)
class Ver:
    major: int
    minor: int = 0
    tags: tuple = ()
print(Ver(1, 2) < Ver(1, 3), Ver(2) > Ver(1, 9), sorted([Ver(2), Ver(1, 5), Ver(1)]), hash(Ver(1)) == hash(Ver(1)))
try:
    Ver(1).major = 3
except FrozenInstanceError as e:
    print('FrozenInstanceError', e, isinstance(e, AttributeError))
try:
    del Ver(1).minor
except FrozenInstanceError as e:
    print('FrozenInstanceError', e)
@dataclass
class Inv:
    name: str
    items: list = field(default_factory=list)
    count: int = field(default=0, repr=False, compare=False)
    kind: 'ClassVar[str]' = 'inv'
    def __post_init__(self):
        self.total = len(self.items)
a, b = Inv('a'), Inv('b', [1, 2], 5); a.items.append(1)
print(a, b, a.items is not Inv('c').items, b.total, Inv('x', [], 1) == Inv('x', [], 2), [f.name for f in fields(Inv)])
@dataclass
class Nested:
    p: Point
    ps: list
    d: dict
n = Nested(Point(1, 2), [Point(3, 4)], {'k': Point(5, 6)}); print(n, asdict(n), astuple(n))
@dataclass
class WithInit:
    a: int
    scale: InitVar[int] = 2
    def __post_init__(self, scale):
        self.a *= scale
print(WithInit(3), WithInit(3, 10), [f.name for f in fields(WithInit)])
@dataclass
class Base:
    a: int
    b: str = 'b'
@dataclass
class Derived(Base):
    c: float = 1.5
print(Derived(1), Derived(1, 'x', 2.5), [f.name for f in fields(Derived)])
@dataclass
class KW:
    a: int
    _: KW_ONLY
    b: int = 1
    c: int
print(KW(1, c=3), KW.__match_args__)
@dataclass(eq=False)
class NoEq:
    v: int
print(NoEq(1) == NoEq(1), NoEq.__hash__ is object.__hash__)
@dataclass(unsafe_hash=True)
class H:
    v: int
print(hash(H(3)) == hash((3,)))
for bad in [lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, z=2), lambda: fields(3), lambda: asdict(Point),
            lambda: replace(Inv('a'), nope=1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
for src in ["@dataclass\nclass M:\n    x: list = []\n", "@dataclass\nclass D:\n    x: int = 1\n    y: int\n",
            "@dataclass(order=True, eq=False)\nclass O:\n    x: int\n"]:
    try:
        exec(src)
    except Exception as e:
        print(type(e).__name__, e)
