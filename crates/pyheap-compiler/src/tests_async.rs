//! Unit tests of coroutine syntax: code flags, stack balance of the async
//! instruction sequences, and the compile-time errors (expected texts are
//! python3 3.11.7's stderr for the same file).

use crate::bytecode::{flags, Instruction as I};
use crate::constant::ConstValue;
use crate::{compile, CodeUnit, Mode};

fn compiled(src: &str) -> CodeUnit {
    match compile(src, "x.py", Mode::Exec) {
        Ok(c) => c,
        Err(e) => panic!("{src:?} failed: {}", e.format_cpython()),
    }
}

fn nested<'a>(code: &'a CodeUnit, name: &str) -> &'a CodeUnit {
    for c in &code.consts {
        if let ConstValue::Code(inner) = &c.value {
            if inner.name == name {
                return inner;
            }
        }
    }
    panic!("no code object {name}")
}

const ASYNC_SOURCES: &[&str] = &[
    "async def a(x):\n    return await x\n",
    "async def a(cm):\n    async with cm as c, cm:\n        return c\n",
    "async def a(it):\n    async for i in it:\n        if i:\n            continue\n        break\n    else:\n        pass\n",
    "async def a(it):\n    return [i async for i in it if i], {k: await v for k, v in it}\n",
    "async def a():\n    yield 1\n    await a()\n    g = (x async for x in a())\n",
    "async def a(xs):\n    for x in xs:\n        async with x as (p, q):\n            try:\n                await p\n            except E as e:\n                return e\n",
    "async def a(q, lock):\n    async with lock:\n        async for x in q:\n            async with lock:\n                yield [await y for y in x]\n",
];

#[test]
fn async_code_keeps_the_stack_balanced() {
    for src in ASYNC_SOURCES {
        let code = compiled(src);
        if let Err(e) = crate::optimize::check_stack(&code) {
            panic!("{e}\n{}", code.disassemble());
        }
    }
}

#[test]
fn async_code_flags_follow_cpython() {
    let m = compiled(
        "async def c():\n    await x\n\
         async def ag():\n    yield 1\n\
         async def lc():\n    return [i async for i in y]\n\
         def ge():\n    return (i async for i in y)\n",
    );
    let base = flags::CO_OPTIMIZED | flags::CO_NEWLOCALS;
    assert_eq!(nested(&m, "c").flags, base | flags::CO_COROUTINE);
    assert_eq!(nested(&m, "ag").flags, base | flags::CO_ASYNC_GENERATOR);
    let lc = nested(&m, "lc");
    assert_eq!(lc.flags, base | flags::CO_COROUTINE);
    let comp = nested(lc, "<listcomp>");
    assert_eq!(
        comp.flags,
        base | flags::CO_NESTED | flags::CO_COROUTINE,
        "an async list comprehension is a coroutine (0x93 in 3.11)"
    );
    // The comprehension is awaited where it is called.
    assert!(lc.instructions.contains(&I::GetAwaitable(0)));
    let ge = nested(&m, "ge");
    assert_eq!(
        ge.flags, base,
        "an async genexp does not make its function async"
    );
    let gx = nested(ge, "<genexpr>");
    assert_eq!(
        gx.flags,
        base | flags::CO_NESTED | flags::CO_ASYNC_GENERATOR
    );
    assert!(gx.instructions.contains(&I::AsyncGenWrap));
    assert!(gx.instructions.contains(&I::EndAsyncFor));
}

const ASYNC_SYNTAX_ERRORS: &[(&str, &str)] = &[
    ("await x\n", "  File \"x.py\", line 1\n    await x\n    ^^^^^^^\nSyntaxError: 'await' outside function"),
    ("def f():\n    return await x\n", "  File \"x.py\", line 2\n    return await x\n           ^^^^^^^\nSyntaxError: 'await' outside async function"),
    ("def f():\n    return [x async for x in y]\n", "  File \"x.py\", line 2\n    return [x async for x in y]\n           ^^^^^^^^^^^^^^^^^^^^\nSyntaxError: asynchronous comprehension outside of an asynchronous function"),
    ("async def f():\n    yield from x\n", "  File \"x.py\", line 2\n    yield from x\n    ^^^^^^^^^^^^\nSyntaxError: 'yield from' inside async function"),
    ("async def f():\n    yield 1\n    return 2\n", "  File \"x.py\", line 3\n    return 2\n    ^^^^^^^^\nSyntaxError: 'return' with value in async generator"),
    ("def f():\n    async with x:\n        pass\n", "  File \"x.py\", line 2\n    async with x:\n    ^^^^^^^^^^^^^\nSyntaxError: 'async with' outside async function"),
    ("def f():\n    async for x in y:\n        pass\n", "  File \"x.py\", line 2\n    async for x in y:\n    ^^^^^^^^^^^^^^^^^\nSyntaxError: 'async for' outside async function"),
    ("async def f():\n    def g():\n        await x\n", "  File \"x.py\", line 3\n    await x\n    ^^^^^^^\nSyntaxError: 'await' outside async function"),
];

#[test]
fn async_syntax_errors_print_like_cpython() {
    let mut failures = Vec::new();
    for (src, want) in ASYNC_SYNTAX_ERRORS {
        match compile(src, "x.py", Mode::Exec) {
            Ok(_) => failures.push(format!("{src:?}: compiled, want error")),
            Err(e) => {
                let got = e.format_cpython();
                if got != *want {
                    failures.push(format!("{src:?}:\n{got}\n--- want\n{want}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
