"""re for pyheap (str patterns): Pattern and Match over the `_re` engine
(the `regex` crate; no backreferences or lookaround).

Read Pattern._match first: the engine returns a flat tuple of character
spans (start0, end0, start1, end1, ...), -1 for groups that did not take
part, and Match slices the subject string with them."""

import _re

A = ASCII = 256
I = IGNORECASE = 2
L = LOCALE = 4
M = MULTILINE = 8
S = DOTALL = 16
U = UNICODE = 32
X = VERBOSE = 64
NOFLAG = 0


class error(Exception):
    def __init__(self, msg, pattern=None, pos=None):
        super().__init__(msg)
        self.msg = msg
        self.pattern = pattern
        self.pos = pos


class Match:
    __slots__ = ('re', 'string', 'pos', 'endpos', '_spans')

    def __init__(self, pattern, string, pos, endpos, spans):
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        self._spans = spans

    def _index(self, g):
        if isinstance(g, int) and not isinstance(g, bool):
            if 0 <= g <= self.re.groups:
                return g
        elif isinstance(g, str):
            i = self.re.groupindex.get(g)
            if i is not None:
                return i
        raise IndexError("no such group")

    def span(self, group=0):
        i = self._index(group)
        return (self._spans[2 * i], self._spans[2 * i + 1])

    def start(self, group=0):
        return self.span(group)[0]

    def end(self, group=0):
        return self.span(group)[1]

    def _get(self, i, default=None):
        a, b = self._spans[2 * i], self._spans[2 * i + 1]
        if a < 0:
            return default
        return self.string[a:b]

    def group(self, *groups):
        if not groups:
            return self._get(0)
        if len(groups) == 1:
            return self._get(self._index(groups[0]))
        return tuple(self._get(self._index(g)) for g in groups)

    def __getitem__(self, g):
        return self._get(self._index(g))

    def groups(self, default=None):
        return tuple(self._get(i, default) for i in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return {name: self._get(i, default)
                for name, i in self.re.groupindex.items()}

    @property
    def lastindex(self):
        best = None
        best_end = -1
        for i in range(1, self.re.groups + 1):
            e = self._spans[2 * i + 1]
            if self._spans[2 * i] >= 0 and e >= best_end:
                best, best_end = i, e
        return best

    @property
    def lastgroup(self):
        i = self.lastindex
        for name, j in self.re.groupindex.items():
            if j == i:
                return name
        return None

    @property
    def regs(self):
        return tuple(self.span(i) for i in range(self.re.groups + 1))

    def expand(self, template):
        return _expand(self.re, self, template)

    def __bool__(self):
        return True

    def __repr__(self):
        return "<re.Match object; span=%r, match=%r>" % (self.span(), self.group())


class Pattern:
    def __init__(self, pattern, flags):
        if isinstance(pattern, (bytes, bytearray)):
            raise NotImplementedError("pyheap's re supports str patterns only")
        if not isinstance(pattern, str):
            raise TypeError("first argument must be string or compiled pattern")
        try:
            self._h = _re.compile(pattern, flags)
        except ValueError as e:
            raise error(str(e), pattern) from None
        self.pattern = pattern
        self.flags = flags | UNICODE
        ngroups, names = _re.info(self._h)
        self.groups = ngroups
        self.groupindex = dict(names)

    def _match(self, string, pos, endpos, mode):
        if not isinstance(string, str):
            raise TypeError("expected string or bytes-like object, got %r"
                            % type(string).__name__)
        if endpos is None:
            endpos = len(string)
        spans = _re.search(self._h, string, pos, endpos, mode)
        if spans is None:
            return None
        return Match(self, string, pos, endpos, spans)

    def search(self, string, pos=0, endpos=None):
        return self._match(string, pos, endpos, 0)

    def match(self, string, pos=0, endpos=None):
        return self._match(string, pos, endpos, 1)

    def fullmatch(self, string, pos=0, endpos=None):
        return self._match(string, pos, endpos, 2)

    def finditer(self, string, pos=0, endpos=None):
        if not isinstance(string, str):
            raise TypeError("expected string or bytes-like object, got %r"
                            % type(string).__name__)
        if endpos is None:
            endpos = len(string)
        for spans in _re.find_all(self._h, string, pos, endpos):
            yield Match(self, string, pos, endpos, spans)

    def findall(self, string, pos=0, endpos=None):
        out = []
        for m in self.finditer(string, pos, endpos):
            if self.groups == 0:
                out.append(m.group())
            elif self.groups == 1:
                out.append(m._get(1, ''))
            else:
                out.append(m.groups(''))
        return out

    def split(self, string, maxsplit=0):
        out = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if maxsplit and n >= maxsplit:
                break
            a, b = m.span()
            out.append(string[last:a])
            out.extend(m.groups())
            last = b
            n += 1
        out.append(string[last:])
        return out

    def subn(self, repl, string, count=0):
        if callable(repl):
            fn = repl
        elif '\\' not in repl:
            fn = lambda m: repl
        else:
            fn = lambda m: _expand(self, m, repl)
        out = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if count and n >= count:
                break
            a, b = m.span()
            out.append(string[last:a])
            out.append(fn(m))
            last = b
            n += 1
        out.append(string[last:])
        return ''.join(out), n

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __repr__(self):
        text = "re.compile(%r" % (self.pattern,)
        names = []
        for name, bit in (('re.IGNORECASE', I), ('re.MULTILINE', M),
                          ('re.DOTALL', S), ('re.VERBOSE', X)):
            if self.flags & bit:
                names.append(name)
        if names:
            text += ", " + "|".join(names)
        return text + ")"


_ESCAPES = {'n': '\n', 't': '\t', 'r': '\r', 'f': '\f', 'v': '\v',
            'a': '\a', 'b': '\b', '\\': '\\'}


def _expand(pattern, m, template):
    """Expands \\1, \\g<1>, \\g<name> and the usual escapes in template."""
    out = []
    i = 0
    n = len(template)
    while i < n:
        c = template[i]
        if c != '\\' or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        d = template[i + 1]
        if d == 'g':
            j = template.find('>', i)
            if i + 2 >= n or template[i + 2] != '<' or j < 0:
                raise error("missing <", template, i)
            name = template[i + 3:j]
            idx = int(name) if name.isdigit() else pattern.groupindex.get(name)
            if idx is None or idx > pattern.groups:
                raise IndexError("unknown group name %r" % name)
            out.append(m._get(idx, ''))
            i = j + 1
        elif d.isdigit():
            j = i + 1
            while j < n and j < i + 3 and template[j].isdigit():
                j += 1
            idx = int(template[i + 1:j])
            if idx > pattern.groups:
                raise error("invalid group reference %d" % idx, template, i + 1)
            out.append(m._get(idx, ''))
            i = j
        elif d in _ESCAPES:
            out.append(_ESCAPES[d])
            i += 2
        elif d.isalpha():
            raise error("bad escape \\%s" % d, template, i)
        else:
            out.append('\\' + d)
            i += 2
    return ''.join(out)


_cache = {}
_MAXCACHE = 512


def _compile(pattern, flags):
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    key = (type(pattern), pattern, flags)
    p = _cache.get(key)
    if p is None:
        p = Pattern(pattern, flags)
        if len(_cache) >= _MAXCACHE:
            del _cache[next(iter(_cache))]
        _cache[key] = p
    return p


def compile(pattern, flags=0):
    return _compile(pattern, flags)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def purge():
    _cache.clear()


_SPECIAL = frozenset('()[]{}?*+-|^$\\.&~# \t\n\r\v\f')


def escape(pattern):
    if isinstance(pattern, str):
        return ''.join('\\' + c if c in _SPECIAL else c for c in pattern)
    return bytes(escape(pattern.decode('latin-1')), 'latin-1')
