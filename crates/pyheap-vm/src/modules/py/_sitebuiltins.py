"""The `exit`/`quit` objects that CPython's `site` puts into builtins."""

import sys


class Quitter(object):
    def __init__(self, name, eof):
        self.name = name
        self.eof = eof

    def __repr__(self):
        return 'Use %s() or %s to exit' % (self.name, self.eof)

    def __call__(self, code=None):
        # Like CPython: close stdin first (an IDLE shell may be reading it);
        # any error doing so is ignored.
        try:
            sys.stdin.close()
        except:
            pass
        raise SystemExit(code)
