//! `int << n` and `int >> n` for any operand sizes, without ever asking for
//! an impossible allocation. Read [`shift`] first.
//!
//! CPython 3.11 splits the count into a digit shift (`n // 30`) and a bit
//! shift; a digit shift that does not fit in a quarter of `ssize_t` is
//! clipped. Consequences reproduced here:
//! - negative counts raise `ValueError('negative shift count')`;
//! - a zero left operand gives 0 whatever the count;
//! - `x >> n` with `n` at least the bit length gives 0 or -1;
//! - `x << n` whose result would need more than `MAX_LONG_DIGITS` 30-bit
//!   digits raises `OverflowError('too many digits in integer')`; a smaller
//!   but still unsatisfiable size raises `MemoryError`.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::exc::{overflow, value_err};
use crate::rt::PyResult;

/// CPython's `PyLong_SHIFT`.
const DIGIT_BITS: u64 = 30;
/// CPython's clip value for the digit shift (`PY_SSIZE_T_MAX / sizeof(digit)`).
const CLIP: u64 = (isize::MAX as u64) / 4;
/// CPython's `MAX_LONG_DIGITS` (`(PY_SSIZE_T_MAX - offsetof(ob_digit)) / 4`).
const MAX_LONG_DIGITS: u64 = (isize::MAX as u64 - 24) / 4;
/// Result size (bits) above which a left shift raises `MemoryError`
/// before trying (a 512 MiB integer); `-X heaplimit` may lower it.
const MAX_RESULT_BITS: u64 = 1 << 32;

/// `x << y` (`left`) or `x >> y`.
pub fn shift(x: &BigInt, y: &BigInt, left: bool) -> PyResult<BigInt> {
    if y.is_negative() {
        return Err(value_err("negative shift count"));
    }
    if x.is_zero() {
        return Ok(BigInt::zero());
    }
    // Digit shift as CPython computes it, clipped.
    let words = (y / DIGIT_BITS)
        .to_u64()
        .filter(|w| *w < CLIP)
        .unwrap_or(CLIP);
    let rem = if words == CLIP {
        0
    } else {
        (y % DIGIT_BITS).to_u64().unwrap_or(0)
    };
    if left {
        let x_digits = x.bits().div_ceil(DIGIT_BITS);
        let new_digits = x_digits.saturating_add(words).saturating_add(1);
        if new_digits > MAX_LONG_DIGITS {
            return Err(overflow("too many digits in integer"));
        }
        let s = words.saturating_mul(DIGIT_BITS).saturating_add(rem);
        let bits = x.bits().saturating_add(s);
        if bits > MAX_RESULT_BITS {
            return Err(crate::exc::memory_error());
        }
        crate::exc::check_heap_room((bits / 8) as usize)?;
        return Ok(x << s);
    }
    let s = y.to_u64().unwrap_or(u64::MAX);
    if s >= x.bits() {
        return Ok(if x.is_negative() {
            BigInt::from(-1)
        } else {
            BigInt::zero()
        });
    }
    // Floor semantics for negatives; the divisor is smaller than `x`.
    Ok(x.div_floor(&(BigInt::from(1) << s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(x: i64, y: BigInt, left: bool) -> Option<BigInt> {
        shift(&BigInt::from(x), &y, left).ok()
    }

    #[test]
    fn huge_right_shifts_saturate() {
        let big: BigInt = BigInt::from(1) << 100u32;
        assert_eq!(sh(5, big.clone(), false), Some(BigInt::zero()));
        assert_eq!(sh(-5, big.clone(), false), Some(BigInt::from(-1)));
        assert_eq!(sh(-5, BigInt::from(1), false), Some(BigInt::from(-3)));
        assert_eq!(sh(0, big, true), Some(BigInt::zero()));
    }
}
