//! pyheap-vm: object types, the interpreter loop, builtins and modules,
//! running code units from pyheap-compiler on pyheap-mem's heap.
//!
//! Map (read in this order): `rt.rs` (errors, state) → `types.rs` (type
//! objects, registry, how to add builtins) → `objects/` (payloads) →
//! `ops.rs`/`attr.rs` (protocols; `typecache.rs` is the type attribute
//! cache behind `types::lookup`) → `eval.rs` (the loop; its fast paths in
//! `callfast.rs` and `fastops.rs`) → `typeobj.rs`
//! (classes) → `builtins.rs`, `modules/` (registration tables).
//! Entry points for the binary: [`run_file`], [`run_source`],
//! [`run_interactive`].
#![forbid(unsafe_code)]

pub mod async_gen;
pub mod attr;
pub mod attrcache;
pub mod budget;
pub mod builtincall;
pub mod builtins;
pub mod callfast;
pub mod class_assign;
pub mod code;
pub mod containers;
pub mod coro;
pub mod docstrings;
pub mod eval;
pub mod exc;
pub mod exc_group;
pub mod exc_oserror;
pub mod fastops;
pub mod frame_objects;
pub mod frames;
pub mod gcapi;
pub mod gen;
pub mod hashing;
pub mod hooks;
pub mod import;
pub mod init;
pub mod interactive;
pub mod iter_protocol;
pub mod iters;
pub mod length_hint;
pub mod methods;
pub mod modules;
pub mod objects;
pub mod ops;
pub mod pattern_ops;
pub mod reprs;
pub mod room;
pub mod rt;
mod script_text;
pub mod seq;
pub mod shutdown;
pub mod sizes;
pub mod slice_big;
pub mod strfmt;
pub mod traceback;
pub mod typecache;
pub mod typeobj;
pub mod types;
pub mod values;

use pyheap_compiler::Mode;

use crate::objects::{dict, str as pstr};
use crate::rt::{Obj, PyErr, PyResult};
use crate::types::t;

/// Compiles source text into a code object; compile errors become
/// `SyntaxError` (or subclass) exceptions.
pub fn compile_source(src: &str, filename: &str, mode: Mode) -> PyResult<Obj> {
    rt::remember_source(filename, src);
    match pyheap_compiler::compile(src, filename, mode) {
        Ok(unit) => Ok(code::code_from_unit(&unit)),
        Err(e) => Err(syntax_error(&e)),
    }
}

/// [`compile_source`] for a module read from the file `filename` (its
/// long-line syntax errors show as CPython's, see `script_text`).
pub fn compile_module_file(src: &str, filename: &str) -> PyResult<Obj> {
    rt::remember_source(filename, src);
    match pyheap_compiler::compile(src, filename, Mode::Exec) {
        Ok(unit) => Ok(code::code_from_unit(&unit)),
        Err(mut e) => {
            script_text::long_line_chunk(&mut e, src);
            Err(syntax_error(&e))
        }
    }
}

/// [`compile_source`] for a main script or an `exec`/`eval` of a string:
/// also returns the "AST arena" references the caller holds until the
/// top-level execution finishes (see [`code::code_from_unit_with_arena`]).
pub fn compile_source_with_arena(
    src: &str,
    filename: &str,
    mode: Mode,
) -> PyResult<(Obj, Vec<Obj>)> {
    rt::remember_source(filename, src);
    match pyheap_compiler::compile(src, filename, mode) {
        Ok(unit) => Ok(code::code_from_unit_with_arena(&unit)),
        Err(e) => Err(syntax_error(&e)),
    }
}

fn syntax_error(e: &pyheap_compiler::CompileError) -> PyErr {
    let tt = t();
    let ty = tt
        .exc_table
        .iter()
        .find(|(n, _)| *n == e.kind.class_name())
        .map(|(_, o)| o.clone())
        .unwrap_or_else(|| tt.syntax_error.clone());
    if !types::is_subtype(&ty, &tt.syntax_error) {
        // e.g. "RecursionError: maximum recursion depth exceeded during
        // compilation": an ordinary exception, without location details.
        // A bare MemoryError (the parser's stack limit) has no arguments.
        let args = if e.message.is_empty() {
            Vec::new()
        } else {
            vec![pstr::new_str(&e.message)]
        };
        return PyErr {
            exc: exc::new_exc(&ty, args),
        };
    }
    let none = types::none;
    let info = objects::tuple::new_tuple(vec![
        pstr::new_str(&e.filename),
        objects::int::new_int(e.line as i64),
        objects::int::new_int(e.offset as i64),
        e.text
            .as_ref()
            .map(|s| pstr::new_string(format!("{s}\n")))
            .unwrap_or_else(none),
        objects::int::new_int(e.end_line as i64),
        objects::int::new_int(e.end_offset as i64),
    ]);
    PyErr {
        exc: exc::new_exc(&ty, vec![pstr::new_str(&e.message), info]),
    }
}

/// Start-up: registry, GC hooks, `sys`, `builtins`, `__main__`.
pub fn init_runtime(argv: Vec<String>, path0: String) {
    let _ = t();
    hooks::install();
    modules::signal::install_startup_handlers();
    if std::env::var("PYHEAP_GC_STRESS").is_ok_and(|v| v == "1") {
        pyheap_mem::gc::set_stress(true);
    }
    modules::sys::configure(argv, path0);
    if let Ok(sys) = import::import_module("sys") {
        if let Err(e) = modules::sys_flags::install(&sys) {
            eprint!("{}", traceback::format_exception(&e.exc));
        }
    }
    let _ = main_dict();
    if let Err(e) = builtins::install_quitters() {
        eprint!("{}", traceback::format_exception(&e.exc));
    }
    calibrate_gc();
    shutdown::after_init();
}

/// CPython 3.11.7's collector state when `__main__` starts (`python3
/// script.py`: `gc.get_count()` is `(249, 0, 2)`, start-up objects already
/// in the oldest generation).
const STARTUP_GC_COUNT: (usize, usize, usize) = (249, 0, 2);

/// Puts the collector where CPython's is when a program starts.
///
/// NOTE: pyheap's start-up allocates a different number of container
/// objects than CPython's (no `site`, no importlib), so without this the
/// program's first automatic collections (gen-0 threshold 700) would come
/// at other allocations than in CPython, changing which generation each
/// object is in and so the order finalizers run in at collection and at
/// shutdown. A generation-1 collection moves the start-up objects to the
/// oldest generation, as CPython's start-up collections do; then the
/// counts are set to CPython's.
fn calibrate_gc() {
    let _ = pyheap_mem::gc::collect(1);
    let (c0, c1, c2) = STARTUP_GC_COUNT;
    pyheap_mem::gc::set_count(c0, c1, c2);
}

/// Declares the interpreter thread's native stack size (call first thing
/// on that thread): deep recursion then raises `RecursionError` before the
/// stack runs out (see [`rt::set_native_stack`]).
pub fn set_native_stack(size: usize) {
    rt::set_native_stack(size);
}

/// `-X heaplimit=SIZE`: bounds the bytes the heap obtains from the system;
/// allocations beyond it raise `MemoryError` (see `pyheap_mem::alloc`).
///
/// NOTE: the limit is soft (`pyheap_mem::alloc::set_soft_limit`): most
/// object constructors cannot report failure, so a small allocation beyond
/// the limit succeeds and `MemoryError` is raised at the next backward jump
/// of the interpreter loop; requests over 1 GiB beyond it fail at once.
pub fn set_heap_limit(bytes: Option<usize>) {
    pyheap_mem::alloc::set_heap_limit(bytes);
    pyheap_mem::alloc::set_soft_limit(bytes.is_some());
}

/// `sys._xoptions` from the command line's `-X name[=value]` options
/// (`True` for a name without a value), in order.
pub fn set_xoptions(opts: &[(String, Option<String>)]) {
    let d = dict::new_dict();
    for (k, v) in opts {
        let v = match v {
            Some(s) => pstr::new_str(s),
            None => types::py_bool(true),
        };
        let _ = dict::set_str(&d, k, v);
    }
    if let Ok(m) = modules::sys::sys_module() {
        let _ = modules::set_attr(&m, "_xoptions", d);
    }
}

/// The `__main__` module's dict.
pub fn main_dict() -> Obj {
    let mods = modules::sys::modules_dict();
    if let Some(m) = dict::get_str(&mods, "__main__") {
        if let Some(d) = objects::misc::module_dict(&m) {
            return d;
        }
    }
    let m = objects::misc::new_module("__main__");
    let _ = dict::set_str(&mods, "__main__", m.clone());
    let d = objects::misc::module_dict(&m).unwrap_or_else(dict::new_dict);
    let _ = dict::set_str(&d, "__builtins__", builtins::builtins_module());
    d
}

/// Outcome of running a program: the process exit code.
pub fn handle_uncaught(e: PyErr) -> i32 {
    let tt = t();
    if types::isinstance(&e.exc, &tt.system_exit) {
        let d = exc::exc_dict(&e.exc);
        let code = dict::get_str(&d, "code").unwrap_or_else(types::none);
        if types::is_none(&code) {
            return 0;
        }
        if let Some(n) = objects::int::as_i64(&code) {
            return n as i32;
        }
        let s = ops::str_string(&code).unwrap_or_default();
        modules::sys::write_stderr(&format!("{s}\n"));
        return 1;
    }
    traceback::print_exception(&e.exc);
    1
}

thread_local! {
    static UNHANDLED_KEYBOARD_INTERRUPT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the main program ended with an uncaught `KeyboardInterrupt`:
/// then, after finalisation, the process should die of SIGINT as CPython's
/// does (see [`exit_sigint`]).
pub fn unhandled_keyboard_interrupt() -> bool {
    UNHANDLED_KEYBOARD_INTERRUPT.with(|c| c.get())
}

/// Ends the process as killed by SIGINT (a shell sees status 130); exits
/// with 130 if the signal does not terminate it.
pub fn exit_sigint() -> ! {
    pyheap_mem::signals::die_of(2);
    std::process::exit(130)
}

/// Blocks asynchronous signals in the calling thread (the thread that
/// waits for the interpreter thread), so they interrupt the interpreter.
pub fn block_signals_in_this_thread() {
    pyheap_mem::signals::block_in_current_thread();
}

/// Runs source as the `__main__` module; returns the exit code.
pub fn run_source(src: &str, filename: &str) -> i32 {
    run_main(src, filename, false)
}

/// Runs `src` as `__main__`; `script` when it was read from the file
/// `filename` (its long-line syntax errors show as CPython's, see
/// `script_text`).
fn run_main(src: &str, filename: &str, script: bool) -> i32 {
    let d = main_dict();
    if filename != "<string>" && filename != "<stdin>" {
        let _ = dict::set_str(&d, "__file__", pstr::new_str(filename));
    }
    // NOTE: `_arena` lives until the script finishes, like CPython's arena.
    rt::remember_source(filename, src);
    let compiled = match pyheap_compiler::compile(src, filename, Mode::Exec) {
        Ok(unit) => Ok(code::code_from_unit_with_arena(&unit)),
        Err(mut e) => {
            if script {
                script_text::long_line_chunk(&mut e, src);
            }
            Err(syntax_error(&e))
        }
    };
    let r = compiled.and_then(|(code, _arena)| eval::run_code(&code, &d, None));
    let code = match r {
        Ok(_) => 0,
        Err(e) => {
            if types::isinstance(&e.exc, &t().keyboard_interrupt) {
                UNHANDLED_KEYBOARD_INTERRUPT.with(|c| c.set(true));
            }
            handle_uncaught(e)
        }
    };
    finish();
    code
}

/// Flushes output at exit.
pub fn finish() {
    modules::sys::flush_stdout();
}

/// A script's bytes as text, or CPython's error text for what its
/// tokenizer rejects before parsing: bytes that are not UTF-8 (PEP 263; a
/// `coding:` declaration other than UTF-8 is not supported) and NUL bytes.
fn source_text(bytes: &[u8], filename: &str) -> Result<String, String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if let Some(pos) = s.find('\0') {
                let line_no = s[..pos].matches('\n').count() + 1;
                let line = s.lines().nth(line_no - 1).unwrap_or("");
                let shown: String = line.split('\0').next().unwrap_or("").trim_start().into();
                return Err(format!(
                    "  File \"{filename}\", line {line_no}\n    {shown}\n\
                     SyntaxError: source code cannot contain null bytes\n"
                ));
            }
            Ok(s.to_string())
        }
        Err(e) => {
            let at = e.valid_up_to();
            let line_no = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            let byte = bytes.get(at).copied().unwrap_or(0);
            Err(format!(
                "SyntaxError: Non-UTF-8 code starting with '\\x{byte:02x}' in file {filename} \
                 on line {line_no}, but no encoding declared; see \
                 https://peps.python.org/pep-0263/ for details\n"
            ))
        }
    }
}

/// Runs a script file; returns the exit code.
pub fn run_file(path: &str) -> i32 {
    match std::fs::read(path) {
        Ok(bytes) => {
            let abs = std::path::absolute(path)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| path.to_string());
            let src = match source_text(&bytes, &abs) {
                Ok(s) => s,
                Err(msg) => {
                    modules::sys::write_stderr(&msg);
                    finish();
                    return 1;
                }
            };
            // NOTE: like CPython 3.9+, `__file__`/`co_filename` of the main
            // script are absolute (not symlink-resolved).
            run_main(&src, &abs, true)
        }
        Err(e) => {
            let exe = "pyheap";
            eprintln!(
                "{exe}: can't open file '{}': [Errno {}] {}",
                std::fs::canonicalize(path)
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|_| path.to_string()),
                e.raw_os_error().unwrap_or(2),
                if e.kind() == std::io::ErrorKind::NotFound {
                    "No such file or directory".to_string()
                } else {
                    e.to_string()
                }
            );
            2
        }
    }
}

/// Runs one complete interactive input (CPython's `PyRun_InteractiveOne`):
/// compiled with `Mode::Single` as its own code unit (so its constants are
/// not shared with other inputs) and run in `__main__`; expression results
/// go through the display hook. Exceptions are printed. Returns
/// `Some(exit code)` when the input raised `SystemExit`.
pub fn run_interactive(src: &str) -> Option<i32> {
    let d = main_dict();
    // NOTE: no `rt::remember_source`: like CPython, tracebacks of REPL
    // inputs show `File "<stdin>"` lines without source text.
    let r = match pyheap_compiler::compile(src, "<stdin>", Mode::Single) {
        Ok(unit) => {
            // NOTE: the arena lives until this input finishes, as CPython's
            // per-input arena in `PyRun_InteractiveOneObject`.
            let (code, _arena) = code::code_from_unit_with_arena(&unit);
            eval::run_code(&code, &d, None)
        }
        Err(e) => Err(syntax_error(&e)),
    };
    modules::sys::flush_stdout();
    match r {
        Ok(_) => None,
        Err(e) if types::isinstance(&e.exc, &t().system_exit) => Some(handle_uncaught(e)),
        Err(e) => {
            handle_uncaught(e);
            None
        }
    }
}

/// Interpreter finalisation in CPython's order (see [`shutdown::finalize`]).
pub fn shutdown() {
    shutdown::finalize();
}
