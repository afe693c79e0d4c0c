# sys.setrecursionlimit(10**6) then unbounded recursion: CPython 3.11 runs
# Python-to-Python calls without the C stack and stops at the limit; pyheap
# recurses natively and stops earlier with a RecursionError saying so.
import sys

sys.setrecursionlimit(10**6)
depth = 0


def f(n):
    global depth
    depth = n
    return f(n + 1)


try:
    f(1)
except RecursionError as e:
    print("RecursionError:", e)
    print("reached the limit:", depth >= 10**6 - 10)
print("still running")
