# OSError(errno, strerror, ...) called on OSError itself picks the subclass
# for errno (Linux values); args/filename/filename2/characters_written
# parsing; errors from pyheap's own I/O carry the right class and attrs.
import os

ERRNOS = {"EAGAIN": 11, "EALREADY": 114, "EINPROGRESS": 115, "ECHILD": 10,
          "EPIPE": 32, "ESHUTDOWN": 108, "ECONNABORTED": 103,
          "ECONNREFUSED": 111, "ECONNRESET": 104, "EEXIST": 17, "ENOENT": 2,
          "EISDIR": 21, "ENOTDIR": 20, "EINTR": 4, "EACCES": 13, "EPERM": 1,
          "ESRCH": 3, "ETIMEDOUT": 110, "unmapped": 999, "zero": 0, "neg": -1}
for name, n in ERRNOS.items():
    e = OSError(n, 'msg')
    print(name, type(e).__name__, e.errno, e.strerror, e.filename, e.args, str(e))

for a in [(2, 'x'), (2, 'x', 'f'), (2, 'x', 'f', 5), (2, 'x', 'f', 5, 'g'),
          (2, 'x', None, 5, 'g'), (2, 'x', 'f', 5, 'g', 6), (2,), ()]:
    e = OSError(*a)
    print(type(e).__name__, e.args, e.errno, e.strerror, e.filename,
          e.filename2, repr(e), str(e))

# only int errnos map (bool is an int), only on OSError itself
print(type(OSError('2', 'x')).__name__, type(OSError(2.0, 'x')).__name__,
      type(OSError(True, 'x')).__name__, type(OSError(2 ** 100, 'x')).__name__)
print(type(FileExistsError(2, 'x')).__name__, type(IOError(2, 'x')).__name__,
      type(EnvironmentError(17, 'x')).__name__, IOError is OSError)
class Mine(OSError):
    pass
print(type(Mine(2, 'x')).__name__, Mine(2, 'x', 'f').args)
print(type(OSError.__new__(OSError, 2, 'x')).__name__)
print(type(OSError.__new__(FileNotFoundError, 17, 'x')).__name__)

# __new__ parses; OSError.__init__ does nothing afterwards
e = OSError(2, 'x')
e.__init__(3, 'y', 'z')
print(type(e).__name__, e.args, e.errno, e.filename)

# a subclass overriding only __init__ gets parsed by OSError.__init__
class WithInit(OSError):
    def __init__(self, *a, **k):
        print('init', a, k)
w = WithInit(2, 'x', foo=1)
print(w.errno, w.args, w.strerror)
class SuperInit(OSError):
    def __init__(self, *a):
        super().__init__(*a)
s = SuperInit(2, 'x', 'f')
print(type(s).__name__, s.errno, s.args, s.filename, str(s))
class WithNew(OSError):
    def __new__(cls, *a):
        return super().__new__(cls, *a)
s = WithNew(2, 'x', 'f')
print(type(s).__name__, s.errno, s.args, s.filename)

for call in [lambda: OSError(2, 'x', foo=1), lambda: FileNotFoundError(foo=1)]:
    try:
        call()
    except TypeError as e:
        print('TypeError', e)

# BlockingIOError: a number third is characters_written
b = BlockingIOError(11, 'x', 5)
print(b.args, b.filename, b.characters_written, str(b))
b = BlockingIOError(11, 'x', 'f')
print(b.args, b.filename, str(b), hasattr(b, 'characters_written'))
e = OSError(11, 'x', 5)
print(type(e).__name__, e.args, e.characters_written)
print(hasattr(OSError(2, 'x'), 'characters_written'))

try:
    raise OSError(2, 'No such', 'foo')
except FileNotFoundError as e:
    print('caught', repr(e), e.errno, e.filename)

# pyheap's own I/O errors
def attempt(f):
    try:
        f()
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror, e.filename, e.filename2,
              e.args, str(e))

attempt(lambda: open('no_such_file_here.txt'))
attempt(lambda: open('no_such_dir_here/x.txt', 'w'))
attempt(lambda: open('.'))
attempt(lambda: open('.', 'w'))
attempt(lambda: os.listdir('no_such_dir_here'))
attempt(lambda: os.remove('no_such_file_here.txt'))
attempt(lambda: os.close(987))
