# Compile-time errors of coroutine syntax (3.11's messages and positions).
sources = [
    "await x",
    "def f():\n    return await x",
    "def f():\n    lambda: await x",
    "async def f():\n    lambda: await x",
    "def f():\n    return [x async for x in y]",
    "def f():\n    return [await x for x in y]",
    "def f():\n    return (await x for x in y)",
    "async def f():\n    yield from x",
    "async def f():\n    yield 1\n    return 2",
    "async def f():\n    return 2\n    yield 1",
    "async def f():\n    yield 1\n    return",
    "def f():\n    async with x:\n        pass",
    "def f():\n    async for x in y:\n        pass",
    "async with x: pass",
    "async for x in y: pass",
    "def f():\n    return [[x async for x in y] for z in w]",
    "async def f():\n    return [[x async for x in y] for z in w]",
    "class C:\n    await x",
    "[x async for x in y]",
    "async def f():\n    def g():\n        await x",
    "async def f():\n    [(yield) for x in y]",
    "async def f():\n    return {k: await v for k, v in d}",
    "(x async for x in y)",
]
for src in sources:
    try:
        code = compile(src, "<case>", "exec")
    except SyntaxError as e:
        print("%-40r %s (line %s, %s-%s)" % (src, e.msg, e.lineno, e.offset,
                                              e.end_offset))
    else:
        print("%-40r compiles" % (src,))
