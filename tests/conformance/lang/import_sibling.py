# Importing a module that sits next to the case (cwd/script dir is on sys.path);
# a module is executed once and cached in sys.modules.
import sys
import _shapes
from _shapes import area, Square
import _shapes as again

print(area(2))
print(Square(3).area())
print(_shapes.PI, _shapes is again, "_shapes" in sys.modules)
print(_shapes.__name__, type(_shapes).__name__)
