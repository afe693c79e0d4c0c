"""Longest-common-subsequence DP over a ~700x700 table held in a dict keyed by (i, j)
tuples, with automatic collection enabled."""

N = 800


def make_string(n, seed):
    out = []
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append("ACGT"[(x >> 16) % 4])
    return "".join(out)


def lcs(a, b):
    table = {}
    for i in range(len(a) + 1):
        table[(i, 0)] = 0
    for j in range(len(b) + 1):
        table[(0, j)] = 0
    for i in range(1, len(a) + 1):
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            if ai == b[j - 1]:
                table[(i, j)] = table[(i - 1, j - 1)] + 1
            else:
                up = table[(i - 1, j)]
                left = table[(i, j - 1)]
                table[(i, j)] = up if up >= left else left
    return table[(len(a), len(b))], len(table)


def main():
    a = make_string(N, 1)
    b = make_string(N, 2)
    length, cells = lcs(a, b)
    print("tuple_key_table n", N, "lcs", length, "cells", cells)


main()
