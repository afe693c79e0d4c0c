# weakref.proxy forwards attributes, calls and operators; a dead proxy
# raises ReferenceError; proxies are unhashable.
import weakref


class V:
    def __init__(self, n):
        self.n = n

    def __add__(self, o):
        return V(self.n + (o.n if isinstance(o, V) else o))

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return i * self.n

    def __call__(self, x):
        return x + self.n

    def __repr__(self):
        return "V(%d)" % self.n


v = V(3)
p = weakref.proxy(v)
print(p.n, len(p), p[4], (p + 1).n, p(10), str(p))
print(type(p) is weakref.CallableProxyType, weakref.proxy(v) is p)
p.n = 5
print(v.n)


class Plain:
    pass


q = Plain()
pq = weakref.proxy(q)
print(type(pq) is weakref.ProxyType, type(pq).__name__)
try:
    hash(pq)
except TypeError as e:
    print("TypeError", e)
del q
try:
    pq.x
except ReferenceError as e:
    print("ReferenceError", e)
print(weakref.getweakrefcount(v), len(weakref.getweakrefs(v)))
