# async with / async for: protocol order, unwinding, error messages.
def drive(c):
    try:
        while True:
            c.send(None)
    except StopIteration as e:
        return e.value


class Pause:
    def __await__(self):
        yield "pause"


class ACM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        print("enter", self.name)
        await Pause()
        return self.name.upper()

    async def __aexit__(self, typ, val, tb):
        print("exit", self.name, typ.__name__ if typ else None, val)
        await Pause()
        return self.suppress


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await Pause()
        return self.n


async def body():
    async with ACM("a") as a, ACM("b") as b:
        print("inside", a, b)
    async with ACM("s", suppress=True):
        raise KeyError("suppressed")
    print("after suppress")
    try:
        async with ACM("p"):
            raise ValueError("propagates")
    except ValueError as e:
        print("caught", e)
    async for i in Countdown(3):
        print("count", i)
    else:
        print("for-else")
    for_result = []
    async for i in Countdown(5):
        if i == 3:
            continue
        if i == 1:
            break
        for_result.append(i)
    print(for_result)
    print(await early_return())
    return "body done"


async def early_return():
    async for i in Countdown(10):
        async with ACM("r"):
            if i == 8:
                return "returned at %d" % i


print(drive(body()))


class NoAiter:
    pass


class BadAiter:
    def __aiter__(self):
        return 1


class BadAnext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 1


class OnlyEnter:
    async def __aenter__(self):
        pass


class SyncEnter:
    def __aenter__(self):
        return 1

    def __aexit__(self, *a):
        return 2


async def loop_over(obj):
    async for x in obj:
        pass


async def with_obj(obj):
    async with obj:
        pass


for obj in [NoAiter(), BadAiter(), BadAnext(), [1, 2]]:
    try:
        drive(loop_over(obj))
    except TypeError as e:
        print("TypeError:", e)
for obj in [NoAiter(), OnlyEnter(), SyncEnter(), open(__file__)]:
    try:
        drive(with_obj(obj))
    except TypeError as e:
        print("TypeError:", e)
