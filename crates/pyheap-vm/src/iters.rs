//! Builtin iterators (payloads in `objects/iterobj.rs`, read through
//! `IterRef`) and `iter()`/`next()` for builtin objects.
//!
//! Read [`native_iter`] and [`native_next`] first.

use crate::exc::{runtime_err, type_err};
use crate::objects::iterobj::{iter_state, new_iter, IterRef};
use crate::objects::{bytes, dict, int, list, set, str as pstr, tuple};
use crate::ops;
use crate::rt::{Obj, PyResult};
use crate::types::{none, t};

fn ip(o: &Obj) -> Option<IterRef<'_>> {
    iter_state(o)
}

/// Whether CPython 3.11 iterates `range(start, stop, step)` (forwards, or
/// backwards for `reversed`) with a `range_iterator` (C longs) rather
/// than a `longrange_iterator`: the bounds and the step fit a C long, the
/// length does too, and stepping past the end (forwards) or before the
/// start (backwards) cannot overflow one.
pub fn fits_range_iterator(start: &Obj, stop: &Obj, step: &Obj, reverse: bool) -> bool {
    let (Some(lstart), Some(lstop), Some(lstep)) =
        (int::as_i64(start), int::as_i64(stop), int::as_i64(step))
    else {
        return false;
    };
    let (start, stop, step) = (lstart as i128, lstop as i128, lstep as i128);
    let (min, max) = (i64::MIN as i128, i64::MAX as i128);
    if reverse {
        if lstep == i64::MIN {
            return false;
        }
        let overflow = if step > 0 {
            start < min + step
        } else {
            start > max + step
        };
        if overflow {
            return false;
        }
    }
    let len = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    if len > max {
        return false;
    }
    if !reverse && len > 0 {
        let overflow = if step > 0 {
            stop > max - (step - 1)
        } else {
            stop < min + (-1 - step)
        };
        if overflow {
            return false;
        }
    }
    true
}

/// True for objects `iter()` handles natively.
pub fn is_native_iterable(o: &Obj) -> bool {
    let tt = t();
    list::is_list(o)
        || tuple::is_tuple(o)
        || pstr::is_str(o)
        || dict::is_dict(o)
        || set::is_anyset(o)
        || bytes::bytes_data(o).is_some()
        || o.has_type(&tt.range)
        || o.has_type(&tt.dict_keys)
        || o.has_type(&tt.dict_values)
        || o.has_type(&tt.dict_items)
        || is_native_iterator(o)
}

/// True for builtin iterator objects (including generators).
pub fn is_native_iterator(o: &Obj) -> bool {
    crate::gen::is_generator(o)
        || crate::objects::longrange::is_longrange_iter(o)
        || (ip(o).is_some() && !crate::types::is_heap_type(&o.type_ref()))
        || crate::coro::is_await_iterator(o)
}

/// `iter(o)` for builtin objects; None when not natively iterable.
pub fn native_iter(o: &Obj) -> PyResult<Option<Obj>> {
    let tt = t();
    if is_native_iterator(o) {
        return Ok(Some(o.clone()));
    }
    let mk = |ty: &Obj, a: Obj, n: i64| Some(new_iter(ty, Some(a), None, 0, n));
    if list::is_list(o) {
        return Ok(mk(&tt.list_iter, o.clone(), 0));
    }
    if tuple::is_tuple(o) {
        return Ok(mk(&tt.tuple_iter, o.clone(), 0));
    }
    if pstr::is_str(o) {
        // 3.11: str_ascii_iterator for exact ASCII strs (compact ASCII),
        // str_iterator otherwise (subclass instances are never compact).
        let ascii =
            o.has_type(&tt.str_) && pstr::as_str(o).is_some_and(|s| s.len() == pstr::char_len(o));
        let ty = if ascii { &tt.str_iter } else { &tt.str_uiter };
        return Ok(mk(ty, o.clone(), 0));
    }
    if dict::is_dict(o) {
        return Ok(mk(&tt.dict_keyiter, o.clone(), dict::len(o) as i64));
    }
    if set::is_anyset(o) {
        return Ok(mk(&tt.set_iter, o.clone(), set::len(o) as i64));
    }
    if bytes::is_bytearray(o) {
        return Ok(mk(&tt.bytearray_iter, o.clone(), 0));
    }
    if bytes::bytes_data(o).is_some() {
        return Ok(mk(&tt.bytes_iter, o.clone(), 0));
    }
    if o.has_type(&tt.mappingproxy) {
        // NOTE: iterates the underlying mapping (CPython's mappingproxy_iter).
        let m = crate::objects::misc::oneref(o).unwrap_or_else(dict::new_dict);
        return crate::ops::iter(&m).map(Some);
    }
    if o.has_type(&tt.range) {
        let (start, stop, step, len) = crate::seq::range_parts(o);
        if !fits_range_iterator(&start, &stop, &step, false) {
            let it = crate::objects::longrange::new_longrange_iter(start, step, len);
            return Ok(Some(it));
        }
        let it = new_iter(&tt.range_iter, Some(start), Some(step), 0, 0);
        if let Some(p) = ip(&it) {
            p.set_n(int::as_i64(&len).unwrap_or(i64::MAX));
        }
        return Ok(Some(it));
    }
    for (view, ity) in [
        (&tt.dict_keys, &tt.dict_keyiter),
        (&tt.dict_values, &tt.dict_valueiter),
        (&tt.dict_items, &tt.dict_itemiter),
    ] {
        if o.has_type(view) {
            let d = crate::objects::misc::oneref(o).unwrap_or_else(dict::new_dict);
            let n = dict::len(&d) as i64;
            return Ok(mk(ity, d, n));
        }
    }
    if let Some(r) = crate::objects::memoryview::iter(o) {
        return r.map(Some);
    }
    Ok(None)
}

/// One step of a `range_iterator` whose start is `a`. CPython's
/// rangeiterobject keeps start, step and length as C longs and makes a new
/// int per value, start + index * step (it fits a C long:
/// `fits_range_iterator` checked every value of the range). Keeps its state
/// when exhausted; `__reduce__` rebuilds the range from it.
fn range_next(p: IterRef, a: Obj) -> PyResult<Option<Option<Obj>>> {
    if p.n() <= 0 {
        return Ok(Some(None));
    }
    let i = p.i();
    let step = p.b().and_then(|s| int::as_i64(&s)).unwrap_or(1);
    let start = int::as_i64(&a).unwrap_or(0);
    p.set_n(p.n() - 1);
    p.set_i(i + 1);
    Ok(Some(Some(int::new_int(
        start.wrapping_add(i.wrapping_mul(step)),
    ))))
}

/// One step of a builtin iterator: Some(Some(v)) item, Some(None) exhausted,
/// None when `it` is not a builtin iterator.
pub fn native_next(it: &Obj) -> PyResult<Option<Option<Obj>>> {
    let tt = t();
    // (generators and long-range iterators have payloads of their own)
    let Some(p) = ip(it) else {
        if crate::gen::is_generator(it) {
            return crate::gen::gen_next(it).map(Some);
        }
        if let Some(r) = crate::objects::longrange::next(it) {
            return r.map(Some);
        }
        return Ok(None);
    };
    let i = p.i();
    let a = p.a();
    let Some(a) = a else { return Ok(Some(None)) };
    let exhausted = |p: IterRef| {
        drop(p.take_a());
        Ok(Some(None))
    };
    // NOTE: the two commonest iterators first, tested on the object's type
    // pointer (no new reference to the type).
    if it.has_type(&tt.range_iter) {
        return range_next(p, a);
    }
    if it.has_type(&tt.list_iter) {
        return match list::list_get(&a, i as usize) {
            Some(v) => {
                p.set_i(i + 1);
                Ok(Some(Some(v)))
            }
            None => exhausted(p),
        };
    }
    let ty = it.type_ref();
    if ty.is(&tt.list_reviter) {
        if i >= 0 {
            if let Some(v) = list::list_get(&a, i as usize) {
                p.set_i(i - 1);
                return Ok(Some(Some(v)));
            }
        }
        return exhausted(p);
    }
    if ty.is(&tt.tuple_iter) {
        return match tuple::tuple_get(&a, i as usize) {
            Some(v) => {
                p.set_i(i + 1);
                Ok(Some(Some(v)))
            }
            None => exhausted(p),
        };
    }
    if ty.is(&tt.str_iter) || ty.is(&tt.str_uiter) {
        // `i` is the byte offset of the next code point.
        let s = pstr::as_str(&a).unwrap_or("");
        let off = i as usize;
        return match s.get(off..).and_then(|r| r.chars().next()) {
            Some(c) => {
                p.set_i((off + c.len_utf8()) as i64);
                Ok(Some(Some(pstr::new_str(c.encode_utf8(&mut [0; 4])))))
            }
            None => exhausted(p),
        };
    }
    if ty.is(&tt.bytes_iter) || ty.is(&tt.bytearray_iter) {
        return match bytes::byte_at(&a, i as usize) {
            Some(x) => {
                p.set_i(i + 1);
                Ok(Some(Some(int::new_int(x as i64))))
            }
            None => exhausted(p),
        };
    }
    if ty.is(&tt.dict_keyiter) || ty.is(&tt.dict_valueiter) || ty.is(&tt.dict_itemiter) {
        if dict::len(&a) as i64 != p.n() {
            p.set_n(-1);
            return Err(runtime_err("dictionary changed size during iteration"));
        }
        return match dict::next_entry(&a, i as usize) {
            Some((np, k, v)) => {
                p.set_i(np as i64);
                Ok(Some(Some(if ty.is(&tt.dict_keyiter) {
                    k
                } else if ty.is(&tt.dict_valueiter) {
                    v
                } else {
                    tuple::new_tuple(vec![k, v])
                })))
            }
            None => exhausted(p),
        };
    }
    if ty.is(&tt.dict_revkeyiter) || ty.is(&tt.dict_revvalueiter) || ty.is(&tt.dict_revitemiter) {
        if dict::len(&a) as i64 != p.n() {
            p.set_n(-1);
            return Err(runtime_err("dictionary changed size during iteration"));
        }
        let prev = usize::try_from(i)
            .ok()
            .and_then(|i| dict::prev_entry(&a, i));
        return match prev {
            Some((ix, k, v)) => {
                p.set_i(ix as i64 - 1);
                Ok(Some(Some(if ty.is(&tt.dict_revkeyiter) {
                    k
                } else if ty.is(&tt.dict_revvalueiter) {
                    v
                } else {
                    tuple::new_tuple(vec![k, v])
                })))
            }
            None => exhausted(p),
        };
    }
    if ty.is(&tt.set_iter) {
        if set::len(&a) as i64 != p.n() {
            return Err(runtime_err("Set changed size during iteration"));
        }
        return match set::next_entry(&a, i as usize) {
            Some((np, k)) => {
                p.set_i(np as i64);
                Ok(Some(Some(k)))
            }
            None => exhausted(p),
        };
    }
    if ty.is(&tt.seq_iter) {
        return match ops::getitem_owned(a, &int::new_int(i)) {
            Ok(v) => {
                p.set_i(i + 1);
                Ok(Some(Some(v)))
            }
            Err(e)
                if crate::exc::matches(&e, &tt.index_error)
                    || crate::exc::matches(&e, &tt.stop_iteration) =>
            {
                exhausted(p)
            }
            Err(e) => Err(e),
        };
    }
    if ty.is(&tt.enumerate) {
        return match ops::next(&a)? {
            Some(v) => {
                let c = p.b().unwrap_or_else(|| int::new_int(0));
                let n = ops::binary_op(&c, &int::new_int(1), "+")?;
                p.set_b(Some(n));
                Ok(Some(Some(tuple::new_tuple(vec![c, v]))))
            }
            None => Ok(Some(None)),
        };
    }
    if ty.is(&tt.zip) {
        let its = tuple::tuple_items(&a);
        if its.is_empty() {
            return Ok(Some(None));
        }
        let mut out = Vec::with_capacity(its.len());
        for (k, x) in its.iter().enumerate() {
            match ops::next(x)? {
                Some(v) => out.push(v),
                None => {
                    if p.i() == 1 {
                        if k > 0 {
                            return Err(crate::exc::value_err(&format!(
                                "zip() argument {} is shorter than argument{} 1{}",
                                k + 1,
                                if k > 1 { "s" } else { "" },
                                if k > 1 {
                                    format!("-{k}")
                                } else {
                                    String::new()
                                }
                            )));
                        }
                        for (j, y) in its.iter().enumerate().skip(1) {
                            if ops::next(y)?.is_some() {
                                return Err(crate::exc::value_err(&format!(
                                    "zip() argument {} is longer than argument{} 1{}",
                                    j + 1,
                                    if j > 1 { "s" } else { "" },
                                    if j > 1 {
                                        format!("-{j}")
                                    } else {
                                        String::new()
                                    }
                                )));
                            }
                        }
                    }
                    return Ok(Some(None));
                }
            }
        }
        return Ok(Some(Some(tuple::new_tuple(out))));
    }
    if ty.is(&tt.map) {
        let its = tuple::tuple_items(&p.b().unwrap_or_else(|| tt.empty_tuple.clone()));
        let mut args = Vec::with_capacity(its.len());
        for x in &its {
            match ops::next(x)? {
                Some(v) => args.push(v),
                None => return Ok(Some(None)),
            }
        }
        return ops::call(&a, args, vec![]).map(|v| Some(Some(v)));
    }
    if ty.is(&tt.filter) {
        let Some(src) = p.b() else {
            return Ok(Some(None));
        };
        while let Some(v) = ops::next(&src)? {
            let keep = if crate::types::is_none(&a) || a.is(&tt.bool_) {
                ops::truthy(&v)?
            } else {
                ops::truthy(&ops::call(&a, vec![v.clone()], vec![])?)?
            };
            if keep {
                return Ok(Some(Some(v)));
            }
        }
        return Ok(Some(None));
    }
    if ty.is(&tt.reversed) {
        if i < 0 {
            return exhausted(p);
        }
        p.set_i(i - 1);
        return match ops::getitem_owned(a, &int::new_int(i)) {
            Ok(v) => Ok(Some(Some(v))),
            Err(e) if crate::exc::matches(&e, &tt.index_error) => exhausted(p),
            Err(e) => Err(e),
        };
    }
    if ty.is(&tt.callable_iter) {
        let v = ops::call(&a, vec![], vec![])?;
        let sentinel = p.b().unwrap_or_else(none);
        if ops::eq(&v, &sentinel)? {
            return exhausted(p);
        }
        return Ok(Some(Some(v)));
    }
    Err(type_err("unknown iterator"))
}
