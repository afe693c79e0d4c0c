# sys.flags, sys.version_info, sys.int_info, sys.hash_info, sys.float_info:
# tuple subclasses with named, read-only fields.
import sys

for o in (sys.version_info, sys.int_info, sys.hash_info, sys.float_info):
    print(o)
    print(type(o).__name__, type(o).__module__, isinstance(o, tuple), len(o), o.n_fields,
          o.n_sequence_fields, o.n_unnamed_fields, sys.getsizeof(o) == 40 + 8 * len(o))
print(sys.flags.int_max_str_digits, sys.flags.debug, sys.flags.optimize, len(sys.flags))
print(type(sys.flags).__match_args__[:4])
print(sys.version_info[:2], sys.version_info >= (3, 8), sys.version_info.major,
      sys.version_info.releaselevel)
major, minor, *rest = sys.version_info
print(major, minor, rest)
match sys.version_info:
    case (3, m, *_):
        print("python 3 minor", m)
print(sys.int_info.bits_per_digit, sys.int_info[2], sys.hash_info.modulus == 2 ** 61 - 1)
print(sys.float_info.max == 1.7976931348623157e+308, sys.float_info.epsilon)
print(sys.int_info.__reduce__())
for attempt in (lambda: type(sys.flags)(), lambda: type(sys.version_info)((1, 2, 3, 4, 5))):
    try:
        attempt()
    except TypeError as e:
        print("TypeError", e)
try:
    sys.version_info.major = 4
except AttributeError as e:
    print("AttributeError", e)
print(type(sys.int_info)((1, 2, 3, 4)))
print(hasattr(sys.int_info, "__dict__"), sys.version_info == (3, 11, 7, "final", 0))
