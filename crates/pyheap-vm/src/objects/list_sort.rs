//! `list.sort()` and `sorted()`: CPython 3.11's `list_sort_impl` around the
//! timsort of [`super::listsort`].
//!
//! Read [`list_sort_impl`] first. What a Python program can observe, and
//! what this file keeps exactly as 3.11:
//!
//! - while sorting, the list is empty (`len` 0, reads `[]`, `__sizeof__`
//!   says 8 less than an empty list: `allocated` is -1); its items are moved
//!   out ([`list::sort_detach`]) and moved back at the end;
//! - with `key=`, all keys are computed first, in order; if one raises, the
//!   keys made so far are dropped (last first) and the list is unchanged;
//! - `reverse=` reverses before and after the (stable) sort, also when a
//!   comparison raised;
//! - the comparisons: the 3.11 pre-sort check picks a compare function from
//!   the key types; those that call no user code are sped up here
//!   ([`sort_native`]); the others are [`safe_lt`] (`PyObject_RichCompareBool`
//!   with `<`), [`unsafe_object_lt`] (all keys of one heap type: `__lt__` is
//!   called directly and, if it returns `NotImplemented`, the full rich
//!   comparison follows, so `__lt__` runs twice) and [`unsafe_tuple_lt`];
//! - a comparison that raises stops the sort, leaving the items as far as
//!   CPython had moved them; a list changed during the sort (it got item
//!   storage) gives `ValueError: list modified during sort` and loses what
//!   was put in it; the keys are dropped in their sorted order before that.
//!
//! NOTE: the algorithm sorts a permutation of indices (or of native keys
//! tagged with their index); items and keys move only at the end. That is
//! observably the same as CPython's parallel moves in the item array.

use crate::builtins::kwarg;
use crate::exc::{type_err, value_err};
use crate::objects::listsort::timsort;
use crate::objects::{float, int, list, str as pstr, tuple};
use crate::ops;
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{is_heap_type, t};

/// Parses `sort(*, key=None, reverse=False)` arguments (also used by
/// `sorted`, which passes its keywords on): `reverse` must be an int that
/// fits a C int, like 3.11's `_PyLong_AsInt`.
pub fn parse_sort_args(npositional: usize, kw: &Kw) -> PyResult<(Option<Obj>, bool)> {
    if npositional > 0 {
        return Err(type_err("sort() takes no positional arguments"));
    }
    for (k, _) in kw {
        let name = pstr::as_str(k).unwrap_or("");
        if name != "key" && name != "reverse" {
            return Err(type_err(&format!(
                "'{name}' is an invalid keyword argument for sort()"
            )));
        }
    }
    let key = kwarg(kw, "key").filter(|k| !k.is(&t().none));
    let reverse = match kwarg(kw, "reverse") {
        None => false,
        Some(r) => {
            let v = ops::index(&r)?;
            match int::as_i64(&v) {
                Some(x) if i32::try_from(x).is_ok() => x != 0,
                _ => {
                    return Err(crate::exc::overflow(
                        "Python int too large to convert to C int",
                    ))
                }
            }
        }
    };
    Ok((key, reverse))
}

/// Sorts list `l` in place (3.11's `list.sort`).
pub fn list_sort_impl(l: &Obj, key: Option<Obj>, reverse: bool) -> PyResult<()> {
    let Some(mut d) = list::sort_detach(l) else {
        return Ok(());
    };
    let n = d.items.len();
    let keys = match &key {
        None => None,
        Some(f) => {
            let mut ks: Vec<Obj> = Vec::with_capacity(n);
            for x in &d.items {
                match ops::call(f, vec![x.clone()], vec![]) {
                    Ok(k) => ks.push(k),
                    Err(e) => {
                        while let Some(k) = ks.pop() {
                            drop(k);
                        }
                        list::sort_reattach(l, d);
                        return Err(e);
                    }
                }
            }
            Some(ks)
        }
    };
    let mut perm: Vec<usize> = (0..n).collect();
    if reverse && n > 1 {
        perm.reverse();
    }
    let mut result = if n > 1 {
        sort_perm(&mut perm, keys.as_deref().unwrap_or(&d.items))
    } else {
        Ok(())
    };
    if let Some(ks) = keys {
        // CPython drops the keys from its (sorted) key array, first to last.
        let mut slots: Vec<Option<Obj>> = ks.into_iter().map(Some).collect();
        for &i in &perm {
            drop(slots[i].take());
        }
    }
    if result.is_ok() && list::sort_was_modified(l) {
        result = Err(value_err("list modified during sort"));
    }
    if reverse && n > 1 {
        perm.reverse();
    }
    let mut slots: Vec<Option<Obj>> = std::mem::take(&mut d.items).into_iter().map(Some).collect();
    d.items = perm.iter().filter_map(|&i| slots[i].take()).collect();
    list::sort_reattach(l, d);
    result
}

/// Sorts `perm` (indices into `keys`, `keys.len() >= 2`) with the compare
/// function 3.11's pre-sort check would pick.
fn sort_perm(perm: &mut [usize], keys: &[Obj]) -> PyResult<()> {
    let tt = t();
    let k0 = &keys[0];
    let mut in_tuples = k0.has_type(&tt.tuple) && tuple::tuple_len(k0) > 0;
    let key_type = if in_tuples {
        match tuple::tuple_get(k0, 0) {
            Some(e) => e.type_ref(),
            None => k0.type_ref(),
        }
    } else {
        k0.type_ref()
    };
    let mut same_type = true;
    for k in keys {
        if in_tuples && !(k.has_type(&tt.tuple) && tuple::tuple_len(k) > 0) {
            in_tuples = false;
            same_type = false;
            break;
        }
        let first = if in_tuples {
            tuple::tuple_get(k, 0)
        } else {
            None
        };
        if !first.as_ref().unwrap_or(k).has_type(&key_type) {
            same_type = false;
            if !in_tuples {
                break;
            }
        }
    }
    // Builtin types run no user code in `<`: only heap types need the
    // direct-`__lt__` behaviour of unsafe_object_compare.
    let unsafe_object = same_type && is_heap_type(&key_type);
    if in_tuples {
        return timsort(perm, |&i, &j| {
            unsafe_tuple_lt(&keys[i], &keys[j], unsafe_object)
        });
    }
    if same_type && !unsafe_object && sort_native(perm, keys, &key_type) {
        return Ok(());
    }
    if unsafe_object {
        timsort(perm, |&i, &j| unsafe_object_lt(&keys[i], &keys[j]))
    } else {
        timsort(perm, |&i, &j| safe_lt(&keys[i], &keys[j]))
    }
}

/// Fast paths for keys all of exact type int (fitting i64), str or float:
/// the same comparisons as the generic path, on native values. Returns
/// false (nothing done) when no fast path applies.
fn sort_native(perm: &mut [usize], keys: &[Obj], key_type: &Obj) -> bool {
    let tt = t();
    if key_type.is(&tt.int) {
        let Some(mut v) = perm
            .iter()
            .map(|&i| int::as_i64(&keys[i]).map(|x| (x, i)))
            .collect::<Option<Vec<(i64, usize)>>>()
        else {
            return false;
        };
        run_native(perm, &mut v, |a, b| a < b);
        true
    } else if key_type.is(&tt.str_) {
        let Some(mut v) = perm
            .iter()
            .map(|&i| pstr::as_str(&keys[i]).map(|x| (x, i)))
            .collect::<Option<Vec<(&str, usize)>>>()
        else {
            return false;
        };
        run_native(perm, &mut v, |a, b| a < b);
        true
    } else if key_type.is(&tt.float) {
        let Some(mut v) = perm
            .iter()
            .map(|&i| float::float_value(&keys[i]).map(|x| (x, i)))
            .collect::<Option<Vec<(f64, usize)>>>()
        else {
            return false;
        };
        run_native(perm, &mut v, |a, b| a < b);
        true
    } else {
        false
    }
}

fn run_native<K: Copy>(perm: &mut [usize], v: &mut [(K, usize)], lt: impl Fn(&K, &K) -> bool) {
    let r: Result<(), std::convert::Infallible> = timsort(v, |a, b| Ok(lt(&a.0, &b.0)));
    let Ok(()) = r;
    for (p, (_, i)) in perm.iter_mut().zip(v.iter()) {
        *p = *i;
    }
}

/// 3.11's `safe_object_compare`: `PyObject_RichCompareBool(v, w, Py_LT)`.
fn safe_lt(v: &Obj, w: &Obj) -> PyResult<bool> {
    let r = ops::rich_compare(v, w, ops::CmpOp::Lt)?;
    ops::truthy(&r)
}

/// 3.11's `unsafe_object_compare` for keys of one heap type: the type's
/// `<` slot is called directly (no reflected operand, no recursion guard);
/// on `NotImplemented` the whole rich comparison follows.
fn unsafe_object_lt(v: &Obj, w: &Obj) -> PyResult<bool> {
    // NOTE: CPython tests that v's type still has the sort's richcompare
    // slot; any heap type's is the same slot function.
    if !is_heap_type(&v.type_ref()) {
        return safe_lt(v, w);
    }
    match ops::call_dunder(v, "__lt__", vec![w.clone()])? {
        Some(r) if !r.is(&t().not_implemented) => ops::truthy(&r),
        _ => safe_lt(v, w),
    }
}

/// 3.11's `unsafe_tuple_compare` (all keys non-empty exact tuples): find
/// the first index whose items differ by `==` (identity counts as equal),
/// compare the lengths if none, else `<` on those items, with the
/// first-item compare function when it is index 0.
fn unsafe_tuple_lt(v: &Obj, w: &Obj, first_unsafe: bool) -> PyResult<bool> {
    let (vlen, wlen) = (tuple::tuple_len(v), tuple::tuple_len(w));
    let mut i = 0;
    let mut differ = None;
    while i < vlen && i < wlen {
        let (Some(a), Some(b)) = (tuple::tuple_get(v, i), tuple::tuple_get(w, i)) else {
            break;
        };
        if !ops::eq(&a, &b)? {
            differ = Some((a, b));
            break;
        }
        i += 1;
    }
    let Some((a, b)) = differ else {
        return Ok(vlen < wlen);
    };
    if i == 0 && first_unsafe {
        unsafe_object_lt(&a, &b)
    } else {
        safe_lt(&a, &b)
    }
}
