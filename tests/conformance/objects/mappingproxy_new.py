# types.MappingProxyType(mapping): construction checks and errors, str (the
# mapping's) vs repr, comparison, get/copy delegated to non-dict mappings.
import types
from collections import OrderedDict
d = {"a": 1, "b": 2}
p = types.MappingProxyType(d)
print(p, p["a"], len(p), list(p), "a" in p, p.get("z", 0), p.get("a"), p.copy(), type(p.copy()).__name__)
print(sorted(p.keys()), sorted(p.values()), sorted(p.items()))
d["c"] = 3
print(p, p == d, dict(p))
try:
    p["x"] = 1
except TypeError as e:
    print("TypeError", e)
for bad in ([], (), 5, None, {1, 2}):
    try:
        types.MappingProxyType(bad)
    except TypeError as e:
        print("TypeError", e)
for args, kw in (((), {}), ((d, d), {}), ((), {"mapping": d}), ((), {"m": d}), ((d,), {"mapping": d})):
    try:
        print(types.MappingProxyType(*args, **kw))
    except TypeError as e:
        print("TypeError", e)
o = OrderedDict(x=1)
po = types.MappingProxyType(o)
print(po, po.copy(), po.get("x"), len(po), list(po))
s = types.MappingProxyType("abc")
print(s[1], len(s))
class M:
    def __getitem__(self, k): return k * 2
    def get(self, k, d=None): return "got " + str(k)
    def copy(self): return "copied"
pm = types.MappingProxyType(M())
print(pm[3], pm.get(4), pm.copy())
print(type(p).__name__, type(p) is type(vars(int)))
