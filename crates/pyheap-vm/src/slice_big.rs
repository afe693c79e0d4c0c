//! Slice resolution with unbounded integers: `range` slicing and
//! `slice.indices()`, whose lengths may exceed `isize`. Read [`indices`]
//! first. (Sequences stored in memory use `seq::slice_indices`.)
//!
//! As CPython's `_PySlice_GetLongIndices`: step defaults to 1 and must not
//! be 0; negative bounds count from the end; bounds are clamped to
//! `[0, len]` (step > 0) or `[-1, len - 1]` (step < 0).

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};

use crate::exc::{type_err, value_err};
use crate::objects::int::int_value;
use crate::objects::misc::SliceObj;
use crate::ops;
use crate::rt::{Obj, PyResult};
use crate::types::is_none;

fn bound(x: Option<Obj>) -> PyResult<Option<BigInt>> {
    match x {
        Some(v) if !is_none(&v) => {
            let v = ops::index(&v).map_err(|_| {
                type_err("slice indices must be integers or None or have an __index__ method")
            })?;
            Ok(int_value(&v).map(|i| i.big()))
        }
        _ => Ok(None),
    }
}

/// (start, stop, step) of slice `sl` over `len` items (`len` >= 0).
pub fn indices(sl: &Obj, len: &BigInt) -> PyResult<(BigInt, BigInt, BigInt)> {
    let Some(s) = sl.payload::<SliceObj>() else {
        return Err(type_err("expected slice"));
    };
    let step = bound(s.step.get())?.unwrap_or_else(|| BigInt::from(1));
    if step.is_zero() {
        return Err(value_err("slice step cannot be zero"));
    }
    let neg = step.is_negative();
    let (lower, upper) = if neg {
        (BigInt::from(-1), len - 1i32)
    } else {
        (BigInt::zero(), len.clone())
    };
    let clamp = |v: Option<BigInt>, def: &BigInt| -> BigInt {
        match v {
            None => def.clone(),
            Some(x) if x.is_negative() => (x + len).max(lower.clone()),
            Some(x) => x.min(upper.clone()),
        }
    };
    let start = clamp(bound(s.start.get())?, if neg { &upper } else { &lower });
    let stop = clamp(bound(s.stop.get())?, if neg { &lower } else { &upper });
    Ok((start, stop, step))
}

/// Number of items of `range(start, stop, step)` (`step` != 0).
pub fn range_len(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    if step.is_positive() && start < stop {
        (stop - start - 1i32).div_floor(step) + 1i32
    } else if step.is_negative() && start > stop {
        (start - stop - 1i32).div_floor(&-step) + 1i32
    } else {
        BigInt::zero()
    }
}
