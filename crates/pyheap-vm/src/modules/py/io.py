"""A minimal `io` module: StringIO (in memory) and the open() alias."""

import builtins as _b

open = _b.open
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2


class UnsupportedOperation(OSError, ValueError):
    pass


class StringIO:
    def __init__(self, initial_value="", newline="\n"):
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError(f"initial_value must be str or None, not {type(initial_value).__name__}")
        self._value = initial_value
        self._pos = 0
        self.closed = False

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError(f"string argument expected, got '{type(s).__name__}'")
        v = self._value
        p = self._pos
        if p == len(v):
            self._value = v + s
        else:
            if p > len(v):
                v = v + "\0" * (p - len(v))
            self._value = v[:p] + s + v[p + len(s):]
        self._pos = p + len(s)
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def getvalue(self):
        self._check()
        return self._value

    def read(self, size=-1):
        self._check()
        v = self._value
        if size is None or size < 0:
            r = v[self._pos:]
        else:
            r = v[self._pos:self._pos + size]
        self._pos += len(r)
        return r

    def readline(self, size=-1):
        self._check()
        v = self._value
        i = v.find("\n", self._pos)
        end = len(v) if i < 0 else i + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        r = v[self._pos:end]
        self._pos = end
        return r

    def readlines(self):
        out = []
        while True:
            line = self.readline()
            if not line:
                return out
            out.append(line)

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            self._pos = pos
        elif whence == 1:
            self._pos += pos
        else:
            self._pos = len(self._value) + pos
        return self._pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        if size is None:
            size = self._pos
        self._value = self._value[:size]
        return size

    def flush(self):
        pass

    def close(self):
        self.closed = True

    def isatty(self):
        return False

    def readable(self):
        return True

    def writable(self):
        return True

    def seekable(self):
        return True

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()
        return False


class BytesIO:
    def __init__(self, initial_bytes=b""):
        self._value = bytes(initial_bytes)
        self._pos = 0
        self.closed = False

    def write(self, b):
        b = bytes(b)
        v = self._value
        self._value = v[:self._pos] + b + v[self._pos + len(b):]
        self._pos += len(b)
        return len(b)

    def getvalue(self):
        return self._value

    def read(self, size=-1):
        v = self._value
        r = v[self._pos:] if size is None or size < 0 else v[self._pos:self._pos + size]
        self._pos += len(r)
        return r

    def seek(self, pos, whence=0):
        self._pos = pos if whence == 0 else (self._pos + pos if whence == 1 else len(self._value) + pos)
        return self._pos

    def tell(self):
        return self._pos

    def close(self):
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()
        return False


TextIOWrapper = type(_b.open.__self__) if False else None
