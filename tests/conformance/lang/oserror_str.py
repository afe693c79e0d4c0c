# str() of OSError: "[Errno N] strerror" plus filenames.
import os

print(OSError(22, 'Invalid argument'))
print(OSError(2, 'No such file', 'f.txt'))
print(OSError(2, 'No such file', 'f.txt', None, 'g'))
print(OSError(2, 'No such file', None))
print(OSError(2))
print(OSError('a', 'b', 'c', 'd', 'e', 'f'))
print(FileNotFoundError(2, 'x', b'p'))
print(repr(OSError(22, 'Invalid argument')))
try:
    os.close(987)
except OSError as e:
    print(e)
try:
    os.kill(os.getpid(), 99999)
except (OSError, OverflowError) as e:
    print(type(e).__name__, e)
