//! `OSError` construction and display: the errno → subclass mapping
//! (`OSError(2, 'x')` is a `FileNotFoundError`), the
//! `(errno, strerror, filename, winerror, filename2)` argument parsing and
//! `str()`.
//!
//! Read [`new`] first. Invariants (CPython 3.11's rules):
//! - a subclass is picked only when the class called is `OSError` itself,
//!   with 2–5 positional arguments whose first is an int in the map;
//! - the arguments are parsed by `__new__` (then `__init__` does nothing),
//!   unless the class overrides `__init__` but not `__new__` ([`use_init`]):
//!   then `__new__` leaves `args` empty and `OSError.__init__` parses;
//! - with a filename that is not None, `args` keeps only
//!   `(errno, strerror)`; an exact `BlockingIOError` takes a number in that
//!   position as `characters_written` instead;
//! - the attributes live in the instance dict (`errno`, `strerror`,
//!   `filename`, `filename2`; `characters_written` only when given).

use crate::exc::{alloc_exc, ep, exc_dict, type_err};
use crate::objects::{dict, int, tuple};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{is_none, lookup, none, t};

/// The `OSError` subclass CPython 3.11 gives a (Linux) errno, or `None` for
/// plain `OSError`.
pub fn subclass_name(errno: i64) -> Option<&'static str> {
    Some(match errno {
        11 | 114 | 115 => "BlockingIOError", // EAGAIN/EWOULDBLOCK, EALREADY, EINPROGRESS
        10 => "ChildProcessError",           // ECHILD
        32 | 108 => "BrokenPipeError",       // EPIPE, ESHUTDOWN
        103 => "ConnectionAbortedError",     // ECONNABORTED
        111 => "ConnectionRefusedError",     // ECONNREFUSED
        104 => "ConnectionResetError",       // ECONNRESET
        17 => "FileExistsError",             // EEXIST
        2 => "FileNotFoundError",            // ENOENT
        21 => "IsADirectoryError",           // EISDIR
        20 => "NotADirectoryError",          // ENOTDIR
        4 => "InterruptedError",             // EINTR
        1 | 13 => "PermissionError",         // EPERM, EACCES
        3 => "ProcessLookupError",           // ESRCH
        110 => "TimeoutError",               // ETIMEDOUT
        _ => return None,
    })
}

/// The class an `OSError` with `errno` is raised as.
pub fn class_for(errno: i64) -> Obj {
    match subclass_name(errno) {
        Some(n) => crate::coro::exc_type(n),
        None => t().os_error.clone(),
    }
}

/// True when `ty` overrides `__init__` but keeps `OSError.__new__`: its
/// arguments are then parsed by `OSError.__init__`, not `__new__`.
fn use_init(ty: &Obj) -> bool {
    let os = &t().os_error;
    let same = |n: &str| match (lookup(ty, n), lookup(os, n)) {
        (Some(a), Some(b)) => a.is(&b),
        _ => false,
    };
    !same("__init__") && same("__new__")
}

/// `OSError.__new__(cls, *args)` for `cls` a subclass of `OSError`.
pub fn new(cls: &Obj, args: &[Obj], kw: &Kw) -> PyResult<Obj> {
    if use_init(cls) {
        let o = alloc_exc(cls, t().empty_tuple.clone());
        let d = exc_dict(&o);
        for k in ["errno", "strerror", "filename", "filename2"] {
            dict::set_str(&d, k, none())?;
        }
        return Ok(o);
    }
    no_keywords(cls, kw)?;
    let mut ty = cls.clone();
    if cls.is(&t().os_error) && (2..=5).contains(&args.len()) {
        if let Some(n) = int::as_i64(&args[0]) {
            ty = class_for(n);
        } else if int::is_int(&args[0]) {
            ty = t().os_error.clone();
        }
    }
    let o = alloc_exc(&ty, tuple::new_tuple(args.to_vec()));
    parse(&o, args)?;
    Ok(o)
}

/// `OSError.__init__(self, *args)`: parses only for [`use_init`] classes.
pub fn init(o: &Obj, args: &[Obj], kw: &Kw) -> PyResult<()> {
    let ty = o.type_ref();
    if !use_init(&ty) {
        return Ok(());
    }
    no_keywords(&ty, kw)?;
    if let Some(p) = ep(o) {
        p.args.set(Some(tuple::new_tuple(args.to_vec())));
    }
    parse(o, args)
}

fn no_keywords(ty: &Obj, kw: &Kw) -> PyResult<()> {
    if kw.is_empty() {
        return Ok(());
    }
    Err(type_err(&format!(
        "{}() takes no keyword arguments",
        crate::types::type_name(ty)
    )))
}

/// Sets the attributes from `args` (already the instance's `args`) and
/// trims `args` to `(errno, strerror)` when a filename is given.
pub fn parse(o: &Obj, args: &[Obj]) -> PyResult<()> {
    let d = exc_dict(o);
    let mut vals = [none(), none(), none(), none()];
    if (2..=5).contains(&args.len()) {
        vals[0] = args[0].clone();
        vals[1] = args[1].clone();
        if let Some(f) = args.get(2).filter(|f| !is_none(f)) {
            let ty = o.type_ref();
            let blocking = crate::coro::exc_type("BlockingIOError");
            if ty.is(&blocking) && is_number(f) {
                let n = crate::ops::index(f)?;
                if int::as_i64(&n).is_none() {
                    return Err(crate::exc::value_err(&format!(
                        "cannot fit '{}' into an index-sized integer",
                        crate::types::type_name(&f.type_ref())
                    )));
                }
                dict::set_str(&d, "characters_written", n)?;
            } else {
                vals[2] = f.clone();
                if let Some(f2) = args.get(4).filter(|f| !is_none(f)) {
                    vals[3] = f2.clone();
                }
                if let Some(p) = ep(o) {
                    p.args.set(Some(tuple::new_tuple(args[..2].to_vec())));
                }
            }
        }
    }
    let [errno, strerror, filename, filename2] = vals;
    dict::set_str(&d, "errno", errno)?;
    dict::set_str(&d, "strerror", strerror)?;
    dict::set_str(&d, "filename", filename)?;
    dict::set_str(&d, "filename2", filename2)?;
    Ok(())
}

/// `str()` of an `OSError` with `errno` and `strerror` set:
/// `[Errno N] text`, plus `: 'filename'` (and ` -> 'filename2'`).
pub fn display(o: &Obj) -> PyResult<Option<String>> {
    let d = exc_dict(o);
    let get = |k: &str| dict::get_str(&d, k).filter(|v| !is_none(v));
    let s = |v: &Obj| crate::ops::str_string(v);
    let r = |v: &Obj| crate::ops::repr_string(v);
    let (errno, strerror) = (
        get("errno").unwrap_or_else(none),
        get("strerror").unwrap_or_else(none),
    );
    if let Some(f) = get("filename") {
        return Ok(Some(match get("filename2") {
            Some(f2) => format!(
                "[Errno {}] {}: {} -> {}",
                s(&errno)?,
                s(&strerror)?,
                r(&f)?,
                r(&f2)?
            ),
            None => format!("[Errno {}] {}: {}", s(&errno)?, s(&strerror)?, r(&f)?),
        }));
    }
    if get("errno").is_some() && get("strerror").is_some() {
        return Ok(Some(format!("[Errno {}] {}", s(&errno)?, s(&strerror)?)));
    }
    Ok(None)
}

/// CPython's `PyNumber_Check`: has `__index__`, `__int__` or `__float__`,
/// or is a complex.
fn is_number(o: &Obj) -> bool {
    let ty = o.type_ref();
    int::is_int(o)
        || ["__index__", "__int__", "__float__", "__complex__"]
            .iter()
            .any(|n| lookup(&ty, n).is_some())
}
