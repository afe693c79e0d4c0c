# difffuzz: at interpreter exit CPython clears the __main__ globals, so an object
# only referenced from a global has its __del__ called; a weakref whose referent
# dies at exit after the weakref itself does not call its callback.
import weakref
class C:
    def __init__(self, v):
        self.v = v
    def __del__(self):
        print('del', self.v)
o = C(7)
class D:
    pass
d = D()
w = weakref.ref(d, lambda r: print('callback'))
print('end')
