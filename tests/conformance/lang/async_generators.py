# Async generators: __anext__/asend/athrow/aclose, async comprehensions.
import sys
import types


def drive(c):
    try:
        while True:
            c.send(None)
    except StopIteration as e:
        return e.value


@types.coroutine
def pause(tag):
    got = yield tag
    return got


async def ticker(n):
    for i in range(n):
        got = await pause("tick%d" % i)
        yield i * 10, got
    print("  ticker done")


ag = ticker(2)
print(type(ag).__name__, ag.__name__, repr(ag))
print(hex(ticker.__code__.co_flags), ag.ag_running, ag.ag_await, type(ag.ag_frame).__name__)
print(ag.__aiter__() is ag, sys.getsizeof(ag) == sys.getsizeof(ticker(0)))
step = ag.__anext__()
print(type(step).__name__, step.send(None), ag.ag_running, type(ag.ag_await).__name__)
try:
    step.send("resumed")
except StopIteration as e:
    print("item", e.value)
try:
    step.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
step = ag.asend(None)
print(step.send(None))
try:
    step.send("again")
except StopIteration as e:
    print("item", e.value)
try:
    ag.__anext__().send(None)
except StopAsyncIteration:
    print("StopAsyncIteration")
try:
    ag.__anext__().send(None)
except StopAsyncIteration:
    print("StopAsyncIteration again")


async def numbers():
    try:
        yield 1
        yield 2
        yield 3
    finally:
        print("  numbers finally")


async def main():
    print([x async for x in numbers()])
    print({x: x * x async for x in numbers() if x != 2})
    gen = (x * 2 async for x in numbers())
    print(type(gen).__name__)
    print([y async for y in gen])
    async for x in numbers():
        if x == 2:
            break
        print("loop", x)
    else:
        print("no else")
    print([await pause_value(x) for x in range(3)])
    agen = numbers()
    print(await agen.__anext__())
    await agen.aclose()
    print("aclosed", agen.ag_frame)
    await agen.aclose()
    try:
        await agen.__anext__()
    except StopAsyncIteration:
        print("closed gen: StopAsyncIteration")
    agen = numbers()
    print(await agen.asend(None))
    try:
        await agen.athrow(ValueError("into gen"))
    except ValueError as e:
        print("athrow propagated", e)

    async def catcher():
        while True:
            try:
                yield "waiting"
            except KeyError:
                yield "caught KeyError"
    c = catcher()
    print(await c.__anext__())
    print(await c.athrow(KeyError))
    print(await c.__anext__())
    try:
        await c.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)

    async def stubborn():
        try:
            yield 1
        except GeneratorExit:
            yield 2
    s = stubborn()
    await s.__anext__()
    try:
        await s.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)

    async def bad_stop():
        raise StopAsyncIteration
        yield
    try:
        await bad_stop().__anext__()
    except RuntimeError as e:
        print("RuntimeError:", e)


async def pause_value(x):
    return x + 100


drive(main())
