# Seed 003 (memory management notebook): strings made at run time
# (concatenation, formatting) are new objects; sys.intern makes them shared.
import sys

base = "python"
built = "".join(["pyt", "hon"])
formatted = f"{'pyt'}{'hon'}"
print(built == base, built is base)
print(formatted == base)
print(sys.intern(built) is base)
x = "py"
made1 = x + "thon course"
made2 = x + "thon course"
print(made1 == made2, made1 is made2)
print(sys.intern(made1) is sys.intern(made2))
