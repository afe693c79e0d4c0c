"""Names for the builtin types (pyheap's builtin `types` module)."""
import sys

def _f(): pass
FunctionType = type(_f)
LambdaType = FunctionType
CodeType = type(_f.__code__)

def _g():
    yield 1
GeneratorType = type(_g())

async def _c(): pass
_cv = _c()
CoroutineType = type(_cv)
_cv.close()

async def _ag():
    yield 1
AsyncGeneratorType = type(_ag())

class _C:
    def _m(self): pass
MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
WrapperDescriptorType = type(object.__init__)
MethodWrapperType = type(object().__str__)
MethodDescriptorType = type(str.join)
ClassMethodDescriptorType = type(dict.__dict__['fromkeys'])
GetSetDescriptorType = type(FunctionType.__code__)
ModuleType = type(sys)
SimpleNamespace = type(sys.implementation)
MappingProxyType = type(type.__dict__)
NoneType = type(None)
NotImplementedType = type(NotImplemented)
EllipsisType = type(...)

def _cell():
    x = 1
    def inner():
        return x
    return inner.__closure__[0]
CellType = type(_cell())

try:
    raise TypeError
except TypeError as _e:
    TracebackType = type(_e.__traceback__)
    FrameType = type(_e.__traceback__.tb_frame)

def new_class(name, bases=(), kwds=None, exec_body=None):
    ns = {}
    if exec_body is not None:
        exec_body(ns)
    return type(name, bases, ns)

def coroutine(func):
    """Convert regular generator function to a coroutine."""
    if not callable(func):
        raise TypeError('types.coroutine() expects a callable')
    if type(func) is FunctionType:
        flags = func.__code__.co_flags
        if flags & 0x180:
            return func
        if flags & 0x20:
            import _coro
            return _coro.mark_iterable(func)

    def wrapped(*args, **kwargs):
        return func(*args, **kwargs)
    wrapped.__name__ = getattr(func, '__name__', 'wrapped')
    wrapped.__qualname__ = getattr(func, '__qualname__', 'wrapped')
    return wrapped

del sys, _f, _g, _C, _cell, _c, _cv, _ag

GenericAlias = type(list[int])
UnionType = type(int | str)
