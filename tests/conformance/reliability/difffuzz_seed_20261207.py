# Differences found by difffuzz (seed 20261207). Programs 1925, 3712: a range's truth
# needs no machine-size length, and an int() base beyond a machine int is
# the usual "base must be" ValueError.
for r in [range(-10**25, 0), range(0, -10**25), range(10**30, 10**30 + 1, -1),
          range(0, 10**20, 10**19), range(5)[::-1], range(0)]:
    print(bool(r), "yes" if r else "no")
print(((10**20 or 'abc') if range(-(10**25), (True * False)) else (False & 1)))
for b in [2**100 + 1, -2**100, 2**63, -1, 37, 1, True, 0, 16]:
    try:
        print(b, int('11', b))
    except Exception as e:
        print(b, type(e).__name__, e)
for b in [1.5, '10', None]:
    try:
        print(int('11', b))
    except Exception as e:
        print(type(e).__name__, e)
try:
    len(range(-10**25, 0))
except Exception as e:
    print(type(e).__name__, e)
# seed 20261207, program 7946: a negative power of an int beyond a float
# (num-bigint's conversion gives inf; CPython raises OverflowError).
for x, y in [(10**20**3, -1), (-(10**400), -2), (2, -(10**400)), (10**300, -1)]:
    try:
        print(x ** y)
    except Exception as e:
        print(type(e).__name__, e)
# seed 20261207, program 7834: `d |= x` is d.update(x).
for x in [-5, [(1, 2)], [(1, 2, 3)], {3: 4}, "ab", None]:
    d = {0: 0}
    try:
        d |= x
        print(d)
    except Exception as e:
        print(type(e).__name__, e)
