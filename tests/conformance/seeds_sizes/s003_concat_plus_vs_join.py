# Seed 003 (memory management notebook): building a string with += versus
# "".join of a list.
# Rewrite: the notebook wrote two scripts and profiled them with scalene
# (`%pip install scalene`, `!scalene ...`); this runs both functions at a
# smaller size and prints results and sizes instead of profiles.
import sys


def add_string_with_plus(iters):
    s = ""
    for i in range(iters):
        s += "abc"
    assert len(s) == 3*iters
    return s


def add_string_with_join(iters):
    l = []
    for i in range(iters):
        l.append("abc")
    s = "".join(l)
    assert len(s) == 3*iters
    return s, l


plus = add_string_with_plus(5000)
joined, parts = add_string_with_join(5000)
print(len(plus), len(joined), plus == joined)
print(sys.getsizeof(plus), sys.getsizeof(joined))
print(sys.getsizeof(parts))
print(all(p is parts[0] for p in parts))
