# sys.set_int_max_str_digits / get_int_max_str_digits and every place the
# limit applies: int(str, base) for non-power-of-two bases, str()/repr()/
# format() of big ints, and decimal literals at compile time.
import sys

print(sys.int_info)
print(sys.get_int_max_str_digits(), sys.flags.int_max_str_digits)


def show(f):
    try:
        r = f()
        small = (isinstance(r, str) and len(r) < 60) or (isinstance(r, int) and abs(r) < 10 ** 18)
        print("ok", r if small else type(r).__name__)
    except (ValueError, TypeError, SyntaxError) as e:
        print(type(e).__name__, e)


for b in (3, 10, 36, 16, 2, 8):
    show(lambda: int("1" * 5000, b))
show(lambda: int("1" * 4301 + "x"))
show(lambda: int(" " + "1" * 4301 + " "))
show(lambda: int("1_" * 4000 + "1"))
big = 10 ** 5000
show(lambda: str(big))
show(lambda: repr(-big))
show(lambda: f"{big}")
show(lambda: "%d" % big)
show(lambda: format(big, ","))
show(lambda: hex(big)[:5])
show(lambda: sys.set_int_max_str_digits(5))
show(lambda: sys.set_int_max_str_digits(-1))
show(lambda: sys.set_int_max_str_digits("5"))
show(lambda: sys.set_int_max_str_digits())

src = "x = 1\ny = " + "9" * 5000 + "\n"
try:
    compile(src, "<huge>", "exec")
except SyntaxError as e:
    print(e.msg)
    print(e.lineno, e.offset, e.end_lineno, e.end_offset, len(e.text))
show(lambda: compile("x = 0x" + "f" * 5000, "<hex>", "exec") and "hex literal ok")
show(lambda: compile("x = " + "9" * 5000 + ".0", "<f>", "exec") and "float literal ok")
show(lambda: compile("if 0:\n    x = " + "9" * 5000, "<dead>", "exec"))

sys.set_int_max_str_digits(641)
print(sys.get_int_max_str_digits(), sys.flags.int_max_str_digits)
show(lambda: int("7" * 641) % 1000)
show(lambda: int("7" * 642))
show(lambda: len(str(10 ** 640)))
show(lambda: str(10 ** 641))

sys.set_int_max_str_digits(maxdigits=0)
print(sys.get_int_max_str_digits())
show(lambda: len(str(big)))
show(lambda: int("1" * 5000) % 97)
ns = {}
exec(src, ns)
print(ns["y"] % 1000)

sys.set_int_max_str_digits(4300)
show(lambda: str(big))
