# __slots__ names are mangled and laid out sorted, as CPython's.
class S:
    __slots__ = ("z", "__p", "a", "m")
    def f(self):
        self.__p = 1
        return self.__p
s = S()
s.z, s.a, s.m = 1, 2, 3
print(s.f(), s.z, s.a, s.m, S.__slots__, sorted(k for k in S.__dict__ if not k.startswith("__")))
print([type(S.__dict__[k]).__name__ for k in ("z", "a", "m")])
