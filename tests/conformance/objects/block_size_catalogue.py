# One instance of every builtin object kind pyheap can create, with the size
# of the object's own allocation request (what CPython's pymalloc is asked
# for: pre-header + basicsize + items). For most kinds that is
# sys.getsizeof(x); for kinds whose getsizeof also counts separately
# allocated storage (list items, dict keys, set tables, bytearray buffers)
# it is the size of the object alone.
#
# This file is also read by crates/pyheap-vm/tests/block_sizes.rs, which
# checks that the allocator block holding each object in pyheap is the block
# CPython's pymalloc uses for that request (round_up_16(request) up to 512
# bytes). Its .out (from CPython) pins the requests themselves.
import sys
import gc
import types
import weakref

ITEMS = []


def E(label, obj, request=None, gap=None):
    """gap: why pyheap cannot give this object CPython's block (the test
    skips it; the difference is shown by the known-gap case
    objects/gap_object_blocks)."""
    if request is None:
        request = sys.getsizeof(obj)
    ITEMS.append((label, obj, None if gap else request))


def round8(x):
    return (x + 7) // 8 * 8


# Instances of int and tuple subclasses with a __dict__ are allocated by
# CPython's PyType_GenericAlloc: 16 (GC) + round8(basicsize + itemsize *
# (nitems + 1)), with the subclass's basicsize 32 (base 24 + weakref word;
# the dict pointer follows the items) and itemsize 4 (int digits) or 8.
def int_sub_request(v):
    ndigits = max(1, (abs(v).bit_length() + 29) // 30)
    return 16 + round8(32 + 4 * (ndigits + 1))


def tuple_sub_request(t):
    return 16 + round8(32 + 8 * (len(t) + 1))


n = len(sys.argv)  # 1: keeps values out of constant folding

# ints (small ints are static objects, not heap blocks)
E("int 1 digit", 1000 + n)
E("int 2 digits", 2**30 + n)
E("int 3 digits", 2**60 + n)
E("int 4 digits", 2**90 + n)
E("int negative", -(2**100) - n)
E("int 12 digits", 10**100 + n)
E("int 120 digits", 10**1000 + n)
E("bool-like int", int(True) + 500 + n)
E("float", 1.5 + n)
E("complex", complex(1, n))

# strs of each kind
E("str ascii", "ab" * (n + 2))
E("str ascii long", "x" * (600 + n))
E("str latin1", "\xe9" * (n + 3))
E("str ucs2", "\u0100" * (n + 3))
E("str ucs4", "\U00010000" * (n + 3))
E("str 1 char nonascii", chr(300 + n))

# bytes
E("bytes", b"ab" * (n + 2))
E("bytes long", b"y" * (700 + n))
E("bytearray empty", bytearray())
E("bytearray", bytearray(b"abc" * n), bytearray.__basicsize__)

# tuples, lists, dicts, sets
E("tuple 1", (n,))
E("tuple 3", (n, n, n))
E("tuple 10", tuple(range(10 + n - 1)))
E("tuple 80", tuple(range(80 + n - 1)))
E("list empty", [], list.__basicsize__ + 16)
E("list 5", [n] * 5, list.__basicsize__ + 16)
E("dict empty", {}, dict.__basicsize__ + 16)
E("dict str keys", {"a": n, "b": 2}, dict.__basicsize__ + 16)
E("dict int keys", {n: 1, 2: 2}, dict.__basicsize__ + 16)
E("set small", {n, 2}, set.__basicsize__ + 16)
E("set large", set(range(20)), set.__basicsize__ + 16)
E("frozenset", frozenset([n, 2, 3]), frozenset.__basicsize__ + 16)

# every iterator and view type
L = [1, 2, 3]
D = {"a": 1, "b": 2}
E("list_iterator", iter(L))
E("list_reverseiterator", reversed(L))
E("tuple_iterator", iter((n, 2)))
E("str_ascii_iterator", iter("abc"))
E("str_iterator", iter("\xe9bc"))
E("bytes_iterator", iter(b"abc"))
E("bytearray_iterator", iter(bytearray(b"abc")))
E("range_iterator", iter(range(10)))
E("longrange_iterator", iter(range(2**70)))
E("reversed range", reversed(range(10)))
E("dict_keyiterator", iter(D))
E("dict_valueiterator", iter(D.values()))
E("dict_itemiterator", iter(D.items()))
E("dict_reversekeyiterator", reversed(D))
E("dict_reversevalueiterator", reversed(D.values()))
E("dict_reverseitemiterator", reversed(D.items()))
E("set_iterator", iter({1, 2}))
E("callable_iterator", iter(lambda: 1, 2))
E("enumerate", enumerate(L))
E("zip", zip(L, L))
E("map", map(str, L))
E("filter", filter(None, L))


class Seq:
    def __getitem__(self, i):
        raise IndexError

    def __len__(self):
        return 0


E("iterator (sequence)", iter(Seq()))
E("reversed (sequence)", reversed(Seq()))
E("dict_keys", D.keys())
E("dict_values", D.values())
E("dict_items", D.items())
E("mappingproxy", vars(int))
E("range", range(n, 10))
E("slice", slice(n, 5))
E("memoryview", memoryview(b"abc"))
E("SimpleNamespace", types.SimpleNamespace(a=n))


# functions, methods, descriptors, code, frames, generators
def f(a, b=2):
    x = a + b
    return x


def cellmaker():
    v = n

    def inner():
        return v

    return inner


E("function", f)
E("lambda", lambda: n)
E("closure function", cellmaker())
E("cell", cellmaker().__closure__[0])
E("code", f.__code__, gap="length of CPython's bytecode (with inline caches)")
E("builtin method", L.append)
E("method-wrapper", L.__len__)
E("property", property(f))
E("staticmethod", staticmethod(f))
E("classmethod", classmethod(f))
E("frame", sys._getframe())


def g():
    yield n


async def co():
    return n


async def ag():
    yield n


E("generator", g())
c = co()
E("coroutine", c)
c.close()
E("async_generator", ag())


class A:
    def m(self):
        return self


class S0:
    __slots__ = ()


class S1:
    __slots__ = ("a",)


class S2:
    __slots__ = ("a", "b")


class SW:
    __slots__ = ("a", "__weakref__")


class SD:
    __slots__ = ("__dict__",)


class SDW:
    __slots__ = ("__dict__", "__weakref__")


a = A()
E("instance", a)
E("bound method", a.m)
E("super", super(A, a))
E("instance slots ()", S0())
E("instance slots (a,)", S1())
E("instance slots (a,b)", S2())
E("instance slots (a,__weakref__)", SW())
E("instance slots (__dict__,)", SD())
E("instance slots (__dict__,__weakref__)", SDW())
b = A()
b.x = n
E("materialised __dict__", b.__dict__, dict.__basicsize__ + 16)
E("object()", object())
E("weakref.ref", weakref.ref(a))
E("weakref.proxy", weakref.proxy(a))
E("module", types.ModuleType("m"))

try:
    1 / 0
except ZeroDivisionError as e:
    E("exception", e)
    E("traceback", e.__traceback__)
E("Exception()", Exception(n))
E("KeyError()", KeyError(n))


class I(int):
    pass


class Str(str):
    pass


class T(tuple):
    pass


class F(float):
    pass


E("int subclass 1 digit", I(5 + n), int_sub_request(5))
E("int subclass 2 digits", I(2**40 + n), int_sub_request(2**40))
E("int subclass 3 digits", I(2**70 + n), gap="pyheap keeps the dict in a 16-byte pre-header")
E("int subclass 4 digits", I(2**100 + n), int_sub_request(2**100))
E("str subclass", Str("abc"), gap="CPython keeps a str subclass's characters in a separate block")
E("tuple subclass", T((1, 2)), tuple_sub_request((1, 2)))
E("tuple subclass 5", T((1, 2, 3, 4, 5)), tuple_sub_request((1, 2, 3, 4, 5)))
E("float subclass", F(1.5))
E("list subclass", type("LS", (list,), {})())
E("dict subclass", type("DS", (dict,), {})())

if __name__ == "__main__":
    for label, obj, request in ITEMS:
        print(f"{label}: {type(obj).__name__} request={request}")
    print("getsizeof of subclasses:", [sys.getsizeof(x) for x in (I(5), I(2**40), T((1, 2)), F(1.5))])
    gc.collect()
