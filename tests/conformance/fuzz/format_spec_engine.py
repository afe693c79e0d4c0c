# difffuzz: format() / f-strings / str.format through the full format-spec engine.
def show(v, spec):
    try:
        print(repr(format(v, spec)))
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)

for spec in ['', '5', '^7', '*^9', '#', '+', 'd', 'x', 's', 'r', '.2', ',', '_', 'False']:
    show(True, spec)
    show(False, spec)
for spec in [' ', ',', '_', '08', '=8', '+', '.2', '>10s', 'd']:
    show('abc', spec)
    show('€uro', spec)
for spec in ['10.4', '.3', 'o', 'c', ',d', '_x', '#b', '=+8', '08', ',.2f']:
    show(-5, spec)
    show(12345, spec)
for spec in ['o', 'x', 'd', ',', '.3e', '.1%', 'g', '010.3f', 'n', '=+10.2f', ' ']:
    show(float('nan'), spec)
    show(-1.5, spec)
    show(1e16, spec)
print(f"<{(~12345)!r:08}>", f"{'x'!a:^7}", '{0:#}|{0!r}'.format(False), '{0:08}|{0!r}'.format('€uro'))
class I(int):
    pass
show(I(3), 's')
show(I(3), '5')
