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
