//! Exception objects (`BaseException` layout: dict, args, notes, traceback,
//! context, cause, suppress_context → 72 bytes + 16 GC = 88) and the
//! helpers that build `PyErr`s with CPython's messages.
//!
//! Read [`new_exc`] and [`new_err`] first. Subclass-specific attributes
//! (`StopIteration.value`, `SystemExit.code`, `OSError.errno`, ...) live in
//! the instance dict, set by `BaseException.__init__`.

use std::cell::Cell;

use pyheap_mem::{new_object, ObjPtr, Payload, Slot, TypeSlots};

use crate::objects::{dict, str::new_str, tuple};
use crate::rt::{Kw, Obj, PyErr, PyResult};
use crate::types::{is_subtype, t, tdata};

pub struct ExcObj {
    pub dict: Slot,
    pub args: Slot,
    pub notes: Slot,
    pub traceback: Slot,
    pub context: Slot,
    pub cause: Slot,
    pub suppress_context: Cell<bool>,
}

impl Payload for ExcObj {
    type Item = pyheap_mem::typed::NoItems;
}

pub fn set_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<ExcObj>(s, 16)
}

pub fn ep(o: &Obj) -> Option<&ExcObj> {
    o.payload::<ExcObj>()
}

pub fn traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(e) = ep(o) {
        for s in [
            &e.dict,
            &e.args,
            &e.notes,
            &e.traceback,
            &e.context,
            &e.cause,
        ] {
            if let Some(p) = s.peek() {
                visit(p);
            }
        }
    }
}

pub fn clear(o: &Obj) {
    if let Some(e) = ep(o) {
        let olds = [
            e.dict.take(),
            e.args.take(),
            e.notes.take(),
            e.traceback.take(),
            e.context.take(),
            e.cause.take(),
        ];
        drop(olds);
    }
}

/// Allocates an exception instance of `ty` with `args` (no `__init__` hooks).
pub fn alloc_exc(ty: &Obj, args: Obj) -> Obj {
    let o = new_object(
        ty,
        ExcObj {
            dict: Slot::new(None),
            args: Slot::new(Some(args)),
            notes: Slot::new(None),
            traceback: Slot::new(None),
            context: Slot::new(None),
            cause: Slot::new(None),
            suppress_context: Cell::new(false),
        },
        0,
    )
    .unwrap_or_else(|_| memory_error_obj());
    crate::gcapi::track(&o);
    o
}

/// Creates an exception instance and runs the subclass attribute setup.
pub fn new_exc(ty: &Obj, args: Vec<Obj>) -> Obj {
    let o = alloc_exc(ty, tuple::new_tuple(args.clone()));
    let _ = init_attrs(&o, &args, &Vec::new());
    o
}

/// `BaseException.__init__`'s keyword check: only `ImportError` (`name`,
/// `path`), `NameError` (`name`) and `AttributeError` (`name`, `obj`)
/// take keywords; CPython's messages.
pub fn check_init_keywords(ty: &Obj, kw: &Kw) -> PyResult<()> {
    if kw.is_empty() {
        return Ok(());
    }
    let tt = t();
    let (allowed, fname): (&[&str], &str) = if is_subtype(ty, &tt.import_error) {
        (&["name", "path"], "ImportError")
    } else if is_subtype(ty, &tt.name_error) {
        (&["name"], "NameError")
    } else if is_subtype(ty, &tt.attribute_error) {
        (&["name", "obj"], "AttributeError")
    } else {
        return Err(type_err(&format!(
            "{}() takes no keyword arguments",
            crate::types::type_name(ty)
        )));
    };
    if kw.len() > allowed.len() {
        return Err(type_err(&format!(
            "{fname}() takes at most {} keyword argument{} ({} given)",
            allowed.len(),
            if allowed.len() == 1 { "" } else { "s" },
            kw.len()
        )));
    }
    for (k, _) in kw {
        let name = crate::objects::str::as_str(k).unwrap_or("");
        if !allowed.contains(&name) {
            return Err(type_err(&format!(
                "'{name}' is an invalid keyword argument for {fname}()"
            )));
        }
    }
    Ok(())
}

/// Sets the subclass-specific attributes from the constructor arguments.
pub fn init_attrs(o: &Obj, args: &[Obj], kw: &Kw) -> PyResult<()> {
    let ty = o.type_ref();
    // NOTE: the dict is made only for the subclasses that keep attributes
    // in it (CPython keeps them in struct fields; a plain exception has no
    // dict until one is asked for).
    let dict_cell = std::cell::OnceCell::new();
    let d = || dict_cell.get_or_init(|| exc_dict(o));
    let first = || args.first().cloned().unwrap_or_else(crate::types::none);
    let tt = t();
    if is_subtype(&ty, &tt.stop_iteration) {
        dict::set_str(d(), "value", first())?;
    } else if is_subtype(&ty, &tt.system_exit) {
        let code = match args.len() {
            0 => crate::types::none(),
            1 => first(),
            _ => tuple::new_tuple(args.to_vec()),
        };
        dict::set_str(d(), "code", code)?;
    } else if is_subtype(&ty, &tt.import_error) {
        let mut name = crate::types::none();
        let mut path = crate::types::none();
        for (k, v) in kw {
            match crate::objects::str::as_str(k) {
                Some("name") => name = v.clone(),
                Some("path") => path = v.clone(),
                _ => {}
            }
        }
        dict::set_str(d(), "name", name)?;
        dict::set_str(d(), "path", path)?;
        dict::set_str(
            d(),
            "msg",
            if args.len() == 1 {
                first()
            } else {
                crate::types::none()
            },
        )?;
    } else if is_subtype(&ty, &tt.os_error) {
        crate::exc_oserror::parse(o, args)?;
    } else if is_subtype(&ty, &tt.syntax_error) {
        let none = crate::types::none;
        dict::set_str(d(), "msg", if args.is_empty() { none() } else { first() })?;
        let info = args.get(1).map(tuple::tuple_items).unwrap_or_default();
        for (i, n) in [
            "filename",
            "lineno",
            "offset",
            "text",
            "end_lineno",
            "end_offset",
        ]
        .iter()
        .enumerate()
        {
            dict::set_str(d(), n, info.get(i).cloned().unwrap_or_else(none))?;
        }
        dict::set_str(d(), "print_file_and_line", none())?;
    } else if is_subtype(&ty, &tt.name_error) || is_subtype(&ty, &tt.attribute_error) {
        let mut name = crate::types::none();
        for (k, v) in kw {
            if crate::objects::str::as_str(k) == Some("name") {
                name = v.clone();
            }
        }
        dict::set_str(d(), "name", name)?;
        if is_subtype(&ty, &tt.attribute_error) {
            dict::set_str(d(), "obj", crate::types::none())?;
        }
    }
    Ok(())
}

/// The instance dict of an exception (created on demand).
pub fn exc_dict(o: &Obj) -> Obj {
    let Some(e) = ep(o) else {
        return dict::new_dict();
    };
    match e.dict.get() {
        Some(d) => d,
        None => {
            let d = dict::new_dict();
            e.dict.set(Some(d.clone()));
            d
        }
    }
}

/// `exc.args` as a Vec.
pub fn exc_args(o: &Obj) -> Vec<Obj> {
    ep(o)
        .and_then(|e| e.args.get())
        .map(|a| tuple::tuple_items(&a))
        .unwrap_or_default()
}

/// An error of type `ty` with a message.
pub fn new_err(ty: &Obj, msg: &str) -> PyErr {
    PyErr {
        exc: new_exc(ty, vec![new_str(msg)]),
    }
}

pub fn type_err(msg: &str) -> PyErr {
    new_err(&t().type_error, msg)
}
pub fn value_err(msg: &str) -> PyErr {
    new_err(&t().value_error, msg)
}
pub fn index_err(msg: &str) -> PyErr {
    new_err(&t().index_error, msg)
}
pub fn overflow(msg: &str) -> PyErr {
    new_err(&t().overflow_error, msg)
}
/// The message of C's ERANGE, which CPython's float power reports as
/// `OverflowError(34, 'Numerical result out of range')` (errno arguments).
pub const ERANGE_MSG: &str = "(34, 'Numerical result out of range')";

/// `OverflowError(34, 'Numerical result out of range')`: two arguments, as
/// CPython's `PyErr_SetFromErrno(PyExc_OverflowError)` builds it.
pub fn overflow_erange() -> PyErr {
    PyErr {
        exc: new_exc(
            &t().overflow_error,
            vec![
                crate::objects::int::new_int(34),
                new_str("Numerical result out of range"),
            ],
        ),
    }
}
pub fn zero_div(msg: &str) -> PyErr {
    new_err(&t().zero_division_error, msg)
}
pub fn runtime_err(msg: &str) -> PyErr {
    new_err(&t().runtime_error, msg)
}
pub fn name_err(name: &str) -> PyErr {
    let e = new_err(&t().name_error, &format!("name '{name}' is not defined"));
    let _ = dict::set_str(&exc_dict(&e.exc), "name", new_str(name));
    e
}
pub fn attr_err(msg: &str) -> PyErr {
    new_err(&t().attribute_error, msg)
}
pub fn key_err(key: Obj) -> PyErr {
    PyErr {
        exc: new_exc(&t().key_error, vec![key]),
    }
}
pub fn stop_iteration(v: Option<Obj>) -> PyErr {
    PyErr {
        exc: new_exc(&t().stop_iteration, v.into_iter().collect()),
    }
}
pub fn memory_error() -> PyErr {
    PyErr {
        exc: alloc_exc(&t().memory_error, t().empty_tuple.clone()),
    }
}

/// The `MemoryError` of a soft heap-limit overshoot (`-X heaplimit`);
/// clears the pending flag.
pub fn heap_limit_error() -> PyErr {
    pyheap_mem::alloc::take_limit_exceeded();
    memory_error()
}

/// `MemoryError` when an object of about `bytes` bytes cannot be made:
/// more than `isize::MAX`, or more than a `-X heaplimit` leaves. For
/// constructors that cannot report failure themselves (checked first).
pub fn check_heap_room(bytes: usize) -> PyResult<()> {
    if bytes > isize::MAX as usize {
        return Err(memory_error());
    }
    if let Some(limit) = pyheap_mem::alloc::heap_limit() {
        let used = pyheap_mem::alloc::obtained_bytes();
        if bytes > limit.saturating_sub(used) {
            return Err(memory_error());
        }
    }
    Ok(())
}

/// Last resort when an allocation fails where no error can be returned.
///
/// NOTE: a clean fatal error (CPython's "Fatal Python error" style), not a
/// panic: with `-X heaplimit` small requests never get here (the soft
/// limit serves them and raises `MemoryError` later), so this means the
/// system itself refused memory.
pub fn memory_error_obj() -> Obj {
    crate::modules::sys::flush_stdout();
    eprintln!(
        "Fatal Python error: out of memory: the system refused an allocation \
         that cannot raise MemoryError (pyheap)"
    );
    std::process::exit(1)
}

/// True when the error is an instance of `ty`.
pub fn matches(e: &PyErr, ty: &Obj) -> bool {
    crate::types::isinstance(&e.exc, ty)
}

/// `str(exc)`.
pub fn exc_str(o: &Obj) -> PyResult<String> {
    if crate::exc_group::is_group(o) {
        return crate::exc_group::group_str(o);
    }
    let args = exc_args(o);
    if crate::types::isinstance(o, &t().key_error) && args.len() == 1 {
        return crate::ops::repr_string(&args[0]);
    }
    if crate::types::isinstance(o, &t().syntax_error) {
        let d = exc_dict(o);
        if let Some(m) = dict::get_str(&d, "msg") {
            let msg = crate::ops::str_string(&m)?;
            let lineno = dict::get_str(&d, "lineno").and_then(|l| crate::objects::int::as_i64(&l));
            let file = dict::get_str(&d, "filename")
                .and_then(|f| crate::objects::str::as_str(&f).map(|s| s.to_string()));
            return Ok(match (file, lineno) {
                (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
                (None, Some(l)) => format!("{msg} (line {l})"),
                _ => msg,
            });
        }
    }
    if crate::types::isinstance(o, &t().os_error) {
        if let Some(s) = crate::exc_oserror::display(o)? {
            return Ok(s);
        }
    }
    match args.len() {
        0 => Ok(String::new()),
        1 => crate::ops::str_string(&args[0]),
        _ => crate::ops::repr_string(&tuple::new_tuple(args)),
    }
}

/// `repr(exc)`.
pub fn exc_repr(o: &Obj) -> PyResult<String> {
    let name = tdata(&o.type_ref()).name.borrow().clone();
    let args = exc_args(o);
    if args.len() == 1 {
        return Ok(format!("{}({})", name, crate::ops::repr_string(&args[0])?));
    }
    let r = crate::ops::repr_string(&tuple::new_tuple(args))?;
    if r == "()" {
        return Ok(format!("{name}()"));
    }
    Ok(format!("{name}{r}"))
}

/// Normalises a raised object: a class is instantiated, an instance used.
pub fn make_raisable(v: Obj) -> PyResult<Obj> {
    if crate::types::is_type(&v) && is_subtype(&v, &t().base_exception) {
        let inst = crate::ops::call(&v, vec![], vec![])?;
        if !crate::types::isinstance(&inst, &t().base_exception) {
            return Err(type_err(&format!(
                "calling {} should have returned an instance of BaseException, not {}",
                crate::ops::repr_string(&v)?,
                crate::types::tname(&inst)
            )));
        }
        return Ok(inst);
    }
    if crate::types::isinstance(&v, &t().base_exception) {
        return Ok(v);
    }
    Err(type_err("exceptions must derive from BaseException"))
}

/// The builtin exception hierarchy: (name, base name).
pub const HIERARCHY: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("BaseExceptionGroup", "BaseException"),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("Exception", "BaseException"),
    // NOTE: also has Exception as a base; see exc_group::register.
    ("ExceptionGroup", "BaseExceptionGroup"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("ArithmeticError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("BlockingIOError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileExistsError", "OSError"),
    ("FileNotFoundError", "OSError"),
    ("InterruptedError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("UnicodeTranslateError", "UnicodeError"),
    ("Warning", "Exception"),
    ("DeprecationWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("UserWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("BytesWarning", "Warning"),
    ("ResourceWarning", "Warning"),
    ("EncodingWarning", "Warning"),
];
