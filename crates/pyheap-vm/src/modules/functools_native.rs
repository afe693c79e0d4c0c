//! `_functools`: the one primitive `py/functools.py` cannot write in Python:
//! binding a callable to an instance as a real `method` object (what the C
//! `_lru_cache_wrapper`'s `__get__` returns in CPython).

use super::add_fn;
use crate::exc::type_err;
use crate::objects::func::new_bound;
use crate::rt::{Kw, Obj, PyResult};

/// `_bind(func, obj)` → `method` object with `__func__` func, `__self__` obj.
fn bind(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    match (a.first(), a.get(1)) {
        (Some(f), Some(o)) => Ok(new_bound(f.clone(), o.clone())),
        _ => Err(type_err("_bind() takes exactly 2 arguments")),
    }
}

pub fn init(m: &Obj) -> PyResult<()> {
    add_fn(m, "_bind", bind)
}
