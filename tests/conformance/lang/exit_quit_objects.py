# exit/quit are site's _sitebuiltins.Quitter objects.
import sys

print(repr(exit))
print(repr(quit))
print(str(exit))
print(type(exit).__name__, type(exit).__module__, type(quit) is type(exit))
print(exit.name, quit.name, exit.eof)
print(callable(exit))

for f, args in ((exit, ()), (quit, (3,)), (exit, ("bye",)), (quit, (None,))):
    try:
        f(*args)
    except SystemExit as e:
        print("SystemExit", repr(e.code), e.args)

# calling closes stdin (errors ignored)
class FakeIn:
    closed = False

    def close(self):
        self.closed = True


class BadIn:
    def close(self):
        raise ValueError("nope")


saved = sys.stdin
fake = FakeIn()
sys.stdin = fake
try:
    exit(0)
except SystemExit as e:
    print("closed", fake.closed, e.code)
sys.stdin = BadIn()
try:
    quit(5)
except SystemExit as e:
    print("bad stdin ignored", e.code)
sys.stdin = None
try:
    exit()
except SystemExit as e:
    print("no stdin", e.code)
sys.stdin = saved
try:
    exit(1, 2)
except TypeError as e:
    print("TypeError", e)
exit(7)
