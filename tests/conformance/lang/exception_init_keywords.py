# BaseException.__init__ takes no keyword arguments, except ImportError (name,
# path), NameError (name) and AttributeError (name, obj): CPython's TypeErrors.
class E(Exception): pass
class F(ImportError): pass
class G(Exception):
    def __init__(self, a, *, flag=False):
        super().__init__(a)
        self.flag = flag
for f in [lambda: ValueError(1, x=2), lambda: E(x=1), lambda: ImportError('m', name='a', path='p', foo=1), lambda: F(foo=1), lambda: ModuleNotFoundError(foo=1), lambda: NameError('x', name='n', obj=1), lambda: AttributeError('a', name='n', obj=1, z=2), lambda: SyntaxError('x', foo=1), lambda: StopIteration(v=1), lambda: SystemExit(code=1), lambda: UnicodeDecodeError('utf-8', b'x', 0, 1, 'r', x=1), lambda: ExceptionGroup('m', [ValueError()], x=1), lambda: KeyError(k=1), lambda: ImportError('m', name='a', path='p'), lambda: NameError('x', name='n'), lambda: AttributeError('a', name='n', obj=1), lambda: G('a', flag=True), lambda: Exception.__init__(ValueError(), x=1)]:
    try:
        r = f()
        print('ok', repr(r), getattr(r, 'name', None))
    except TypeError as e:
        print('TypeError', e)
