# Float power overflow raises OverflowError with errno arguments (34, message),
# whichever path computes it; other overflows keep their one-string message.
import math

for f in (lambda: 1e300 ** 3, lambda: 10.0 ** 400, lambda: pow(2.5, 10000),
          lambda: (-1e300) ** 3, lambda: 1e300 ** 3.0):
    try:
        f()
    except OverflowError as e:
        print(repr(e), e.args, str(e), e.errno if hasattr(e, "errno") else "-")
x = 1e300
try:
    x **= 2
except ArithmeticError as e:
    print(type(e).__name__, repr(e), e.args)
for f in (lambda: math.exp(1000), lambda: float(10 ** 400), lambda: 2.0 * 10 ** 400):
    try:
        f()
    except OverflowError as e:
        print(repr(e), e.args)
print(1e300 ** 1, 2.0 ** -2000, (-8.0) ** 3)
