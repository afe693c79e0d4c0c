# sys.getrefcount inside Python-level special methods reached from builtin
# calls, calls of classes and instances, formatting and iteration: the
# references CPython 3.11 holds there (caller's stack, tp_call argument
# tuple and kwargs dict, bound methods, borrowed slots).
import sys
rc = sys.getrefcount

class A:
    def __repr__(self): print('  repr', rc(self)); return 'A'
a = A()
for name, f in [('str', lambda: str(a)), ('repr', lambda: repr(a)),
                ('print', lambda: print(a)), ('pct', lambda: '%s' % a),
                ('pct-r', lambda: '%r' % a), ('fr', lambda: f'{a!r}'),
                ('format', lambda: '{}'.format(a)), ('f', lambda: f'{a}'),
                ('fs', lambda: f'{a!s}'), ('format()', lambda: format(a))]:
    print(name)
    f()

class C:
    def __call__(self, *a): print('call*', [rc(x) for x in a])
C()(object(), object())
class C2:
    def __call__(self, x, y=None): print('call', rc(self), rc(x))
C2()(object(), object())
C2()(x=object())
class Init:
    def __init__(self, a, b=None): print('init', rc(self), rc(a))
Init(object())
Init(a=object())
class New:
    def __new__(cls, a): print('new', rc(a)); return object.__new__(cls)
    def __init__(self, a): print('init2', rc(self), rc(a))
New(object())

class K:
    def __hash__(self): print('  hash', rc(self)); return 1
    def __eq__(self, o): return self is o
k = K()
s = set(); d = {}
for name, f in [('set.add', lambda: s.add(k)), ('dict.get', lambda: d.get(k)),
                ('dict(seq)', lambda: dict([(k, 1)])), ('dict.pop', lambda: d.pop(k, 0)),
                ('set.discard', lambda: s.discard(k)), ('setdefault', lambda: d.setdefault(k, 3)),
                ('setdefault again', lambda: d.setdefault(k, 4))]:
    print(name)
    f()

class It:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        print('  next', rc(self))
        if self.n == 0: raise StopIteration
        self.n -= 1; return self.n
print('for')
for _ in It(2): pass
class L:
    def __len__(self): print('  len', rc(self)); return 2
    def __iter__(self): print('  iter', rc(self)); return iter([1, 2])
    def __bool__(self): print('  bool', rc(self)); return True
l = L()
for name, f in [('list', lambda: list(l)), ('tuple', lambda: tuple(l)),
                ('sorted', lambda: sorted(l)), ('extend', lambda: [].extend(l)),
                ('and', lambda: l and 1), ('or', lambda: l or 1)]:
    print(name)
    f()
class G:
    def __getitem__(self, i):
        print('  getitem', rc(self))
        if i >= 2: raise IndexError
        return i
g = G()
print('list(g)'); list(g)
print('in g'); 5 in g
class Ix:
    def __index__(self): print('  index', rc(self)); return 1
ix = Ix()
print('slice'); [1, 2, 3][ix:]
print('subscript'); [1, 2, 3][ix]

class Base:
    def m(self, x): print('base.m', rc(self), rc(x))
class Der(Base):
    def m(self, x): super().m(x)
Der().m(object())
class F:
    def f(self, x): print('f', rc(self), rc(x))
fo = F()
meth = fo.f
meth(object())
meth(x=object())
(lambda: fo.f)()(object())
