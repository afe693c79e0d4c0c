# An unstarted coroutine that dies prints CPython's RuntimeWarning (once per
# message and line); a closed or awaited one does not.
import sys


class Stderr:
    # The warning names this file by its full path; print it portably.
    def write(self, s):
        sys.stdout.write(s.replace(__file__, "<this file>"))

    def flush(self):
        pass


sys.stderr = Stderr()


async def job(n):
    return n


def make(n):
    return job(n)


job(1)
print("after first")
for i in range(3):
    job(i)
print("after loop")
c = job(2)
c.close()
del c
print("closed one: no warning")


async def main():
    await job(3)
    make(4)
    print("inside main")


try:
    main().send(None)
except StopIteration:
    pass
x = job(5)
del x
print("end")
