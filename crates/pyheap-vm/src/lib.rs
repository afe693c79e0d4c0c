//! pyheap-vm: object types, the interpreter loop, builtins and modules,
//! running code units from pyheap-compiler on pyheap-mem's heap.
//!
//! Map (read in this order): `rt.rs` (errors, state) → `types.rs` (type
//! objects, registry, how to add builtins) → `objects/` (payloads) →
//! `ops.rs`/`attr.rs` (protocols) → `eval.rs` (the loop) → `typeobj.rs`
//! (classes) → `builtins.rs`, `modules/` (registration tables).
//! Entry points for the binary: [`run_file`], [`run_source`],
//! [`run_interactive`].
#![forbid(unsafe_code)]

pub mod attr;
pub mod budget;
pub mod builtins;
pub mod code;
pub mod containers;
pub mod eval;
pub mod exc;
pub mod frames;
pub mod gcapi;
pub mod gen;
pub mod hashing;
pub mod hooks;
pub mod import;
pub mod init;
pub mod iters;
pub mod methods;
pub mod modules;
pub mod objects;
pub mod ops;
pub mod reprs;
pub mod rt;
pub mod seq;
pub mod sizes;
pub mod strfmt;
pub mod traceback;
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
    if std::env::var("PYHEAP_GC_STRESS").is_ok_and(|v| v == "1") {
        pyheap_mem::gc::set_stress(true);
    }
    modules::sys::configure(argv, path0);
    let _ = import::import_module("sys");
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

/// Runs source as the `__main__` module; returns the exit code.
pub fn run_source(src: &str, filename: &str) -> i32 {
    let d = main_dict();
    if filename != "<string>" && filename != "<stdin>" {
        let _ = dict::set_str(&d, "__file__", pstr::new_str(filename));
    }
    // NOTE: `_arena` lives until the script finishes, like CPython's arena.
    let r = compile_source_with_arena(src, filename, Mode::Exec)
        .and_then(|(code, _arena)| eval::run_code(&code, &d, None));
    let code = match r {
        Ok(_) => 0,
        Err(e) => handle_uncaught(e),
    };
    finish();
    code
}

/// Flushes output at exit.
pub fn finish() {
    modules::sys::flush_stdout();
}

/// Runs a script file; returns the exit code.
pub fn run_file(path: &str) -> i32 {
    match std::fs::read(path) {
        Ok(bytes) => {
            let src = String::from_utf8_lossy(&bytes).to_string();
            // NOTE: like CPython 3.9+, `__file__`/`co_filename` of the main
            // script are absolute (not symlink-resolved).
            let abs = std::path::absolute(path)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| path.to_string());
            run_source(&src, &abs)
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

/// Interpreter finalisation (CPython's order, simplified): clear the
/// `__main__` namespace (names starting with one underscore first, as
/// `_PyModule_ClearDict`), collect cycles, flush output.
pub fn shutdown() {
    // atexit-time work first, as CPython's `atexit` hooks: weakref.finalize.
    modules::weakref::run_exit_finalizers();
    let mods = modules::sys::modules_dict();
    if let Some(m) = dict::get_str(&mods, "__main__") {
        if let Some(d) = objects::misc::module_dict(&m) {
            for pass in 0..2 {
                for k in dict::keys(&d) {
                    let name = pstr::as_str(&k).unwrap_or("").to_string();
                    if name == "__builtins__" {
                        continue;
                    }
                    let underscore = name.starts_with('_') && !name.starts_with("__");
                    if (pass == 0) == underscore {
                        let _ = dict::set_item(&d, k, types::none());
                    }
                }
            }
        }
    }
    let _ = pyheap_mem::gc::collect(2);
    finish();
}
