# weakref.finalize: runs once; atexit finalizers run at shutdown, newest
# first; atexit=False ones do not.
import weakref


class K:
    pass


keep = [K(), K(), K()]
f1 = weakref.finalize(keep[0], print, "exit 1")
f2 = weakref.finalize(keep[1], print, "exit 2")
f3 = weakref.finalize(keep[2], print, "not at exit")
f3.atexit = False
print(f1.alive, f2.atexit, f3.atexit)
tmp = K()
f4 = weakref.finalize(tmp, print, "collected", "now")
del tmp
print(f4.alive, f4())
print("end of script")
