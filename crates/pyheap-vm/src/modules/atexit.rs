//! The `atexit` module: callbacks run by interpreter shutdown
//! (`crate::shutdown`), newest first, as CPython's `atexit_callfuncs`.
//!
//! Invariant: the callback list holds counted references (roots, as
//! CPython's module state); `unregister` and `_clear` drop them.

use std::cell::RefCell;

use super::add_fn;
use crate::exc::type_err;
use crate::objects::int::new_int_usize;
use crate::rt::{Kw, Obj, PyResult};
use crate::types::none;

type Callback = (Obj, Vec<Obj>, Kw);

thread_local! {
    static CALLBACKS: std::mem::ManuallyDrop<RefCell<Vec<Callback>>> =
        const { std::mem::ManuallyDrop::new(RefCell::new(Vec::new())) };
}

fn register(a: Vec<Obj>, k: Kw) -> PyResult<Obj> {
    let mut it = a.into_iter();
    let Some(f) = it.next() else {
        return Err(type_err("register() takes at least 1 argument (0 given)"));
    };
    let is_callable =
        match crate::attr::getattr_opt(&crate::builtins::builtins_module(), "callable")? {
            Some(c) => crate::ops::truthy(&crate::ops::call(&c, vec![f.clone()], vec![])?)?,
            None => true,
        };
    if !is_callable {
        return Err(type_err("the first argument must be callable"));
    }
    CALLBACKS.with(|c| c.borrow_mut().push((f.clone(), it.collect(), k)));
    Ok(f)
}

fn unregister(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let Some(f) = a.first() else {
        return Err(type_err(
            "unregister() takes exactly one argument (0 given)",
        ));
    };
    // NOTE: CPython compares with `==`; identity first keeps the common case
    // free of user code, equality errors are reported like CPython's.
    let old = CALLBACKS.with(|c| std::mem::take(&mut *c.borrow_mut()));
    let mut keep = Vec::with_capacity(old.len());
    let mut err = None;
    for cb in old {
        let same = cb.0.is(f) || {
            match crate::ops::eq(&cb.0, f) {
                Ok(b) => b,
                Err(e) => {
                    err.get_or_insert(e);
                    false
                }
            }
        };
        if !same {
            keep.push(cb);
        }
    }
    CALLBACKS.with(|c| {
        let mut c = c.borrow_mut();
        keep.append(&mut c);
        *c = keep;
    });
    match err {
        Some(e) => Err(e),
        None => Ok(none()),
    }
}

/// Runs and drops the registered callbacks, newest first. Errors (also
/// `SystemExit`) are reported as "Exception ignored in atexit callback".
pub fn run_exitfuncs() {
    loop {
        let Some((f, args, kw)) = CALLBACKS.with(|c| c.borrow_mut().pop()) else {
            break;
        };
        if let Err(e) = crate::ops::call(&f, args, kw) {
            let r = crate::ops::repr_string(&f).unwrap_or_else(|_| "<object>".into());
            let text = format!(
                "Exception ignored in atexit callback: {r}\n{}",
                crate::traceback::format_exception(&e.exc)
            );
            crate::modules::sys::write_stderr(&text);
        }
    }
}

fn run_exitfuncs_py(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    run_exitfuncs();
    Ok(none())
}

fn clear(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let old = CALLBACKS.with(|c| std::mem::take(&mut *c.borrow_mut()));
    drop(old);
    Ok(none())
}

fn ncallbacks(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(new_int_usize(CALLBACKS.with(|c| c.borrow().len())))
}

pub fn init(m: &Obj) -> PyResult<()> {
    add_fn(m, "register", register)?;
    add_fn(m, "unregister", unregister)?;
    add_fn(m, "_run_exitfuncs", run_exitfuncs_py)?;
    add_fn(m, "_clear", clear)?;
    add_fn(m, "_ncallbacks", ncallbacks)?;
    Ok(())
}
