# Helper module for shutdown_no_cycle_module.py (not a case).
import builtins

_made = []


class Noisy:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def make(n):
    o = Noisy(n)
    _made.append(o)
    return o


def count():
    return len(_made)


first = Noisy("module global first")
_private = Noisy("module _private")
last = Noisy("module global last")
builtins.stashed = Noisy("stashed in builtins")
