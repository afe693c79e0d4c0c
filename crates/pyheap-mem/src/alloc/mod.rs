//! The small-object allocator (pymalloc geometry) and the system fallback.
//!
//! Public entry points: [`malloc`], [`free`], [`realloc`]. Requests of
//! 1..=512 bytes go to pools of 16-byte size classes inside 1 MiB arenas;
//! 0 or larger requests go to the system allocator and are tracked.
//!
//! TEMPORARY: this first version forwards every request to the system
//! allocator; the pymalloc implementation replaces it (issue: pyheap-mem).

use std::ptr::NonNull;

/// Allocates `size` bytes, 16-byte aligned. `None` when out of memory.
pub fn malloc(size: usize) -> Option<NonNull<u8>> {
    // SAFETY: malloc has no preconditions; glibc returns 16-byte aligned blocks on x86-64.
    NonNull::new(unsafe { libc::malloc(size.max(1)) }.cast::<u8>())
}

/// Frees a block from [`malloc`].
///
/// # Safety
/// `p` must come from [`malloc`]/[`realloc`] and not be freed yet.
pub unsafe fn free(p: *mut u8) {
    // SAFETY: caller contract.
    unsafe { libc::free(p.cast()) }
}

/// Resizes a block from [`malloc`].
///
/// # Safety
/// `p` must come from [`malloc`]/[`realloc`] and not be freed yet.
pub unsafe fn realloc(p: *mut u8, size: usize) -> Option<NonNull<u8>> {
    // SAFETY: caller contract.
    NonNull::new(unsafe { libc::realloc(p.cast(), size.max(1)) }.cast::<u8>())
}
