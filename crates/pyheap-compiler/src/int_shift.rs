//! `int << n` and `int >> n` as CPython 3.11 computes them, shared by the
//! constant folder and the VM's `int` type so both follow one rule. Read
//! [`prepare`] first.
//!
//! CPython splits the count into a digit shift (`n // 30`) and a bit shift;
//! a digit shift that does not fit in a quarter of `ssize_t` is clipped.
//! Consequences reproduced here:
//! - negative counts raise `ValueError('negative shift count')`;
//! - a zero left operand gives 0 whatever the count;
//! - `x >> n` with `n` at least the bit length gives 0 or -1 (floor);
//! - `x << n` whose result would need more than `MAX_LONG_DIGITS` 30-bit
//!   digits raises `OverflowError('too many digits in integer')`.
//!
//! Invariant: [`prepare`] never allocates more than its operands; a left
//! shift is returned as a plan ([`Shift::Left`]) so the caller applies its
//! own size limit (the folder's 128 bits, the VM's memory limits) first.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// CPython's `PyLong_SHIFT`.
const DIGIT_BITS: u64 = 30;
/// CPython's clip value for the digit shift (`PY_SSIZE_T_MAX / sizeof(digit)`).
const CLIP: u64 = (isize::MAX as u64) / 4;
/// CPython's `MAX_LONG_DIGITS` (`(PY_SSIZE_T_MAX - offsetof(ob_digit)) / 4`).
const MAX_LONG_DIGITS: u64 = (isize::MAX as u64 - 24) / 4;

/// Why a shift fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShiftError {
    /// `ValueError: negative shift count`.
    NegativeCount,
    /// `OverflowError: too many digits in integer`.
    TooManyDigits,
}

impl ShiftError {
    pub fn message(self) -> &'static str {
        match self {
            ShiftError::NegativeCount => "negative shift count",
            ShiftError::TooManyDigits => "too many digits in integer",
        }
    }
}

/// A shift's outcome before any large allocation.
#[derive(Debug, PartialEq, Eq)]
pub enum Shift {
    /// The result.
    Value(BigInt),
    /// `x << by`, whose result has `bits` bits.
    Left { by: u64, bits: u64 },
}

/// `x << y` (`left`) or `x >> y`, up to the allocation of a left shift.
pub fn prepare(x: &BigInt, y: &BigInt, left: bool) -> Result<Shift, ShiftError> {
    if y.is_negative() {
        return Err(ShiftError::NegativeCount);
    }
    if x.is_zero() {
        return Ok(Shift::Value(BigInt::zero()));
    }
    if left {
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
        let x_digits = x.bits().div_ceil(DIGIT_BITS);
        if x_digits.saturating_add(words).saturating_add(1) > MAX_LONG_DIGITS {
            return Err(ShiftError::TooManyDigits);
        }
        let by = words.saturating_mul(DIGIT_BITS).saturating_add(rem);
        return Ok(Shift::Left {
            by,
            bits: x.bits().saturating_add(by),
        });
    }
    let s = y.to_u64().unwrap_or(u64::MAX);
    if s >= x.bits() {
        return Ok(Shift::Value(if x.is_negative() {
            BigInt::from(-1)
        } else {
            BigInt::zero()
        }));
    }
    // Floor semantics for negatives; the divisor is smaller than `x`.
    Ok(Shift::Value(x.div_floor(&(BigInt::from(1) << s))))
}

/// Applies a [`Shift::Left`] plan.
pub fn apply_left(x: &BigInt, by: u64) -> BigInt {
    x << by
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(x: i64, y: BigInt, left: bool) -> Result<Shift, ShiftError> {
        prepare(&BigInt::from(x), &y, left)
    }

    #[test]
    fn huge_right_shifts_saturate() {
        let big: BigInt = BigInt::from(1) << 100u32;
        let v = |n: i64| Ok(Shift::Value(BigInt::from(n)));
        assert_eq!(sh(5, big.clone(), false), v(0));
        assert_eq!(sh(-5, big.clone(), false), v(-1));
        assert_eq!(sh(-5, BigInt::from(1), false), v(-3));
        assert_eq!(sh(-7, BigInt::from(1), false), v(-4));
        assert_eq!(sh(-5, BigInt::from(1000), false), v(-1));
        assert_eq!(sh(0, big, true), v(0));
    }

    #[test]
    fn errors() {
        assert_eq!(
            sh(1, BigInt::from(-1), true),
            Err(ShiftError::NegativeCount)
        );
        assert_eq!(
            sh(1, BigInt::from(-1), false),
            Err(ShiftError::NegativeCount)
        );
        let huge: BigInt = BigInt::from(1) << 70u32;
        assert_eq!(sh(1, huge, true), Err(ShiftError::TooManyDigits));
        assert_eq!(
            sh(3, BigInt::from(4), true),
            Ok(Shift::Left { by: 4, bits: 6 })
        );
    }
}
