//! `sys.flags` and the other struct sequences of `sys` (built by the frozen
//! `_structseq` module at start-up), and the int/str digit limit functions
//! `sys.get_int_max_str_digits` / `sys.set_int_max_str_digits`.
//!
//! The limit itself lives in `pyheap_compiler::limits` (literals are checked
//! against it at compile time).

use std::cell::Cell;

use crate::exc::{overflow, type_err, value_err};
use crate::objects::int::new_int;
use crate::objects::tuple;
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{none, py_bool};

/// What the command line and environment set in `sys.flags`.
#[derive(Debug, Clone, Copy)]
pub struct CliFlags {
    /// `-i`: `inspect` and `interactive`.
    pub inspect: bool,
    /// `-q`.
    pub quiet: bool,
    /// `-X int_max_str_digits` / `PYTHONINTMAXSTRDIGITS`; -1 when unset.
    pub int_max_str_digits: i64,
}

thread_local! {
    static FLAGS: Cell<CliFlags> = const {
        Cell::new(CliFlags { inspect: false, quiet: false, int_max_str_digits: -1 })
    };
}

/// Records the command line's flags (call before `init_runtime`); a set
/// `int_max_str_digits` becomes the conversion limit too.
pub fn set_cli_flags(f: CliFlags) {
    FLAGS.with(|c| c.set(f));
    if f.int_max_str_digits >= 0 {
        pyheap_compiler::limits::set_max_str_digits(f.int_max_str_digits as usize);
    }
}

/// The `sys.flags` field values, in CPython 3.11's order.
fn flag_values() -> Obj {
    let f = FLAGS.with(Cell::get);
    let hash_randomization = std::env::var("PYTHONHASHSEED").map_or(1, |v| i64::from(v != "0"));
    let i = |x: bool| new_int(i64::from(x));
    tuple::new_tuple(vec![
        new_int(0),   // debug
        i(f.inspect), // inspect
        i(f.inspect), // interactive
        new_int(0),   // optimize
        new_int(1),   // dont_write_bytecode (pyheap never writes any)
        new_int(0),   // no_user_site
        new_int(0),   // no_site
        new_int(0),   // ignore_environment
        new_int(0),   // verbose
        new_int(0),   // bytes_warning
        i(f.quiet),   // quiet
        new_int(hash_randomization),
        new_int(0),     // isolated
        py_bool(false), // dev_mode
        new_int(0),     // utf8_mode
        new_int(0),     // warn_default_encoding
        py_bool(false), // safe_path
        new_int(f.int_max_str_digits),
    ])
}

/// Builds `sys.flags`, `sys.version_info`, `sys.int_info`, `sys.hash_info`
/// and `sys.float_info` through the frozen `_structseq` module, which is not
/// left in `sys.modules`.
pub fn install(sys: &Obj) -> PyResult<()> {
    let m = crate::import::import_module("_structseq")?;
    let install = crate::attr::getattr(&m, &crate::objects::str::new_str("install"))?;
    let r = crate::ops::call(&install, vec![sys.clone(), flag_values()], Vec::new());
    let mods = super::sys::modules_dict();
    let _ = crate::objects::dict::del_item(&mods, &crate::objects::str::new_str("_structseq"));
    r.map(|_| ())
}

/// `sys.get_int_max_str_digits()`.
pub fn get_int_max_str_digits(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(crate::objects::int::new_int_usize(
        pyheap_compiler::limits::max_str_digits(),
    ))
}

/// `sys.set_int_max_str_digits(maxdigits)`.
pub fn set_int_max_str_digits(a: Vec<Obj>, k: Kw) -> PyResult<Obj> {
    if a.len() > 1 {
        return Err(type_err(&format!(
            "set_int_max_str_digits() takes at most 1 argument ({} given)",
            a.len()
        )));
    }
    let v = a
        .first()
        .cloned()
        .or_else(|| crate::builtins::kwarg(&k, "maxdigits"))
        .ok_or_else(|| {
            type_err("set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)")
        })?;
    let n = crate::ops::index(&v)?;
    let n = match crate::objects::int::int_value(&n) {
        Some(crate::objects::int::IntV::S(x)) if i32::try_from(x).is_ok() => x,
        _ => return Err(overflow("Python int too large to convert to C int")),
    };
    let ok = usize::try_from(n)
        .ok()
        .is_some_and(pyheap_compiler::limits::set_max_str_digits);
    if !ok {
        return Err(value_err("maxdigits must be 0 or larger than 640"));
    }
    Ok(none())
}
