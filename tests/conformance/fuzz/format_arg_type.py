# difffuzz: format()'s second argument must be a str (checked before formatting).
for spec in [None, 3, 2.5, b'x', ['s']]:
    try:
        print(format(1, spec))
    except TypeError as e:
        print('TypeError', e)
try:
    print(None << format(1, None))
except TypeError as e:
    print('TypeError', e)
