# LOAD_GLOBAL of builtins after globals change: shadowing, unshadowing,
# other globals dicts running the same code, and globals mutated in ways that
# keep their size (popitem + insert).
import builtins


def f():
    return len("abc")


print([f() for _ in range(3)])
len = lambda s: "shadowed"
print(f())
del len
print(f())
globals()["len"] = lambda s: "via globals()"
print(f())
globals().pop("len")
print(f())

code = compile("r = len('abcd')", "<s>", "exec")
for i in range(6):
    g = {"len": (lambda s: -1)} if i % 2 else {"x": 1}
    exec(code, g)
    print(i, g["r"])

g = {"a": 1, "b": 2}
code2 = compile("def h():\n    return len('xy')\n", "<s2>", "exec")
exec(code2, g)
h = g["h"]
print(h(), h())
g.popitem()  # removes h itself from g; h keeps g as its globals
g["len"] = lambda s: "after popitem"
print(h())
del g["len"]
print(h())
for k in range(100):  # resize the globals dict
    g["k%d" % k] = k
print(h())
g["len"] = lambda s: "after resize"
print(h())

saved = builtins.len
del builtins.len
try:
    f()
except NameError as e:
    print("NameError:", e)
builtins.len = lambda s: "new builtin"
print(f())
builtins.len = saved
print(f())
