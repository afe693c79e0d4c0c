# A tour of Python's memory model, as CPython 3.11 implements it and pyheap reproduces it.
# Run it under both: `python3 examples/tour.py` and `cargo run --release -- examples/tour.py`
# print the same thing (addresses aside).

import ctypes
import functools
import gc
import sys
import tracemalloc
import weakref

gc.disable()  # collect only when we say so, so the numbers below are exact


def section(title):
    print()
    print("== " + title)


# --- 1. Names point at objects; id() is the object's address -------------------------------
section("ids and addresses")
a = [3, "baby", 5, -10]
b = a
print("b is a:", b is a, "| same id:", id(a) == id(b))
print("address:", hex(id(a)), "| 16-byte aligned:", id(a) % 16 == 0)

# --- 2. Reference counts, and the +1 that getrefcount adds ---------------------------------
section("reference counts")
x = []
print("getrefcount(x) =", sys.getrefcount(x), "(one name + the call's own argument)")
y = x
print("after y = x:", sys.getrefcount(x))


def inside(arg):
    return sys.getrefcount(arg)


print("inside a function taking x:", inside(x), "(the parameter adds one more)")
del y

# --- 3. Reading the count straight from memory ---------------------------------------------
section("the refcount lives at offset 0")
addr = id(x)
print("c_long at id(x):", ctypes.c_long.from_address(addr).value)
z = x
print("after z = x:", ctypes.c_long.from_address(addr).value)
del z

# --- 4. Deallocation and address reuse ------------------------------------------------------
section("freed memory is reused at once")


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
old = id(p)
del p
q = Point(3, 4)
print("new object at the freed address:", id(q) == old)

# --- 5. Small ints and interned strings -----------------------------------------------------
section("caches and interning")
print("int('256') is int('256'):", int("256") is int("256"))
print("int('257') is int('257'):", int("257") is int("257"))
ns = {}
exec("m = 257", ns)
exec("n = 257", ns)
print("257 compiled separately (like two REPL lines) is the same object:", ns["m"] is ns["n"])
m = 257
n = 257
print("257 twice in one compilation unit:", m is n)
s1 = "hello_world"
s2 = "hello" + "_" + "world"
print("folded at compile time, so one shared constant:", s1 is s2)
s3 = "_".join(["hello", "world"])
print("built at run time:", s1 is s3, "| after sys.intern:", s1 is sys.intern(s3))

# --- 6. Constant folding --------------------------------------------------------------------
section("constant folding")
print(compile("24 * 60", "<tour>", "eval").co_consts)
print(compile("'a' * 4096 == s", "<tour>", "eval").co_consts[0] == "a" * 4096)
print(compile("'a' * 4097", "<tour>", "eval").co_consts)
print(compile("x in [1, 2, 3]", "<tour>", "eval").co_consts)

# --- 7. Mutation versus rebinding -----------------------------------------------------------
section("mutation vs rebinding")
lst = [1, 2]
before = id(lst)
lst += [3]
print("list += mutates in place:", id(lst) == before)
tup = (1, 2)
before = id(tup)
tup += (3,)
print("tuple += makes a new object:", id(tup) != before)

# --- 8. Sizes ---------------------------------------------------------------------------------
section("sizes")


class Plain:
    pass


class Slotted:
    __slots__ = ("a",)


print("int 0:", sys.getsizeof(0), "| 2**30:", sys.getsizeof(2**30), "| float:", sys.getsizeof(1.5))
print("'':", sys.getsizeof(""), "| 'abc':", sys.getsizeof("abc"), "| 'é':", sys.getsizeof("é"))
print("():", sys.getsizeof(()), "| []:", sys.getsizeof([]), "| {}:", sys.getsizeof({}))
grow = []
sizes = []
for i in range(10):
    sizes.append(sys.getsizeof(grow))
    grow.append(i)
print("list while appending:", sizes)
print("instance:", sys.getsizeof(Plain()), "| __slots__ instance:", sys.getsizeof(Slotted()))

# --- 9. Cycles and the collector --------------------------------------------------------------
section("cycles")
gc.collect()
cyc = []
cyc.append(cyc)
del cyc
print("a self-referencing list:", gc.collect(), "object collected")


class Node:
    pass


n1, n2 = Node(), Node()
n1.other, n2.other = n2, n1
del n1, n2
print("two instances in a cycle, __dict__ never touched:", gc.collect())
n1, n2 = Node(), Node()
n1.other, n2.other = n2, n1
n1.__dict__, n2.__dict__
del n1, n2
print("same after touching __dict__ (the dicts count too):", gc.collect())

# --- 10. __del__ and resurrection -----------------------------------------------------------
section("finalizers")
saved = []


class Phoenix:
    def __del__(self):
        print("  __del__ runs")
        saved.append(self)


ph = Phoenix()
ph.me = ph
del ph
print("collected:", gc.collect(), "| resurrected:", len(saved), "| finalized:", gc.is_finalized(saved[0]))
saved.clear()
print("second collection (no second __del__):", gc.collect())

# --- 11. Weak references --------------------------------------------------------------------
section("weak references")


class Target:
    pass


t = Target()
r = weakref.ref(t, lambda ref: print("  callback with a dead ref:", ref() is None))
print("alive:", r() is t)
del t
print("after del:", r())
cache = weakref.WeakKeyDictionary()
k = Target()
cache[k] = "payload"
print("entries:", len(cache))
del k
print("entries after the key died:", len(cache))

# --- 12. The lru_cache-on-a-method leak -----------------------------------------------------
section("lru_cache keeps self alive")


class Report:
    @functools.lru_cache(maxsize=None)
    def total(self):
        return 42


rep = Report()
rep.total()
watch = weakref.ref(rep)
del rep
gc.collect()
print("instance still alive through the cache:", watch() is not None)
Report.total.cache_clear()
print("after cache_clear:", watch() is None)

# --- 13. tracemalloc --------------------------------------------------------------------------
section("tracemalloc")
tracemalloc.start()
blobs = [bytes(1000) for _ in range(100)]
snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()
top = snapshot.statistics("lineno")[0]
print("top line:", top.traceback[0].lineno, "| at least 100 blocks:", top.count >= 100, "| size >= 100000:", top.size >= 100000)
