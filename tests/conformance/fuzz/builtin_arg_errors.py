# difffuzz: argument errors of zip(), sum() and getattr() (3.11 messages and order).
for args in [(1,), ([1], 2.5), (None, [1])]:
    try:
        print(list(zip(*args)))
    except TypeError as e:
        print('TypeError', e)
for it, start in [(1, 'a'), (False, 'abc'), ([], 'a'), ([], b'x'), ([], bytearray()), ([1], 2.5)]:
    try:
        print(sum(it, start))
    except TypeError as e:
        print('TypeError', e)
for name in [1.5, 3, None, ('a',), [], {}, True]:
    try:
        print(getattr(object(), name))
    except TypeError as e:
        print('TypeError', e)
