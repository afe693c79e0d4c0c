# List, dict, set comprehensions and nested / conditional forms.
print([x * 2 for x in range(5)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print({k: v for k, v in zip("abc", range(3))})
print(sorted({x % 4 for x in range(10)}))
print([[i * j for j in range(3)] for i in range(3)])
print(["even" if n % 2 == 0 else "odd" for n in range(4)])
words = ["apple", "bob", "kayak", "moon"]
print({w: w == w[::-1] for w in words})
x = "outer"
print([x for x in "ab"], x)
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(row) for row in zip(*matrix)])
