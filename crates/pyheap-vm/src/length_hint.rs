//! `PyObject_LengthHint` for the places CPython 3.11 asks an iterable for
//! its expected length before iterating it: `list(x)`, `list.extend(x)`,
//! `tuple(x)` and `sorted(x)` (via `list_extend` / `PySequence_Tuple`).
//!
//! Read [`length_hint`] first. Only instances of user classes can run
//! Python code here (`__len__`, then `__length_hint__`); for builtin objects
//! the hint has no observable effect (pyheap does not preallocate from it),
//! so it is not computed. Invariant: the hint is asked after `iter(x)`
//! succeeded, as `list_extend` does, and its errors propagate exactly where
//! CPython's do (a TypeError from `__len__` or `__length_hint__` is
//! swallowed, anything else is raised).

use crate::exc::{type_err, value_err};
use crate::objects::int::{int_value, IntV};
use crate::rt::{Obj, PyResult};
use crate::types::{is_heap_type, isinstance, lookup, t, tname};

/// Asks a user-class iterable for its length hint (the value itself is
/// only checked): `__len__` if defined, else `__length_hint__`.
pub fn length_hint(o: &Obj) -> PyResult<()> {
    let ty = o.type_ref();
    if !is_heap_type(&ty) {
        return Ok(());
    }
    if lookup(&ty, "__len__").is_some() {
        match crate::ops::len(o) {
            Ok(_) => return Ok(()),
            Err(e) if crate::exc::matches(&e, &t().type_error) => {}
            Err(e) => return Err(e),
        }
    }
    let Some(m) = lookup(&ty, "__length_hint__") else {
        return Ok(());
    };
    // A bound method, as `_PyObject_LookupSpecial`.
    let hint = crate::attr::descr_get(m, Some(o), &ty)?;
    let r = match crate::ops::call(&hint, Vec::new(), Vec::new()) {
        Ok(r) => r,
        Err(e) if crate::exc::matches(&e, &t().type_error) => return Ok(()),
        Err(e) => return Err(e),
    };
    drop(hint);
    if r.is(&t().not_implemented) {
        return Ok(());
    }
    if !isinstance(&r, &t().int) {
        return Err(type_err(&format!(
            "__length_hint__ must be an integer, not {}",
            tname(&r)
        )));
    }
    match int_value(&r) {
        Some(IntV::S(x)) if x < 0 => Err(value_err("__length_hint__() should return >= 0")),
        Some(IntV::B(b)) if b.sign() == num_bigint::Sign::Minus => {
            Err(value_err("__length_hint__() should return >= 0"))
        }
        Some(IntV::B(_)) => Err(crate::exc::overflow(
            "Python int too large to convert to C ssize_t",
        )),
        _ => Ok(()),
    }
}
