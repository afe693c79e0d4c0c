//! The `sys` module.

use std::cell::RefCell;

use super::{add_fn, set_attr};
use crate::exc::type_err;
use crate::objects::int::{new_int, new_int_usize};
use crate::objects::{dict, list, str as pstr, tuple};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{none, t};

thread_local! {
    static SYS: std::mem::ManuallyDrop<RefCell<Option<Obj>>> = const { std::mem::ManuallyDrop::new(RefCell::new(None)) };
    static MODULES: std::mem::ManuallyDrop<RefCell<Option<Obj>>> = const { std::mem::ManuallyDrop::new(RefCell::new(None)) };
    static ARGV: std::mem::ManuallyDrop<RefCell<Vec<String>>> = const { std::mem::ManuallyDrop::new(RefCell::new(Vec::new())) };
    static PATH0: RefCell<String> = const { RefCell::new(String::new()) };
    static STD: std::mem::ManuallyDrop<RefCell<Option<(Obj, Obj)>>> = const { std::mem::ManuallyDrop::new(RefCell::new(None)) };
}

/// Sets `sys.argv` and `sys.path[0]` before the module is created.
pub fn configure(argv: Vec<String>, path0: String) {
    ARGV.with(|a| *a.borrow_mut() = argv);
    PATH0.with(|p| *p.borrow_mut() = path0);
}

/// `sys.modules`.
pub fn modules_dict() -> Obj {
    if let Some(m) = MODULES.with(|m| m.borrow().clone()) {
        return m;
    }
    let d = dict::new_dict();
    MODULES.with(|m| *m.borrow_mut() = Some(d.clone()));
    let _ = dict::set_str(&d, "builtins", crate::builtins::builtins_module());
    d
}

/// The `sys` module object (imported on first use).
pub fn sys_module() -> PyResult<Obj> {
    if let Some(m) = SYS.with(|s| s.borrow().clone()) {
        return Ok(m);
    }
    crate::import::import_module("sys")
}

fn std_streams() -> (Obj, Obj) {
    if let Some(s) = STD.with(|s| s.borrow().clone()) {
        return s;
    }
    let s = (super::io::std_stream(1), super::io::std_stream(2));
    STD.with(|x| *x.borrow_mut() = Some(s.clone()));
    s
}

fn current_stream(name: &str, original: &Obj) -> Option<Obj> {
    let sys = SYS.with(|s| s.borrow().clone())?;
    let d = crate::objects::misc::module_dict(&sys)?;
    let cur = dict::get_str(&d, name)?;
    if cur.is(original) {
        None
    } else {
        Some(cur)
    }
}

/// Writes to `sys.stdout` (the real stdout unless replaced).
pub fn write_stdout(s: &str) -> PyResult<()> {
    let (out, _) = std_streams();
    match current_stream("stdout", &out) {
        None => {
            super::io::raw_stdout(s);
            Ok(())
        }
        Some(o) => crate::ops::call_method(&o, "write", vec![pstr::new_str(s)]).map(|_| ()),
    }
}

pub fn flush_stdout() {
    super::io::flush_raw_stdout();
}

/// Writes to `sys.stderr` (errors while writing are ignored).
pub fn write_stderr(s: &str) {
    let (_, err) = std_streams();
    match current_stream("stderr", &err) {
        None => super::io::raw_stderr(s),
        Some(o) => {
            if crate::ops::call_method(&o, "write", vec![pstr::new_str(s)]).is_err() {
                super::io::raw_stderr(s);
            }
        }
    }
}

/// `sys.path` entries as strings.
pub fn path_entries() -> Vec<String> {
    let Ok(sys) = sys_module() else { return vec![] };
    let Some(d) = crate::objects::misc::module_dict(&sys) else {
        return vec![];
    };
    match dict::get_str(&d, "path") {
        Some(p) => list::list_items(&p)
            .iter()
            .filter_map(|x| pstr::as_str(x).map(|s| s.to_string()))
            .collect(),
        None => vec![],
    }
}

fn getrefcount(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let o = a
        .first()
        .ok_or_else(|| type_err("getrefcount() takes exactly one argument (0 given)"))?;
    Ok(new_int(o.refcnt() as i64))
}

/// `sys.getsizeof(o)`.
pub fn getsizeof_obj(o: &Obj) -> PyResult<usize> {
    let ty = o.type_ref();
    let base = if crate::types::is_heap_type(&ty) || crate::types::is_type(o) {
        match crate::types::lookup(&ty, "__sizeof__") {
            Some(m) => {
                let r = crate::ops::call_unbound(&m, &ty, vec![o.clone()])?;
                let v = crate::ops::to_i64(&r)?;
                if v < 0 {
                    return Err(crate::exc::value_err("__sizeof__() should return >= 0"));
                }
                v as usize
            }
            None => {
                return Err(type_err(&format!(
                    "Type {} doesn't define __sizeof__",
                    crate::types::tname(o)
                )))
            }
        }
    } else {
        crate::sizes::sizeof(o)
    };
    Ok(base + crate::sizes::pre_header(o))
}

fn getsizeof(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let o = a
        .first()
        .ok_or_else(|| type_err("getsizeof() missing required argument 'object' (pos 1)"))?;
    match getsizeof_obj(o) {
        Ok(n) => Ok(new_int_usize(n)),
        Err(e) if a.len() > 1 && crate::exc::matches(&e, &t().type_error) => Ok(a[1].clone()),
        Err(e) => Err(e),
    }
}

fn intern(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let o = a
        .first()
        .ok_or_else(|| type_err("intern() takes exactly one argument (0 given)"))?;
    if !o.has_type(&t().str_) {
        return Err(type_err(&format!(
            "can't intern {}",
            crate::types::tname(o)
        )));
    }
    Ok(pstr::intern_obj(o.clone()))
}

fn getrecursionlimit(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(new_int_usize(crate::rt::recursion_limit()))
}

fn setrecursionlimit(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let n = crate::ops::to_c_int(a.first().ok_or_else(|| type_err("setrecursionlimit"))?)?;
    if n < 1 {
        return Err(crate::exc::value_err(
            "recursion limit must be greater or equal than 1",
        ));
    }
    let depth = crate::rt::recursion_depth();
    if (n as usize) <= depth {
        return Err(crate::exc::new_err(
            &t().recursion_error,
            &format!("cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"),
        ));
    }
    crate::rt::set_recursion_limit(n as usize);
    Ok(none())
}

fn sys_exit(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Err(crate::rt::PyErr {
        exc: crate::exc::new_exc(&t().system_exit, a),
    })
}

fn exc_info(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    match crate::rt::current_exc() {
        Some(e) => {
            let tb = crate::exc::ep(&e)
                .and_then(|x| x.traceback.get())
                .unwrap_or_else(none);
            Ok(tuple::new_tuple(vec![e.type_ref(), e, tb]))
        }
        None => Ok(tuple::new_tuple(vec![none(), none(), none()])),
    }
}

fn exception(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(crate::rt::current_exc().unwrap_or_else(none))
}

fn displayhook(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    if let Some(v) = a.first() {
        crate::builtins::displayhook(v)?;
    }
    Ok(none())
}

fn excepthook(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    if let Some(v) = a.get(1) {
        crate::traceback::print_exception(v);
    }
    Ok(none())
}

fn getdefaultencoding(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(pstr::new_str("utf-8"))
}

fn getframe(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let depth = match a.first() {
        Some(d) => crate::ops::to_i64(d)?.max(0) as usize,
        None => 0,
    };
    crate::traceback::getframe(depth)
}

pub fn init(m: &Obj) -> PyResult<()> {
    SYS.with(|s| *s.borrow_mut() = Some(m.clone()));
    let fns: &[(&'static str, crate::rt::NativeFn)] = &[
        ("getrefcount", getrefcount),
        ("getsizeof", getsizeof),
        ("set_asyncgen_hooks", crate::async_gen::set_hooks),
        ("get_asyncgen_hooks", crate::async_gen::get_hooks),
        ("intern", intern),
        ("getrecursionlimit", getrecursionlimit),
        ("setrecursionlimit", setrecursionlimit),
        ("exit", sys_exit),
        ("exc_info", exc_info),
        ("exception", exception),
        ("displayhook", displayhook),
        ("__displayhook__", displayhook),
        ("excepthook", excepthook),
        ("__excepthook__", excepthook),
        ("getdefaultencoding", getdefaultencoding),
        ("getfilesystemencoding", getdefaultencoding),
        ("_getframe", getframe),
        ("_debugmallocstats", super::sys_malloc::debugmallocstats),
        ("getallocatedblocks", super::sys_malloc::getallocatedblocks),
        (
            "get_int_max_str_digits",
            super::sys_flags::get_int_max_str_digits,
        ),
        (
            "set_int_max_str_digits",
            super::sys_flags::set_int_max_str_digits,
        ),
    ];
    for (n, f) in fns {
        add_fn(m, n, *f)?;
    }
    let argv: Vec<Obj> = ARGV.with(|a| a.borrow().iter().map(|s| pstr::new_str(s)).collect());
    set_attr(m, "argv", list::new_list(argv))?;
    let p0 = PATH0.with(|p| p.borrow().clone());
    set_attr(m, "path", list::new_list(vec![pstr::new_string(p0)]))?;
    set_attr(m, "modules", modules_dict())?;
    let (out, err) = std_streams();
    set_attr(m, "stdout", out.clone())?;
    set_attr(m, "stderr", err.clone())?;
    set_attr(m, "__stdout__", out)?;
    set_attr(m, "__stderr__", err)?;
    let inp = super::io::std_stream(0);
    set_attr(m, "stdin", inp.clone())?;
    set_attr(m, "__stdin__", inp)?;
    set_attr(m, "maxsize", new_int(i64::MAX))?;
    set_attr(m, "maxunicode", new_int(0x10ffff))?;
    set_attr(
        m,
        "byteorder",
        pstr::new_str(if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        }),
    )?;
    set_attr(m, "platform", pstr::new_str("linux"))?;
    set_attr(
        m,
        "executable",
        pstr::new_string(
            std::env::current_exe()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        ),
    )?;
    set_attr(m, "version", pstr::new_str("3.11.7 (pyheap 0.1.0)"))?;
    set_attr(m, "hexversion", new_int(0x030b07f0))?;
    set_attr(m, "api_version", new_int(1013))?;
    set_attr(m, "copyright", pstr::new_str("pyheap"))?;
    set_attr(m, "dont_write_bytecode", crate::types::py_bool(true))?;
    set_attr(m, "prefix", pstr::new_str("/usr"))?;
    set_attr(
        m,
        "builtin_module_names",
        tuple::new_tuple(
            super::BUILTIN_MODULES
                .iter()
                .map(|(n, _)| pstr::new_str(n))
                .collect(),
        ),
    )?;
    let imp = crate::objects::misc::new_oneref(&t().simple_namespace, dict::new_dict());
    let d = crate::attr::payload_dict(&imp, true).unwrap_or_else(dict::new_dict);
    dict::set_str(&d, "name", pstr::new_str("pyheap"))?;
    dict::set_str(&d, "cache_tag", none())?;
    dict::set_str(
        &d,
        "version",
        tuple::new_tuple(vec![
            new_int(0),
            new_int(1),
            new_int(0),
            pstr::new_str("final"),
            new_int(0),
        ]),
    )?;
    set_attr(m, "implementation", imp)?;
    Ok(())
}

pub fn unused(_: &Obj) {}
