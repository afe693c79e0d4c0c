//! An optional instruction budget for fuzzing (`fuzz/` run target).
//!
//! Read [`tick`] first. The interpreter calls it on every frame entry and
//! every backward jump, so any non-terminating program reaches it. The budget
//! is off (`u64::MAX`) unless [`set`] is called; once it is exhausted every
//! further tick raises `RuntimeError: instruction budget exhausted`, so a
//! program that catches the error still stops at its next loop iteration.
//! Invariant: with the budget off, `tick` only reads and writes one
//! thread-local counter.

use std::cell::Cell;

use crate::rt::PyResult;

thread_local! {
    static BUDGET: Cell<u64> = const { Cell::new(u64::MAX) };
}

/// Allows `n` more ticks on this thread (`u64::MAX`: unlimited).
pub fn set(n: u64) {
    BUDGET.with(|b| b.set(n));
}

/// Counts one frame entry or backward jump; errors once the budget is spent.
#[inline]
pub fn tick() -> PyResult<()> {
    BUDGET.with(|b| match b.get() {
        0 => Err(crate::exc::runtime_err("instruction budget exhausted")),
        u64::MAX => Ok(()),
        n => {
            b.set(n - 1);
            Ok(())
        }
    })
}
