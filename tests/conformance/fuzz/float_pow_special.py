# difffuzz: float ** follows CPython's float_pow for infinite, zero and negative bases.
vals = [float('-inf'), float('inf'), -0.0, 0.0, -1.0, -8.0, 0.5, 2.0, float('nan')]
exps = [0.5, -0.5, 2.0, 3.0, -1.0, float('inf'), float('-inf'), 0.0, 1/3]
for a in vals:
    row = []
    for b in exps:
        try:
            row.append(repr(a ** b))
        except (ZeroDivisionError, OverflowError, ValueError) as e:
            row.append(type(e).__name__)
    print(a, row)
try:
    print(1e300 ** 2.0)
except OverflowError as e:
    print('OverflowError', e)
