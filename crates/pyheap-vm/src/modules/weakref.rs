//! The `_weakref` module: the native half of weak references.
//!
//! Read [`init`] first. Layout and list rules live in `pyheap_mem::weakref`;
//! this file only exposes them to Python:
//! - `_weakref._WeakrefBase` is a builtin type whose instances are bare
//!   `WeakrefHead`s (64 bytes, GC, `IS_WEAKREF`, no payload). The public
//!   classes `ReferenceType`, `ProxyType` and `CallableProxyType` are written
//!   in Python (`py/weakref_base.py`, run into this module) as subclasses with
//!   `__slots__ = ()`, so their instances keep the 64-byte layout
//!   (`sys.getsizeof(ref(x)) == 80`) and the VM dispatches their dunders
//!   (`__call__`, `__hash__`, `__eq__`, the proxy operators) like any class.
//! - the helpers `_new`, `_get`, `_callback`, `_hash` work on any object of
//!   those layouts; `ref`, `proxy`, `getweakrefcount`, `getweakrefs` are the
//!   public API.
//!
//! Invariants: pyheap-mem owns the referent/callback/list fields (it visits
//! and clears the callback and unlinks on deallocation), so the base type has
//! no traverse/clear/dealloc of its own.
//!
//! NOTE: the public classes being Python subclasses of a native base is a
//! visible difference: `ReferenceType.__mro__` has `_WeakrefBase` between
//! `ReferenceType` and `object`.

use std::cell::RefCell;

use pyheap_mem::weakref::{self as wr, WeakrefError, WeakrefKind};
use pyheap_mem::{TypeFlags, TypeSlots};

use super::{add_fn, set_attr};
use crate::exc::{new_err, type_err};
use crate::objects::int::new_int_usize;
use crate::objects::{dict, list};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{is_none, none, t, tname};

thread_local! {
    static BASE: std::mem::ManuallyDrop<RefCell<Option<Obj>>> =
        const { std::mem::ManuallyDrop::new(RefCell::new(None)) };
}

/// Instances of the base type carry no typed payload.
fn no_payload(_: &TypeSlots) -> bool {
    true
}

/// The native base type of every weakref class (created once).
pub fn base_type() -> Obj {
    if let Some(b) = BASE.with(|b| b.borrow().clone()) {
        return b;
    }
    // NOTE: cached until exit: runtime state for the leak census.
    pyheap_mem::census::runtime_scope(make_base_type)
}

fn make_base_type() -> Obj {
    let tt = t();
    let ty = crate::types::new_builtin_type(
        &tt.type_,
        "_WeakrefBase",
        Some(&tt.object),
        wr::WEAKREF_HEAD_SIZE,
        TypeFlags::HAVE_GC | TypeFlags::IS_WEAKREF,
        Some(no_payload),
    );
    crate::types::finish_builtin(&ty);
    crate::types::set_type_attr(&ty, "__module__", crate::objects::str::new_str("weakref"));
    BASE.with(|b| *b.borrow_mut() = Some(ty.clone()));
    ty
}

fn arg(a: &[Obj], i: usize, f: &str) -> PyResult<Obj> {
    a.get(i)
        .cloned()
        .ok_or_else(|| type_err(&format!("{f}() missing required argument (pos {})", i + 1)))
}

fn map_err(e: WeakrefError, referent: &Obj) -> crate::rt::PyErr {
    match e {
        WeakrefError::NotSupported => type_err(&format!(
            "cannot create weak reference to '{}' object",
            tname(referent)
        )),
        WeakrefError::BadWeakrefType => type_err("not a weak reference type"),
        WeakrefError::Memory => crate::exc::memory_error(),
    }
}

/// `_new(cls, ob, callback, kind)`: kind 1 = ref, 2 = proxy, 0 = other
/// (subclasses). Returns the shared callback-less ref/proxy when one exists.
fn wr_new(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let cls = arg(&a, 0, "_new")?;
    let ob = arg(&a, 1, "_new")?;
    let cb = a.get(2).cloned().filter(|c| !is_none(c));
    let kind = match a.get(3).map(crate::ops::to_i64).transpose()? {
        Some(1) => WeakrefKind::Ref,
        Some(2) => WeakrefKind::Proxy,
        _ => WeakrefKind::Other,
    };
    if !crate::types::is_type(&cls) || !crate::types::is_subtype(&cls, &base_type()) {
        return Err(type_err("_new(): not a weakref class"));
    }
    wr::new_weakref(&cls, &ob, cb, kind).map_err(|e| map_err(e, &ob))
}

fn check_wr(o: &Obj) -> PyResult<()> {
    if wr::kind(o).is_none() {
        return Err(type_err(&format!(
            "descriptor requires a weakref object, not '{}'",
            tname(o)
        )));
    }
    Ok(())
}

/// `_get(wr)`: the referent, or None once it is gone.
fn wr_get(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let w = arg(&a, 0, "_get")?;
    check_wr(&w)?;
    Ok(wr::referent(&w).unwrap_or_else(none))
}

/// `_callback(wr)`: `__callback__`.
fn wr_callback(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let w = arg(&a, 0, "_callback")?;
    check_wr(&w)?;
    Ok(wr::callback(&w).unwrap_or_else(none))
}

/// `_hash(wr)`: the referent's hash, cached on first use; a dead referent
/// whose hash was never taken raises `TypeError: weak object has gone away`.
fn wr_hash(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let w = arg(&a, 0, "_hash")?;
    check_wr(&w)?;
    if let Some(h) = wr::cached_hash(&w).filter(|h| *h != -1) {
        return Ok(crate::objects::int::new_int(h as i64));
    }
    let Some(o) = wr::referent(&w) else {
        return Err(type_err("weak object has gone away"));
    };
    let h = crate::ops::hash(&o)?;
    wr::set_cached_hash(&w, h);
    Ok(crate::objects::int::new_int(h as i64))
}

fn getweakrefcount(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let o = arg(&a, 0, "getweakrefcount")?;
    Ok(new_int_usize(wr::get_weakref_count(&o)))
}

fn getweakrefs(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let o = arg(&a, 0, "getweakrefs")?;
    Ok(list::new_list(wr::get_weakrefs(&o)))
}

/// `_remove_dead_weakref(dct, key)`: deletes `dct[key]` if it is a dead weakref.
fn remove_dead_weakref(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let d = arg(&a, 0, "_remove_dead_weakref")?;
    let key = arg(&a, 1, "_remove_dead_weakref")?;
    if !dict::is_dict(&d) {
        return Err(type_err("_remove_dead_weakref() argument 1 must be dict"));
    }
    if let Some(v) = dict::get_item(&d, &key)? {
        if wr::kind(&v).is_some() && wr::referent(&v).is_none() {
            let _ = dict::del_item(&d, &key);
        }
    }
    Ok(none())
}

/// `ReferenceError: weakly-referenced object no longer exists`.
fn dead_proxy(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Err(new_err(
        &t().reference_error,
        "weakly-referenced object no longer exists",
    ))
}

const SOURCE: &str = include_str!("py/weakref_base.py");

/// Fills `_weakref`: native helpers, then the Python half.
pub fn init(m: &Obj) -> PyResult<()> {
    let fns: &[(&'static str, crate::rt::NativeFn)] = &[
        ("_new", wr_new),
        ("_get", wr_get),
        ("_callback", wr_callback),
        ("_hash", wr_hash),
        ("_dead", dead_proxy),
        ("getweakrefcount", getweakrefcount),
        ("getweakrefs", getweakrefs),
        ("_remove_dead_weakref", remove_dead_weakref),
    ];
    for (n, f) in fns {
        add_fn(m, n, *f)?;
    }
    set_attr(m, "_WeakrefBase", base_type())?;
    let md = crate::objects::misc::module_dict(m).unwrap_or_else(dict::new_dict);
    let code = crate::compile_source(SOURCE, "<frozen _weakref>", pyheap_compiler::Mode::Exec)?;
    crate::eval::run_code(&code, &md, None)?;
    Ok(())
}

/// Runs the `weakref.finalize` objects still registered with `atexit=True`
/// (CPython runs them from an `atexit` hook). Call once at interpreter
/// shutdown, before the final collection; does nothing if `weakref` was never
/// imported.
pub fn run_exit_finalizers() {
    let mods = crate::modules::sys::modules_dict();
    let Some(m) = dict::get_str(&mods, "weakref") else {
        return;
    };
    let Ok(Some(fin)) = crate::attr::getattr_opt(&m, "finalize") else {
        return;
    };
    if let Ok(Some(f)) = crate::attr::getattr_opt(&fin, "_exitfunc") {
        if let Err(e) = crate::ops::call(&f, vec![], vec![]) {
            crate::builtins::write_unraisable(&e, Some(&f));
        }
    }
}
