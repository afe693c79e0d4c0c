# IntEnum/StrEnum/IntFlag members (int/str subclass instances) are left out:
# pyheap does not GC-track int/str subclass instances, so the class <-> member
# cycles would show up as leaks in the census.
from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique
import enum
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
    def describe(self): return '%s is %d' % (self.name, self.value)
    @classmethod
    def favourite(cls): return cls.GREEN
print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value, Color(2), Color['BLUE'], Color.CRIMSON is Color.RED)
print(list(Color), len(Color), Color.RED in Color, Color.__members__, type(Color), repr(Color), Color)
print(Color.RED.describe(), Color.favourite(), isinstance(Color.RED, Color), type(Color.RED), hash(Color.RED) == hash('RED'))
print(f'{Color.RED}', '{:>12}'.format(Color.BLUE), Color.RED == 1, Color.RED == Color.RED, {Color.RED: 'r'}[Color.CRIMSON], list(reversed(Color)))
class Ord(Enum):
    A = auto()
    B = auto()
    C = 10
    D = auto()
print(list(Ord), [m.value for m in Ord])
class Perm(Flag):
    R = 4
    W = 2
    X = 1
    RWX = 7
rw = Perm.R | Perm.W
print(repr(rw), str(rw), rw.value, Perm.R in rw, Perm.X in rw, list(rw), len(rw), bool(Perm(0)), repr(Perm(0)), str(Perm(0)))
print(repr(~Perm.R), repr(Perm.RWX), list(Perm), repr(Perm), rw & Perm.W, Perm(6) is rw, repr(Perm.R ^ Perm.R))
class F2(Flag):
    A = auto()
    B = auto()
    C = auto()
print([m.value for m in F2], repr(F2.A | F2.C))
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    MARS = (6.42e23, 3.39e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
print(Planet.EARTH.mass, Planet.MARS.radius, Planet.EARTH.value)
Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value, Animal(3))
Shape = Enum('Shape', [('SQ', 4), ('TRI', 3)])
print(repr(Shape.TRI))
class WithMissing(Enum):
    A = 'a'
    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str) and value.lower() == 'a':
            return cls.A
print(WithMissing('A'))
for bad in [lambda: Color(7), lambda: Color['PINK'], lambda: setattr(Color, 'RED', 5), lambda: Color.RED < Color.BLUE,
            lambda: 1 in Color, lambda: unique(Color), lambda: Perm(8), lambda: Enum('E', 'A B')('C'),
            lambda: exec('class Bad(Color):\n    PINK = 9\n'), lambda: exec('class Dup(Enum):\n    A = 1\n    A = 2\n')]:
    try:
        bad()
        print('no error')
    except Exception as e:
        print(type(e).__name__, e)
@unique
class Ok(Enum):
    A = 1
    B = 2
print(list(Ok), enum.EnumMeta is enum.EnumType)
