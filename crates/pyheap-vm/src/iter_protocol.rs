//! The pickling and sizing protocol of the builtin sequence, str, dict and
//! set iterators (`__length_hint__`, `__reduce__`, `__setstate__`), and
//! the reverse dict iterators (`reversed(d)`, `reversed(d.keys())`, ...);
//! also the singleton types' `__new__` (`type(None)()` is `None`).
//!
//! Read [`register`] first. Iterator state (see `iters.rs`): `a` is the
//! iterated object (dropped when exhausted), `i` the next index (for str
//! iterators the byte offset of the next code point), and for dict/set
//! iterators `n` the container's length when iteration started (-1 once a
//! size change was reported). Reverse dict iterators hold in `i` the entry
//! position to look at next, going down (-1: none left).

use crate::exc::{overflow, runtime_err, type_err};
use crate::objects::int::{self, new_int};
use crate::objects::iterobj::{iter_state, new_iter, IterRef};
use crate::objects::misc::oneref;
use crate::objects::{bytes, dict, list, set, str as pstr, tuple};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{add_method, none, t};

fn this(args: &[Obj]) -> PyResult<(Obj, IterRef<'_>)> {
    let o = args.first().ok_or_else(|| type_err("missing self"))?;
    let p = iter_state(o).ok_or_else(|| type_err("descriptor requires an iterator"))?;
    Ok((o.clone(), p))
}

/// `range_iterator` (`longrange_iterator` has its own payload and
/// methods: `objects/longrange.rs`).
pub fn is_range_iter(ty: &Obj) -> bool {
    ty.is(&t().range_iter)
}

fn is_str_iter(ty: &Obj) -> bool {
    ty.is(&t().str_iter) || ty.is(&t().str_uiter)
}

/// The index a str iterator at byte offset `off` of `a` is at (code points
/// before it); other iterators keep the index itself.
fn logical_index(ty: &Obj, a: &Obj, i: i64) -> i64 {
    match pstr::as_str(a) {
        Some(s) if is_str_iter(ty) => s.get(..i as usize).map_or(0, |h| h.chars().count()) as i64,
        _ => i,
    }
}

/// Length of the sequence an index-based iterator walks.
fn seq_len(a: &Obj) -> i64 {
    if list::is_list(a) {
        list::list_len(a) as i64
    } else if tuple::is_tuple(a) {
        tuple::tuple_items(a).len() as i64
    } else if pstr::is_str(a) {
        pstr::char_len(a) as i64
    } else if let Some(b) = bytes::bytes_data(a) {
        b.len() as i64
    } else {
        crate::ops::len(a).map_or(0, |n| n as i64)
    }
}

fn is_dict_iter(ty: &Obj) -> bool {
    let tt = t();
    [
        &tt.dict_keyiter,
        &tt.dict_valueiter,
        &tt.dict_itemiter,
        &tt.dict_revkeyiter,
        &tt.dict_revvalueiter,
        &tt.dict_revitemiter,
    ]
    .iter()
    .any(|x| ty.is(x))
}

fn is_rev_dict_iter(ty: &Obj) -> bool {
    let tt = t();
    ty.is(&tt.dict_revkeyiter) || ty.is(&tt.dict_revvalueiter) || ty.is(&tt.dict_revitemiter)
}

/// Remaining items of a dict or set iterator, without advancing it.
fn remaining(it: &Obj, p: IterRef) -> PyResult<Vec<Obj>> {
    let Some(a) = p.a() else {
        return Ok(Vec::new());
    };
    let ty = it.type_ref();
    let tt = t();
    if set::is_anyset(&a) {
        if set::len(&a) as i64 != p.n() {
            return Err(runtime_err("Set changed size during iteration"));
        }
        let mut out = Vec::new();
        let mut pos = p.i().max(0) as usize;
        while let Some((np, k)) = set::next_entry(&a, pos) {
            out.push(k);
            pos = np;
        }
        return Ok(out);
    }
    if dict::len(&a) as i64 != p.n() {
        return Err(runtime_err("dictionary changed size during iteration"));
    }
    let pick = |k: Obj, v: Obj| {
        if ty.is(&tt.dict_keyiter) || ty.is(&tt.dict_revkeyiter) {
            k
        } else if ty.is(&tt.dict_valueiter) || ty.is(&tt.dict_revvalueiter) {
            v
        } else {
            tuple::new_tuple(vec![k, v])
        }
    };
    let mut out = Vec::new();
    let mut pos = p.i();
    if is_rev_dict_iter(&ty) {
        while let Some((ix, k, v)) = usize::try_from(pos)
            .ok()
            .and_then(|x| dict::prev_entry(&a, x))
        {
            out.push(pick(k, v));
            pos = ix as i64 - 1;
        }
    } else {
        while let Some((np, k, v)) = dict::next_entry(&a, pos.max(0) as usize) {
            out.push(pick(k, v));
            pos = np as i64;
        }
    }
    Ok(out)
}

fn length_hint(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (it, p) = this(&args)?;
    let Some(a) = p.a() else {
        return Ok(new_int(0));
    };
    let ty = it.type_ref();
    let i = logical_index(&ty, &a, p.i());
    let tt = t();
    if is_range_iter(&ty) {
        return Ok(new_int(p.n().max(0)));
    }
    let n = if ty.is(&tt.list_reviter) || ty.is(&tt.reversed) {
        if seq_len(&a) < i + 1 {
            0
        } else {
            i + 1
        }
    } else if is_dict_iter(&ty) || set::is_anyset(&a) {
        let same = if set::is_anyset(&a) {
            set::len(&a) as i64 == p.n()
        } else {
            dict::len(&a) as i64 == p.n()
        };
        if same {
            remaining(&it, p)?.len() as i64
        } else {
            0
        }
    } else {
        (seq_len(&a) - i).max(0)
    };
    Ok(new_int(n))
}

fn builtin_iter() -> Obj {
    dict::get_str(&crate::builtins::builtins_dict(), "iter").unwrap_or_else(none)
}

fn reduce(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (it, p) = this(&args)?;
    let tt = t();
    let ty = it.type_ref();
    if is_dict_iter(&ty) || ty.is(&tt.set_iter) {
        let l = list::new_list(remaining(&it, p)?);
        return Ok(tuple::new_tuple(vec![
            builtin_iter(),
            tuple::new_tuple(vec![l]),
        ]));
    }
    if is_range_iter(&ty) {
        return range_reduce(p);
    }
    let Some(a) = p.a() else {
        let empty = if ty.is(&tt.tuple_iter)
            || ty.is(&tt.bytes_iter)
            || ty.is(&tt.bytearray_iter)
            || ty.is(&tt.reversed)
        {
            tt.empty_tuple.clone()
        } else if ty.is(&tt.str_iter) || ty.is(&tt.str_uiter) {
            tt.empty_str.clone()
        } else {
            list::new_list(Vec::new())
        };
        let f = if ty.is(&tt.reversed) {
            tt.reversed.clone()
        } else {
            builtin_iter()
        };
        return Ok(tuple::new_tuple(vec![f, tuple::new_tuple(vec![empty])]));
    };
    let f = if ty.is(&tt.list_reviter) || ty.is(&tt.reversed) {
        tt.reversed.clone()
    } else {
        builtin_iter()
    };
    let i = logical_index(&ty, &a, p.i());
    Ok(tuple::new_tuple(vec![
        f,
        tuple::new_tuple(vec![a]),
        new_int(i),
    ]))
}

fn setstate(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (it, p) = this(&args)?;
    let state = args
        .get(1)
        .ok_or_else(|| type_err("__setstate__() takes exactly one argument (0 given)"))?;
    // range iterators read a C long (through __index__), the others a
    // Py_ssize_t (ints only).
    let is_range = is_range_iter(&it.type_ref());
    if !int::is_int(state) {
        return Err(type_err(&if is_range {
            format!(
                "'{}' object cannot be interpreted as an integer",
                crate::types::tname(state)
            )
        } else {
            "an integer is required".to_string()
        }));
    }
    let index = int::as_i64(state).ok_or_else(|| {
        overflow(if is_range {
            "Python int too large to convert to C long"
        } else {
            "Python int too large to convert to C ssize_t"
        })
    })?;
    let ty = it.type_ref();
    if is_range {
        // The index moves within the original range: [0, len].
        let total = p.i() + p.n();
        let new = index.clamp(0, total.max(0));
        p.set_i(new);
        p.set_n(total - new);
        return Ok(none());
    }
    let Some(a) = p.a() else {
        return Ok(none());
    };
    let len = seq_len(&a);
    if ty.is(&t().list_reviter) || ty.is(&t().reversed) {
        p.set_i(index.clamp(-1, len - 1));
        return Ok(none());
    }
    let index = index.clamp(0, len);
    match pstr::as_str(&a) {
        Some(s) if is_str_iter(&ty) => {
            let off = s
                .char_indices()
                .nth(index as usize)
                .map_or(s.len(), |(b, _)| b);
            p.set_i(off as i64);
        }
        _ => p.set_i(index),
    }
    Ok(none())
}

/// `(iter, (range(start, stop, step),), index)` of a range iterator: the
/// iterator's own start and length, with the index it reached.
fn range_reduce(p: IterRef) -> PyResult<Obj> {
    use crate::ops::binary_op;
    let step = p.b().unwrap_or_else(|| new_int(1));
    let start = p.a().unwrap_or_else(|| new_int(0));
    let i = p.i();
    let len = new_int(i + p.n().max(0));
    let stop = binary_op(&start, &binary_op(&step, &len, "*")?, "+")?;
    let r = crate::objects::misc::new_range(start, stop, step, len);
    Ok(tuple::new_tuple(vec![
        builtin_iter(),
        tuple::new_tuple(vec![r]),
        new_int(i),
    ]))
}

/// `__reduce__` of `enumerate`, `zip`, `map`, `filter` and
/// `callable_iterator`: the constructor call that rebuilds them.
fn reduce_wrapper(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (it, p) = this(&args)?;
    let tt = t();
    let ty = it.type_ref();
    let a = p.a();
    let b = p.b();
    let tup = tuple::new_tuple;
    if ty.is(&tt.callable_iter) {
        let inner = match (a, b) {
            (Some(f), Some(sentinel)) => vec![f, sentinel],
            _ => vec![tt.empty_tuple.clone()],
        };
        return Ok(tup(vec![builtin_iter(), tup(inner)]));
    }
    let a = a.unwrap_or_else(none);
    let inner = if ty.is(&tt.enumerate) {
        vec![a, b.unwrap_or_else(|| new_int(0))]
    } else if ty.is(&tt.zip) {
        let mut v = vec![ty.clone(), a];
        if p.i() == 1 {
            v.push(crate::types::py_bool(true));
        }
        return Ok(tup(v));
    } else if ty.is(&tt.map) {
        let mut v = vec![a];
        v.extend(tuple::tuple_items(
            &b.unwrap_or_else(|| tt.empty_tuple.clone()),
        ));
        v
    } else {
        vec![a, b.unwrap_or_else(none)]
    };
    Ok(tup(vec![ty, tup(inner)]))
}

fn zip_setstate(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (_, p) = this(&args)?;
    let state = args
        .get(1)
        .ok_or_else(|| type_err("__setstate__() takes exactly one argument (0 given)"))?;
    p.set_i(crate::ops::truthy(state)? as i64);
    Ok(none())
}

/// A reverse dict iterator of type `ty` over `d`.
pub fn dict_reverse_iter(ty: &Obj, d: Obj) -> Obj {
    let start = dict::table(&d).map_or(0, |tb| tb.nentries()) as i64 - 1;
    let n = dict::len(&d) as i64;
    new_iter(ty, Some(d), None, start, n)
}

fn dict_reversed(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let d = args
        .first()
        .cloned()
        .ok_or_else(|| type_err("missing self"))?;
    Ok(dict_reverse_iter(&t().dict_revkeyiter, d))
}

fn view_reversed(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let tt = t();
    let v = args.first().ok_or_else(|| type_err("missing self"))?;
    let d = oneref(v).unwrap_or_else(dict::new_dict);
    let ty = if v.has_type(&tt.dict_values) {
        &tt.dict_revvalueiter
    } else if v.has_type(&tt.dict_items) {
        &tt.dict_revitemiter
    } else {
        &tt.dict_revkeyiter
    };
    Ok(dict_reverse_iter(ty, d))
}

/// `NoneType()`, `EllipsisType()`, `NotImplementedType()`: the singleton.
fn singleton_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let tt = t();
    let cls = args.first().ok_or_else(|| type_err("missing type"))?;
    let (name, v) = if cls.is(&tt.ellipsis_type) {
        ("EllipsisType", tt.ellipsis.clone())
    } else if cls.is(&tt.notimpl_type) {
        ("NotImplementedType", tt.not_implemented.clone())
    } else {
        ("NoneType", none())
    };
    if args.len() > 1 || !kw.is_empty() {
        return Err(type_err(&format!("{name} takes no arguments")));
    }
    Ok(v)
}

/// Adds the methods (called from `init::populate`).
pub fn register() {
    let tt = t();
    for ty in [&tt.none_type, &tt.ellipsis_type, &tt.notimpl_type] {
        crate::types::add_static(ty, "__new__", singleton_new);
    }
    for ty in [
        &tt.list_iter,
        &tt.list_reviter,
        &tt.tuple_iter,
        &tt.str_iter,
        &tt.str_uiter,
        &tt.bytes_iter,
        &tt.bytearray_iter,
        &tt.range_iter,
        &tt.reversed,
    ] {
        add_method(ty, "__length_hint__", length_hint);
        add_method(ty, "__reduce__", reduce);
        add_method(ty, "__setstate__", setstate);
    }
    for ty in [
        &tt.dict_keyiter,
        &tt.dict_valueiter,
        &tt.dict_itemiter,
        &tt.dict_revkeyiter,
        &tt.dict_revvalueiter,
        &tt.dict_revitemiter,
        &tt.set_iter,
    ] {
        add_method(ty, "__length_hint__", length_hint);
        add_method(ty, "__reduce__", reduce);
    }
    for ty in [
        &tt.enumerate,
        &tt.zip,
        &tt.map,
        &tt.filter,
        &tt.callable_iter,
    ] {
        add_method(ty, "__reduce__", reduce_wrapper);
    }
    add_method(&tt.zip, "__setstate__", zip_setstate);
    crate::objects::longrange::register();
    add_method(&tt.dict, "__reversed__", dict_reversed);
    for v in [&tt.dict_keys, &tt.dict_values, &tt.dict_items] {
        add_method(v, "__reversed__", view_reversed);
    }
}
