# memoryview over bytes/bytearray: sizes, the managedbuffer object and its
# references, slicing, release, exports blocking bytearray resizes.
import sys, gc
m = memoryview(b'x'); print(memoryview.__basicsize__, memoryview.__itemsize__, m.__sizeof__(), sys.getsizeof(m), gc.is_tracked(m))
m2 = memoryview(bytearray(b'abcd'))
print(m2.__sizeof__(), sys.getsizeof(m2), m2.format, m2.itemsize, m2.nbytes, m2.readonly, m2.ndim, m2.shape, m2.strides, m2.c_contiguous)
print(m.obj, m2[1], bytes(m2[1:3]), m2[1:3].tolist(), m2.tobytes(), m2.hex(), m2[-1])
print(type(gc.get_referents(m2)[0]).__name__, gc.get_referents(m2)[0] is gc.get_referents(m2[1:3])[0])
print(sys.getsizeof(gc.get_referents(m2)[0]))
m2.release(); print(repr(m2).startswith("<released memory at 0x"))
for f in (lambda: m2[0], lambda: len(m2), lambda: m2.tobytes()):
    try: f()
    except Exception as e: print(type(e).__name__, e)
ba = bytearray(b'abc'); v = memoryview(ba)
try: ba.append(1)
except Exception as e: print(type(e).__name__, e)
v[0] = 65; print(ba)
try: memoryview(b'ab')[0] = 1
except Exception as e: print(type(e).__name__, e)
with memoryview(ba) as w: print(w[0])
print(repr(w).startswith("<released memory"))
v.release(); ba.append(1); print(ba)
print(m == b'x', memoryview(b'ab') == memoryview(b'ab'), hash(memoryview(b'ab')) == hash(b'ab'), m != b'y')
print(list(memoryview(b'ab')), memoryview(b'abc')[-1])
for f in (lambda: memoryview('x'), lambda: memoryview(b'abc')[5], lambda: hash(memoryview(bytearray(b'a')))):
    try: f()
    except Exception as e: print(type(e).__name__, e)
ba = bytearray(b'abc'); print(sys.getrefcount(ba))
v = memoryview(ba); print(sys.getrefcount(ba))
w = v[1:]; print(sys.getrefcount(ba))
mb = gc.get_referents(v)[0]; print(sys.getrefcount(mb), gc.get_referents(mb), gc.is_tracked(mb), type(mb).__name__)
del mb
v.release(); print(sys.getrefcount(ba))
w.release(); print(sys.getrefcount(ba), gc.get_referents(gc.get_referents(w)[0]))
print(memoryview(b'abcdef')[::2].tobytes(), len(memoryview(b'abcdef')[1::2]), memoryview(b'abcdef')[::-1].tolist())
x = memoryview(memoryview(b'hello')[1:]); print(x.tobytes(), bytearray(x), b''.join([b'a']) )
print(isinstance(m, memoryview), type(m).__name__)
