"""tempfile for pyheap (minimal): TemporaryFile, NamedTemporaryFile,
gettempdir, mkstemp.

Files are raw descriptors from `os.open` wrapped in `_TempFile`, which reads
and writes through `os.read`/`os.write` with no buffering, so data another
writer puts on the same descriptor (e.g. after `os.dup2(f.fileno(), 2)`) is
seen by `seek(0); read()`."""

import os as _os

TMP_MAX = 10000
template = 'tmp'
_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_'


def gettempdir():
    for name in ('TMPDIR', 'TEMP', 'TMP'):
        d = _os.environ.get(name)
        if d and _os.path.isdir(d):
            return d
    return '/tmp'


def _random_name():
    raw = _os.urandom(8)
    return ''.join(_CHARS[b % len(_CHARS)] for b in raw)


def _mkstemp(suffix, prefix, dir):
    if dir is None:
        dir = gettempdir()
    flags = _os.O_RDWR | _os.O_CREAT | _os.O_EXCL
    for _ in range(TMP_MAX):
        name = _os.path.join(dir, prefix + _random_name() + suffix)
        try:
            fd = _os.open(name, flags, 0o600)
        except FileExistsError:
            continue
        return fd, _os.path.abspath(name)
    raise FileExistsError("No usable temporary file name found")


def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    return _mkstemp(suffix or '', template if prefix is None else prefix, dir)


class _TempFile:
    """A file object over a descriptor (text or binary, unbuffered)."""

    def __init__(self, fd, name, mode, encoding, delete_name):
        self._fd = fd
        self.name = name
        self.mode = mode
        self._binary = 'b' in mode
        self._encoding = encoding or 'utf-8'
        self._delete_name = delete_name
        self.closed = False

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def fileno(self):
        self._check()
        return self._fd

    def write(self, data):
        self._check()
        if self._binary:
            if isinstance(data, str):
                raise TypeError("a bytes-like object is required, not 'str'")
            raw = bytes(data)
            n = len(raw)
        else:
            if not isinstance(data, str):
                raise TypeError("write() argument must be str, not %s"
                                % type(data).__name__)
            raw = data.encode(self._encoding)
            n = len(data)
        while raw:
            done = _os.write(self._fd, raw)
            raw = raw[done:]
        return n

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def _read_all(self):
        chunks = []
        while True:
            b = _os.read(self._fd, 65536)
            if not b:
                break
            chunks.append(b)
        return b''.join(chunks)

    def read(self, size=-1):
        self._check()
        if size is None or size < 0:
            raw = self._read_all()
        elif self._binary:
            raw = _os.read(self._fd, size)
        else:
            # Text: read whole characters (utf-8 is at most 4 bytes each).
            start = _os.lseek(self._fd, 0, 1)
            raw = _os.read(self._fd, size * 4)
            text = raw.decode(self._encoding, 'ignore')[:size]
            _os.lseek(self._fd, start + len(text.encode(self._encoding)), 0)
            return text
        return raw if self._binary else raw.decode(self._encoding)

    def readline(self, size=-1):
        self._check()
        out = []
        while size is None or size < 0 or len(out) < size:
            b = _os.read(self._fd, 1)
            if not b:
                break
            out.append(b)
            if b == b'\n':
                break
        raw = b''.join(out)
        return raw if self._binary else raw.decode(self._encoding)

    def readlines(self):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def seek(self, pos, whence=0):
        self._check()
        return _os.lseek(self._fd, pos, whence)

    def tell(self):
        self._check()
        return _os.lseek(self._fd, 0, 1)

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self.tell()
        _os.ftruncate(self._fd, size)
        return size

    def flush(self):
        self._check()

    def readable(self):
        return True

    def writable(self):
        return True

    def seekable(self):
        return True

    def isatty(self):
        return False

    def close(self):
        if not self.closed:
            self.closed = True
            _os.close(self._fd)
            if self._delete_name is not None:
                try:
                    _os.unlink(self._delete_name)
                except OSError:
                    pass

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def __repr__(self):
        return "<tempfile._TempFile name=%r mode=%r>" % (self.name, self.mode)


def _check_mode(mode):
    if mode not in ('w+b', 'w+', 'r+', 'r+b', 'wb+', 'rb+', 'w+t', 'wt+'):
        raise ValueError("pyheap's tempfile supports read-write modes only, "
                         "not %r" % (mode,))


def TemporaryFile(mode='w+b', buffering=-1, encoding=None, newline=None,
                  suffix=None, prefix=None, dir=None, *, errors=None):
    """An unnamed temporary file (unlinked at once)."""
    _check_mode(mode)
    fd, name = _mkstemp(suffix or '', template if prefix is None else prefix, dir)
    _os.unlink(name)
    return _TempFile(fd, fd, mode, encoding, None)


def NamedTemporaryFile(mode='w+b', buffering=-1, encoding=None, newline=None,
                       suffix=None, prefix=None, dir=None, delete=True, *,
                       errors=None):
    """A temporary file with a visible name, removed on close if delete."""
    _check_mode(mode)
    fd, name = _mkstemp(suffix or '', template if prefix is None else prefix, dir)
    return _TempFile(fd, name, mode, encoding, name if delete else None)
