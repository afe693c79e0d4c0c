# Seed 003 (memory management notebook): @lru_cache on a method keeps `self`
# alive in the cache (a leak) until the cache is cleared.
# Rewrite: time.sleep(0.5) (simulated work) is left out; notebook cell values
# are printed. A gc.collect() first clears start-up garbage.
import gc
from functools import lru_cache


class Calculator:
    def __init__(self, num):
        self.num = num

    @lru_cache(maxsize=20)
    def calculate(self, power):
        print("doing heavy work...")
        return self.num**power

    def __del__(self):
        print(f"Deleting object: {self}")


gc.collect()
c = Calculator(20)
print(c.calculate(3))
print(c.calculate(3))
print(c.calculate(3))
print(c.calculate(3))
c = None
print("after c = None")
print(Calculator.calculate.cache_info())
print(gc.collect())
print("after collect")
Calculator.calculate.cache_clear()
print("after cache_clear")
