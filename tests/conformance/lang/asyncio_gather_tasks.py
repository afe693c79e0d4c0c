# gather (ordering, return_exceptions, failure), Queue, Event, Lock,
# Semaphore: output order follows CPython's FIFO ready queue. Only
# sleep(0) is used: timed sleeps made the order depend on machine load.
import asyncio


async def step(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)
    return name.upper()


async def fail(msg):
    await asyncio.sleep(0)
    raise ValueError(msg)


async def main():
    print(await asyncio.gather(step("a", 3), step("b", 1), step("c", 2)))
    print(await asyncio.gather())
    r = await asyncio.gather(fail("x"), step("d", 2), return_exceptions=True)
    print(r)
    try:
        await asyncio.gather(fail("first"), step("e", 3))
    except ValueError as e:
        print("gather raised", e)
    for _ in range(5):
        await asyncio.sleep(0)

    q = asyncio.Queue(maxsize=2)

    async def producer():
        for i in range(5):
            await q.put(i)
            print("put", i, q.qsize())
        await q.put(None)

    async def consumer(name):
        while True:
            item = await q.get()
            q.task_done()
            if item is None:
                break
            print(name, "got", item)
    await asyncio.gather(producer(), consumer("c1"))
    print("queue empty", q.empty())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")

    ev = asyncio.Event()

    async def waiter(i):
        print("waiting", i)
        await ev.wait()
        print("woke", i)
    tasks = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print("setting", ev.is_set())
    ev.set()
    await asyncio.gather(*tasks)

    lock = asyncio.Lock()

    async def critical(i):
        async with lock:
            print("enter", i, lock.locked())
            await asyncio.sleep(0)
            print("leave", i)
    await asyncio.gather(*(critical(i) for i in range(3)))
    print("lock free", not lock.locked())

    sem = asyncio.Semaphore(2)

    async def limited(i):
        async with sem:
            print("sem enter", i)
            await asyncio.sleep(0)
            print("sem leave", i)
    await asyncio.gather(*(limited(i) for i in range(4)))

    async def child(i):
        for _ in range(3 - i):
            await asyncio.sleep(0)
        print("child", i, "done")
        return i
    tasks = [asyncio.create_task(child(i)) for i in range(3)]
    done, pending = await asyncio.wait(tasks)
    print(sorted(t.result() for t in done), pending)


asyncio.run(main())
