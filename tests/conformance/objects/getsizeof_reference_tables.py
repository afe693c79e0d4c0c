# Every getsizeof row of the reference tables (§7.1-§7.6) that a program can create.
import sys
import types
import weakref

gs = sys.getsizeof


def row(label, value):
    print(f"{label:40} {value}")


# 7.1 scalars
for v in (None, ..., NotImplemented, object(), 0, 1, -1, 2**30 - 1, 2**30, -(2**30), 2**60 - 1,
          2**60, 2**90, 2**100, -(2**100), 10**100, True, False, 1.5, 2j):
    row(type(v).__name__ + " " + (repr(v) if type(v) is not object else "object()"), gs(v))

# 7.2 strings and bytes
for s in ("", "a", "a" * 100, "\xe9", "\xe9" * 100, "\u0100", "\u0100" * 100, "\U00010000",
          "\U00010000" * 100):
    row(f"str len {len(s)} max {max(map(ord, s), default=0):#x}", gs(s))
e = "\xe9" * 5
row("latin-1 before encode", gs(e))
e.encode()
row("latin-1 after encode", gs(e))
for b in (b"", b"x" * 100):
    row(f"bytes len {len(b)}", gs(b))
ba = bytearray()
sizes = []
for i in range(20):
    sizes.append(gs(ba))
    ba.append(i)
row("bytearray appends", sizes)

# 7.3 tuples and lists
for t in ((), (1,), (1, 2, 3), tuple(range(10))):
    row(f"tuple len {len(t)}", gs(t))
row("[].__sizeof__()", [].__sizeof__())
lst = []
sizes = []
for i in range(21):
    sizes.append(gs(lst))
    lst.append(i)
row("list appends", sizes)
a = b = c = d = e5 = object()
row("[a]", gs([a]))
row("[a, b]", gs([a, b]))
row("[a, b, c]", gs([a, b, c]))
row("[a, b, c, d, e5]", gs([a, b, c, d, e5]))
row("[1, 2, 3]", gs([1, 2, 3]))
row("[1, 2, 3, 4, 5]", gs([1, 2, 3, 4, 5]))
for n in (0, 1, 3, 9):
    row(f"list(range({n}))", gs(list(range(n))))
row("[None] * 100", gs([None] * 100))
for n in (1, 5, 9):
    row(f"comprehension of {n}", gs([i for i in range(n)]))
lst = list(range(20))
lst.append(20)
popped = []
while lst:
    lst.pop()
    if len(lst) in (16, 9, 5, 1, 0):
        popped.append((len(lst), gs(lst)))
row("pop down", popped)
lst = [1, 2, 3]
lst.clear()
row("clear", gs(lst))

# 7.4 dicts
row("{}", gs({}))
row("dict()", gs(dict()))
for n in (1, 5, 6, 10, 11, 21, 22, 42):
    row(f"{n} str keys", gs({f"k{i}": i for i in range(n)}))
    row(f"{n} int keys", gs({i: i for i in range(n)}))
big = {i: i for i in range(100)}
for i in range(99):
    del big[i]
row("1 of 100 left", gs(big))
big.clear()
row("cleared", gs(big))
row("dict(a=1)", gs(dict(a=1)))
row("{1: 1}.copy()", gs({1: 1}.copy()))
row("dict.fromkeys(range(10))", gs(dict.fromkeys(range(10))))

# 7.5 sets
s = set()
sizes = []
for i in range(20):
    sizes.append(gs(s))
    s.add(i)
row("set adds", sizes)
row("set(range(5))", gs(set(range(5))))
row("frozenset(range(10))", gs(frozenset(range(10))))
s.clear()
row("set clear", gs(s))


# 7.6 objects, classes, functions, misc
class A:
    pass


class S0:
    __slots__ = ()


class S1:
    __slots__ = ("a",)


class S2:
    __slots__ = ("a", "b")


class SW:
    __slots__ = ("a", "__weakref__")


class SD:
    __slots__ = ("__dict__",)


class SDW:
    __slots__ = ("__dict__", "__weakref__")


for cls in (A, S0, S1, S2, SW, SD, SDW):
    row(f"instance of {cls.__name__}", gs(cls()))


def f():
    pass


row("function", gs(f))
row("lambda", gs(lambda: None))
row("builtin len", gs(len))
row("bound method", gs(types.MethodType(f, A())))
row("bound method via attribute", gs(Exception().with_traceback) - gs(len))
row("int type", gs(int))
row("type type", gs(type))
row("module", gs(sys))
row("range", gs(range(10**6)))
row("weakref.ref", gs(weakref.ref(A)))
row("weakref.proxy", gs(weakref.proxy(A)))


def outer():
    x = 1

    def inner():
        return x

    return inner


row("cell", gs(outer().__closure__[0]))
row("slice", gs(slice(1, 2)))
row("property()", gs(property()))
row("staticmethod", gs(staticmethod(f)))
row("classmethod", gs(classmethod(f)))
row("dict view", gs({}.keys()))
row("mappingproxy", gs(A.__dict__))
row("SimpleNamespace()", gs(types.SimpleNamespace()))
row("Exception()", gs(Exception()))

for args in ((1, 2), (f, None), (f,), (f, 1, 2)):
    try:
        types.MethodType(*args)
    except TypeError as exc:
        print("MethodType", len(args), "->", exc)
m = types.MethodType(f, A())
print(type(m).__name__, m.__func__ is f)
