# A constant whose first occurrence is a fold that returns its operand
# itself (unary + on an int/float/complex constant) has one more reference
# per such fold while the script runs: CPython's AST arena keeps both the
# literal and the fold result until the module finishes.
import sys
rc = sys.getrefcount
try:
    x = [chr('abc'), (+1000) % (False / None)]
except TypeError:
    print(rc(1000))
y = +(+2000); z = +2.5; w = +True; c = +3j
print(rc(2000), rc(2.5), rc(3j))
a = 4000; b = +4000
print(rc(4000))
def f(): return +5000
print(rc(5000))
exec("import sys; q = +6000; print(sys.getrefcount(6000))")
print(eval("sys.getrefcount(+7000)"))
