"""Names for the builtin types (pyheap's builtin `types` module)."""
import sys

def _f(): pass
FunctionType = type(_f)
LambdaType = FunctionType
CodeType = type(_f.__code__)

def _g():
    yield 1
GeneratorType = type(_g())

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

del sys, _f, _g, _C, _cell
