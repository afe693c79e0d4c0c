//! `int << n` and `int >> n` in the VM: the rule is
//! `pyheap_compiler::int_shift::prepare` (shared with the constant folder);
//! this adds the VM's memory limits before a left shift allocates. Read
//! [`shift`].
//!
//! A left shift whose result would exceed [`MAX_RESULT_BITS`] (or what
//! `-X heaplimit` leaves) raises `MemoryError` instead of trying.

use num_bigint::BigInt;
use pyheap_compiler::int_shift::{apply_left, prepare, Shift, ShiftError};

use crate::exc::{overflow, value_err};
use crate::rt::PyResult;

/// Result size (bits) above which a left shift raises `MemoryError`
/// before trying (a 512 MiB integer).
const MAX_RESULT_BITS: u64 = 1 << 32;

/// `x << y` (`left`) or `x >> y`.
pub fn shift(x: &BigInt, y: &BigInt, left: bool) -> PyResult<BigInt> {
    match prepare(x, y, left) {
        Ok(Shift::Value(v)) => Ok(v),
        Ok(Shift::Left { by, bits }) => {
            if bits > MAX_RESULT_BITS {
                return Err(crate::exc::memory_error());
            }
            crate::exc::check_heap_room((bits / 8) as usize)?;
            Ok(apply_left(x, by))
        }
        Err(e @ ShiftError::NegativeCount) => Err(value_err(e.message())),
        Err(e @ ShiftError::TooManyDigits) => Err(overflow(e.message())),
    }
}
