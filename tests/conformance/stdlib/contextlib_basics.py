import contextlib, io, sys
from contextlib import contextmanager, suppress, closing, nullcontext, ExitStack, redirect_stdout
@contextmanager
def tag(name):
    print('<%s>' % name)
    try:
        yield name.upper()
    finally:
        print('</%s>' % name)
with tag('p') as t:
    print('inside', t)
try:
    with tag('b'):
        raise ValueError('boom')
except ValueError as e:
    print('caught', e)
@contextmanager
def swallow():
    try:
        yield
    except KeyError as e:
        print('swallowed', repr(e))
with swallow():
    {}['k']
print('after swallow')
@contextmanager
def noyield():
    if False:
        yield
try:
    with noyield(): pass
except RuntimeError as e:
    print('RuntimeError', e)
@contextmanager
def twice():
    yield 1
    yield 2
try:
    with twice(): pass
except RuntimeError as e:
    print('RuntimeError', e)
@tag('deco')
def work(x):
    print('work', x)
    return x * 2
print(work(3), work(4))
with suppress(ZeroDivisionError, KeyError):
    1 / 0
print('suppressed')
try:
    with suppress(KeyError):
        [][1]
except IndexError as e:
    print('IndexError', e)
class Res:
    def close(self): print('closed')
with closing(Res()) as r: print(type(r).__name__)
with nullcontext(5) as v: print(v)
buf = io.StringIO()
with redirect_stdout(buf):
    print('hidden')
print(repr(buf.getvalue()), sys.stdout is sys.__stdout__)
with ExitStack() as stack:
    for n in 'xyz':
        stack.enter_context(tag(n))
    stack.callback(print, 'callback', 1)
    print('body')
with ExitStack() as stack:
    stack.push(lambda *exc: print('push saw', exc[0].__name__) or True)
    raise TypeError('hidden')
print('exitstack suppressed')
s = ExitStack(); s.callback(print, 'later'); s2 = s.pop_all(); s.close(); print('moved'); s2.close()
try:
    with ExitStack() as stack:
        stack.enter_context(object())
except TypeError as e:
    print('TypeError', e)
def raiser(): raise KeyError('inner')
try:
    with ExitStack() as stack:
        stack.callback(raiser)
        raise ValueError('outer')
except KeyError as e:
    print('KeyError', e, repr(e.__context__))
