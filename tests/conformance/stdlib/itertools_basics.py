from itertools import *
import itertools
c = count(5); print(repr(c), next(c), next(c), repr(c))
print(repr(count(0, 2)), repr(count(1.5)), repr(count(3, 1.0)), type(c).__name__)
r = repeat('a', 3); print(repr(r), list(r), repr(r), repr(repeat(5)))
print(list(islice(count(), 5)), list(islice('abcdefg', 2, None, 2)), list(islice(range(10), 1, 8, 3)))
print(list(islice(cycle('ab'), 5)), list(cycle([])))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], lambda a, b: a * b, initial=10)), list(accumulate([])))
print(list(chain('ab', [1, 2])), list(chain.from_iterable(['xy', 'z'])), type(chain()).__name__)
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a'])))
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')])
print([k for k, g in groupby('AAAABBBCCD')])
print([(k, list(g)) for k, g in groupby([1, 2, 3, 4, 5, 6], key=lambda x: x // 3)])
gs = list(groupby('aabb')); print([(k, list(g)) for k, g in gs])
print(list(starmap(pow, [(2, 5), (3, 2)])))
a, b = tee(iter([1, 2, 3])); print(next(a), list(b), list(a), type(a).__name__)
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest()))
print(list(product('ab', range(2))), list(product([1, 2], repeat=2)), list(product()), list(product('ab', [])))
print(list(permutations('abc', 2)), len(list(permutations(range(4)))), list(permutations([], 0)), list(permutations('ab', 3)))
print(list(combinations('abcd', 2)), list(combinations(range(3), 0)), list(combinations('ab', 3)))
print(list(combinations_with_replacement('abc', 2)), list(combinations_with_replacement('', 0)))
print(list(pairwise('abcd')), list(pairwise('a')))
for bad in [lambda: islice('abc', -1), lambda: islice('abc', 'x'), lambda: islice('abc', 1, -2),
            lambda: islice('abc', 0, 2, 0), lambda: islice('a'), lambda: count('a'),
            lambda: combinations('ab', -1), lambda: product('a', repeat=-1), lambda: permutations('a', -1),
            lambda: tee([], -1), lambda: repeat(1, 'x')]:
    try:
        bad()
        print('no error')
    except Exception as e:
        print(type(e).__name__, e)
