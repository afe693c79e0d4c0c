# sys.getrefcount seen inside special methods called by the interpreter:
# the references the caller's stack, bound methods (_PyObject_LookupSpecial)
# and PyDict_SetItem hold while the method runs, as CPython 3.11 holds them.
import sys
rc = sys.getrefcount
class A:
    def __setitem__(self, k, v): print('setitem', rc(k), rc(v))
    def __getitem__(self, k): print('getitem', rc(k)); return 1
    def __delitem__(self, k): print('delitem', rc(k))
    def __add__(self, o): print('add', rc(self), rc(o)); return 1
    def __radd__(self, o): print('radd', rc(self), rc(o)); return 1
    def __iadd__(self, o): print('iadd', rc(self), rc(o)); return self
    def __eq__(self, o): print('eq', rc(self), rc(o)); return True
    def __lt__(self, o): print('lt', rc(self), rc(o)); return True
    def __contains__(self, o): print('contains', rc(o)); return True
    def __setattr__(self, n, v): print('setattr', rc(v))
    def __enter__(self): print('enter', rc(self)); return self
    def __exit__(self, *a): print('exit', rc(self))
    def __iter__(self): print('iter', rc(self)); return iter([1])
    def __len__(self): print('len', rc(self)); return 1
    def __bool__(self): print('bool', rc(self)); return True
    def __hash__(self): print('hash', rc(self)); return 1
    def __repr__(self): print('repr', rc(self)); return 'A'
    def __format__(self, spec): print('format', rc(self)); return 'A'
class D:
    def __get__(self, o, t): print('get', rc(o)); return 1
    def __set__(self, o, v): print('set', rc(o), rc(v))
class H:
    d = D()
a = A(); b = A(); h = H()
a[object()] = object()
a[object()]
del a[object()]
a + object(); object() + a
a += object()
a == object(); a < object()
object() in a
a.x = object()
setattr(a, 'y', object())
with a: pass
for _ in a: pass
len(a); bool(a); not a; {a: 1}; repr(a); f'{a}'
h.d; h.d = object()
def f(p, q): print('args', rc(p), rc(q))
f(object(), object())
f(p=object(), q=object())
f(*[object(), object()])

class K:
    def __hash__(self): print('hash', rc(self)); return 1
    def __eq__(self, o): return self is o
k = K()
d = {}
d[k] = 1
d[k]
k in d
{k}
{k: 1, 'a': 2}
hash(k)
