//! `longrange_iterator`: iteration over a range whose values or length do
//! not fit a C long (which ones is decided by
//! `iters::fits_range_iterator`). As CPython 3.11's `longrangeiterobject`
//! it holds four ints — index, start, step, len — and yields
//! `start + index * step` while `index < len`; it is not a GC object (ints
//! cannot form cycles) and its 32-byte payload makes CPython's 48-byte
//! object.
//!
//! Read [`new_longrange_iter`] and [`next`] first.

use pyheap_mem::{new_object, Payload, Slot, TypeSlots};

use crate::exc::type_err;
use crate::objects::int::new_int;
use crate::objects::tuple;
use crate::ops::{binary_op, rich_compare, truthy, CmpOp};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{add_method, none, t};

pub struct LongRangeIterObj {
    index: Slot,
    start: Slot,
    step: Slot,
    len: Slot,
}

impl Payload for LongRangeIterObj {
    type Item = pyheap_mem::typed::NoItems;
}
const _: () = assert!(std::mem::size_of::<LongRangeIterObj>() == 32);

pub fn set_longrange_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<LongRangeIterObj>(s, 16)
}

/// The iterator yielding `start + i * step` for `0 <= i < len`.
pub fn new_longrange_iter(start: Obj, step: Obj, len: Obj) -> Obj {
    new_object(
        &t().longrange_iter,
        LongRangeIterObj {
            index: Slot::new(Some(new_int(0))),
            start: Slot::new(Some(start)),
            step: Slot::new(Some(step)),
            len: Slot::new(Some(len)),
        },
        0,
    )
    .unwrap_or_else(|_| crate::exc::memory_error_obj())
}

pub fn is_longrange_iter(o: &Obj) -> bool {
    o.payload::<LongRangeIterObj>().is_some()
}

/// (index, start, step, len) of a longrange iterator.
fn parts(o: &Obj) -> Option<(Obj, Obj, Obj, Obj)> {
    let p = o.payload::<LongRangeIterObj>()?;
    let z = || new_int(0);
    Some((
        p.index.get().unwrap_or_else(z),
        p.start.get().unwrap_or_else(z),
        p.step.get().unwrap_or_else(|| new_int(1)),
        p.len.get().unwrap_or_else(z),
    ))
}

fn lt(a: &Obj, b: &Obj) -> PyResult<bool> {
    truthy(&rich_compare(a, b, CmpOp::Lt)?)
}

/// One step: Some(Some(v)), Some(None) when exhausted, None when `it` is
/// not a longrange iterator.
pub fn next(it: &Obj) -> Option<PyResult<Option<Obj>>> {
    let (index, start, step, len) = parts(it)?;
    let step_once = || -> PyResult<Option<Obj>> {
        if !lt(&index, &len)? {
            return Ok(None);
        }
        let v = binary_op(&start, &binary_op(&step, &index, "*")?, "+")?;
        let n = binary_op(&index, &new_int(1), "+")?;
        if let Some(p) = it.payload::<LongRangeIterObj>() {
            p.index.set(Some(n));
        }
        Ok(Some(v))
    };
    Some(step_once())
}

fn this(args: &[Obj]) -> PyResult<(Obj, (Obj, Obj, Obj, Obj))> {
    let o = args.first().ok_or_else(|| type_err("missing self"))?;
    let p = parts(o).ok_or_else(|| type_err("descriptor requires a longrange_iterator"))?;
    Ok((o.clone(), p))
}

fn length_hint(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (_, (index, _, _, len)) = this(&args)?;
    binary_op(&len, &index, "-")
}

/// `(iter, (range(start, start + len * step, step),), index)`.
fn reduce(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (_, (index, start, step, len)) = this(&args)?;
    let stop = binary_op(&start, &binary_op(&len, &step, "*")?, "+")?;
    let r = crate::objects::misc::new_range(start, stop, step, len);
    let iter_fn = crate::objects::dict::get_str(&crate::builtins::builtins_dict(), "iter")
        .unwrap_or_else(none);
    Ok(tuple::new_tuple(vec![
        iter_fn,
        tuple::new_tuple(vec![r]),
        index,
    ]))
}

/// The index is clipped to `[0, len]` by comparison (any comparable state
/// is accepted, as CPython's).
fn setstate(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (o, (_, _, _, len)) = this(&args)?;
    let state = args
        .get(1)
        .cloned()
        .ok_or_else(|| type_err("__setstate__() takes exactly one argument (0 given)"))?;
    let zero = new_int(0);
    let state = if lt(&state, &zero)? {
        zero
    } else if lt(&len, &state)? {
        len
    } else {
        state
    };
    if let Some(p) = o.payload::<LongRangeIterObj>() {
        p.index.set(Some(state));
    }
    Ok(none())
}

/// Adds the methods (called from `iter_protocol::register`).
pub fn register() {
    let ty = &t().longrange_iter;
    add_method(ty, "__length_hint__", length_hint);
    add_method(ty, "__reduce__", reduce);
    add_method(ty, "__setstate__", setstate);
}
