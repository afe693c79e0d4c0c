# Builtin iterators occupy the same pymalloc size class as in CPython 3.11:
# the block of a freed iterator is reused by the next object of the same
# size class (LIFO), and not by an object of another class. The 48-byte
# iterators (index + sequence, or two references) share their block with a
# two-slot instance (16 + 16 GC + 2*8 = 48 bytes); the 64-byte ones (set
# iterator, zip) with an instance's 56-byte block.
import sys


class S2:
    __slots__ = ("a", "b")  # 48-byte request


class S4:
    __slots__ = ("a", "b", "c", "d")  # 64-byte request


L = [1, 2, 3]
T = (1, 2, 3)
D = {"a": 1}
ST = {1, 2}


class Seq:
    def __getitem__(self, i):
        raise IndexError

    def __len__(self):
        return 0


seq = Seq()
makers = [
    ("reversed(list)", lambda: reversed(L)),
    ("iter(list)", lambda: iter(L)),
    ("iter(tuple)", lambda: iter(T)),
    ("iter(str)", lambda: iter("abc")),
    ("iter(str nonascii)", lambda: iter("\xe9bc")),
    ("iter(bytes)", lambda: iter(b"abc")),
    ("iter(seq)", lambda: iter(seq)),
    ("reversed(seq)", lambda: reversed(seq)),
    ("filter", lambda: filter(None, L)),
    ("map", lambda: map(abs, L)),
    ("callable_iterator", lambda: iter(int, 1)),
    ("set_iterator", lambda: iter(ST)),
    ("zip", lambda: zip(L, L)),
    ("dict_keyiterator", lambda: iter(D)),
    ("enumerate", lambda: enumerate(L)),
]

for name, make in makers:
    it = make()
    size = sys.getsizeof(it)
    addr = id(it)
    del it
    s2 = S2()
    same48 = id(s2) == addr
    del s2
    it = make()
    addr = id(it)
    del it
    s4 = S4()
    same64 = id(s4) == addr
    del s4
    print(f"{name}: getsizeof={size} reused by 48-byte={same48} by 64-byte={same64}")

# and the other way round: a freed instance's block is taken by the iterator
s2 = S2()
addr = id(s2)
del s2
r = reversed(L)
print("reversed takes a freed 48-byte block:", id(r) == addr)
del r
