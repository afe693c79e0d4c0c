class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

def describe(v):
    match v:
        case []:
            return "empty seq"
        case [x]:
            return f"one {x}"
        case [1, *rest]:
            return f"starts with 1, rest={rest}"
        case [x, y, *_] if x == y:
            return f"pair-start {x}"
        case (a, *mid, b):
            return f"first {a} mid {mid} last {b}"
        case {"kind": "circle", "r": r}:
            return f"circle {r}"
        case {"kind": k, **others}:
            return f"kind {k} others {others}"
        case {}:
            return "some mapping"
        case Point(0, 0):
            return "origin"
        case Point(x, 0) | Point(0, x):
            return f"on axis {x}"
        case Point(x=px, y=py) if px == py:
            return f"diagonal {px}"
        case Point(x, y=yy):
            return f"point {x},{yy}"
        case int(n) | float(n) if n > 100:
            return f"big {n}"
        case int() | float():
            return "number"
        case str() as s:
            return f"string {s!r}"
        case bool(b):
            return "unreachable"
        case _:
            return "other"

tests = [[], [5], [1, 2, 3], [4, 4, 9], (7, 8, 9, 10), (1,), "abc", b"xy",
         {"kind": "circle", "r": 2}, {"kind": "sq", "a": 1, "b": 2}, {"x": 1}, {},
         Point(0, 0), Point(3, 0), Point(0, 4), Point(5, 5), Point(1, 2),
         500, 2.5, 1000.0, True, None, range(3), bytearray(b"z")]
for t in tests:
    print(repr(t) if not isinstance(t, Point) else f"P({t.x},{t.y})", "->", describe(t))

# bindings on failure: nothing bound when the pattern fails
def f(v):
    match v:
        case [a, 2]:
            pass
        case _:
            pass
    try:
        return a
    except UnboundLocalError as e:
        return str(e)
print(f([1, 3]), f([1, 2]))

# guard failure keeps bindings
match [1, 2]:
    case [g1, g2] if g1 > g2:
        pass
    case _:
        print("guard failed; bound", g1, g2)

# nested
match {"pts": [Point(1, 2), Point(3, 4)], "name": "poly"}:
    case {"pts": [Point(x=x1), Point(y=y2) as last], "name": str(nm)}:
        print("nested", x1, y2, last.x, nm)

# or-patterns binding in different orders
for v in [(1, "a"), ("b", 2)]:
    match v:
        case (int(n), str(s)) | (str(s), int(n)):
            print("or", n, s)

# errors
class A:
    __match_args__ = ["x"]
class B:
    __match_args__ = ("x", 1)
    x = 1
class C:
    pass
for src in ["match A():\n case A(y): pass", "match B():\n case B(_, y): pass", "match C():\n case C(1): pass",
            "match 1:\n case int(1, 2): pass", "match B():\n case B(x, x=1): pass", "match 1:\n case f(): pass"]:
    try:
        exec(src, {"A": A, "B": B, "C": C, "f": len})
    except Exception as e:
        print(type(e).__name__, e)
class KK:
    v = 'a'
    w = 'a'
try:
    match {'a': 1, 'b': 2}:
        case {KK.v: 1, KK.w: 2}:
            pass
except ValueError as e:
    print("ValueError", e)

for src in ["match 1:\n case {1: a, 1.0: b}: pass", "match 1:\n case C(a=1, a=2): pass",
            "match 1:\n case [*a, *b]: pass", "match 1:\n case a | b: pass", "match 1:\n case [a, a]: pass",
            "match 1:\n case a:pass\n case 2: pass", "match 1:\n case (1 as a) | 2: pass",
            "match 1:\n case _:pass\n case 2: pass", "match 1:\n case {'a': x, **x}: pass",
            "match 1:\n case [x] | [y]: pass"]:
    try:
        compile(src, "s", "exec")
    except SyntaxError as e:
        print(type(e).__name__, e, e.offset, e.end_offset)

# custom mapping-like dict subclass and get()
class D(dict):
    def get(self, k, default=None):
        print("get", k)
        return super().get(k, default)
match D(a=1, b=2):
    case {"a": 1, "c": _}:
        print("no")
    case {"b": bv, **rest}:
        print("rest", bv, rest)

# str/bytes never match sequence patterns
for s in ["ab", b"ab", bytearray(b"ab"), ["a", "b"]]:
    match s:
        case [x, y]:
            print("seq", x, y)
        case _:
            print("not seq", type(s).__name__)

# match self subclass
class MyInt(int):
    pass
match MyInt(5):
    case MyInt(x):
        print(type(x).__name__, x)

# value patterns with dotted names and negative numbers
class Color:
    RED = 1
for v in [-1, 1, 2+3j, -2.5]:
    match v:
        case -1:
            print("minus one")
        case Color.RED:
            print("red")
        case 2+3j:
            print("complex")
        case -2.5:
            print("neg float")
def p(v):
    match v:
        case [1, *r] | (r, 2):
            return ("A", r)
        case {'a': [x, y], **kw} if x:
            return ("B", kw, y)
        case [_, *_, ([q, u] as t) | {'k': u, 'q': q, 'j': t}]:
            return ("D", q, u, t)
        case (a, b, c) | (c, b, a, _) | [[a, [b, c]]]:
            return ("E", a, b, c)
        case _ if v:
            return "F"
for v in [[1, 2, 3], (5, 2), {'a': [1, 2], 'z': 3}, {'a': [0, 2]}, [0, 0, [7, 8]], [0, {'k': 1, 'q': 2, 'j': 3}],
          (1, 2, 3), [1, 2, 3, 4], [[1, [2, 3]]], [9], 0]:
    print(p(v))
