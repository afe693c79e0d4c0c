# Coroutine objects: the send/throw/close protocol, attributes, errors.
import sys
import types


async def double(x):
    return x * 2


async def chain():
    a = await double(1)
    b = await double(a)
    return a + b


def drive(c):
    try:
        while True:
            c.send(None)
    except StopIteration as e:
        return e.value


c = chain()
print(type(c).__name__, c.__name__, c.__qualname__, repr(c))
print(c.cr_running, c.cr_await, c.cr_code is chain.__code__, type(c.cr_frame).__name__)
print("result", drive(c))
print(c.cr_frame, c.cr_await)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
print(hex(double.__code__.co_flags), hex(chain.__code__.co_flags))
print(sys.getsizeof(double(1)) == sys.getsizeof(chain()), sys.getsizeof(chain()))


class Awaitable:
    def __await__(self):
        print("  suspending")
        got = yield "token"
        print("  resumed with", got)
        return got + 1


async def use_awaitable():
    v = await Awaitable()
    return v * 10


c = use_awaitable()
print("yielded", c.send(None))
print("cr_await", type(c.cr_await).__name__)
try:
    c.send(4)
except StopIteration as e:
    print("value", e.value)


@types.coroutine
def legacy():
    x = yield "legacy-yield"
    return x


async def uses_legacy():
    return await legacy()


c = uses_legacy()
print(c.send(None))
try:
    c.send("sent")
except StopIteration as e:
    print("legacy result", e.value)
print(hex(legacy.__code__.co_flags))

# throw and close
async def guarded():
    try:
        await Awaitable()
    except KeyError as e:
        print("  caught", repr(e))
        return "recovered"
    finally:
        print("  finally")


c = guarded()
c.send(None)
try:
    c.throw(KeyError("k"))
except StopIteration as e:
    print("after throw", e.value)
c = guarded()
c.send(None)
c.close()
print("closed", c.cr_frame)
c = double(3)
c.close()
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)

# error messages
async def await_int():
    await 5


try:
    drive(await_int())
except TypeError as e:
    print("TypeError:", e)


class BadAwait:
    def __await__(self):
        return 7


async def await_bad():
    await BadAwait()


try:
    drive(await_bad())
except TypeError as e:
    print("TypeError:", e)


async def raises_stop():
    raise StopIteration("x")


try:
    drive(raises_stop())
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)

try:
    for x in double(1):
        pass
except TypeError as e:
    print("TypeError:", e)


def gen_from_coro():
    yield from double(1)


try:
    next(gen_from_coro())
except TypeError as e:
    print("TypeError:", e)

c = double(1)
try:
    c.send(1)
except TypeError as e:
    print("TypeError:", e)
c.close()

w = chain().__await__()
print(type(w).__name__, iter(w) is w)
try:
    next(w)
except StopIteration as e:
    print("wrapper result", e.value)


async def reenter():
    inner = Awaitable()
    co = use_awaitable()
    co.send(None)
    try:
        await co
    except RuntimeError as e:
        print("RuntimeError:", e)
    co.close()


drive(reenter())
