import sys


class Meta(type):
    def __call__(cls, *a, **k):
        print("Meta.__call__", cls.__name__, a, k)
        return super().__call__(*a, **k)


class C(metaclass=Meta):
    def __init__(self, x, y=0):
        self.x = x + y


c = C(1, y=2)
print(c.x, type(c).__name__)


class Single(type):
    _inst = {}

    def __call__(cls, *a):
        if cls not in cls._inst:
            cls._inst[cls] = super().__call__(*a)
        return cls._inst[cls]


class S(metaclass=Single):
    pass


print(S() is S())


def inner():
    f = sys._getframe()
    g = sys._getframe(1)
    print(f.f_code.co_name, g.f_code.co_name, f.f_back.f_code.co_name)
    print(g.f_globals["__name__"], f.f_back.f_back.f_code.co_name)


def outer():
    inner()


outer()
try:
    sys._getframe(1000)
except ValueError as e:
    print("ValueError", e)
