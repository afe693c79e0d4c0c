# Helper module for import_sibling.py (not a case: name starts with `_`).
PI = 3.14159
print("_shapes imported")


def area(r):
    return PI * r * r


class Square:
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side ** 2
