# Cancellation (with a message), as_completed, asyncio.timeout, shield,
# task names and reprs, run_in_executor.
import asyncio
import time

async def cancellable(name):
    try:
        print(name, "started")
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(name, "got cancelled", e.args)
        raise
    finally:
        print(name, "finally")

async def compute(x):
    await asyncio.sleep(0.01 * x)
    return x * x

async def main():
    t = asyncio.create_task(cancellable("t1"))
    await asyncio.sleep(0)
    t.cancel("stop it")
    try:
        await t
    except asyncio.CancelledError as e:
        print("main saw cancel", e.args)
    print(t.cancelled())
    start = time.monotonic()
    results = await asyncio.gather(*(compute(i) for i in range(5)))
    el = time.monotonic() - start
    print(results, 0.03 < el < 10)  # (upper bound loose: CI machines are busy)
    for coro in asyncio.as_completed([compute(3), compute(1), compute(2)]):
        print("as_completed", await coro)
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout ctx")
    t = asyncio.create_task(compute(1), name="sq")
    print(t.get_name())
    await t
    print(repr(t).replace(__file__, "<this file>"))
    async def inner():
        return asyncio.current_task().get_name()
    print(await asyncio.create_task(inner(), name="inner-task"))
    r = await asyncio.shield(compute(2))
    print("shield", r)
    loop = asyncio.get_running_loop()
    print(loop.is_running(), type(loop.time()).__name__)
    fut = loop.run_in_executor(None, sum, [1, 2, 3])
    print("executor", await fut)

asyncio.run(main())
