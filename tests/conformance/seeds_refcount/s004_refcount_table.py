# Seed 004 (variables and memory notebook): counts of values held by one name.
# Rewrite: for 100, 1 and 'a' the notebook printed absolute counts (121, 2593,
# 286) that depend on interpreter internals; for those this prints the change
# caused by five more references.
# NOTE: while CPython runs a main script, each literal parsed from it holds
# one more reference from the parser's arena object list (freed when the
# script ends), so the script's constants count one more than in a
# notebook cell or an imported module.
import sys
import ctypes

a = 10000
b = 100
c = 1
d = 'a'
e = 'Hello'
g = [1, 2, 3]
print(sys.getrefcount(a))
print(ctypes.c_long.from_address(id(a)).value)
print(sys.getrefcount(e))
print(ctypes.c_long.from_address(id(e)).value)
print(sys.getrefcount(g))
print(ctypes.c_long.from_address(id(g)).value)
for shared in (b, c, d):
    before = ctypes.c_long.from_address(id(shared)).value
    more = [shared] * 5
    print(ctypes.c_long.from_address(id(shared)).value - before)
    del more
