# Weak containers drop dead entries through callbacks, and defer the
# removal while an iteration is running.
import weakref


class K:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "K%d" % self.n


objs = [K(i) for i in range(5)]
wvd = weakref.WeakValueDictionary((i, o) for i, o in enumerate(objs))
it = iter(wvd.items())
print(next(it))
del objs[3]
print(len(wvd.data), sorted(k for k, v in it))
print(len(wvd), sorted(wvd.keys()), wvd.get(3), 3 in wvd, 2 in wvd)
wkd = weakref.WeakKeyDictionary()
for o in objs:
    wkd[o] = o.n * 10
print(sorted(wkd.values()), wkd[objs[0]])
objs.pop()
print(len(wkd), sorted(v for k, v in wkd.items()))
ws = weakref.WeakSet(objs)
print(len(ws), objs[0] in ws)
objs.clear()
print(len(ws), list(ws), len(wvd), len(wkd))


class C:
    def m(self):
        return "m called"


c = C()
wm = weakref.WeakMethod(c.m)
print(wm()(), wm == weakref.WeakMethod(c.m))
del c
print(wm())
