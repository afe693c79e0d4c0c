# Seed 003 (memory management notebook): without a cache every call does the
# work, and the instance is freed as soon as its name is rebound.
# Rewrite: time.sleep(0.5) (simulated work) is left out.
class Calculator:
    def __init__(self, num):
        self.num = num

    def calculate(self, power):
        print("doing heavy work...")
        return self.num**power

    def __del__(self):
        print(f"Deleting object: {self}")


c = Calculator(20)
print(c.calculate(3))
print(c.calculate(3))
print(c.calculate(3))
print(c.calculate(3))
c = None
print("end")
