# Seed 003 (memory management notebook): memory of big lists, and `del`
# giving it back.
# Rewrite: the notebook ran memory_profiler (`%pip install memory-profiler`,
# `!python -m memory_profiler ...`) whose MiB readings vary by machine; this
# prints the lists' exact sizes (smaller second list) and checks `del`.
import sys


def my_func():
    a = [1] * (10 ** 6)
    b = [2] * (2 * 10 ** 5)
    print(sys.getsizeof(a), sys.getsizeof(b))
    del b
    print("b" in locals())
    return a


result = my_func()
print(len(result), sys.getsizeof(result))
