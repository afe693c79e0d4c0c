//! Source bytes → compile and run in pyheap-vm with an instruction budget
//! (`pyheap_vm::budget`: frame entries + backward jumps). A Python exception
//! is a normal outcome; a panic, abort or sanitizer report is a bug.
//!
//! Run with `-close_fd_mask=1` so the program's stdout is discarded. Inputs
//! that could act on the machine or the process (os, open, exit, signals,
//! recursion limits, huge allocations by repetition) are skipped: this
//! target looks for interpreter crashes, not for resource exhaustion.
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;
use pyheap_compiler::Mode;

static INIT: Once = Once::new();

const SKIP: &[&str] = &[
    "os",
    "open",
    "exit",
    "signal",
    "setrecursionlimit",
    "ctypes",
    "_testcapi",
    "input",
    "sleep",
    "**",
    "<<",
    "*=",
    "\\N",
    "set_int_max_str_digits",
    "tracemalloc",
    "gc.set_threshold",
    "setswitchinterval",
    "faulthandler",
    "subprocess",
    "shutil",
    "tempfile",
    "socket",
    "threading",
    "stdin",
];

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    if src.len() > 8192
        || SKIP.iter().any(|s| src.contains(s))
        || src.contains('*') && src.contains("range")
    {
        return;
    }
    INIT.call_once(|| {
        pyheap_vm::init_runtime(vec!["<fuzz>".into()], String::new());
        pyheap_vm::budget::set(u64::MAX);
        let _ = pyheap_vm::run_source("import sys\nsys.setrecursionlimit(120)\n", "<fuzz-init>");
    });
    let globals = pyheap_vm::objects::dict::new_dict();
    let _ = pyheap_vm::objects::dict::set_str(
        &globals,
        "__builtins__",
        pyheap_vm::builtins::builtins_module(),
    );
    let _ = pyheap_vm::objects::dict::set_str(
        &globals,
        "__name__",
        pyheap_vm::objects::str::new_str("__main__"),
    );
    pyheap_vm::budget::set(20_000);
    if let Ok(code) = pyheap_vm::compile_source(src, "<fuzz>", Mode::Exec) {
        let _ = pyheap_vm::eval::run_code(&code, &globals, None);
    }
    pyheap_vm::budget::set(u64::MAX);
    pyheap_vm::objects::dict::clear(&globals);
});
