# difffuzz: `for x in {a, b, c}` iterates a frozenset constant built by the compiler;
# its order must be the one CPython's folded frozenset has.
for x in {'MiXeD cAsE', 255, '\u00e9t\u00e9'}:
    print(repr(x), end=' ')
print()
print(1 in {'a', 2, 'été'}, [x for x in {'MiXeD cAsE', 255, 'été'}])
