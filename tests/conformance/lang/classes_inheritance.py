# Classes: attributes, methods, inheritance, super(), properties, class and
# static methods, dunder methods, isinstance.
class Animal:
    kind = "animal"

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} makes a sound"

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"


class Dog(Animal):
    kind = "dog"

    def speak(self):
        return super().speak() + " (woof)"


class Vector:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)

    def __len__(self):
        return 2

    def __repr__(self):
        return f"Vector({self.x}, {self.y})"

    @property
    def norm2(self):
        return self.x ** 2 + self.y ** 2

    @classmethod
    def zero(cls):
        return cls(0, 0)

    @staticmethod
    def describe():
        return "2-d vector"


a, d = Animal("generic"), Dog("Rex")
print(a.speak(), "|", d.speak())
print(a, d, d.kind, Animal.kind, isinstance(d, Animal), issubclass(Dog, Animal))
print(type(d).__mro__)
v = Vector(1, 2) + Vector(3, 4)
print(v, v.norm2, len(v), v == Vector(4, 6), Vector.zero(), Vector.describe())
d.age = 3
print(d.__dict__, hasattr(d, "age"), getattr(d, "missing", "default"))


class Base:
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        cls.registered = True


class Child(Base):
    pass


print(Child.registered, Dog.__name__, Dog.__qualname__, Dog.__bases__)
