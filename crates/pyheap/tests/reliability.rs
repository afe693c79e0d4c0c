//! Reliability checks that need command-line options or compare two
//! interpreters (the conformance harness runs `interpreter case.py` only):
//! `-X heaplimit`, bad command lines and bad source files (pyheap's exit code
//! and last stderr line against `python3`'s when it is CPython 3.11).
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn pyheap() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_pyheap"))
}

struct Out {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run_in(bin: &Path, dir: &Path, args: &[&str]) -> Out {
    let out = Command::new(bin)
        .args(args)
        .current_dir(dir)
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::null())
        .output()
        .expect("run interpreter");
    Out {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pyheap-rel-{}-{name}", std::process::id()));
    let _ = std::fs::create_dir_all(&d);
    d
}

const FILL_CATCH_FREE: &str = r#"
import gc
chunks = []
try:
    while True:
        chunks.append([0] * 10000)
except MemoryError as e:
    print("caught", type(e).__name__, len(chunks) > 10)
total = sum(len(c) for c in chunks)
print("intact", total == 10000 * len(chunks), all(c[-1] == 0 for c in chunks))
del chunks
print("collected", gc.collect() >= 0)
again = [[i] * 10000 for i in range(20)]
print("allocated again", sum(x[0] for x in again))
d = {}
try:
    i = 0
    while True:
        d[i] = str(i)
        i += 1
except MemoryError:
    print("dict full", all(d[k] == str(k) for k in range(0, len(d), 997)))
d = None
try:
    x = "ab" * (10 ** 9)
except MemoryError:
    print("big repeat refused")
print("done", gc.collect() >= 0)
"#;

#[test]
fn heaplimit_memory_error_is_catchable_and_heap_stays_usable() {
    let dir = scratch("heaplimit");
    std::fs::write(dir.join("fill.py"), FILL_CATCH_FREE).expect("write");
    let o = run_in(&pyheap(), &dir, &["-X", "heaplimit=48M", "fill.py"]);
    assert_eq!(
        o.stdout,
        "caught MemoryError True\nintact True True\ncollected True\n\
         allocated again 190\ndict full True\nbig repeat refused\ndone True\n",
        "stderr: {}",
        o.stderr
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    // The same program under the leak census: nothing leaks after the errors.
    let o = Command::new(pyheap())
        .args(["-X", "heaplimit=48M", "fill.py"])
        .current_dir(&dir)
        .env("PYHEAP_LEAKCHECK", "1")
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("pyheap-leakcheck: program_objects=0 "),
        "{err}"
    );
}

#[test]
fn heaplimit_bad_values_are_clear_errors() {
    let dir = scratch("badlimit");
    for bad in [
        "heaplimit=",
        "heaplimit",
        "heaplimit=12x",
        "heaplimit=-5",
        "heaplimit=0",
    ] {
        let o = run_in(&pyheap(), &dir, &["-X", bad, "-c", "print(1)"]);
        assert_eq!(o.code, 2, "{bad}: {}", o.stderr);
        assert!(o.stdout.is_empty());
        assert!(
            o.stderr.starts_with("-X heaplimit: invalid size"),
            "{bad}: {}",
            o.stderr
        );
    }
    let o = run_in(
        &pyheap(),
        &dir,
        &["-Xheaplimit=1G", "-c", "import sys; print(sys._xoptions)"],
    );
    assert_eq!(o.stdout, "{'heaplimit': '1G'}\n", "{}", o.stderr);
}

const DEEP: &str = r#"
import sys
N = 10**6
class Node:
    def __init__(self, child):
        self.child = child
for kind in ["list", "dict", "tuple", "instance", "closure"]:
    x = None
    for _ in range(N):
        if kind == "list":
            x = [x]
        elif kind == "dict":
            x = {1: x}
        elif kind == "tuple":
            x = (x,)
        elif kind == "instance":
            x = Node(x)
        else:
            x = (lambda inner: (lambda: inner))(x)
    del x
    print("freed", kind)
def chain(g):
    yield from g
g = iter([1])
for _ in range(10**5):
    g = chain(g)
try:
    print(list(g))
except RecursionError as e:
    print("generator chain:", e)
del g
class R:
    def __init__(self, n): self.n = n
    def __repr__(self): return repr(self.n)
    def __eq__(self, o): return self.n == o.n
    def __hash__(self): return hash(self.n)
a = b = 0
for _ in range(10**5):
    a, b = R(a), R(b)
for what, fn in [("repr", lambda: repr(a)), ("eq", lambda: a == b), ("hash", lambda: hash(a))]:
    try:
        fn()
    except RecursionError:
        print(what, "RecursionError")
print("end")
"#;

/// 10**6-deep containers free without native recursion (the trashcan);
/// a 10**5-deep `yield from` chain (which crashes CPython 3.11) and deep
/// `__repr__`/`__eq__`/`__hash__` recursion raise RecursionError.
#[test]
fn deep_structures_and_chains_do_not_crash() {
    let dir = scratch("deep");
    std::fs::write(dir.join("deep.py"), DEEP).expect("write");
    let o = run_in(&pyheap(), &dir, &["deep.py"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stdout,
        "freed list\nfreed dict\nfreed tuple\nfreed instance\nfreed closure\n\
         generator chain: maximum recursion depth exceeded\n\
         repr RecursionError\neq RecursionError\nhash RecursionError\nend\n"
    );
}

/// Whether `python3` on this machine is CPython 3.11 (the oracle).
fn python311() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).starts_with("Python 3.11"))
}

/// Stderr with the interpreter's name before ": can't ..." replaced
/// (CPython prints its argv[0], pyheap its own) and usage lines dropped.
fn normalize(stderr: &str) -> String {
    stderr
        .lines()
        .map(|l| match l.find(": can't ") {
            Some(i) if !l[..i].contains(' ') => format!("<exe>{}", &l[i..]),
            _ => l.to_string(),
        })
        .filter(|l| !l.starts_with("usage: "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Bad command lines and bad scripts: pyheap's exit code and stderr equal
/// CPython 3.11's (interpreter name and usage line aside).
#[test]
fn bad_input_matches_cpython() {
    if !python311() {
        eprintln!("python3 is not CPython 3.11: bad-input comparison skipped");
        return;
    }
    let dir = scratch("badinput");
    std::fs::write(dir.join("nonutf8.py"), b"print('a')\n\xff\xfe = 1\n").expect("write");
    std::fs::write(dir.join("nul.py"), b"print('a')\x00\n").expect("write");
    let _ = std::fs::create_dir_all(dir.join("adir"));
    let cases: &[&[&str]] = &[
        &["missing.py"],
        &["adir"],
        &["nonutf8.py"],
        &["nul.py"],
        &["-c", "x = ("],
        &["-c", "1/0"],
        &["-c", "raise SystemExit(7)"],
        &["-c"],
        &["-X"],
        &["-Z"],
        &["--frobnicate"],
        &["-X", "int_max_str_digits=5", "missing.py"],
        &["-X", "int_max_str_digits=abc", "missing.py"],
        &["-Xint_max_str_digits", "missing.py"],
        &[
            "-X",
            "int_max_str_digits=0",
            "-c",
            "import sys; print(sys.flags.int_max_str_digits, sys.get_int_max_str_digits(), len(str(10**5000)))",
        ],
        &[
            "-X",
            "int_max_str_digits=700",
            "-c",
            "import sys; print(sys.flags.int_max_str_digits); int('1' * 701)",
        ],
        &["-c", "import sys; print(sys.flags)"],
        &["-q", "-c", "import sys; print(sys.flags.quiet, sys.flags.inspect)"],
    ];
    let py = PathBuf::from("python3");
    for args in cases {
        let want = run_in(&py, &dir, args);
        let got = run_in(&pyheap(), &dir, args);
        let w = normalize(&want.stderr);
        let g = normalize(&got.stderr);
        assert_eq!(
            (got.code, &got.stdout),
            (want.code, &want.stdout),
            "{args:?}: {g}"
        );
        // Tracebacks and messages: the last line always; whole stderr for
        // the start-up errors (no traceback with addresses involved).
        assert_eq!(
            g.lines().last(),
            w.lines().last(),
            "{args:?}\n{g}\n--- want\n{w}"
        );
        if !args.contains(&"-c") || args.len() == 1 {
            assert_eq!(g, w, "{args:?}");
        }
    }
}

/// `PYTHONINTMAXSTRDIGITS`: the limit and `sys.flags.int_max_str_digits`,
/// and CPython's fatal error for a bad value; `-X` wins over it.
#[test]
fn int_max_str_digits_environment_matches_cpython() {
    if !python311() {
        eprintln!("python3 is not CPython 3.11: comparison skipped");
        return;
    }
    let dir = scratch("intdigits");
    let probe = "import sys; print(sys.flags.int_max_str_digits, sys.get_int_max_str_digits())";
    let cases: &[(&str, &[&str])] = &[
        ("700", &["-c", probe]),
        ("0", &["-c", probe]),
        ("7", &["missing.py"]),
        ("x", &["missing.py"]),
        ("700", &["-X", "int_max_str_digits=800", "-c", probe]),
    ];
    for (value, args) in cases {
        let run = |bin: &Path| {
            let out = Command::new(bin)
                .args(*args)
                .current_dir(&dir)
                .env("PYTHONINTMAXSTRDIGITS", value)
                .stdin(Stdio::null())
                .output()
                .expect("run interpreter");
            (
                out.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stdout).into_owned(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        };
        assert_eq!(
            run(&pyheap()),
            run(Path::new("python3")),
            "{value} {args:?}"
        );
    }
}

/// ctypes reads at unmapped, freed and misaligned addresses: clear
/// exceptions or values read from the heap's own memory, never a crash.
#[test]
fn ctypes_bad_addresses_raise_clear_errors() {
    let dir = scratch("ctypes");
    let code = r#"
import ctypes
for addr in [0, 8, 0xdeadbeef, 2**47 - 8, -1]:
    try:
        ctypes.c_long.from_address(addr).value
        print("read", hex(addr))
    except ValueError as e:
        print("ValueError", "not inside pyheap's heap" in str(e))
class C: pass
c = C(); a = id(c); del c
print(type(ctypes.c_long.from_address(a).value).__name__)
print(type(ctypes.c_long.from_address(id([]) + 3).value).__name__)
for addr in [a, 12345, a + 1]:
    try:
        ctypes.cast(addr, ctypes.py_object).value
        print("object?")
    except ValueError as e:
        print("cast ValueError")
"#;
    std::fs::write(dir.join("ct.py"), code).expect("write");
    let o = run_in(&pyheap(), &dir, &["ct.py"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stdout,
        "ValueError True\nValueError True\nValueError True\nValueError True\nValueError True\n\
         int\nint\ncast ValueError\ncast ValueError\ncast ValueError\n"
    );
}

const HUGE_UNDER_LIMIT: &str = r#"
for src in ["[None]*(2**31)", "'a'*(2**31)", "bytes(2**31)", "'x'.ljust(2**31)",
            "'%*d' % (2**31, 1)", "list(range(2**28))", "1 << 2**31",
            "(1).to_bytes(2**31, 'big')"]:
    try:
        eval(src)
    except MemoryError:
        print("MemoryError", src)
print([1] * 3)
"#;

#[test]
fn heaplimit_refuses_huge_requests_before_touching_memory() {
    let dir = scratch("hugelimit");
    std::fs::write(dir.join("huge.py"), HUGE_UNDER_LIMIT).expect("write");
    let o = run_in(&pyheap(), &dir, &["-X", "heaplimit=64M", "huge.py"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout.matches("MemoryError").count(), 8, "{}", o.stdout);
    assert!(o.stdout.ends_with("[1, 1, 1]\n"), "{}", o.stdout);
}

/// Uncaught-exception tracebacks, `^`/`~` marker lines included, equal
/// CPython 3.11's for errors in subscripts (read, assigned, deleted),
/// binary operations, calls and attribute reads.
#[test]
fn traceback_markers_match_cpython() {
    if !python311() {
        eprintln!("python3 is not CPython 3.11: traceback comparison skipped");
        return;
    }
    let dir = scratch("tbmarkers");
    let scripts: &[&str] = &[
        "l = [1, 2]\nl[::-2] = [0, 0]\n",
        "l = [1, 2]\nl[5] = 0\n",
        "l = [1, 2]\ndel l[5]\n",
        "d = {}\nd['k']['j'] = 1\n",
        "d = {'k': {}}\ndel d['k']['j']\n",
        "l = [1, 2]\nprint(l[5])\n",
        "x = 'a'\nx += 1\n",
        "a, b = 1, 'b'\nprint(a + b)\n",
        "def f():\n    d = {}\n    d[1, 2] = d[3]\nf()\n",
        "class A:\n    def __setitem__(s, k, v):\n        1 / 0\na = A()\na [ 1 ] = 2\n",
        "x = None\nx.attr = 1\n",
        "x = None\nprint(len(x.attr))\n",
    ];
    for (i, src) in scripts.iter().enumerate() {
        let name = format!("tb{i}.py");
        std::fs::write(dir.join(&name), src).expect("write");
        let want = run_in(Path::new("python3"), &dir, &[&name]);
        let got = run_in(&pyheap(), &dir, &[&name]);
        assert_eq!(got.code, want.code, "{src}");
        assert_eq!(got.stderr, want.stderr, "{src}");
    }
}
