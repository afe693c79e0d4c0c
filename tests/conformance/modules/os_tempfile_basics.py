# os and tempfile basics: paths, environ, descriptors (dup/dup2/close) and a
# temporary file that catches output written to fd 2.
import os
import os.path
import sys
import tempfile

print(os.sep, repr(os.linesep), os.name, os.path is sys.modules["os.path"])
print(os.path.join("a", "b", "c.txt"), os.path.join("a/", "/abs", "x"))
print(os.path.basename("/x/y/z.py"), os.path.dirname("/x/y/z.py"), os.path.split("a/b"))
print(os.path.splitext("f.tar.gz"), os.path.normpath("a//b/../c/./d"))
print(os.path.abspath("rel") == os.path.join(os.getcwd(), "rel"))
print(os.path.exists("/"), os.path.exists("/no/such/path"), os.path.isdir("/"))
print(isinstance(os.getpid(), int), len(os.urandom(8)), os.fspath("p"))
print("PATH" in os.environ, os.environ.get("NO_SUCH_VAR_X") is None)

with tempfile.TemporaryFile(mode="w+") as f:
    f.write("hello\n")
    f.seek(0)
    print(repr(f.read()))
    sys.stderr.flush()
    saved = os.dup(2)
    os.dup2(f.fileno(), 2)
    try:
        os.write(2, b"to fd 2\n")
    finally:
        os.dup2(saved, 2)
        os.close(saved)
    f.seek(0)
    print(f.read().splitlines())
print(f.closed)

with tempfile.NamedTemporaryFile("w+b") as g:
    g.write(b"bin")
    g.seek(0)
    print(g.read(), os.path.exists(g.name))
print(os.path.exists(g.name))
try:
    os.close(987654)
except OSError as e:
    print(type(e).__name__, e.errno)
