# Text files iterate line by line: for-loops, list(), next(), enumerate, zip.
import os

path = "/tmp/pyheap_text_file_iteration_%d.txt" % os.getpid()
with open(path, "w") as f:
    f.write("alpha\nbeta\n\ngamma")

with open(path) as f:
    print(iter(f) is f)
    for line in f:
        print(repr(line))

with open(path) as f:
    print(list(f))

with open(path) as f:
    print(repr(next(f)), repr(f.readline()), repr(next(f)))
    print([n for n, _ in enumerate(f)])
    try:
        next(f)
    except StopIteration:
        print("StopIteration at end")

with open(path) as f, open(path) as g:
    print([a == b for a, b in zip(f, g)])

print(sum(1 for _ in open(path)))
f = open(path)
f.close()
try:
    iter(f)
except ValueError as e:
    print("ValueError:", e)
os.remove(path)
