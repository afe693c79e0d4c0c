# difffuzz: %-formatting argument checks.
def show(fmt, args):
    try:
        print(repr(fmt % args))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)

for conv in ['%x', '%X', '%o', '%d', '%i']:
    for v in [None, 'str', frozenset(), 2.5, [1]]:
        show(conv, (v,))
for v in ['-45', '', 'é', 65, 0x10ffff, 0x110000, -1, 2.5, None, True]:
    show('%c', (v,))
for args in [[], [1, 2], {'a': 1}, b'xy', range(3), (1,), 'str', 5]:
    show('"dq"', args)
show('%s', [1, 2])
