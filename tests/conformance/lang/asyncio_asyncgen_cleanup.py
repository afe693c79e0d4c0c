# Async generators left suspended under asyncio.run: the loop's
# sys.set_asyncgen_hooks finalizer schedules aclose() as a task (cleanup
# runs on a later loop iteration, not at the break), and asyncio.run's
# shutdown_asyncgens closes those still alive at the end.
import asyncio
import sys


async def agen(name):
    try:
        for i in range(5):
            yield i
            await asyncio.sleep(0)
    finally:
        print("cleanup", name)


async def other():
    for i in range(3):
        print("other", i)
        await asyncio.sleep(0)


kept = []


async def main():
    print("hooks set:", sys.get_asyncgen_hooks()[0] is not None)
    t = asyncio.create_task(other())
    async for x in agen("broken"):
        print("x", x)
        if x == 1:
            break
    print("after break")
    await t
    g = agen("kept")
    kept.append(g)
    print(await g.__anext__())
    print("main returns")


asyncio.run(main())
print("hooks restored:", sys.get_asyncgen_hooks()[0] is None)
print("done")
