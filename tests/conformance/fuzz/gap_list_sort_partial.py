# difffuzz: a list.sort() that raises leaves the list partly sorted, as CPython's
# timsort left it (binary insertion sort works in place on the first run).
for data in [[3, 1, 2, 'x', 1], [5, 4, 3, None, 2, 1], [2, 1, 'b', 'a']]:
    v = list(data)
    try:
        v.sort()
    except TypeError as e:
        print('TypeError', e)
    print(v)
    v = list(data)
    try:
        v.sort(reverse=True)
    except TypeError as e:
        print('TypeError', e)
    print(v)
