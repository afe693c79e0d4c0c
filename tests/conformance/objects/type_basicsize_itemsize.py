# tp_basicsize / tp_itemsize of builtin types, as CPython 3.11 reports them
# (__basicsize__, __itemsize__). The types whose layout differs (str, type,
# code, subclasses of variable-size types) are in gap_object_blocks.
import types


class F(float):
    pass


class L(list):
    pass


class D(dict):
    pass


class A:
    pass


class Sl:
    __slots__ = ("a",)


for c in (int, bool, tuple, bytes, list, dict, float, complex, set, frozenset,
          bytearray, object, range, slice, F, L, D, A, Sl, type(iter([])),
          type(reversed([])), type(iter(range(2**70))), type(iter({})),
          types.FunctionType, types.GeneratorType, types.CoroutineType,
          types.AsyncGeneratorType, types.FrameType, types.TracebackType,
          memoryview, property, super, types.SimpleNamespace, types.ModuleType,
          BaseException, KeyError, map, filter, zip, enumerate, reversed):
    print(c.__name__, c.__basicsize__, c.__itemsize__)
