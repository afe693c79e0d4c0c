# difffuzz: sequence repetition by a count beyond Py_ssize_t (either sign) and
# divmod() of floats by zero.
for seq in ['ab', [1], (1,), b'x']:
    for n in [-(10**25), 10**25, -(2**63), 2**63, -(2**62), -(2**70)]:
        try:
            print(len(seq * n))
        except (OverflowError, MemoryError) as e:
            print(type(e).__name__, e)
for a, b in [(-2, -0.0), (2.5, 0), (1, 0.0), (0.0, 0.0), (1, 0), (3, False)]:
    try:
        print(divmod(a, b))
    except ZeroDivisionError as e:
        print('ZeroDivisionError', e)
for n in [2**62, 2**63 - 1, -hash('"dq"')]:
    try:
        print(len('a,b,,c' * n))
    except (OverflowError, MemoryError) as e:
        print(type(e).__name__, e)
