"""The JSON parser behind `json.loads` (see `_Parser.value`).

Invariant: every parse method takes the index where its token starts and
leaves `self.pos` just past it; errors report the index CPython reports.
"""

_WS = ' \t\n\r'
_ESCAPES = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f',
            'n': '\n', 'r': '\r', 't': '\t'}


class JSONDecodeError(ValueError):
    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        errmsg = '%s: line %d column %d (char %d)' % (msg, lineno, colno,
                                                      pos)
        ValueError.__init__(self, errmsg)
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


JSONDecodeError.__module__ = 'json.decoder'


class _Parser:
    def __init__(self, s, dec):
        self.s = s
        self.dec = dec
        self.pos = 0

    def skip(self, i):
        s = self.s
        while i < len(s) and s[i] in _WS:
            i += 1
        return i

    def err(self, msg, i):
        raise JSONDecodeError(msg, self.s, i)

    def value(self, i):
        s = self.s
        if i >= len(s):
            self.err('Expecting value', i)
        c = s[i]
        if c == '"':
            return self.string(i + 1)
        if c == '{':
            return self.obj(i + 1)
        if c == '[':
            return self.array(i + 1)
        for word, val in (('null', None), ('true', True), ('false', False)):
            if s.startswith(word, i):
                self.pos = i + len(word)
                return val
        for word in ('NaN', 'Infinity', '-Infinity'):
            if s.startswith(word, i):
                self.pos = i + len(word)
                if self.dec.parse_constant is not None:
                    return self.dec.parse_constant(word)
                return float(word.replace('Infinity', 'inf'))
        return self.number(i)

    def number(self, i):
        s, n, j = self.s, len(self.s), i
        if j < n and s[j] == '-':
            j += 1
        if j < n and s[j] == '0':
            j += 1
        elif j < n and '1' <= s[j] <= '9':
            while j < n and s[j].isdigit() and s[j] in '0123456789':
                j += 1
        else:
            self.err('Expecting value', i)
        is_float = False
        if j + 1 < n and s[j] == '.' and s[j + 1] in '0123456789':
            is_float = True
            j += 2
            while j < n and s[j] in '0123456789':
                j += 1
        if j < n and s[j] in 'eE':
            k = j + 1
            if k < n and s[k] in '+-':
                k += 1
            if k < n and s[k] in '0123456789':
                while k < n and s[k] in '0123456789':
                    k += 1
                is_float = True
                j = k
        self.pos = j
        text = s[i:j]
        if is_float:
            return self.dec.parse_float(text)
        return self.dec.parse_int(text)

    def string(self, i):
        s, n = self.s, len(self.s)
        start = i - 1
        out = []
        while True:
            j = i
            while j < n and s[j] != '"' and s[j] != '\\' and \
                    (s[j] >= ' ' or not self.dec.strict):
                j += 1
            out.append(s[i:j])
            if j >= n:
                self.err('Unterminated string starting at', start)
            c = s[j]
            if c == '"':
                self.pos = j + 1
                return ''.join(out)
            if c != '\\':
                self.err('Invalid control character at', j)
            if j + 1 >= n:
                self.err('Unterminated string starting at', start)
            e = s[j + 1]
            if e != 'u':
                if e not in _ESCAPES:
                    self.err('Invalid \\escape', j)
                out.append(_ESCAPES[e])
                i = j + 2
                continue
            code = self._hex4(j)
            i = j + 6
            if 0xd800 <= code <= 0xdbff and s.startswith('\\u', i):
                low = self._hex4(i)
                if 0xdc00 <= low <= 0xdfff:
                    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
                    i += 6
            out.append(chr(code))

    def _hex4(self, j):
        h = self.s[j + 2:j + 6]
        if len(h) != 4 or any(c not in '0123456789abcdefABCDEF' for c in h):
            self.err('Invalid \\uXXXX escape', j + 1)
        return int(h, 16)

    def obj(self, i):
        s = self.s
        pairs = []
        i = self.skip(i)
        if i < len(s) and s[i] == '}':
            self.pos = i + 1
            return self._finish_obj(pairs)
        while True:
            if i >= len(s) or s[i] != '"':
                self.err('Expecting property name enclosed in double quotes',
                         i)
            key = self.string(i + 1)
            i = self.skip(self.pos)
            if i >= len(s) or s[i] != ':':
                self.err("Expecting ':' delimiter", i)
            i = self.skip(i + 1)
            val = self.value(i)
            pairs.append((key, val))
            i = self.skip(self.pos)
            if i < len(s) and s[i] == '}':
                self.pos = i + 1
                return self._finish_obj(pairs)
            if i >= len(s) or s[i] != ',':
                self.err("Expecting ',' delimiter", i)
            i = self.skip(i + 1)

    def _finish_obj(self, pairs):
        if self.dec.object_pairs_hook is not None:
            return self.dec.object_pairs_hook(pairs)
        d = dict(pairs)
        if self.dec.object_hook is not None:
            return self.dec.object_hook(d)
        return d

    def array(self, i):
        s = self.s
        items = []
        i = self.skip(i)
        if i < len(s) and s[i] == ']':
            self.pos = i + 1
            return items
        while True:
            items.append(self.value(i))
            i = self.skip(self.pos)
            if i < len(s) and s[i] == ']':
                self.pos = i + 1
                return items
            if i >= len(s) or s[i] != ',':
                self.err("Expecting ',' delimiter", i)
            i = self.skip(i + 1)
