import random
random.seed(42)
print(random.random(), random.random())
print(random.randint(1, 10), random.randrange(100), random.randrange(0, 100, 7), random.choice('abcdef'))
l = list(range(10)); random.shuffle(l); print(l)
print(random.sample(range(100), 5), random.sample('abcdefgh', 3), random.getrandbits(8), random.getrandbits(70), random.getrandbits(0))
print(random.choices('abc', k=5), random.choices('abc', weights=[10, 1, 1], k=5), random.uniform(1, 2))
print(round(random.gauss(0, 1), 12), round(random.gauss(0, 1), 12), random.randbytes(4))
r = random.Random(12345); print([r.randint(0, 99) for _ in range(10)])
print(random.Random(0).random(), random.Random(-7).random(), random.Random(2**100).random(), random.Random(123.5).random())
st = r.getstate(); a = r.random(); r.setstate(st); print(a == r.random())
print(random.sample(range(10000), 10))
big = random.Random(1); print([big.randrange(10**30) for _ in range(2)])
for bad in [lambda: random.choice([]), lambda: random.randrange(0), lambda: random.randrange(5, 5), lambda: random.randrange(0, 10, 0),
            lambda: random.sample([1, 2], 3), lambda: random.getrandbits(-1), lambda: random.sample({1, 2}, 1), lambda: random.randrange(1.5)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
