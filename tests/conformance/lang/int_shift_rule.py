# int << and >>: the constant folder and the runtime share one rule (folded only
# up to 128-bit results, as CPython's safe_lshift; 0 << huge folds to 0),
# and the runtime errors: negative count, too many digits, MemoryError.
def f():
    return (1 << 100, 1 << 127, 1 << 128, -1 << 127, 3 << 126, 0 << (1 << 70), -5 >> 1, -5 >> 1000, 5 >> (1 << 70), (1 << 200) >> 199)
print(f())
print(f.__code__.co_consts)
for a, b in [(1, -1), (1, 1 << 70), (0, 1 << 70), (-1, 1 << 62)]:
    for op in ('<<', '>>'):
        try:
            print(a, op, b, eval('%d %s %d' % (a, op, b)) if abs(b) < 1 << 20 else 'big', end=' ')
            x = a << b if op == '<<' else a >> b
            print('ok')
        except Exception as e:
            print(type(e).__name__, e)
