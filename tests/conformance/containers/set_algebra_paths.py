# Set methods and operators follow CPython's per-operand paths: result order,
# and how often __hash__/__eq__ run, depend on whether the other operand is a
# set, a dict or another iterable, and on the sizes.
calls = []


class K:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        calls.append("h%d" % self.v)
        return self.v % 7

    def __eq__(self, other):
        calls.append("e%d" % self.v)
        return isinstance(other, K) and self.v == other.v

    def __repr__(self):
        return "K%d" % self.v


def show(label, f):
    del calls[:]
    try:
        r = f()
    except Exception as e:
        r = "%s: %s" % (type(e).__name__, e)
    print(label, r, calls)


ks = [K(i) for i in range(12)]
a = set(ks[:8])
show("difference list", lambda: a.difference([ks[1], ks[9], ks[8]]))
show("difference set", lambda: a.difference({ks[1], ks[9]}))
show("difference dict", lambda: a.difference(dict.fromkeys([ks[2], ks[10]])))
show("difference multi", lambda: a.difference([ks[0]], {ks[3]}, (ks[5],)))
show("sub small", lambda: a - {ks[4]})
show("intersection list", lambda: a.intersection([ks[11], ks[6], ks[2], ks[6]]))
show("intersection set", lambda: a.intersection(set(ks[5:12])))
show("and", lambda: set(ks[5:12]) & a)
show("union list", lambda: a.union([ks[9], ks[10]], (ks[11],)))
show("symmetric_difference list", lambda: a.symmetric_difference([ks[0], ks[9], ks[9]]))
show("xor", lambda: a ^ {ks[0], ks[9]})
show("symmetric_difference dict", lambda: a.symmetric_difference(dict.fromkeys(ks[6:10])))

b = set(ks)
show("difference_update list", lambda: (b.difference_update(ks[:9]), b)[1])
c = set(range(40))
c.difference_update(range(30))
print("after big difference_update", c)
d = set(range(40))
d -= set(range(1, 39))
print("after isub", d)
e = {"x", "yy", 3.5, float("inf"), ("x" * 3)}
print(e.difference([257]), e - {257}, e.difference({257: 1}))
print(e.intersection(["yy", 3.5, "x"]), e & {"yy", 3.5, "x"})
print(frozenset(e).union(["new", "x"]), type(frozenset(e).union([])).__name__)


class S(set):
    pass


print(type(S([1]).union([2])).__name__, type(S([1]) - {1}).__name__)
show("self difference", lambda: a.difference(a))
f = set(ks[:3])
f ^= f
print("self xor", f)
