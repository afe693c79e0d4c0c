"""os.path for pyheap (POSIX rules, str paths)."""

from posix import getcwd as _getcwd, _stat_kind

sep = '/'
curdir = '.'
pardir = '..'


def _fs(p):
    if not isinstance(p, (str, bytes)) and hasattr(type(p), '__fspath__'):
        p = type(p).__fspath__(p)
    if not isinstance(p, str):
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + type(p).__name__)
    return p


def join(a, *p):
    path = _fs(a)
    for b in p:
        b = _fs(b)
        if b.startswith('/'):
            path = b
        elif not path or path.endswith('/'):
            path += b
        else:
            path += '/' + b
    return path


def split(p):
    p = _fs(p)
    i = p.rfind('/') + 1
    head, tail = p[:i], p[i:]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head, tail


def basename(p):
    p = _fs(p)
    return p[p.rfind('/') + 1:]


def dirname(p):
    return split(p)[0]


def splitext(p):
    p = _fs(p)
    slash = p.rfind('/')
    dot = p.rfind('.')
    if dot > slash:
        i = slash + 1
        while i < dot:
            if p[i] != '.':
                return p[:dot], p[dot:]
            i += 1
    return p, ''


def isabs(p):
    return _fs(p).startswith('/')


def normpath(p):
    p = _fs(p)
    if p == '':
        return '.'
    initial = 0
    if p.startswith('/'):
        initial = 2 if (p.startswith('//') and not p.startswith('///')) else 1
    comps = []
    for c in p.split('/'):
        if c in ('', '.'):
            continue
        if c != '..' or (not initial and not comps) or (comps and comps[-1] == '..'):
            comps.append(c)
        elif comps:
            comps.pop()
    p = '/'.join(comps)
    if initial:
        p = '/' * initial + p
    return p or '.'


def abspath(p):
    p = _fs(p)
    if not p.startswith('/'):
        p = join(_getcwd(), p)
    return normpath(p)


def exists(p):
    try:
        return _stat_kind(_fs(p)) != 0
    except (TypeError, ValueError):
        return False


def isfile(p):
    return _stat_kind(_fs(p)) == 1


def isdir(p):
    return _stat_kind(_fs(p)) == 2


def normcase(p):
    return _fs(p)


def expanduser(p):
    p = _fs(p)
    if not p.startswith('~'):
        return p
    import os
    home = os.environ.get('HOME', '/')
    i = p.find('/')
    if i < 0:
        i = len(p)
    if i != 1:
        return p
    return (home.rstrip('/') or '/') + p[i:]
