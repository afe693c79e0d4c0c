"""Pure-Python `string`: the character-class constants, `capwords`,
`Template` ($-substitution) and a basic `Formatter`.

Read `Template._scan` first: it walks the template once, yielding literal
text and placeholders (`$$`, `$name`, `${name}`, or an invalid `$`), so
`substitute` and `safe_substitute` differ only in how they treat missing
names and invalid placeholders.
"""

__all__ = ['ascii_letters', 'ascii_lowercase', 'ascii_uppercase',
           'capwords', 'digits', 'hexdigits', 'octdigits', 'printable',
           'punctuation', 'whitespace', 'Formatter', 'Template']

whitespace = ' \t\n\r\x0b\x0c'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


_ID_START = ascii_letters + '_'
_ID_CHARS = _ID_START + digits


class Template:
    delimiter = '$'
    braceidpattern = None
    flags = None

    def __init__(self, template):
        self.template = template

    def _scan(self):
        s, d = self.template, self.delimiter
        i, n, start = 0, len(s), 0
        while True:
            j = s.find(d, i)
            if j < 0:
                break
            k = j + len(d)
            if s.startswith(d, k):
                yield ('text', s[start:j] + d, None)
                i = start = k + len(d)
                continue
            if k < n and s[k] == '{':
                e = k + 1
                while e < n and s[e] in _ID_CHARS:
                    e += 1
                name = s[k + 1:e]
                if (name and name[0] in _ID_START and e < n
                        and s[e] == '}'):
                    yield ('text', s[start:j], None)
                    yield ('name', name, s[j:e + 1])
                    i = start = e + 1
                    continue
            elif k < n and s[k] in _ID_START:
                e = k
                while e < n and s[e] in _ID_CHARS:
                    e += 1
                yield ('text', s[start:j], None)
                yield ('name', s[k:e], s[j:e])
                i = start = e
                continue
            yield ('text', s[start:j], None)
            yield ('invalid', j, d)
            i = start = k
        yield ('text', s[start:], None)

    def _invalid(self, pos):
        lines = self.template[:pos].splitlines(keepends=True)
        if not lines:
            colno, lineno = 1, 1
        else:
            colno = pos - len(''.join(lines[:-1])) + 1
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d'
                         % (lineno, colno))

    def substitute(self, mapping=None, /, **kws):
        mapping = _merge(mapping, kws)
        out = []
        for kind, val, raw in self._scan():
            if kind == 'text':
                out.append(val)
            elif kind == 'name':
                out.append('%s' % (mapping[val],))
            else:
                self._invalid(val)
        return ''.join(out)

    def safe_substitute(self, mapping=None, /, **kws):
        mapping = _merge(mapping, kws)
        out = []
        for kind, val, raw in self._scan():
            if kind == 'text':
                out.append(val)
            elif kind == 'name':
                try:
                    out.append('%s' % (mapping[val],))
                except KeyError:
                    out.append(raw)
            else:
                out.append(raw)
        return ''.join(out)

    def is_valid(self):
        return all(kind != 'invalid' for kind, _, _ in self._scan())

    def get_identifiers(self):
        ids = []
        for kind, val, _ in self._scan():
            if kind == 'name' and val not in ids:
                ids.append(val)
        return ids


def _merge(mapping, kws):
    if mapping is None:
        return kws
    if kws:
        merged = dict(mapping)
        merged.update(kws)
        return merged
    return mapping


class Formatter:
    """A basic `string.Formatter`: fields `{name!conv:spec}` with automatic
    or explicit numbering and `.attr` / `[key]` lookups."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        out = []
        auto = 0
        for literal, field, spec, conv in self.parse(format_string):
            out.append(literal)
            if field is None:
                continue
            if field == '' or field[0] in '.[':
                field = str(auto) + field
                auto += 1
            obj, _ = self.get_field(field, args, kwargs)
            obj = self.convert_field(obj, conv)
            spec = self.vformat(spec, args, kwargs) if '{' in spec else spec
            out.append(self.format_field(obj, spec))
        return ''.join(out)

    def parse(self, format_string):
        s, i, n, lit = format_string, 0, len(format_string), []
        while i < n:
            c = s[i]
            if c in '{}' and i + 1 < n and s[i + 1] == c:
                lit.append(c)
                i += 2
            elif c == '}':
                raise ValueError("Single '}' encountered in format string")
            elif c == '{':
                depth, j = 1, i + 1
                while j < n and depth:
                    depth += {'{': 1, '}': -1}.get(s[j], 0)
                    j += 1
                if depth:
                    raise ValueError("expected '}' before end of string")
                body = s[i + 1:j - 1]
                field, _, spec = body.partition(':')
                field, _, conv = field.partition('!')
                yield ''.join(lit), field, spec, conv or None
                lit = []
                i = j
            else:
                lit.append(c)
                i += 1
        if lit:
            yield ''.join(lit), None, None, None

    def get_field(self, field_name, args, kwargs):
        j = 0
        while j < len(field_name) and field_name[j] not in '.[':
            j += 1
        first, rest = field_name[:j], field_name[j:]
        obj = self.get_value(int(first) if first.isdigit() else first,
                             args, kwargs)
        while rest:
            if rest[0] == '.':
                k = 1
                while k < len(rest) and rest[k] not in '.[':
                    k += 1
                obj = getattr(obj, rest[1:k])
            else:
                k = rest.index(']') + 1
                key = rest[1:k - 1]
                obj = obj[int(key) if key.isdigit() else key]
            rest = rest[k:]
        return obj, first

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == 's':
            return str(value)
        if conversion == 'r':
            return repr(value)
        if conversion == 'a':
            return ascii(value)
        raise ValueError('Unknown conversion specifier %s' % conversion)
