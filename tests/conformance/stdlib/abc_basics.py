from abc import ABC, ABCMeta, abstractmethod
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def perimeter(self): ...
    def describe(self): return 'shape with area %s' % self.area()
class Half(Shape):
    def area(self): return 1
class Sq(Half):
    def perimeter(self): return 4
for cls in (Shape, Half, Sq):
    try:
        print(cls().describe())
    except TypeError as e:
        print('TypeError', e)
print(sorted(Shape.__abstractmethods__), Half.__abstractmethods__, Sq.__abstractmethods__)
print(type(Shape), isinstance(Sq(), Shape), issubclass(Sq, ABC))
class Dumb(ABC): pass
Dumb.register(int)
print(isinstance(3, Dumb), issubclass(bool, Dumb), isinstance('x', Dumb), Dumb.register(str) is str)
class Hooked(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Hooked:
            return hasattr(C, 'quack')
        return NotImplemented
class Duck:
    def quack(self): pass
print(isinstance(Duck(), Hooked), isinstance(1, Hooked), issubclass(Duck, Hooked))
try:
    Dumb.register(3)
except TypeError as e:
    print('TypeError', e)
class P(ABC):
    @property
    @abstractmethod
    def name(self): ...
class Q(P):
    name = 'q'
print(Q().name)
try:
    P()
except TypeError as e:
    print('TypeError', e)
