"""Struct sequences: the named tuples of the sys module (sys.flags,
sys.version_info, sys.int_info, sys.hash_info, sys.float_info).

Instances are tuples of a tuple subclass without an instance dict, so
sys.getsizeof and indexing behave as CPython's structseq objects; fields
are read-only; the types of sys.flags and sys.version_info cannot be
instantiated from Python code. `install` is called once at start-up.
"""


class _Field:
    __slots__ = ("index", "__name__")

    def __init__(self, index, name):
        self.index = index
        self.__name__ = name

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return tuple.__getitem__(obj, self.index)

    def __set__(self, obj, value):
        raise AttributeError("readonly attribute")

    def __delete__(self, obj):
        raise AttributeError("readonly attribute")


def _make_type(qualname, fields, creatable):
    module, _, name = qualname.rpartition(".")
    ns = {
        "__slots__": (),
        "__module__": module,
        "__qualname__": name,
        "n_sequence_fields": len(fields),
        "n_fields": len(fields),
        "n_unnamed_fields": 0,
        "__match_args__": tuple(fields),
    }
    for i, f in enumerate(fields):
        ns[f] = _Field(i, f)

    def __new__(cls, *args, **kwargs):
        if not creatable:
            raise TypeError(f"cannot create '{qualname}' instances")
        if not args:
            raise TypeError(f"{name}() missing required argument 'sequence' (pos 1)")
        seq = tuple(args[0])
        if len(seq) != len(fields):
            raise TypeError(
                f"{qualname}() takes a {len(fields)}-sequence ({len(seq)}-sequence given)")
        return tuple.__new__(cls, seq)

    def __repr__(self):
        parts = ", ".join(f"{f}={v!r}" for f, v in zip(fields, self))
        return f"{qualname}({parts})"

    def __reduce__(self):
        return (type(self), (tuple(self), {}))

    ns["__new__"] = __new__
    ns["__repr__"] = __repr__
    ns["__reduce__"] = __reduce__
    return type(name, (tuple,), ns)


def _make(qualname, fields, values, creatable=True):
    cls = _make_type(qualname, fields, creatable)
    return tuple.__new__(cls, values)


_FLAGS = ("debug", "inspect", "interactive", "optimize", "dont_write_bytecode",
          "no_user_site", "no_site", "ignore_environment", "verbose", "bytes_warning",
          "quiet", "hash_randomization", "isolated", "dev_mode", "utf8_mode",
          "warn_default_encoding", "safe_path", "int_max_str_digits")


def install(sys, flags):
    sys.flags = _make("sys.flags", _FLAGS, flags, creatable=False)
    sys.version_info = _make(
        "sys.version_info", ("major", "minor", "micro", "releaselevel", "serial"),
        (3, 11, 7, "final", 0), creatable=False)
    sys.int_info = _make(
        "sys.int_info",
        ("bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold"),
        (30, 4, 4300, 640))
    sys.hash_info = _make(
        "sys.hash_info",
        ("width", "modulus", "inf", "nan", "imag", "algorithm", "hash_bits", "seed_bits", "cutoff"),
        (64, 2305843009213693951, 314159, 0, 1000003, "siphash13", 64, 128, 0))
    sys.float_info = _make(
        "sys.float_info",
        ("max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig",
         "epsilon", "radix", "rounds"),
        (1.7976931348623157e+308, 1024, 308, 2.2250738585072014e-308, -1021, -307, 15, 53,
         2.220446049250313e-16, 2, 1))
