//! Sequence protocol for builtin sequences: indexing and slicing of list,
//! tuple, str, bytes, bytearray and range; concatenation and repetition;
//! set and dict operators.
//!
//! Read [`slice_indices`] first (CPython's `PySlice_AdjustIndices`).

use num_bigint::BigInt;
use num_traits::{Signed, Zero};

use crate::exc::{index_err, type_err, value_err};
use crate::objects::int::{as_big, int_value, new_int, new_int_big, IntV};
use crate::objects::misc::{RangeObj, SliceObj};
use crate::objects::{bytes, dict, list, set, str as pstr, tuple};
use crate::ops;
use crate::rt::{Obj, PyResult};
use crate::types::{is_none, t, tname};

/// (start, stop, step, slicelength) for a slice over `len` items.
pub fn slice_indices(sl: &Obj, len: usize) -> PyResult<(isize, isize, isize, usize)> {
    let Some(s) = sl.payload::<SliceObj>() else {
        return Err(type_err("expected slice"));
    };
    let get = |x: Option<Obj>| -> PyResult<Option<isize>> {
        match x {
            Some(v) if !is_none(&v) => {
                // CPython's _PyEval_SliceIndex: a TypeError only for objects
                // without __index__; an error raised by __index__ propagates.
                if int_value(&v).is_none()
                    && crate::types::lookup(&v.type_ref(), "__index__").is_none()
                {
                    return Err(type_err(
                        "slice indices must be integers or None or have an __index__ method",
                    ));
                }
                let v = ops::index_owned(v)?;
                Ok(Some(match int_value(&v) {
                    Some(IntV::S(x)) => x.clamp(isize::MIN as i64 + 1, isize::MAX as i64) as isize,
                    Some(IntV::B(b)) => {
                        if b.is_negative() {
                            isize::MIN + 1
                        } else {
                            isize::MAX
                        }
                    }
                    None => 0,
                }))
            }
            _ => Ok(None),
        }
    };
    let step = get(s.step.get())?.unwrap_or(1);
    if step == 0 {
        return Err(value_err("slice step cannot be zero"));
    }
    let len = len as isize;
    let (lo_def, hi_def) = if step < 0 { (len - 1, -1) } else { (0, len) };
    let adj = |v: Option<isize>, def: isize| -> isize {
        match v {
            None => def,
            Some(mut x) => {
                if x < 0 {
                    x += len;
                    if x < 0 {
                        x = if step < 0 { -1 } else { 0 };
                    }
                } else if x >= len {
                    x = if step < 0 { len - 1 } else { len };
                }
                x
            }
        }
    };
    let start = adj(get(s.start.get())?, lo_def);
    let stop = adj(get(s.stop.get())?, hi_def);
    let n = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok((start, stop, step, n as usize))
}

fn slice_positions(sl: &Obj, len: usize) -> PyResult<Vec<usize>> {
    let (start, _, step, n) = slice_indices(sl, len)?;
    Ok((0..n)
        .map(|i| (start + i as isize * step) as usize)
        .collect())
}

fn is_slice(o: &Obj) -> bool {
    o.payload::<SliceObj>().is_some()
}

fn idx_type_error(o: &Obj, what: &str, k: &Obj) -> crate::rt::PyErr {
    let _ = o;
    if what == "string" {
        // (3.11's str message differs from list's and tuple's)
        return type_err(&format!(
            "string indices must be integers, not '{}'",
            tname(k)
        ));
    }
    type_err(&format!(
        "{} indices must be integers or slices, not {}",
        what,
        tname(k)
    ))
}

/// `key` normalised as an index into a sequence of length `n` when it is an
/// exact int of at most two digits (the common subscript, no `__index__`
/// call or index object needed); `None` for other keys (general path).
#[inline]
fn small_index(key: &Obj, n: usize, what: &str) -> Option<PyResult<usize>> {
    if !key.has_type(&t().int) {
        return None;
    }
    let x = i128::from(crate::objects::int::small_value(key)?);
    let x = if x < 0 { x + n as i128 } else { x };
    if x < 0 || x >= n as i128 {
        return Some(Err(index_err(&format!("{what} index out of range"))));
    }
    Some(Ok(x as usize))
}

fn index_of(k: &Obj, o: &Obj, what: &str) -> PyResult<Obj> {
    if int_value(k).is_some() {
        return Ok(k.clone());
    }
    ops::index(k).map_err(|_| idx_type_error(o, what, k))
}

/// `o[key]` for builtin sequences; None when not handled.
pub fn native_getitem(o: &Obj, key: &Obj) -> PyResult<Option<Obj>> {
    let tt = t();
    if list::is_list(o) {
        if is_slice(key) {
            let (start, _, step, n) = slice_indices(key, list::list_len(o))?;
            let v = (0..n)
                .filter_map(|i| list::list_get(o, (start + i as isize * step) as usize))
                .collect();
            return Ok(Some(list::new_list(v)));
        }
        if let Some(i) = small_index(key, list::list_len(o), "list") {
            return Ok(list::list_get(o, i?));
        }
        let k = index_of(key, o, "list")?;
        let i = ops::norm_index(&k, list::list_len(o), "list")?;
        return Ok(list::list_get(o, i));
    }
    if tuple::is_tuple(o) {
        if is_slice(key) {
            let items = tuple::tuple_items(o);
            let (start, _, step, n) = slice_indices(key, items.len())?;
            if step == 1 && n == items.len() && o.has_type(&tt.tuple) {
                return Ok(Some(o.clone()));
            }
            let v = (0..n)
                .map(|i| items[(start + i as isize * step) as usize].clone())
                .collect();
            return Ok(Some(tuple::new_tuple(v)));
        }
        if let Some(i) = small_index(key, tuple::tuple_len(o), "tuple") {
            return Ok(tuple::tuple_get(o, i?));
        }
        let k = index_of(key, o, "tuple")?;
        let i = ops::norm_index(&k, tuple::tuple_len(o), "tuple")?;
        return Ok(tuple::tuple_get(o, i));
    }
    if let Some(s) = pstr::as_str(o) {
        let n = pstr::char_len(o);
        if is_slice(key) {
            let (start, _, step, cnt) = slice_indices(key, n)?;
            if step == 1 {
                if cnt == n && o.has_type(&tt.str_) {
                    return Ok(Some(o.clone()));
                }
                return Ok(Some(pstr::new_string(pstr::substr(
                    o,
                    start as usize,
                    start as usize + cnt,
                ))));
            }
            let chars: Vec<char> = s.chars().collect();
            let out: String = (0..cnt)
                .map(|i| chars[(start + i as isize * step) as usize])
                .collect();
            return Ok(Some(pstr::new_string(out)));
        }
        let i = match small_index(key, n, "string") {
            Some(i) => i?,
            None => {
                let k = index_of(key, o, "string")?;
                ops::norm_index(&k, n, "string")?
            }
        };
        let c = pstr::char_at(o, i).unwrap_or(' ');
        return Ok(Some(pstr::new_string(c.to_string())));
    }
    if let Some(b) = bytes::bytes_data(o) {
        let ba = o.payload::<bytes::ByteArrayObj>().is_some();
        if is_slice(key) {
            let pos = slice_positions(key, b.len())?;
            let v: Vec<u8> = pos.into_iter().map(|i| b[i]).collect();
            return Ok(Some(if ba {
                bytes::new_bytearray(v)
            } else {
                bytes::new_bytes(&v)
            }));
        }
        let k = index_of(key, o, if ba { "bytearray" } else { "byte" })?;
        let i =
            ops::norm_index(&k, b.len(), if ba { "bytearray" } else { "index" }).map_err(|_| {
                index_err(if ba {
                    "bytearray index out of range"
                } else {
                    "index out of range"
                })
            })?;
        return Ok(Some(new_int(b[i] as i64)));
    }
    if o.has_type(&tt.range) {
        let (start, _stop, step, len) = range_parts(o);
        let (s, st, l) = (
            as_big(&start).unwrap_or_default(),
            as_big(&step).unwrap_or_default(),
            as_big(&len).unwrap_or_default(),
        );
        if is_slice(key) {
            let (a, b, k) = crate::slice_big::indices(key, &l)?;
            let nstart = &s + &st * a;
            let nstop = &s + &st * b;
            let nstep = &st * k;
            let cnt = crate::slice_big::range_len(&nstart, &nstop, &nstep);
            return Ok(Some(crate::objects::misc::new_range(
                new_int_big(nstart),
                new_int_big(nstop),
                new_int_big(nstep),
                new_int_big(cnt),
            )));
        }
        let k = index_of(key, o, "range")?;
        let mut i = as_big(&k).unwrap_or_default();
        if i.is_negative() {
            i += &l;
        }
        if i.is_negative() || i >= l {
            return Err(index_err("range object index out of range"));
        }
        return Ok(Some(new_int_big(s + st * i)));
    }
    if o.has_type(&tt.mappingproxy) {
        let m = crate::objects::misc::oneref(o).unwrap_or_else(dict::new_dict);
        return ops::getitem(&m, key).map(Some);
    }
    if let Some(r) = crate::objects::memoryview::getitem(o, key) {
        return r.map(Some);
    }
    Ok(None)
}

/// `o[key] = v` (v None = delete) for list and bytearray.
pub fn native_setitem(o: &Obj, key: &Obj, v: Option<Obj>) -> PyResult<bool> {
    if crate::objects::memoryview::is_memoryview(o) {
        return crate::objects::memoryview::setitem(o, key, v)
            .map_or(Ok(false), |r| r.map(|_| true));
    }
    if list::is_list(o) {
        if is_slice(key) {
            let items = list::list_items(o);
            let (start, stop, step, n) = slice_indices(key, items.len())?;
            match v {
                None => {
                    let mut doomed = vec![false; items.len()];
                    for i in 0..n {
                        doomed[(start + i as isize * step) as usize] = true;
                    }
                    let (mut keep, mut garbage) = (Vec::new(), Vec::new());
                    for (x, d) in items.into_iter().zip(doomed) {
                        if d {
                            garbage.push(x);
                        } else {
                            keep.push(x);
                        }
                    }
                    if step == 1 {
                        // list_ass_slice: the removed items go last first.
                        garbage.reverse();
                    }
                    list::list_set_all(o, keep)?;
                    // An extended slice's removed items go in position order.
                    drop(garbage);
                }
                Some(v) => {
                    let newitems = ops::to_vec(&v)?;
                    if step == 1 {
                        let stop = stop.max(start) as usize;
                        let mut out = items[..start as usize].to_vec();
                        out.extend(newitems);
                        out.extend_from_slice(&items[stop..]);
                        drop(items);
                        list::list_set_all(o, out)?;
                    } else {
                        if newitems.len() != n {
                            return Err(value_err(&format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                newitems.len(),
                                n
                            )));
                        }
                        for (i, x) in newitems.into_iter().enumerate() {
                            list::list_set(o, (start + i as isize * step) as usize, x);
                        }
                    }
                }
            }
            return Ok(true);
        }
        let k = index_of(key, o, "list")?;
        let i = ops::norm_index(&k, list::list_len(o), "list assignment")?;
        match v {
            Some(v) => {
                list::list_set(o, i, v);
            }
            None => {
                let old = list::list_pop(o, i);
                drop(old);
            }
        }
        return Ok(true);
    }
    if let Some(ba) = o.payload::<bytes::ByteArrayObj>() {
        let k = index_of(key, o, "bytearray")?;
        let n = ba.data.borrow().len();
        let i = ops::norm_index(&k, n, "bytearray")?;
        match v {
            Some(v) => {
                let x = ops::to_i64(&v)?;
                if !(0..256).contains(&x) {
                    return Err(value_err("byte must be in range(0, 256)"));
                }
                ba.data.borrow_mut()[i] = x as u8;
            }
            None => {
                ba.data.borrow_mut().remove(i);
            }
        }
        return Ok(true);
    }
    Ok(false)
}

pub fn native_contains(o: &Obj, item: &Obj) -> PyResult<Option<bool>> {
    if list::is_list(o) || tuple::is_tuple(o) {
        for x in ops::to_vec(o)? {
            if ops::eq(&x, item)? {
                return Ok(Some(true));
            }
        }
        return Ok(Some(false));
    }
    if let Some(b) = bytes::bytes_data(o) {
        if let Some(v) = int_value(item) {
            let x = match v {
                IntV::S(x) => x,
                _ => -1,
            };
            if !(0..256).contains(&x) {
                return Err(value_err("byte must be in range(0, 256)"));
            }
            return Ok(Some(b.contains(&(x as u8))));
        }
        if let Some(sub) = bytes::bytes_data(item) {
            return Ok(Some(
                sub.is_empty() || b.windows(sub.len()).any(|w| w == sub.as_slice()),
            ));
        }
        return Err(type_err(&format!(
            "a bytes-like object is required, not '{}'",
            tname(item)
        )));
    }
    if o.has_type(&t().range) {
        if let Some(v) = int_value(item) {
            if item.has_type(&t().int) || item.has_type(&t().bool_) {
                let (start, stop, step, _) = range_parts(o);
                let (s, e, st) = (
                    as_big(&start).unwrap_or_default(),
                    as_big(&stop).unwrap_or_default(),
                    as_big(&step).unwrap_or_default(),
                );
                let x = v.big();
                let inside = if st.is_positive() {
                    s <= x && x < e
                } else {
                    e < x && x <= s
                };
                return Ok(Some(inside && ((x - s) % st).is_zero()));
            }
        }
        return Ok(None);
    }
    if o.has_type(&t().dict_keys) || o.has_type(&t().dict_items) || o.has_type(&t().dict_values) {
        let d = crate::objects::misc::oneref(o).unwrap_or_else(dict::new_dict);
        if o.has_type(&t().dict_keys) {
            return Ok(Some(dict::get_item(&d, item)?.is_some()));
        }
        if o.has_type(&t().dict_items) {
            if tuple::tuple_len(item) != 2 {
                return Ok(Some(false));
            }
            let (Some(k), Some(v)) = (tuple::tuple_get(item, 0), tuple::tuple_get(item, 1)) else {
                return Ok(Some(false));
            };
            return Ok(Some(match dict::get_item(&d, &k)? {
                Some(x) => ops::eq(&x, &v)?,
                None => false,
            }));
        }
        for (_, v) in dict::items(&d) {
            if ops::eq(&v, item)? {
                return Ok(Some(true));
            }
        }
        return Ok(Some(false));
    }
    Ok(None)
}

/// (start, stop, step, length) of a range object.
pub fn range_parts(o: &Obj) -> (Obj, Obj, Obj, Obj) {
    let z = || new_int(0);
    match o.payload::<RangeObj>() {
        Some(r) => (
            r.start.get().unwrap_or_else(z),
            r.stop.get().unwrap_or_else(z),
            r.step.get().unwrap_or_else(|| new_int(1)),
            r.length.get().unwrap_or_else(z),
        ),
        None => (z(), z(), new_int(1), z()),
    }
}

pub fn is_sequence_builtin(o: &Obj) -> bool {
    list::is_list(o) || tuple::is_tuple(o) || pstr::is_str(o) || bytes::bytes_data(o).is_some()
}

fn repeat_count(n: &Obj) -> PyResult<usize> {
    match int_value(n) {
        Some(IntV::S(x)) => Ok(x.max(0) as usize),
        // NOTE: PyNumber_AsSsize_t(n, OverflowError): a count beyond Py_ssize_t is an
        // error whatever its sign.
        Some(IntV::B(b)) => match i64::try_from(&b) {
            Ok(x) => Ok(x.max(0) as usize),
            Err(_) => Err(crate::exc::overflow(
                "cannot fit 'int' into an index-sized integer",
            )),
        },
        None => Err(type_err("bad repeat")),
    }
}

/// MemoryError when `len * k` items would exceed what a sequence may hold
/// (found by difffuzz: `lst *= hash(1.5)` overflowed a Vec capacity).
fn check_repeat_size(len: usize, k: usize) -> PyResult<()> {
    if (len as u128) * (k as u128) > 1 << 32 {
        return Err(crate::exc::memory_error());
    }
    Ok(())
}

fn repeat(seq: &Obj, n: &Obj) -> PyResult<Obj> {
    let k = repeat_count(n)?;
    // NOTE: the result's size is known up front; a request the heap limit
    // cannot serve raises here (the constructors below cannot fail).
    let too_long = |unit: usize, what: &str| -> PyResult<usize> {
        if unit.saturating_mul(k) > isize::MAX as usize {
            return Err(crate::exc::overflow(&format!("repeated {what} too long")));
        }
        Ok(unit)
    };
    let unit = if let Some(s) = pstr::as_str(seq) {
        too_long(s.len(), "string is")?
    } else if let Some(b) = bytes::bytes_data(seq) {
        if seq.payload::<bytes::ByteArrayObj>().is_some() {
            // CPython's bytearray_repeat reports any overflow as MemoryError.
            check_repeat_size(b.len(), k)?;
            b.len()
        } else {
            too_long(b.len(), "bytes are")?
        }
    } else {
        8 * crate::ops::len(seq).unwrap_or(0)
    };
    crate::exc::check_heap_room(unit.saturating_mul(k))?;
    if let Some(s) = pstr::as_str(seq) {
        // NOTE: CPython's unicode_repeat: a length beyond PY_SSIZE_T_MAX is an
        // OverflowError; a smaller one that cannot be allocated a MemoryError.
        let chars = s.chars().count() as u128;
        if chars * k as u128 > i64::MAX as u128 {
            return Err(crate::exc::overflow("repeated string is too long"));
        }
        if s.len().saturating_mul(k) > 1 << 34 {
            return Err(crate::exc::memory_error());
        }
        if k == 1 && seq.has_type(&t().str_) {
            return Ok(seq.clone());
        }
        return Ok(pstr::new_string(s.repeat(k)));
    }
    if list::is_list(seq) {
        let items = list::list_items(seq);
        if items.len().saturating_mul(k) > 1 << 32 {
            return Err(crate::exc::memory_error());
        }
        return Ok(list::new_list_repeated(&items, k));
    }
    if tuple::is_tuple(seq) {
        let items = tuple::tuple_items(seq);
        if k == 1 && seq.has_type(&t().tuple) {
            return Ok(seq.clone());
        }
        check_repeat_size(items.len(), k)?;
        let mut out = Vec::with_capacity(items.len() * k);
        for _ in 0..k {
            out.extend(items.iter().cloned());
        }
        return Ok(tuple::new_tuple(out));
    }
    if let Some(b) = bytes::bytes_data(seq) {
        let is_bytearray = seq.payload::<bytes::ByteArrayObj>().is_some();
        if !is_bytearray && (b.len() as u128) * (k as u128) > i64::MAX as u128 {
            return Err(crate::exc::overflow("repeated bytes are too long"));
        }
        check_repeat_size(b.len(), k)?;
        let v = b.repeat(k);
        if seq.payload::<bytes::ByteArrayObj>().is_some() {
            return Ok(bytes::new_bytearray(v));
        }
        return Ok(bytes::new_bytes(&v));
    }
    Err(type_err("bad repeat"))
}

/// Sequence/set/dict binary operators; None = NotImplemented.
pub fn native_seq_binop(a: &Obj, b: &Obj, op: &str) -> Option<PyResult<Obj>> {
    match op {
        "+" => {
            if let (Some(x), Some(y)) = (pstr::as_str(a), pstr::as_str(b)) {
                if y.is_empty() && a.has_type(&t().str_) {
                    return Some(Ok(a.clone()));
                }
                if x.is_empty() && b.has_type(&t().str_) {
                    return Some(Ok(b.clone()));
                }
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                return Some(Ok(pstr::new_string(s)));
            }
            if list::is_list(a) && list::is_list(b) {
                let mut v = list::list_items(a);
                v.extend(list::list_items(b));
                return Some(Ok(list::new_list(v)));
            }
            if tuple::is_tuple(a) && tuple::is_tuple(b) {
                let mut v = tuple::tuple_items(a);
                v.extend(tuple::tuple_items(b));
                return Some(Ok(tuple::new_tuple(v)));
            }
            if let (Some(x), Some(y)) = (bytes::bytes_data(a), bytes::bytes_data(b)) {
                let mut v = x;
                v.extend(y);
                if a.payload::<bytes::ByteArrayObj>().is_some() {
                    return Some(Ok(bytes::new_bytearray(v)));
                }
                return Some(Ok(bytes::new_bytes(&v)));
            }
            None
        }
        "*" => {
            if is_sequence_builtin(a) && int_value(b).is_some() {
                return Some(repeat(a, b));
            }
            if is_sequence_builtin(b) && int_value(a).is_some() {
                return Some(repeat(b, a));
            }
            None
        }
        "%" => {
            if pstr::is_str(a) {
                return Some(crate::strfmt::percent_format(a, b).map(pstr::new_string));
            }
            if let Some(x) = bytes::bytes_data(a) {
                let s: String = x.iter().map(|c| *c as char).collect();
                return Some(
                    crate::strfmt::percent_format(&pstr::new_string(s), b).map(|r| {
                        let v: Vec<u8> = r.chars().map(|c| c as u32 as u8).collect();
                        bytes::new_bytes(&v)
                    }),
                );
            }
            None
        }
        "|" | "&" | "-" | "^" => {
            if set::is_anyset(a) && set::is_anyset(b) {
                return Some(set_op(a, b, op));
            }
            if op == "|" && dict::is_dict(a) && dict::is_dict(b) {
                return Some((|| {
                    let d = dict::copy(a)?;
                    for (k, v) in dict::items(b) {
                        dict::set_item(&d, k, v)?;
                    }
                    Ok(d)
                })());
            }
            if matches!(op, "|" | "&" | "-" | "^")
                && (a.has_type(&t().dict_keys) || a.has_type(&t().dict_items))
            {
                let sa = set::new_set();
                return Some((|| {
                    for x in ops::to_vec(a)? {
                        set::add(&sa, x)?;
                    }
                    let sb = set::new_set();
                    for x in ops::to_vec(b)? {
                        set::add(&sb, x)?;
                    }
                    set_op(&sa, &sb, op)
                })());
            }
            None
        }
        _ => None,
    }
}

/// `a OP b` for two sets (`|`, `&`, `-`, `^`): CPython's algorithms, a new
/// set of `a`'s base type (see `objects/set_algebra.rs`).
pub fn set_op(a: &Obj, b: &Obj, op: &str) -> PyResult<Obj> {
    use crate::objects::set_algebra as alg;
    match op {
        "|" => alg::union_multi(a, std::slice::from_ref(b)),
        "&" => alg::intersection(a, b),
        "-" => alg::difference(a, b),
        _ => alg::symmetric_difference(a, b),
    }
}

/// `a OP= b` for a set `a` and a set `b`.
pub fn set_inplace(a: &Obj, b: &Obj, op: &str) -> PyResult<Obj> {
    use crate::objects::set_algebra as alg;
    match op {
        "|" => alg::update(a, b)?,
        "-" => alg::difference_update(a, b)?,
        "&" => alg::intersection_update(a, std::slice::from_ref(b))?,
        _ => alg::symmetric_difference_update(a, b)?,
    }
    Ok(a.clone())
}

pub fn list_imul(a: &Obj, b: &Obj) -> PyResult<Obj> {
    let Some(_) = int_value(b) else {
        return Err(type_err(&format!(
            "can't multiply sequence by non-int of type '{}'",
            tname(b)
        )));
    };
    let k = repeat_count(b)?;
    let items = list::list_items(a);
    check_repeat_size(items.len(), k)?;
    let mut out = Vec::with_capacity(items.len() * k);
    for _ in 0..k {
        out.extend(items.iter().cloned());
    }
    if k == 0 {
        list::list_clear(a);
    } else {
        let extra: Vec<Obj> = out.split_off(items.len());
        list::list_extend_items(a, extra)?;
    }
    Ok(a.clone())
}

/// A dict with the items of a mapping (for `|=`).
pub fn as_mapping_items(m: &Obj) -> PyResult<Obj> {
    let d = dict::new_dict();
    for (k, v) in crate::eval::mapping_pairs(m)? {
        dict::set_item(&d, k, v)?;
    }
    Ok(d)
}

pub fn unused(_: BigInt) {}
