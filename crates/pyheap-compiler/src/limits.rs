//! The int/str conversion digit limit (CPython 3.11's
//! `sys.set_int_max_str_digits`), shared by the compiler and the VM.
//!
//! NOTE: it lives in the compiler crate because decimal int literals are
//! checked against it at compile time (see `literal_limit.rs`) and the VM
//! depends on this crate, not the other way round; the VM's `sys` functions
//! and its int<->str conversions read and set this one value.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `sys.int_info.default_max_str_digits`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;
/// `sys.int_info.str_digits_check_threshold`: the smallest non-zero limit.
pub const STR_DIGITS_CHECK_THRESHOLD: usize = 640;

static MAX_STR_DIGITS: AtomicUsize = AtomicUsize::new(DEFAULT_MAX_STR_DIGITS);

/// The current limit; 0 means unlimited.
pub fn max_str_digits() -> usize {
    MAX_STR_DIGITS.load(Ordering::Relaxed)
}

/// Sets the limit and returns `true`, or returns `false` (nothing changed)
/// unless `n` is 0 or at least [`STR_DIGITS_CHECK_THRESHOLD`].
pub fn set_max_str_digits(n: usize) -> bool {
    if n != 0 && n < STR_DIGITS_CHECK_THRESHOLD {
        return false;
    }
    MAX_STR_DIGITS.store(n, Ordering::Relaxed);
    true
}

/// Whether `digits` decimal digits exceed the current limit.
pub fn exceeds(digits: usize) -> bool {
    let limit = max_str_digits();
    limit != 0 && digits > limit
}
