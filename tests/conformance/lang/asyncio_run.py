# asyncio.run, sleep (0 and real delays), tasks starting on the next loop
# iteration, futures, callbacks, cancellation, wait_for, loop queries.
import asyncio


async def worker(name, n, delay=0):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(delay)
    return name * 2


async def slow(result, delay):
    await asyncio.sleep(delay)
    return result


async def main():
    loop = asyncio.get_running_loop()
    t1 = asyncio.create_task(worker("a", 3))
    t2 = asyncio.create_task(worker("b", 2))
    print("created", t1.done(), t1.get_name().startswith("Task-"))
    await asyncio.sleep(0)
    print("after one sleep(0)")
    print(await t1, await t2, t1.result(), t1.done())
    fast = asyncio.create_task(slow("fast", 0.01))
    late = asyncio.create_task(slow("late", 0.03))
    print(await late, fast.done())
    try:
        await asyncio.wait_for(slow("never", 0.5), 0.01)
    except asyncio.TimeoutError as e:
        print("timeout", type(e).__name__, asyncio.TimeoutError is TimeoutError)
    print(await asyncio.wait_for(slow("in time", 0.01), 1))
    t = asyncio.create_task(slow("x", 1))
    await asyncio.sleep(0)
    print("cancel", t.cancel(), t.done())
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled", t.cancelled(), t.done())
    try:
        t.result()
    except asyncio.CancelledError:
        print("result() raises CancelledError")
    print(issubclass(asyncio.CancelledError, Exception))
    f = loop.create_future()
    f.add_done_callback(lambda fut: print("callback 1", fut.result()))
    f.add_done_callback(lambda fut: print("callback 2"))
    loop.call_soon(f.set_result, 42)
    print("awaiting future", f.done())
    print("future gave", await f)
    await asyncio.sleep(0)
    g = loop.create_future()
    try:
        g.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    g.set_exception(KeyError("bad"))
    try:
        await g
    except KeyError as e:
        print("future raised", repr(e))
    loop.call_later(0.01, print, "call_later ran")
    loop.call_soon(print, "call_soon ran")
    await asyncio.sleep(0.02)
    print(asyncio.current_task() is not None, len(asyncio.all_tasks()))
    print(asyncio.iscoroutinefunction(main), asyncio.iscoroutinefunction(print))
    c = worker("z", 0)
    print(asyncio.iscoroutine(c), asyncio.iscoroutine(main))
    await c
    return "main result"


print(asyncio.run(main()))
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError:", e)


async def boom():
    await asyncio.sleep(0)
    raise ValueError("from main")


try:
    asyncio.run(boom())
except ValueError as e:
    print("asyncio.run raised", e)
