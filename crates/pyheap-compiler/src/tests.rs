//! Unit tests: `co_consts` against CPython 3.11.7 (expected strings were
//! obtained by running `compile(src, '<p>', mode).co_consts` in python3 and
//! rendering long str/bytes/tuples as `<type len N>` and code objects as
//! `<code NAME>`), constant sharing, disassembly sanity, syntax errors.

use crate::constant::{ConstValue, Constant};
use crate::{compile, CodeUnit, Mode};

fn render(c: &Constant) -> String {
    match &c.value {
        ConstValue::Str(s) if s.chars().count() > 20 => format!("<str len {}>", s.chars().count()),
        ConstValue::Bytes(b) if b.len() > 20 => format!("<bytes len {}>", b.len()),
        ConstValue::Tuple(t) if t.len() > 20 => format!("<tuple len {}>", t.len()),
        ConstValue::Code(code) => format!("<code {}>", code.name),
        _ => c.python_repr(),
    }
}

fn consts(code: &CodeUnit) -> String {
    let items: Vec<String> = code.consts.iter().map(render).collect();
    let comma = if items.len() == 1 { "," } else { "" };
    format!("({}{})", items.join(", "), comma)
}

fn compiled(src: &str, mode: Mode) -> CodeUnit {
    match compile(src, "<p>", mode) {
        Ok(c) => c,
        Err(e) => panic!("{src:?} failed: {}", e.format_cpython()),
    }
}

/// (source, mode, CPython 3.11.7 `co_consts`).
const CO_CONSTS: &[(&str, Mode, &str)] = &[
    ("24 * 60", Mode::Eval, "(1440,)"),
    (
        "(1, 2) * 5",
        Mode::Eval,
        "((1, 2, 1, 2, 1, 2, 1, 2, 1, 2),)",
    ),
    ("\"xyz\" * 4", Mode::Eval, "('xyzxyzxyzxyz',)"),
    ("'a' * 5000", Mode::Eval, "('a', 5000)"),
    ("'a' * 4096", Mode::Eval, "(<str len 4096>,)"),
    ("2 ** 64", Mode::Eval, "(18446744073709551616,)"),
    ("2 ** 65", Mode::Eval, "(2, 65)"),
    ("2 ** 128", Mode::Eval, "(2, 128)"),
    ("3 ** 40", Mode::Eval, "(12157665459056928801,)"),
    (
        "1 << 127",
        Mode::Eval,
        "(170141183460469231731687303715884105728,)",
    ),
    ("1 << 128", Mode::Eval, "(1, 128)"),
    (
        "(2**62) * (2**62)",
        Mode::Eval,
        "(21267647932558653966460912964485513216,)",
    ),
    ("(2**64) * (2**64)", Mode::Eval, "(18446744073709551616,)"),
    ("2 ** -1", Mode::Eval, "(0.5,)"),
    ("10 ** 38", Mode::Eval, "(10, 38)"),
    ("10 ** 39", Mode::Eval, "(10, 39)"),
    ("'ab' * 2048", Mode::Eval, "(<str len 4096>,)"),
    ("'ab' * 2049", Mode::Eval, "('ab', 2049)"),
    ("b'x' * 4096", Mode::Eval, "(<bytes len 4096>,)"),
    ("b'x' * 4097", Mode::Eval, "(b'x', 4097)"),
    ("(1,) * 256", Mode::Eval, "(<tuple len 256>,)"),
    ("(1,) * 257", Mode::Eval, "((1,), 257)"),
    ("(1, 2) * 128", Mode::Eval, "(<tuple len 256>,)"),
    ("(1, 2) * 129", Mode::Eval, "((1, 2), 129)"),
    ("((1, 2, 3),) * 200", Mode::Eval, "(<tuple len 200>,)"),
    (
        "((1, 2, 3, 4, 5),) * 200",
        Mode::Eval,
        "(((1, 2, 3, 4, 5),), 200)",
    ),
    ("'' * 10**9", Mode::Eval, "('',)"),
    ("'abc' * -1", Mode::Eval, "('abc', -1)"),
    ("(1,) * 0", Mode::Eval, "((),)"),
    ("x in [1, 2, 3]", Mode::Eval, "((1, 2, 3),)"),
    ("x not in {1, 2, 3}", Mode::Eval, "(frozenset({1, 2, 3}),)"),
    ("x in [a, b]", Mode::Eval, "()"),
    ("x in [1, *y]", Mode::Eval, "(1,)"),
    ("[1, 2, 3]", Mode::Eval, "((1, 2, 3),)"),
    ("{1, 2, 3}", Mode::Eval, "(frozenset({1, 2, 3}),)"),
    ("{1, 2}", Mode::Eval, "(1, 2)"),
    ("[1, 2]", Mode::Eval, "(1, 2)"),
    ("-5", Mode::Eval, "(-5,)"),
    ("- 1", Mode::Eval, "(-1,)"),
    ("~5", Mode::Eval, "(-6,)"),
    ("not 1", Mode::Eval, "(False,)"),
    ("+True", Mode::Eval, "(1,)"),
    ("1 + 2.5", Mode::Eval, "(3.5,)"),
    ("3 // 2", Mode::Eval, "(1,)"),
    ("7 % 3", Mode::Eval, "(1,)"),
    ("'%s' % 5", Mode::Eval, "('%s', 5)"),
    ("1 / 0", Mode::Eval, "(1, 0)"),
    ("1 < 2", Mode::Eval, "(1, 2)"),
    ("'abc'[1]", Mode::Eval, "('b',)"),
    ("(1, 2, 3)[0]", Mode::Eval, "(1,)"),
    ("'x' + 'y'", Mode::Eval, "('xy',)"),
    ("(1, 2) + (3,)", Mode::Eval, "((1, 2, 3),)"),
    ("__debug__", Mode::Eval, "(True,)"),
    ("1 if 1 else 2", Mode::Eval, "(1,)"),
    ("f'{1}'", Mode::Eval, "(1,)"),
    ("x[1:2]", Mode::Eval, "(1, 2)"),
    ("b'ab' + b'c'", Mode::Eval, "(b'abc',)"),
    ("2 ** 0.5", Mode::Eval, "(1.4142135623730951,)"),
    ("1 and 2", Mode::Eval, "(1, 2)"),
    ("{'a': 1, 'b': 2}", Mode::Eval, "(1, 2, ('a', 'b'))"),
    ("{'a': 1}", Mode::Eval, "('a', 1)"),
    ("f(a, b=1, c=2)", Mode::Eval, "(1, 2, ('b', 'c'))"),
    ("o.m(1, k=2)", Mode::Eval, "(1, 2, ('k',))"),
    (
        "(1, 2.5, 'x y', b'z', None, ...)",
        Mode::Eval,
        "((1, 2.5, 'x y', b'z', None, Ellipsis),)",
    ),
    ("-0.0", Mode::Eval, "(-0.0,)"),
    ("1e16", Mode::Eval, "(1e+16,)"),
    ("1.5j", Mode::Eval, "(1.5j,)"),
    ("-(1+2j)", Mode::Eval, "((-1-2j),)"),
    ("not (a is b)", Mode::Eval, "()"),
    ("a if 0 else b", Mode::Eval, "(0,)"),
    ("(-7) // 2", Mode::Eval, "(-4,)"),
    ("-7 % 3", Mode::Eval, "(2,)"),
    ("7.5 // 2", Mode::Eval, "(3.0,)"),
    ("-7.5 % 2", Mode::Eval, "(0.5,)"),
    ("2 ** 100 // 3", Mode::Eval, "(2, 100, 3)"),
    ("True + True", Mode::Eval, "(2,)"),
    ("True & False", Mode::Eval, "(False,)"),
    ("~True", Mode::Eval, "(-2,)"),
    ("'%d' % (1,)", Mode::Eval, "('%d', (1,))"),
    ("f'{x!r:>{w}}' + 'q'", Mode::Eval, "('>', 'q')"),
    ("f'a{x=}b'", Mode::Eval, "('ax=', 'b')"),
    (
        "[x for x in [1, 2]]",
        Mode::Eval,
        "(<code <listcomp>>, (1, 2))",
    ),
    ("1 < x < 3", Mode::Eval, "(1, 3)"),
    ("0.1 + 0.2", Mode::Eval, "(0.30000000000000004,)"),
    ("1e300 * 1e300", Mode::Eval, "(inf,)"),
    ("2 ** 1000", Mode::Eval, "(2, 1000)"),
    ("(1, (2, 3))[1]", Mode::Eval, "((2, 3),)"),
    ("x = 1\n", Mode::Exec, "(1, None)"),
    ("'mod doc'\nx = 1\n", Mode::Exec, "('mod doc', 1, None)"),
    (
        "x = 1\ny = 1.0\nz = True\nw = 1\n",
        Mode::Exec,
        "(1, 1.0, True, None)",
    ),
    (
        "a = 0.0\nb = -0.0\nc = 0.0\n",
        Mode::Exec,
        "(0.0, -0.0, None)",
    ),
    ("for i in [1, 2]: pass", Mode::Exec, "((1, 2), None)"),
    ("while True: pass", Mode::Exec, "(True,)"),
    ("if 0:\n    x = 5\n", Mode::Exec, "(0, 5, None)"),
    ("def f(): return 1\n", Mode::Exec, "(<code f>, None)"),
    (
        "import a.b.c as d\nfrom x import y, z\n",
        Mode::Exec,
        "(0, None, ('y', 'z'))",
    ),
    (
        "try:\n    pass\nexcept E as e:\n    pass\n",
        Mode::Exec,
        "(None,)",
    ),
    ("with a as b, c:\n    pass\n", Mode::Exec, "(None,)"),
    ("x: int = 5\n", Mode::Exec, "(5, 'x', None)"),
    ("del x", Mode::Exec, "(None,)"),
    ("assert x, 'msg'", Mode::Exec, "('msg', None)"),
    ("a, b = b, a", Mode::Exec, "(None,)"),
    ("a, *b = c", Mode::Exec, "(None,)"),
    (
        "class C(B, metaclass=M):\n    def f(self): return super().f()\n",
        Mode::Exec,
        "(<code C>, 'C', ('metaclass',), None)",
    ),
    (
        "x = 257\ndef f(): return 257\n",
        Mode::Exec,
        "(257, <code f>, None)",
    ),
    ("f(*a, **k)", Mode::Exec, "(None,)"),
    (
        "print(1, 2, sep='')",
        Mode::Exec,
        "(1, 2, '', ('sep',), None)",
    ),
    (
        "x += 1\nx.y -= 2\nx[0] *= 3\n",
        Mode::Exec,
        "(1, 2, 0, 3, None)",
    ),
    ("raise E from F", Mode::Exec, "(None,)"),
    ("global q\nq = 1", Mode::Exec, "(1, None)"),
    ("lambda: (yield)", Mode::Exec, "(<code <lambda>>, None)"),
    ("from __future__ import annotations\ndef f(x: int, *a: str) -> List[int]: pass\ny: Dict[str, int] = 5\n", Mode::Exec, "(0, ('annotations',), 'x', 'int', 'a', 'str', 'return', 'List[int]', <code f>, 5, 'Dict[str, int]', 'y', None, ('x', 'int', 'a', 'str', 'return', 'List[int]'))"),
    ("'%s and %r' % (a, b)", Mode::Eval, "(' and ',)"),
    ("'%5s|%-3s|%.2a' % (a, b, c)", Mode::Eval, "('>5', '|', '3', '.2')"),
    ("'%d' % (x,)", Mode::Eval, "('%d',)"),
    ("x is None or y is not None", Mode::Eval, "(None,)"),
    ("f(**k)", Mode::Eval, "((),)"),
    ("f(a, *b, c=1)", Mode::Eval, "('c', 1)"),
    ("def g(a, b=(1, 2), *, c=[3], d=None): pass\n", Mode::Exec, "((1, 2), 3, None, ('c', 'd'), <code g>, ((1, 2),))"),
    ("class C:\n    def __f(self): self.__x = 1\n", Mode::Exec, "(<code C>, 'C', None)"),
];

#[test]
fn co_consts_match_cpython() {
    let mut failures = Vec::new();
    for (src, mode, want) in CO_CONSTS {
        let got = consts(&compiled(src, *mode));
        if got != *want {
            failures.push(format!("{src:?}: got {got}, want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn nested<'a>(code: &'a CodeUnit, name: &str) -> &'a CodeUnit {
    for c in &code.consts {
        if let ConstValue::Code(inner) = &c.value {
            if inner.name == name {
                return inner;
            }
        }
    }
    panic!("no nested code {name}");
}

#[test]
fn function_co_consts_match_cpython() {
    // Probe 064 (CPython output hard-coded).
    let src = "def f1(): return 1\ndef f2():\n    \"doc\"\n    return 1\ndef f3(): pass\n\
               def f4():\n    \"only doc\"\ng = lambda: 1\ndef f5(x): return x in [1, 2, 3]\n\
               def f6(): return {\"a\": 1, \"b\": 2}\n";
    let m = compiled(src, Mode::Exec);
    let cases = [
        ("f1", "(None, 1)"),
        ("f2", "('doc', 1)"),
        ("f3", "(None,)"),
        ("f4", "('only doc', None)"),
        ("<lambda>", "(None, 1)"),
        ("f5", "(None, (1, 2, 3))"),
        ("f6", "(None, 1, 2, ('a', 'b'))"),
    ];
    for (name, want) in cases {
        assert_eq!(consts(nested(&m, name)), want, "{name}");
    }
    assert!(nested(&m, "f2").has_docstring);
    assert!(!nested(&m, "f1").has_docstring);
    // Probe 065 class bodies.
    let c = compiled("class C:\n    x = 1\n", Mode::Exec);
    assert_eq!(consts(nested(&c, "C")), "('C', 1, None)");
    let c = compiled("class C:\n    'cdoc'\n    x = 1\n", Mode::Exec);
    assert_eq!(consts(nested(&c, "C")), "('C', 'cdoc', 1, None)");
    // Probe 063: comprehension iterable folding.
    let c = compiled("[i for i in {3, 4}]", Mode::Eval);
    let non_code: Vec<String> = c
        .consts
        .iter()
        .filter(|k| !matches!(k.value, ConstValue::Code(_)))
        .map(render)
        .collect();
    assert_eq!(non_code, vec!["frozenset({3, 4})".to_string()]);
}

#[test]
fn equal_constants_share_one_id_across_the_unit() {
    let m = compiled(
        "a = 257\ndef f(): return 257\ndef g(): return (1, 2.5)\ndef h(): return (1, 2.5)\nb = 0.0\nc = -0.0\n",
        Mode::Exec,
    );
    let id_of = |code: &CodeUnit, repr: &str| {
        code.consts
            .iter()
            .find(|c| c.python_repr() == repr)
            .map(|c| c.id)
            .expect(repr)
    };
    assert_eq!(id_of(&m, "257"), id_of(nested(&m, "f"), "257"));
    assert_eq!(
        id_of(nested(&m, "g"), "(1, 2.5)"),
        id_of(nested(&m, "h"), "(1, 2.5)")
    );
    assert_ne!(id_of(&m, "0.0"), id_of(&m, "-0.0"));
    assert!(m.consts.iter().all(|c| c.id < m.unit_const_count));
    // Folded results take part: 10 ** 3 and 1000 are one constant.
    let m = compiled("x = 10 ** 3\ny = 1000\n", Mode::Exec);
    assert_eq!(consts(&m), "(1000, None)");
}

#[test]
fn identifier_like_strings_are_marked_for_interning() {
    let m = compiled("a = 'hello_world'\nb = 'hello world'\nc = ''\n", Mode::Exec);
    let marks: Vec<bool> = m.consts.iter().map(|c| c.value.should_intern()).collect();
    assert_eq!(marks, vec![true, false, true, false]);
}

/// (source, what CPython 3.11.7 prints when running it as file `x.py`).
const SYNTAX_ERRORS: &[(&str, &str)] = &[
    ("print('a'\n", "  File \"x.py\", line 1\n    print('a'\n         ^\nSyntaxError: '(' was never closed"),
    ("x = (1, 2\ny = 3\n", "  File \"x.py\", line 1\n    x = (1, 2\n        ^\nSyntaxError: '(' was never closed"),
    ("if x\n    pass\n", "  File \"x.py\", line 1\n    if x\n        ^\nSyntaxError: expected ':'"),
    ("def f(:\n    pass\n", "  File \"x.py\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax"),
    ("x = = 1\n", "  File \"x.py\", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax"),
    ("a b\n", "  File \"x.py\", line 1\n    a b\n      ^\nSyntaxError: invalid syntax"),
    ("print(a b)\n", "  File \"x.py\", line 1\n    print(a b)\n          ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?"),
    ("x = [1, 2)\n", "  File \"x.py\", line 1\n    x = [1, 2)\n             ^\nSyntaxError: closing parenthesis ')' does not match opening parenthesis '['"),
    ("x = 1)\n", "  File \"x.py\", line 1\n    x = 1)\n         ^\nSyntaxError: unmatched ')'"),
    ("if x:\npass\n", "  File \"x.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after 'if' statement on line 1"),
    ("def f():\nreturn 1\n", "  File \"x.py\", line 2\n    return 1\n    ^\nIndentationError: expected an indented block after function definition on line 1"),
    ("  x = 1\n", "  File \"x.py\", line 1\n    x = 1\nIndentationError: unexpected indent"),
    ("if x:\n    a = 1\n  b = 2\n", "  File \"x.py\", line 3\n    b = 2\n         ^\nIndentationError: unindent does not match any outer indentation level"),
    ("f() = 1\n", "  File \"x.py\", line 1\n    f() = 1\n    ^^^\nSyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?"),
    ("1 = x\n", "  File \"x.py\", line 1\n    1 = x\n    ^\nSyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?"),
    ("'abc\n", "  File \"x.py\", line 1\n    'abc\n    ^\nSyntaxError: unterminated string literal (detected at line 1)"),
    ("return 1\n", "  File \"x.py\", line 1\n    return 1\n    ^^^^^^^^\nSyntaxError: 'return' outside function"),
    ("break\n", "  File \"x.py\", line 1\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop"),
    ("def f():\n    global x\n    x = 1\n    global x\n", "  File \"x.py\", line 4\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is assigned to before global declaration"),
    ("def f(x):\n    global x\n", "  File \"x.py\", line 2\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is parameter and global"),
    ("nonlocal x\n", "  File \"x.py\", line 1\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: nonlocal declaration not allowed at module level"),
    ("def f():\n    nonlocal y\n", "  File \"x.py\", line 2\n    nonlocal y\n    ^^^^^^^^^^\nSyntaxError: no binding for nonlocal 'y' found"),
    ("f(x=1, x=2)\n", "  File \"x.py\", line 1\n    f(x=1, x=2)\n           ^^^\nSyntaxError: keyword argument repeated: x"),
    ("f(a=1, 2)\n", "  File \"x.py\", line 1\n    f(a=1, 2)\n            ^\nSyntaxError: positional argument follows keyword argument"),
    ("class A:\n    def f(self):\n        pass\n   x = 1\n", "  File \"x.py\", line 4\n    x = 1\n         ^\nIndentationError: unindent does not match any outer indentation level"),
    ("x = 1 +\n", "  File \"x.py\", line 1\n    x = 1 +\n           ^\nSyntaxError: invalid syntax"),
    ("for x in range(3)\n    pass\n", "  File \"x.py\", line 1\n    for x in range(3)\n                     ^\nSyntaxError: expected ':'"),
    ("while True\n    pass\n", "  File \"x.py\", line 1\n    while True\n              ^\nSyntaxError: expected ':'"),
    ("else:\n    pass\n", "  File \"x.py\", line 1\n    else:\n    ^^^^\nSyntaxError: invalid syntax"),
    ("type X = int\n", "  File \"x.py\", line 1\n    type X = int\n         ^\nSyntaxError: invalid syntax"),
    ("def f[T](x): pass\n", "  File \"x.py\", line 1\n    def f[T](x): pass\n         ^\nSyntaxError: expected '('"),
    ("x = f'{f'{1}'}'\n", "  File \"x.py\", line 1\n    x = f'{f'{1}'}'\n             ^\nSyntaxError: f-string: expecting '}'"),
    ("a, *b, *c = d\n", "  File \"x.py\", line 1\n    a, *b, *c = d\n    ^^^^^^^^^\nSyntaxError: multiple starred expressions in assignment"),
    ("del f()\n", "  File \"x.py\", line 1\n    del f()\n        ^^^\nSyntaxError: cannot delete function call"),
    ("yield 1\n", "  File \"x.py\", line 1\n    yield 1\n    ^^^^^^^\nSyntaxError: 'yield' outside function"),
    ("x = 5 if y\n", "  File \"x.py\", line 1\n    x = 5 if y\n        ^^^^^^\nSyntaxError: expected 'else' after 'if' expression"),
    ("import\n", "  File \"x.py\", line 1\n    import\n          ^\nSyntaxError: invalid syntax"),
    ("from x import\n", "  File \"x.py\", line 1\n    from x import\n                 ^\nSyntaxError: invalid syntax"),
    ("x += 1, 2 = 3\n", "  File \"x.py\", line 1\n    x += 1, 2 = 3\n              ^\nSyntaxError: invalid syntax"),
    ("def f(a, a): pass\n", "  File \"x.py\", line 1\n    def f(a, a): pass\n             ^\nSyntaxError: duplicate argument 'a' in function definition"),
    ("def f(a=1, b): pass\n", "  File \"x.py\", line 1\n    def f(a=1, b): pass\n               ^\nSyntaxError: non-default argument follows default argument"),
    ("try:\n    pass\n", "  File \"x.py\", line 2\n    pass\nSyntaxError: expected 'except' or 'finally' block"),
    ("print 'hello'\n", "  File \"x.py\", line 1\n    print 'hello'\n    ^^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?"),
    ("x = {1: 2, 3}\n", "  File \"x.py\", line 1\n    x = {1: 2, 3}\n               ^\nSyntaxError: ':' expected after dictionary key"),
    ("€ = 1\n", "  File \"x.py\", line 1\n    € = 1\n    ^\nSyntaxError: invalid character '€' (U+20AC)"),
    ("x = 0777\n", "  File \"x.py\", line 1\n    x = 0777\n        ^\nSyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
    ("if x = 1:\n    pass\n", "  File \"x.py\", line 1\n    if x = 1:\n       ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?"),
    ("while x = 1:\n    pass\n", "  File \"x.py\", line 1\n    while x = 1:\n          ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?"),
    ("x = 'abc\n", "  File \"x.py\", line 1\n    x = 'abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)"),
    ("s = \"\"\"abc\n", "  File \"x.py\", line 1\n    s = \"\"\"abc\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 1)"),
    ("f(**a, *b)\n", "  File \"x.py\", line 1\n    f(**a, *b)\n           ^\nSyntaxError: iterable argument unpacking follows keyword argument unpacking"),
    ("def f(*, **k): pass\n", "  File \"x.py\", line 1\n    def f(*, **k): pass\n          ^\nSyntaxError: named arguments must follow bare *"),
    ("class A\n    pass\n", "  File \"x.py\", line 1\n    class A\n           ^\nSyntaxError: expected ':'"),
    ("for i in range(3):\nprint(i)\n", "  File \"x.py\", line 2\n    print(i)\n    ^\nIndentationError: expected an indented block after 'for' statement on line 1"),
    ("x = [1, 2\n", "  File \"x.py\", line 1\n    x = [1, 2\n        ^\nSyntaxError: '[' was never closed"),
    ("d = {'a': 1\n", "  File \"x.py\", line 1\n    d = {'a': 1\n        ^\nSyntaxError: '{' was never closed"),
    ("print('hi'))\n", "  File \"x.py\", line 1\n    print('hi'))\n               ^\nSyntaxError: unmatched ')'"),
    ("foo(\n", "  File \"x.py\", line 1\n    foo(\n       ^\nSyntaxError: '(' was never closed"),
    ("import a.b as\n", "  File \"x.py\", line 1\n    import a.b as\n                 ^\nSyntaxError: invalid syntax"),
    ("x = 1 if True else\n", "  File \"x.py\", line 1\n    x = 1 if True else\n                      ^\nSyntaxError: invalid syntax"),
    ("def f():\n    return\n  x = 1\n", "  File \"x.py\", line 3\n    x = 1\n         ^\nIndentationError: unindent does not match any outer indentation level"),
    ("lambda x: yield\n", "  File \"x.py\", line 1\n    lambda x: yield\n              ^^^^^\nSyntaxError: invalid syntax"),
    ("a = 1 = 2\n", "  File \"x.py\", line 1\n    a = 1 = 2\n        ^\nSyntaxError: cannot assign to literal"),
    ("x = (1, 2,, 3)\n", "  File \"x.py\", line 1\n    x = (1, 2,, 3)\n              ^\nSyntaxError: invalid syntax"),
    ("True = 1\n", "  File \"x.py\", line 1\n    True = 1\n    ^^^^\nSyntaxError: cannot assign to True"),
    ("None = 1\n", "  File \"x.py\", line 1\n    None = 1\n    ^^^^\nSyntaxError: cannot assign to None"),
    ("def f(x, *, y, z=1, **k, a): pass\n", "  File \"x.py\", line 1\n    def f(x, *, y, z=1, **k, a): pass\n                             ^\nSyntaxError: arguments cannot follow var-keyword argument"),
    ("x = 5 +* 3\n", "  File \"x.py\", line 1\n    x = 5 +* 3\n           ^\nSyntaxError: invalid syntax"),
    ("try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n", "  File \"x.py\", line 3\n    except:\n    ^^^^^^^\nSyntaxError: default 'except:' must be last"),
    ("for x in 1, 2:\n    continue\nelse:\n    break\n", "  File \"x.py\", line 4\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop"),
    ("def f():\n    x = 1\n    nonlocal x\n", "  File \"x.py\", line 3\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: name 'x' is assigned to before nonlocal declaration"),
    ("f(x for x in y, 1)\n", "  File \"x.py\", line 1\n    f(x for x in y, 1)\n      ^^^^^^^^^^^^\nSyntaxError: Generator expression must be parenthesized"),
    ("x = 1\n  y = 2\n", "  File \"x.py\", line 2\n    y = 2\nIndentationError: unexpected indent"),
    ("	if x:\n        pass\n", "  File \"x.py\", line 1\n    if x:\nIndentationError: unexpected indent"),
    ("return\n", "  File \"x.py\", line 1\n    return\n    ^^^^^^\nSyntaxError: 'return' outside function"),
    ("class C:\n    return 1\n", "  File \"x.py\", line 2\n    return 1\n    ^^^^^^^^\nSyntaxError: 'return' outside function"),
    ("del x + 1\n", "  File \"x.py\", line 1\n    del x + 1\n        ^^^^^\nSyntaxError: cannot delete expression"),
    ("(a, b) += 1\n", "  File \"x.py\", line 1\n    (a, b) += 1\n    ^^^^^^\nSyntaxError: 'tuple' is an illegal expression for augmented assignment"),
    ("def f(a, b=1, /, c): pass\n", "  File \"x.py\", line 1\n    def f(a, b=1, /, c): pass\n                     ^\nSyntaxError: non-default argument follows default argument"),
    (
        "match x:\n    case y:\n        pass\n    case 1:\n        pass\n",
        "  File \"x.py\", line 2\n    case y:\n         ^\nSyntaxError: name capture 'y' makes remaining patterns unreachable",
    ),
    (
        "if x:\n        a = 1\n\tb = 2\n",
        "  File \"x.py\", line 3\n    b = 2\nTabError: inconsistent use of tabs and spaces in indentation",
    ),
];

#[test]
fn syntax_errors_print_like_cpython() {
    let mut failures = Vec::new();
    for (src, want) in SYNTAX_ERRORS {
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

/// Disassembly snapshots of tiny programs (reviewed by hand against the
/// CPython 3.11 shapes described in `bytecode.rs`).
const DISASSEMBLY: &[(&str, &str)] = &[
    (
        "def outer(a):\n    def inner(b):\n        return a + b\n    return inner\n",
        "   1    0 LoadConst 0 (<code object outer, file \"s.py\", line 1>)\n        1 MakeFunction(0)\n        2 StoreName 0 (outer)\n        3 LoadConst 1 (None)\n        4 ReturnValue\n\nDisassembly of outer:\n   2    0 LoadClosure 0 (a)\n        1 BuildTuple(1)\n        2 LoadConst 1 (<code object inner, file \"s.py\", line 2>)\n        3 MakeFunction(8)\n        4 StoreFast 1 (inner)\n   4    5 LoadFast 1 (inner)\n        6 ReturnValue\n\nDisassembly of outer.<locals>.inner:\n   3    0 LoadDeref 0 (a)\n        1 LoadFast 0 (b)\n        2 BinaryOp (+)\n        3 ReturnValue\n",
    ),
    (
        "try:\n    f()\nexcept E as e:\n    g(e)\n",
        "   1    0 SetupFinally(7)\n   2    1 PushNull\n        2 LoadName 0 (f)\n        3 Call(0)\n        4 PopTop\n        5 PopBlock\n        6 Jump(34)\n        7 SetupFinally(31)\n        8 PushExcInfo\n   3    9 LoadName 1 (E)\n       10 CheckExcMatch\n       11 PopJumpIfFalse(30)\n       12 StoreName 2 (e)\n       13 SetupFinally(26)\n   4   14 PushNull\n       15 LoadName 3 (g)\n       16 LoadName 2 (e)\n       17 Call(1)\n       18 PopTop\n       19 PopBlock\n       20 PopBlock\n       21 PopExcept\n       22 LoadConst 0 (None)\n       23 StoreName 2 (e)\n       24 DeleteName 2 (e)\n       25 Jump(34)\n       26 LoadConst 0 (None)\n       27 StoreName 2 (e)\n       28 DeleteName 2 (e)\n       29 Reraise\n       30 Reraise\n       31 Swap(2)\n       32 PopExcept\n       33 Reraise\n       34 LoadConst 0 (None)\n       35 ReturnValue\n",
    ),
    (
        "x = [i * 2 for i in range(3) if i]\n",
        "   1    0 LoadConst 0 (<code object <listcomp>, file \"s.py\", line 1>)\n        1 MakeFunction(0)\n        2 PushNull\n        3 LoadName 0 (range)\n        4 LoadConst 1 (3)\n        5 Call(1)\n        6 GetIter\n        7 Call(0)\n        8 StoreName 1 (x)\n        9 LoadConst 2 (None)\n       10 ReturnValue\n\nDisassembly of <listcomp>:\n   1    0 BuildList(0)\n        1 LoadFast 0 (.0)\n        2 ForIter(11)\n        3 StoreFast 1 (i)\n        4 LoadFast 1 (i)\n        5 PopJumpIfFalse(10)\n        6 LoadFast 1 (i)\n        7 LoadConst 0 (2)\n        8 BinaryOp (*)\n        9 ListAppend(2)\n       10 Jump(2)\n       11 ReturnValue\n",
    ),
    (
        "a, *b = c\nd[k] += 1\n",
        "   1    0 LoadName 0 (c)\n        1 UnpackEx { before: 1, after: 0 }\n        2 StoreName 1 (a)\n        3 StoreName 2 (b)\n   2    4 LoadName 3 (d)\n        5 LoadName 4 (k)\n        6 Copy(2)\n        7 Copy(2)\n        8 BinarySubscr\n        9 LoadConst 0 (1)\n       10 BinaryOp (+=)\n       11 Swap(3)\n       12 Swap(2)\n       13 StoreSubscr\n       14 LoadConst 1 (None)\n       15 ReturnValue\n",
    ),
];

#[test]
fn disassembly_snapshots() {
    for (src, want) in DISASSEMBLY {
        let got = compiled_as(src, "s.py", Mode::Exec).disassemble();
        assert_eq!(&got, want, "source:\n{src}\ngot:\n{got}");
    }
}

fn compiled_as(src: &str, filename: &str, mode: Mode) -> CodeUnit {
    match compile(src, filename, mode) {
        Ok(c) => c,
        Err(e) => panic!("{src:?} failed: {}", e.format_cpython()),
    }
}

#[test]
fn single_mode_prints_expression_statements() {
    use crate::bytecode::Instruction as I;
    for src in ["x + 1\n", "if x:\n    5\n", "x; 5\n"] {
        let code = compiled_as(src, "<stdin>", Mode::Single);
        let prints = code
            .instructions
            .iter()
            .filter(|i| matches!(i, I::PrintExpr))
            .count();
        assert_eq!(prints, if src.starts_with("x;") { 2 } else { 1 }, "{src}");
    }
    // Exec mode drops constant expression statements and pops others.
    let code = compiled_as("x + 1\n5\n", "<p>", Mode::Exec);
    assert!(!code.instructions.iter().any(|i| matches!(i, I::PrintExpr)));
}

#[test]
fn code_flags_and_cells_follow_cpython() {
    use crate::bytecode::flags;
    let m = compiled_as(
        "def g(a, *args, **kw):\n    yield a\n\
         class C:\n    def m(self):\n        return super().m()\n\
         def outer(x, y):\n    def inner():\n        return y + x\n    return inner\n",
        "<p>",
        Mode::Exec,
    );
    let g = nested(&m, "g");
    assert_eq!(
        g.flags,
        flags::CO_OPTIMIZED
            | flags::CO_NEWLOCALS
            | flags::CO_VARARGS
            | flags::CO_VARKEYWORDS
            | flags::CO_GENERATOR
    );
    let c = nested(&m, "C");
    assert_eq!(c.cellvars, vec!["__class__".to_string()]);
    assert_eq!(nested(c, "m").freevars, vec!["__class__".to_string()]);
    let outer = nested(&m, "outer");
    // Parameter cells keep parameter order (3.11), and map to their slots.
    assert_eq!(outer.cellvars, vec!["x".to_string(), "y".to_string()]);
    assert_eq!(outer.cell2arg, vec![Some(0), Some(1)]);
    let inner = nested(outer, "inner");
    assert_eq!(inner.freevars, vec!["x".to_string(), "y".to_string()]);
    assert_eq!(inner.qualname, "outer.<locals>.inner");
    assert_eq!(inner.flags & flags::CO_NESTED, flags::CO_NESTED);
}

#[test]
fn match_statements_compile_all_pattern_kinds() {
    use crate::bytecode::Instruction as I;
    let src = "match cmd:\n    case 1 | 2:\n        a()\n    case None:\n        b()\n    \
               case Color.RED as c if c:\n        d(c)\n    case x:\n        e(x)\n";
    let code = compiled_as(src, "<p>", Mode::Exec);
    assert_eq!(consts(&code), "(1, 2, None)");
    assert_eq!(
        code.names,
        ["cmd", "a", "b", "Color", "RED", "c", "d", "x", "e"]
    );
    let code = compiled_as(
        "match p:\n    case Point(1, y=0):\n        pass\n    case [a, *b]:\n        pass\n    \
         case {'k': v, **r}:\n        pass\n",
        "<p>",
        Mode::Exec,
    );
    for ins in [
        I::MatchClass(1),
        I::MatchSequence,
        I::MatchMapping,
        I::MatchKeys,
        I::GetLen,
        I::UnpackEx {
            before: 1,
            after: 0,
        },
    ] {
        assert!(code.instructions.contains(&ins), "{ins:?} missing");
    }
    assert!(consts(&code).contains("('y',)"));
    for (src, msg) in [
        (
            "match p:\n    case [a, a]:\n        pass\n",
            "multiple assignments to name 'a' in pattern",
        ),
        (
            "match p:\n    case a | [a, b]:\n        pass\n",
            "name capture 'a' makes remaining patterns unreachable",
        ),
        (
            "match p:\n    case [a] | [b]:\n        pass\n",
            "alternative patterns bind different names",
        ),
        (
            "match p:\n    case {1: a, True: b}:\n        pass\n",
            "mapping pattern checks duplicate key (True)",
        ),
    ] {
        match compile(src, "<p>", Mode::Exec) {
            Err(e) => assert!(format!("{e:?}").contains(msg), "{e:?}"),
            Ok(_) => panic!("{src} compiled"),
        }
    }
}

/// Tricky control flow: every path must agree on the stack depth.
const STACK_CASES: &[&str] = &[
    "def f(xs):\n    for x in xs:\n        try:\n            if x: return x\n            continue\n        finally:\n            print(x)\n    with cm() as c:\n        return c\n",
    "def g():\n    while True:\n        try:\n            break\n        except E as e:\n            return e\n        else:\n            continue\n        finally:\n            pass\n",
    "def h():\n    with a as b, c as d:\n        for i in b:\n            with d:\n                if i: break\n    try:\n        yield from x\n    except E:\n        pass\n",
    "def k():\n    try:\n        pass\n    finally:\n        for i in y:\n            try:\n                return i\n            finally:\n                continue\n",
    "x = [a for b in c for a in b if a if not b]\ny = {k: v for k, v in z}\nw = (q for q in r)\n",
    "def m(a):\n    match a:\n        case 1 | 2 as z if z:\n            return z\n        case None:\n            pass\n        case _:\n            return 0\n",
    "def p(v):\n    match v:\n        case [1, *r] | (r, 2):\n            return r\n        case {'a': [x, y], **kw} if x:\n            return kw\n        case C(a, b=[_, *_, z]) | D(b=a, z=z) as w:\n            return w\n        case [_, *_, ([q, u] as t) | {'k': u, 'q': q, 'j': t}]:\n            return u\n        case _ if v:\n            pass\n",
    "a, *b, c = d\na.b += 1\nc[1:2] = 3\ndel a.b, c[0]\nf(*a, **b, c=1)\nprint(f'{a!r:>{b}}', 1 < a < 3)\n",
];

#[test]
fn generated_code_keeps_the_stack_balanced() {
    for src in STACK_CASES {
        let code = compiled(src, Mode::Exec);
        if let Err(e) = crate::optimize::check_stack(&code) {
            panic!("{e}\n{}", code.disassemble());
        }
    }
}
