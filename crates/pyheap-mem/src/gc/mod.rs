//! The generational cycle collector (CPython 3.11's algorithm).
//!
//! TEMPORARY interface version: tracking lists, counts and the FINALIZED bit
//! work; `collect` is implemented by the collector work (issue: pyheap-mem).
//! The public functions here are the contract the VM codes against.

use std::cell::Cell;

use crate::header::ObjPtr;

/// Result of one collection: `collected` (m) and `uncollectable` (n); the
/// `gc.collect()` return value is their sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CollectResult {
    pub collected: usize,
    pub uncollectable: usize,
}

const FINALIZED: usize = 1;

thread_local! {
    static COUNT0: Cell<usize> = const { Cell::new(0) };
}

/// Called by `alloc_object` for every new GC object.
pub fn on_gc_alloc() {
    COUNT0.with(|c| c.set(c.get() + 1));
}

/// Called by `free_object` for every freed GC object.
pub fn on_gc_free() {
    COUNT0.with(|c| c.set(c.get().saturating_sub(1)));
}

/// Links an untracked GC object at the tail of generation 0.
///
/// # Safety
/// `p` must be a live GC object.
pub unsafe fn track(p: ObjPtr) {
    // SAFETY: caller contract. Placeholder link (non-zero = tracked).
    unsafe { p.gc_head() }.next.set(1);
}

/// Unlinks a tracked object (no-op when untracked).
///
/// # Safety
/// `p` must be a live GC object.
pub unsafe fn untrack(p: ObjPtr) {
    // SAFETY: caller contract.
    unsafe { p.gc_head() }.next.set(0);
}

/// `gc.is_tracked` for a GC object.
///
/// # Safety
/// `p` must be a live GC object.
pub unsafe fn is_tracked(p: ObjPtr) -> bool {
    // SAFETY: caller contract.
    unsafe { p.gc_head() }.next.get() != 0
}

/// The FINALIZED bit.
///
/// # Safety
/// `p` must be a live GC object.
pub unsafe fn is_finalized(p: ObjPtr) -> bool {
    // SAFETY: caller contract.
    unsafe { p.gc_head() }.prev.get() & FINALIZED != 0
}

/// Sets the FINALIZED bit.
///
/// # Safety
/// `p` must be a live GC object.
pub unsafe fn set_finalized(p: ObjPtr) {
    // SAFETY: caller contract.
    let h = unsafe { p.gc_head() };
    h.prev.set(h.prev.get() | FINALIZED);
}

/// `gc.get_count()`.
pub fn get_count() -> (usize, usize, usize) {
    (COUNT0.with(|c| c.get()), 0, 0)
}
