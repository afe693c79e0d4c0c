//! The `gc` module: thin bindings over `pyheap_mem::gc`.

use super::{add_fn, set_attr};
use crate::exc::type_err;
use crate::objects::int::{new_int, new_int_usize};
use crate::objects::{dict, list, str as pstr, tuple};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{none, py_bool};
use pyheap_mem::gc;

fn collect(a: Vec<Obj>, k: Kw) -> PyResult<Obj> {
    let g = a
        .first()
        .cloned()
        .or_else(|| crate::builtins::kwarg(&k, "generation"));
    let g = match g {
        Some(g) => crate::ops::to_i64(&g)?,
        None => 2,
    };
    if !(0..=2).contains(&g) {
        return Err(crate::exc::value_err("invalid generation"));
    }
    let n = gc::collect(g as usize).map_err(|_| crate::exc::value_err("invalid generation"))?;
    Ok(new_int_usize(n))
}
fn enable(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    gc::enable();
    Ok(none())
}
fn disable(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    gc::disable();
    Ok(none())
}
fn isenabled(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(py_bool(gc::isenabled()))
}
fn get_count(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let (a, b, c) = gc::get_count();
    Ok(tuple::new_tuple(vec![
        new_int_usize(a),
        new_int_usize(b),
        new_int_usize(c),
    ]))
}
fn get_threshold(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let (a, b, c) = gc::get_threshold();
    Ok(tuple::new_tuple(vec![
        new_int_usize(a),
        new_int_usize(b),
        new_int_usize(c),
    ]))
}
fn set_threshold(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let v: Vec<usize> = a
        .iter()
        .map(|x| crate::ops::to_i64(x).map(|n| n.max(0) as usize))
        .collect::<PyResult<_>>()?;
    let Some(t0) = v.first().copied() else {
        return Err(type_err(
            "set_threshold() takes at least 1 argument (0 given)",
        ));
    };
    gc::set_threshold(t0, v.get(1).copied(), v.get(2).copied());
    Ok(none())
}
fn is_tracked(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let o = a
        .first()
        .ok_or_else(|| type_err("is_tracked() takes exactly one argument (0 given)"))?;
    Ok(py_bool(crate::gcapi::is_tracked(o)))
}
fn is_finalized(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let o = a
        .first()
        .ok_or_else(|| type_err("is_finalized() takes exactly one argument (0 given)"))?;
    Ok(py_bool(o.is_gc() && o.gc_is_finalized()))
}
fn get_objects(a: Vec<Obj>, k: Kw) -> PyResult<Obj> {
    let g = a
        .first()
        .cloned()
        .or_else(|| crate::builtins::kwarg(&k, "generation"))
        .filter(|x| !crate::types::is_none(x));
    let g = g.map(|x| crate::ops::to_i64(&x)).transpose()?;
    let g = g.filter(|x| *x >= 0);
    if let Some(x) = g {
        if x > 2 {
            return Err(crate::exc::value_err(
                "generation parameter must be less than the number of available generations (3)",
            ));
        }
    }
    let objs = gc::get_objects(g.map(|x| x as usize)).unwrap_or_default();
    Ok(list::new_list(objs))
}
fn get_referents(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(list::new_list(gc::get_referents(&a)))
}
fn get_referrers(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(list::new_list(gc::get_referrers(&a, &[])))
}
fn freeze(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    gc::freeze();
    Ok(none())
}
fn unfreeze(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    gc::unfreeze();
    Ok(none())
}
fn get_freeze_count(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(new_int_usize(gc::get_freeze_count()))
}
fn set_debug(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let f = crate::ops::to_i64(a.first().ok_or_else(|| type_err("set_debug"))?)?;
    gc::set_debug(f as u32);
    Ok(none())
}
fn get_debug(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(new_int(gc::get_debug() as i64))
}
fn get_stats(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let mut out = Vec::new();
    for s in gc::get_stats() {
        let d = dict::new_dict();
        dict::set_str(&d, "collections", new_int_usize(s.collections))?;
        dict::set_str(&d, "collected", new_int_usize(s.collected))?;
        dict::set_str(&d, "uncollectable", new_int_usize(s.uncollectable))?;
        out.push(d);
    }
    Ok(list::new_list(out))
}

pub fn init(m: &Obj) -> PyResult<()> {
    let fns: &[(&'static str, crate::rt::NativeFn)] = &[
        ("collect", collect),
        ("enable", enable),
        ("disable", disable),
        ("isenabled", isenabled),
        ("get_count", get_count),
        ("get_threshold", get_threshold),
        ("set_threshold", set_threshold),
        ("is_tracked", is_tracked),
        ("is_finalized", is_finalized),
        ("get_objects", get_objects),
        ("get_referents", get_referents),
        ("get_referrers", get_referrers),
        ("freeze", freeze),
        ("unfreeze", unfreeze),
        ("get_freeze_count", get_freeze_count),
        ("set_debug", set_debug),
        ("get_debug", get_debug),
        ("get_stats", get_stats),
    ];
    for (n, f) in fns {
        add_fn(m, n, *f)?;
    }
    set_attr(m, "garbage", crate::hooks::garbage_list())?;
    set_attr(m, "callbacks", crate::hooks::callbacks_list())?;
    set_attr(m, "DEBUG_STATS", new_int(gc::DEBUG_STATS as i64))?;
    set_attr(
        m,
        "DEBUG_COLLECTABLE",
        new_int(gc::DEBUG_COLLECTABLE as i64),
    )?;
    set_attr(
        m,
        "DEBUG_UNCOLLECTABLE",
        new_int(gc::DEBUG_UNCOLLECTABLE as i64),
    )?;
    set_attr(m, "DEBUG_SAVEALL", new_int(gc::DEBUG_SAVEALL as i64))?;
    set_attr(m, "DEBUG_LEAK", new_int(gc::DEBUG_LEAK as i64))?;
    let _ = pstr::new_str;
    Ok(())
}
