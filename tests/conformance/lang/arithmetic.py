# Integer, float and mixed arithmetic, including big ints and floor division.
print(7 + 3, 7 - 3, 7 * 3, 7 / 2, 7 // 2, 7 % 3, 2 ** 10)
print(-7 // 2, -7 % 3, 7 // -2, divmod(-17, 5), divmod(17, -5))
print(2 ** 100, -(2 ** 64) + 1, 10 ** 20 // 7, (10 ** 20) % 7)
print(0.1 + 0.2, 1 / 3, 1e300 * 10, -0.0, 2.5 * 4, 7.0 // 2)
print(round(2.5), round(3.5), round(2.675, 2), int(-3.9), float("1e-5"))
print(abs(-5), abs(-2.5), max(3, 9, 1), min([4, 2, 8]), sum(range(101)))
print(1 < 2 < 3, 3 > 2 > 2, 1 == 1.0, True + True, 5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 70, -9 >> 1)
print(hex(255), oct(8), bin(10), int("ff", 16), int("-0b101", 0))
print(pow(3, 4, 5), pow(2, -1), 3 ** -1, (-8) ** 2)
x = 5
x += 2
x *= 3
x //= 4
print(x)
