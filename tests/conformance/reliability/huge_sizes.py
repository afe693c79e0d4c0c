# Requests for impossible sizes raise CPython's exception (never abort),
# and huge shift counts, slice bounds and widths behave as CPython's.
CASES = [
    "False >> 2**63", "1 >> 2**63", "-1 >> 2**63", "-1 >> 2**100", "5 >> 2**100",
    "(2**100) >> 2**63", "(-2**100) >> 2**64", "(2**100 + 7) >> 90",
    "1 << 2**63", "1 << 2**64", "1 << 2**100", "0 << 2**100", "True << 2**63",
    "(2**100) << 2**63", "1 << -1", "1 >> -1", "(1).__lshift__(2**64)",
    "(1).__rshift__(2**70)", "[0] * 2**62", "'a' * 2**62", "b'a' * 2**62",
    "(1,) * 2**62", "'a' * 2**63", "bytearray(2**62)", "bytes(2**62)",
    "bytes(2**63)", "bytes(-1)", "'x'.ljust(2**62)", "'x'.rjust(2**62)",
    "'x'.center(2**62)", "'x'.zfill(2**62)", "'x'.ljust(2**63)",
    "'a'.center(-1)", "'a\\tb'.expandtabs(2**62)", "'%*d' % (2**62, 1)",
    "'%*d' % (2**63, 1)", "'%*d' % ('a', 1)", "'%.*f' % (2**62, 1.0)",
    "'%.*d' % (2**31, 1)", "'%-*d|' % (-5, 1)", "'%*d|' % (-5, 1)",
    "'%.*d' % (-3, 1)", "'%99999999999d' % 1", "'%.99999999999d' % 1",
    "b'%*d' % (2**62, 1)", "len('%.*f' % (70000, 1.0))", "len('%.*e' % (70000, 1.5))",
    "'%.*g' % (70000, 1.5)", "len(format(1.0, '.70000f'))",
    "format(1, '99999999999999999999')", "'{:>{}}'.format(1, 2**62)",
    "'{:>{}}|'.format(1, 5)", "range(2**63)[::2]", "range(10)[::3]",
    "range(2**64)[2**63:][::-1]", "len(range(2**62))", "len(range(2**64))",
    "list(range(2**62))", "tuple(range(2**61))", "int('1' * 5000)",
    "len(str(10**5000))", "pow(2, 2**62, 0)", "(1).to_bytes(2**62, 'big')",
    "(1).to_bytes(-1, 'big')", "(1).to_bytes(2**63, 'big')",
    "memoryview(b'abcdef')[::2**62].tobytes()", "memoryview(b'abc')[::-2**63].tobytes()",
    "float(10**400)", "float(10**20)", "round(1.5, 2**63)", "round(1.5, -2**63)",
    "round(2.5, -400)", "round(-12345, -30)",
    "chr(2**62)", "'a'.split(maxsplit=2**63)", "[1, 2, 3].insert(2**63, 5)",
    "[1, 2, 3].pop(2**63)", "[1, 2, 3].index(2, 0, 2**70)", "'abc'.find('b', 2**100)",
    "'abc'.count('b', -2**100, 2**100)", "slice(1, 2, 3).indices(-1)",
    "slice(0, 2**100, 2**99).indices(2**101)", "slice(None, None, -1).indices(2**64)",
    "slice(1, 2, 0).indices(10)", "list(range(10))[::2**63]", "list(range(10))[::-2**63]",
    "'abc'[2**63:]", "'abc'[:2**100]",
]

for src in CASES:
    try:
        r = eval(src)
    except BaseException as e:
        print(src, "->", type(e).__name__, str(e)[:120])
    else:
        print(src, "=", repr(r)[:120])

import sys
for n in (2**40, 2**31, 0):
    try:
        sys.setrecursionlimit(n)
    except BaseException as e:
        print("setrecursionlimit", n, type(e).__name__, e)
print(sys.getrecursionlimit() > 0)
x = 1
x >>= 2**63
y = -7
y >>= 2**64
print(x, y)
