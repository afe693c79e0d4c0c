//! Where arenas come from: anonymous private `mmap` of 1 MiB, returned with
//! `munmap` (as CPython's `_PyObject_ArenaMmap`). The kernel hands out 4 KiB
//! aligned addresses, so most arenas lose their first partial pool to
//! alignment, exactly as in CPython.
//!
//! Under Miri (no `mmap`), arenas come from `std::alloc::alloc_zeroed` with
//! 16 KiB alignment; every other arena is deliberately shifted by 4 KiB so the
//! unaligned (63-pool) path is exercised too.

/// Maps a fresh zero-filled arena of `ARENA_SIZE` bytes; null on failure.
#[cfg(not(miri))]
pub fn arena_alloc() -> *mut u8 {
    // SAFETY: an anonymous private mapping with a null hint has no
    // preconditions; the result is checked against MAP_FAILED.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            super::geometry::ARENA_SIZE,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        std::ptr::null_mut()
    } else {
        p.cast::<u8>()
    }
}

/// Returns an arena to the OS.
///
/// # Safety
/// `p` must come from [`arena_alloc`] and not be freed yet; nothing may use
/// its memory afterwards.
#[cfg(not(miri))]
pub unsafe fn arena_free(p: *mut u8) {
    // SAFETY: caller contract: p is a live ARENA_SIZE mapping of ours.
    let _ = unsafe { libc::munmap(p.cast(), super::geometry::ARENA_SIZE) };
}

#[cfg(miri)]
mod miri_arenas {
    use super::super::geometry::{ARENA_SIZE, POOL_SIZE};
    use std::alloc::Layout;
    use std::cell::Cell;

    /// Shift applied to odd-numbered arenas so they are not pool-aligned.
    pub const SKEW: usize = 4096;

    thread_local! {
        static COUNTER: Cell<usize> = const { Cell::new(0) };
    }

    fn layout() -> Layout {
        // NOTE: ARENA_SIZE + SKEW with POOL_SIZE alignment is a valid layout
        // (non-zero size, power-of-two alignment, no overflow).
        match Layout::from_size_align(ARENA_SIZE + SKEW, POOL_SIZE) {
            Ok(l) => l,
            Err(_) => unreachable!("constant layout is valid"),
        }
    }

    pub fn alloc() -> *mut u8 {
        // SAFETY: the layout has non-zero size.
        let raw = unsafe { std::alloc::alloc_zeroed(layout()) };
        if raw.is_null() {
            return raw;
        }
        let n = COUNTER.with(|c| {
            let n = c.get();
            c.set(n + 1);
            n
        });
        // Odd arenas start SKEW bytes into the (pool-aligned) allocation;
        // `free` recovers the start from the offset inside a pool.
        let skew = if n % 2 == 1 { SKEW } else { 0 };
        if skew == 0 {
            raw
        } else {
            // SAFETY: raw has ARENA_SIZE + SKEW bytes; SKEW is in bounds.
            unsafe { raw.add(skew) }
        }
    }

    pub unsafe fn free(p: *mut u8) {
        use super::super::geometry::POOL_SIZE_MASK;
        let skew = p.addr() & POOL_SIZE_MASK;
        // SAFETY: caller contract: p = raw + skew for an allocation made by
        // `alloc` with `layout()`.
        unsafe { std::alloc::dealloc(p.sub(skew), layout()) };
    }
}

/// Allocates a fresh zero-filled arena of `ARENA_SIZE` bytes; null on failure.
#[cfg(miri)]
pub fn arena_alloc() -> *mut u8 {
    miri_arenas::alloc()
}

/// Returns an arena to the allocator.
///
/// # Safety
/// `p` must come from [`arena_alloc`] and not be freed yet; nothing may use
/// its memory afterwards.
#[cfg(miri)]
pub unsafe fn arena_free(p: *mut u8) {
    // SAFETY: forwarded caller contract.
    unsafe { miri_arenas::free(p) }
}
