"""os for pyheap (POSIX only, minimal): descriptors, environ, paths.

The primitives come from the native `posix` module; `os.path` is the
`posixpath` module."""

import sys
from posix import (getpid, kill, dup, dup2, close, open, read, write, lseek,
                   ftruncate, unlink, remove, getcwd, urandom, listdir,
                   isatty, _environ_items)
import posixpath as path

sys.modules['os.path'] = path

name = 'posix'
sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
linesep = '\n'
curdir = '.'
pardir = '..'
devnull = '/dev/null'
defpath = '/bin:/usr/bin'

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
O_RDONLY = 0
O_WRONLY = 1
O_RDWR = 2
O_CREAT = 0o100
O_EXCL = 0o200
O_NOCTTY = 0o400
O_TRUNC = 0o1000
O_APPEND = 0o2000
O_NONBLOCK = 0o4000
O_CLOEXEC = 0o2000000

error = OSError


def fspath(p):
    """The file system representation of a path-like object."""
    if isinstance(p, (str, bytes)):
        return p
    t = type(p)
    try:
        impl = t.__fspath__
    except AttributeError:
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + t.__name__) from None
    r = impl(p)
    if isinstance(r, (str, bytes)):
        return r
    raise TypeError("expected %s.__fspath__() to return str or bytes, not %s"
                    % (t.__name__, type(r).__name__))


class _Environ(dict):
    """os.environ: a dict of the process environment (changes are kept in
    the mapping only)."""

    def __repr__(self):
        return 'environ(%s)' % dict.__repr__(self)

    def copy(self):
        return dict(self)


environ = _Environ(_environ_items())


def getenv(key, default=None):
    return environ.get(key, default)


def makedirs(name, mode=0o777, exist_ok=False):
    raise NotImplementedError("os.makedirs is not supported by pyheap yet")
