# Attribute loads and stores through the inline caches (LOAD_ATTR/STORE_ATTR on
# managed values and __slots__), with everything that must bypass them: class
# attributes and properties added later, __getattr__, __getattribute__,
# __setattr__ (and the value's refcount inside it), deleted attributes,
# materialised __dict__, __class__ assignment, module and exception subclasses.
import sys
class A:
    def __setattr__(self, n, v): print('setattr refcount', sys.getrefcount(v))
a = A()
a.x = object()
class B:
    __slots__ = ('p', 'q')
b = B(); b.p = 1
for i in range(3):
    b.q = i
    print(b.p, b.q)
del b.q
try: print(b.q)
except AttributeError as e: print('AE', e)
class C:
    def __getattr__(self, n): return 'fallback ' + n
c = C()
def rd(o): return o.z
def wr(o, v): o.z = v
for i in range(3):
    wr(c, i)
    print(rd(c))
C.z = 'class attr'
print(rd(c))
C.z = property(lambda s: 'prop', lambda s, v: print('prop set', v))
print(rd(c)); wr(c, 9)
del C.z
print(rd(c))
del c.z
print(rd(c))
wr(c, 5); print(rd(c), c.__dict__)
wr(c, 6); print(rd(c), c.__dict__)
class D:
    def __init__(self): self.z = 'D'
c.__class__ = D
print(rd(c))
d = D(); print(rd(d)); wr(d, 'x'); print(rd(d))
class E(D):
    def __getattribute__(self, n): return 'ga ' + n
e = E(); print(rd(e)); wr(e, 1); print(rd(e))
class F:
    __slots__ = ('z',)
f = F(); wr(f, 'slot'); print(rd(f)); wr(f, 'slot2'); print(rd(f))
class G(F): pass
g = G(); wr(g, 'gslot'); print(rd(g), g.__dict__)
import types
class M(types.ModuleType): pass
m = M('m'); wr(m, 'mod'); print(rd(m), m.__dict__['z'])
class Ex(Exception): pass
x = Ex(); wr(x, 'ex'); print(rd(x), x.__dict__)
for o in (d, f, g, m, x, c):
    print(type(o).__name__, rd(o))
