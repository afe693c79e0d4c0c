# Weakrefs to __slots__ instances (with __weakref__), builtin subclasses, set, builtins, types.
import weakref, sys, gc
class A: __slots__ = ('__weakref__', 'a')
class B(A): __slots__ = ('b',)
class C(B): pass
print(A.__basicsize__, A.__weakrefoffset__, B.__basicsize__, B.__weakrefoffset__, C.__weakrefoffset__)
print(sys.getsizeof(A()), sys.getsizeof(B()))
x = B(); x.a = [1]; x.b = x
r = weakref.ref(x, lambda r: print("cb B"))
print(r() is x, x.a, x.b is x)
del x; gc.collect()
print(r())
c = C(); c.a = 1; c.b = 2; c.z = 3
rc = weakref.ref(c); print(rc() is c, c.a, c.b, c.z); del c; print(rc())
class L(list): pass
class D(dict): pass
class S(set): pass
class T(str): pass
class E(Exception): pass
class M(type): pass
for k in (L, D, S, E):
    print(k.__name__, k.__basicsize__, k.__weakrefoffset__)
l = L([1, 2]); l.append(l); l.attr = l
rl = weakref.ref(l, lambda r: print("cb L"))
del l; gc.collect(); print(rl())
s = {1, 2}; rs = weakref.ref(s, lambda r: print("cb set")); del s
fs = frozenset([1]); rf = weakref.ref(fs); print(rf() == {1})
rb = weakref.ref(len); print(rb() is len)
bm = [].append; rbm = weakref.ref(bm, lambda r: print("cb bm")); del bm
class K: pass
rk = weakref.ref(K, lambda r: print("cb K")); del K; gc.collect(); print(rk())
rt = weakref.ref(int); print(rt() is int)
ws = weakref.WeakSet(); t = T("hi"); ws.add(t); print(len(ws)); del t; print(len(ws))
wk = weakref.WeakKeyDictionary(); ss = S([3]); wk[frozenset()] = 0
class Q(M): pass
print(weakref.ref(Q)() is Q)
try:
    class SI(int): pass
    weakref.ref(SI(1))
except TypeError as e: print(e)
class NoW: __slots__ = ('a',)
class NoW2(NoW): __slots__ = ()
try: weakref.ref(NoW2())
except TypeError as e: print(e)
class W3(NoW): pass
w3 = W3(); w3.a = 5; w3.q = 6; r3 = weakref.ref(w3); print(r3().a, r3().q, W3.__weakrefoffset__, sys.getsizeof(w3))
print(weakref.getweakrefcount(w3))
e = E("x"); re_ = weakref.ref(e); print(re_() is e); del e; print(re_())
print(sys.getsizeof(L()), sys.getsizeof(D()), sys.getsizeof(E()), sys.getsizeof(S()))
