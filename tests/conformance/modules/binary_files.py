# open() in binary mode: BufferedReader/BufferedWriter, bytes in and out.
import os

path = "/tmp/pyheap_binary_files_%d.bin" % os.getpid()
with open(path, "wb") as f:
    print(type(f).__name__, f.mode, f.closed, repr(f).replace(path, "PATH"))
    print(f.write(b"ab\ncd\n\xff\x00"), f.write(bytearray(b"tail")))
    try:
        f.write("text")
    except TypeError as e:
        print("TypeError:", e)
print(f.closed)

with open(path, "rb") as f:
    print(type(f).__name__, f.mode, repr(f).replace(path, "PATH"))
    print(f.read(3), f.readline(), f.read())
    print(f.read(), f.readline())

with open(path, "rb") as f:
    print(list(f))
with open(path, "rb") as f:
    print(f.readlines())
with open(path, "rb") as f:
    for line in f:
        print(type(line).__name__, len(line))

with open(path, "ab") as f:
    f.write(b"!")
with open(path, "rb") as f:
    data = f.read()
print(len(data), data[-5:])

with open(path, "w") as f:
    try:
        f.write(b"bytes")
    except TypeError as e:
        print("TypeError:", e)
os.remove(path)
