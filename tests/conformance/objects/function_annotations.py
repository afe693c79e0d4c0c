# Function annotations (3.11 keeps MAKE_FUNCTION's flat tuple until
# __annotations__ is read) and func_builtins (the builtins dict a function
# found from its globals when it was made).
import gc
import builtins


def f(a: int, b: "str" = "x", *args: float, c: list = None, **kw: dict) -> bool:
    pass


def referents_kinds(fn):
    return [type(r).__name__ for r in gc.get_referents(fn)]


print(referents_kinds(f))
ann = [r for r in gc.get_referents(f) if isinstance(r, tuple) and "return" in r]
print(ann)
d = f.__annotations__
print(d)
print(f.__annotations__ is d, referents_kinds(f))
print(any(r is d for r in gc.get_referents(f)))

# a function without annotations gets an empty dict on first read, kept
def g():
    pass


print([type(r).__name__ for r in gc.get_referents(g)])
e = g.__annotations__
print(e, g.__annotations__ is e, any(r is e for r in gc.get_referents(g)))

# setting and deleting
try:
    g.__annotations__ = [1]
except TypeError as exc:
    print("TypeError:", exc)
g.__annotations__ = {"x": 1}
print(g.__annotations__)
g.__annotations__ = None
print(g.__annotations__)
g.__annotations__ = {"y": 2}
del g.__annotations__
print(g.__annotations__)

# duplicate names in the tuple: the last one wins in the dict
h = eval("lambda: 0")
print(h.__annotations__)

# __builtins__: the dict found from the globals at creation time
print(f.__builtins__ is builtins.__dict__)
ns = {"__builtins__": {"len": lambda x: 42}}
exec("def k(s):\n    return len(s)\n", ns)
k = ns["k"]
print(k("abc"), k.__builtins__ is ns["__builtins__"])
ns["__builtins__"] = builtins
print(k("abc"))
ns2 = {}
exec("def m():\n    return 1\n", ns2)
print(ns2["m"].__builtins__ is builtins.__dict__, type(ns2["__builtins__"]).__name__)
print(any(r is builtins.__dict__ for r in gc.get_referents(f)))
