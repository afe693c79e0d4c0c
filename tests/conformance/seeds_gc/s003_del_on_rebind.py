# Seed 003 (memory management notebook): __del__ runs as soon as the last
# reference goes.
class C:
    def __init__(self, x):
        self.x = x

    def __del__(self):
        print(f"Deleting object: {self}")


c = C(10)
print("rebinding")
c = None
print("done")
