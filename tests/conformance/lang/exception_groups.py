import sys
for a in [(), ('a',), (1, [ValueError()]), ('a', 5), ('a', []), ('a', [1])]:
    try:
        BaseExceptionGroup(*a)
    except Exception as e:
        print(type(e).__name__, e)
try:
    ExceptionGroup('a', [KeyboardInterrupt()])
except Exception as e:
    print(type(e).__name__, e)
class M(ExceptionGroup):
    pass
try:
    M('a', [KeyboardInterrupt()])
except Exception as e:
    print(type(e).__name__, e)
try:
    ExceptionGroup('a', [ValueError()], x=1)
except Exception as e:
    print(type(e).__name__, e)
e = BaseExceptionGroup('m', [ValueError(1), TypeError(2)])
print(type(e), repr(e), str(e), e.exceptions, e.message, e.args)
print(ExceptionGroup.__mro__, BaseExceptionGroup.__mro__, ExceptionGroup.__bases__)
print(type(BaseExceptionGroup('b', [KeyboardInterrupt()])).__name__)
print(isinstance(e, Exception), issubclass(ExceptionGroup, BaseExceptionGroup))
print(sys.getsizeof(e), sys.getsizeof(BaseExceptionGroup('b', [KeyboardInterrupt()])), sys.getsizeof(M('x', [ValueError()])))
print(e.split(lambda x: 0))
try:
    e.split(5)
except Exception as x:
    print(type(x).__name__, x)
g = ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)]), KeyError(4)])
g.add_note("a note")
m, r = g.split(ValueError)
print(repr(m), repr(r))
print(m.__notes__, r.__notes__, m.__notes__ is g.__notes__)
print(g.subgroup(lambda x: isinstance(x, TypeError)))
print(g.subgroup(ExceptionGroup) is g, g.split((KeyError, TypeError)))
print(g.derive([ValueError(9)]))

def run(excs):
    try:
        try:
            raise ExceptionGroup("eg", excs)
        except* ValueError as ve:
            print("ValueError handler:", repr(ve), sys.exc_info()[1] is ve)
        except* TypeError:
            print("TypeError handler")
        except* KeyError as ke:
            print("KeyError handler, reraise")
            raise
    except BaseException as x:
        print("escaped:", repr(x))
    else:
        print("all handled")
run([ValueError(1), TypeError(2)])
run([ValueError(1), KeyError(2)])
run([OSError(1), ValueError(2)])

# naked exceptions are wrapped
try:
    raise ValueError("naked")
except* ValueError as e:
    print("wrapped:", repr(e), repr(e.exceptions[0]))
try:
    try:
        raise KeyError("k")
    except* ValueError:
        print("no")
except KeyError as e:
    print("naked passes through:", repr(e))

# raising a new exception in a handler
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise RuntimeError("new")
except BaseException as x:
    print(repr(x), [repr(i) for i in x.exceptions])
    print(repr(x.exceptions[0].__context__))

for src in ["try:\n  pass\nexcept* ExceptionGroup:\n  pass", "try:\n  raise ValueError\nexcept* ExceptionGroup:\n  pass",
            "try:\n  raise ValueError\nexcept* 5:\n  pass", "try:\n  raise ValueError\nexcept* (ValueError, ExceptionGroup):\n  pass"]:
    try:
        exec(src)
    except Exception as x:
        print(type(x).__name__, x)
for src in ["def f():\n  try:\n    pass\n  except* ValueError:\n    return 1",
            "for i in x:\n  try:\n    pass\n  except* ValueError:\n    continue",
            "try:\n  pass\nexcept* ValueError:\n  for i in x:\n    break"]:
    try:
        compile(src, "s", "exec")
        print("compiled")
    except SyntaxError as x:
        print(type(x).__name__, x)
def gen():
    try:
        yield 1
        raise ExceptionGroup("x", [ValueError(), ValueError()])
    except* ValueError as e:
        yield len(e.exceptions)
print(list(gen()))
