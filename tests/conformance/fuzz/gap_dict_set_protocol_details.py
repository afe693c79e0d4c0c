# difffuzz: dict/set protocol details.
s = {1, 2, 'q'}
print(s in s, {1} in {frozenset({1}), 2}, (s | s) not in s)   # set key retried as frozenset
print(type(reversed({'a': 1})).__name__, type(reversed({}.values())).__name__)
try:
    {}.update(None)
except TypeError as e:
    print('TypeError', e)
try:
    print(float(reversed({1: 2})))
except TypeError as e:
    print('TypeError', e)
