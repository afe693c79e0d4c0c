//! The small-object allocator (CPython 3.11's pymalloc, same geometry and
//! policies) and the tracked system fallback.
//!
//! Read first: [`malloc`] → `State::malloc` (state.rs) → `pool_pop`
//! (pool.rs), then `State::allocate_from_new_pool` (arena.rs) for the slow
//! path; [`free`] → `State::free` → `pool_push` / `insert_to_freepool`.
//!
//! Algorithm (see `reference/cpython-3.11-memory.md` §8):
//! - A request of 1..=512 bytes gets a block of size class `(n - 1) >> 4`
//!   (16, 32, ..., 512 bytes). Requests of 0 or > 512 bytes go to libc
//!   `malloc`, tracked in a side table (large.rs).
//! - Blocks live in 16 KiB pools (48-byte header, one class per pool) inside
//!   1 MiB arenas from `mmap`; an arena not 16 KiB-aligned holds 63 pools.
//! - `usedpools[class]` lists partially used pools; allocation pops the
//!   head pool's LIFO free list (freed blocks first, then virgin blocks in
//!   address order), so the last freed block of a class is the next one
//!   handed out — the address reuse `id()` shows in CPython.
//! - A full pool leaves the list; a free into it relinks it at the front.
//!   An emptied pool goes to its arena's free-pool list. Arenas with free
//!   pools are kept sorted most-full first; an arena that becomes entirely
//!   free is unmapped, unless it is the last usable one.
//! - An arena map (radix tree, arena_map.rs) says which addresses are ours.
//! - A per-pool allocation bitmap (side table) records which blocks are
//!   handed out; it makes double frees harmless and answers [`block_of`].
//!
//! Invariants: all state is per thread (blocks must be freed by the thread
//! that allocated them); the pool and arena life cycles are tabled in
//! arena.rs; pool.rs, arena_map.rs and state.rs state their own invariants.
//!
//! Observability: statistics as `sys._debugmallocstats()` prints them
//! ([`stats`], [`render_debug_malloc_stats`]); every block handed out or
//! freed is reported as [`Event::BlockAlloc`] (with the requested size, for
//! tracemalloc) / [`Event::BlockFree`]; safe address introspection
//! ([`is_heap_address`], [`block_of`], [`read_word`], [`read_live_word`]).
//! Tests under Miri must end with [`release_thread_heap`] (Miri reports the
//! thread-local heap of a finished thread as leaked).
//! Heap limit: [`set_heap_limit`] bounds the bytes obtained from the system
//! (arenas + system blocks); a refused request returns `None` and changes
//! nothing. In soft mode ([`set_soft_limit`]) a small refused request is
//! served anyway and flagged ([`limit_exceeded`]) for the runtime to raise
//! `MemoryError` at its next check point.

mod arena;
mod arena_map;
pub mod geometry;
mod introspect;
mod large;
mod os;
mod placed;
mod pool;
mod state;
mod stats;

#[cfg(test)]
mod tests;

pub use introspect::{AddrError, BlockInfo};
pub use stats::{free_list_line, printone, render_debug_malloc_stats, ClassStats, MallocStats};

use crate::events::{self, Event};
use state::with_state;
use std::cell::Cell;
use std::ptr::NonNull;

/// Allocates `size` bytes, 16-byte aligned. `None` when the heap limit or
/// the system refuses.
#[inline]
pub fn malloc(size: usize) -> Option<NonNull<u8>> {
    let mut p = with_state(|st| st.malloc(size));
    if p.is_none() {
        p = soft_limit_retry(size, |st| st.malloc(size));
    }
    if let Some(p) = p {
        events::emit(Event::BlockAlloc {
            addr: p.as_ptr().addr(),
            size,
        });
    }
    p
}

/// [`malloc`] with the first `size` bytes of the block zeroed.
#[inline]
pub fn malloc_zeroed(size: usize) -> Option<NonNull<u8>> {
    let mut p = with_state(|st| st.malloc_zeroed(size));
    if p.is_none() {
        p = soft_limit_retry(size, |st| st.malloc_zeroed(size));
    }
    if let Some(p) = p {
        events::emit(Event::BlockAlloc {
            addr: p.as_ptr().addr(),
            size,
        });
    }
    p
}

/// Allocates a zeroed block of `size` bytes that starts `page_offset` bytes
/// into a 4 KiB page (see `placed.rs`): for objects CPython allocates
/// statically, whose address (and pointer hash) should share CPython's low
/// 12 bits. `None` if `page_offset` is not a multiple of 16, the block
/// would cross the page end, or no page is obtained. Freed with [`free`];
/// not counted by [`allocated_blocks`] nor by the heap limit.
pub fn malloc_placed(size: usize, page_offset: usize) -> Option<NonNull<u8>> {
    let p = with_state(|st| st.placed.malloc(size, page_offset))?;
    events::emit(Event::BlockAlloc {
        addr: p.as_ptr().addr(),
        size,
    });
    Some(p)
}

/// Frees a block from [`malloc`]/[`realloc`]/[`malloc_placed`]. Null is ignored, and so is
/// any address inside our arenas that is not a live block start (double
/// frees included; counted in [`MallocStats::invalid_frees`]).
///
/// # Safety
/// `p` must be null or come from [`malloc`]/[`realloc`] on this thread and
/// not be freed yet; the block must not be used afterwards.
#[inline(always)]
pub unsafe fn free(p: *mut u8) {
    // SAFETY: forwarded caller contract.
    if with_state(|st| unsafe { st.free(p) }) {
        events::emit(Event::BlockFree { addr: p.addr() });
    }
}

/// Resizes a block from [`malloc`] (null: like [`malloc`]). A pool block is
/// kept in place when the new size fits and is more than 3/4 of the block
/// size; otherwise the contents move to a new block. On `None` the old block
/// is untouched.
///
/// # Safety
/// As [`free`] for `p`; on success the old pointer must not be used (unless
/// it is the returned one).
pub unsafe fn realloc(p: *mut u8, size: usize) -> Option<NonNull<u8>> {
    // SAFETY: forwarded caller contract.
    let mut np = with_state(|st| unsafe { st.realloc(p, size) });
    if np.is_none() {
        // SAFETY: forwarded caller contract (the failed attempt left `p` untouched).
        np = soft_limit_retry(size, |st| unsafe { st.realloc(p, size) });
    }
    if let Some(np) = np {
        if !p.is_null() {
            events::emit(Event::BlockFree { addr: p.addr() });
        }
        events::emit(Event::BlockAlloc {
            addr: np.as_ptr().addr(),
            size,
        });
    }
    np
}

/// Bytes usable in the live block starting at `p`: its size class for a
/// pool block (e.g. 48 for a 40-byte request), the obtained size for a
/// system block (`max(request, 1)`); 0 if `p` is not a block start of ours.
///
/// NOTE: this is on the typed layer's hot path (every trailing-item access
/// is clamped by it), so it reads the pool header's size class directly
/// instead of the full [`block_of`] (no liveness bitmap, no block-index
/// division): the contract already says `p` is a live block start.
///
/// # Safety
/// `p` must be a live block from [`malloc`]/[`realloc`] on this thread
/// (the answer is memory-safe for any address; the contract keeps it meaningful).
#[inline]
pub unsafe fn usable_size(p: *mut u8) -> usize {
    with_state(|st| st.usable_size(p))
}

/// Sets (or with `None` removes) the limit on bytes obtained from the system
/// (arenas × 1 MiB + system blocks). Lowering it below the current use frees
/// nothing; further requests that need more memory are refused (`None`).
/// Free blocks in existing pools are still handed out, and when no new arena
/// fits, a small request is served by the system allocator if *it* fits
/// (CPython's fallback when an arena cannot be obtained).
pub fn set_heap_limit(limit: Option<usize>) {
    with_state(|st| st.heap_limit = limit.unwrap_or(usize::MAX));
}

thread_local! {
    static SOFT_LIMIT: Cell<bool> = const { Cell::new(false) };
    static LIMIT_HIT: Cell<bool> = const { Cell::new(false) };
}

/// Largest request a soft heap limit lets through (see [`set_soft_limit`]);
/// bigger requests beyond the limit are refused outright.
pub const SOFT_LIMIT_MAX_REQUEST: usize = 1 << 30;

/// Soft mode for the heap limit (`-X heaplimit`): a request of at most
/// [`SOFT_LIMIT_MAX_REQUEST`] bytes that the limit refuses is served anyway
/// and [`limit_exceeded`] becomes true until [`take_limit_exceeded`]; the
/// runtime then raises `MemoryError` at its next check point. So an
/// allocation site that cannot report failure never sees one, and the heap
/// overshoots the limit by at most what runs between two check points.
pub fn set_soft_limit(on: bool) {
    SOFT_LIMIT.with(|s| s.set(on));
}

/// Whether a soft-limit overshoot is pending (cheap: one thread-local read).
#[inline]
pub fn limit_exceeded() -> bool {
    LIMIT_HIT.with(|h| h.get())
}

/// Returns and clears the pending soft-limit overshoot.
pub fn take_limit_exceeded() -> bool {
    LIMIT_HIT.with(|h| h.replace(false))
}

#[cold]
#[inline(never)]
fn soft_limit_retry(
    size: usize,
    f: impl FnOnce(&mut state::State) -> Option<NonNull<u8>>,
) -> Option<NonNull<u8>> {
    if !SOFT_LIMIT.with(|s| s.get()) || size > SOFT_LIMIT_MAX_REQUEST {
        return None;
    }
    let p = with_state(|st| {
        let limit = st.heap_limit;
        if limit == usize::MAX {
            return None;
        }
        st.heap_limit = usize::MAX;
        let p = f(st);
        st.heap_limit = limit;
        p
    });
    if p.is_some() {
        LIMIT_HIT.with(|h| h.set(true));
    }
    p
}

/// Bytes obtained from the system now (arenas + system blocks), the
/// quantity the heap limit bounds.
pub fn obtained_bytes() -> usize {
    with_state(|st| st.obtained_bytes())
}

/// The current heap limit.
pub fn heap_limit() -> Option<usize> {
    with_state(|st| (st.heap_limit != usize::MAX).then_some(st.heap_limit))
}

/// Statistics of this thread's heap (walks every pool: O(pools)).
pub fn stats() -> MallocStats {
    with_state(|st| st.stats())
}

/// `sys.getallocatedblocks()`: pool blocks in use plus system blocks.
pub fn allocated_blocks() -> usize {
    stats().allocated_blocks
}

/// Whether `addr` lies inside one of our arenas or a live system block.
pub fn is_heap_address(addr: usize) -> bool {
    with_state(|st| st.is_heap_address(addr))
}

/// The block containing `addr` (pool block, live or not, or live system
/// block); `None` for any other address.
pub fn block_of(addr: usize) -> Option<BlockInfo> {
    with_state(|st| st.block_of(addr))
}

/// Reads the 8-byte word at `addr` if it lies in memory this heap owns
/// (arena mappings, live system blocks). Never touches other memory.
pub fn read_word(addr: usize) -> Result<usize, AddrError> {
    with_state(|st| st.read_word(addr))
}

/// Reads the word at `addr` only inside a live block: [`AddrError::Freed`]
/// for a freed or never-allocated pool block.
pub fn read_live_word(addr: usize) -> Result<usize, AddrError> {
    with_state(|st| st.read_live_word(addr))
}

/// Returns every arena and system block of this thread's heap to the system
/// and resets it to empty (the "arenas allocated total" and highwater
/// counters are kept). For tests (Miri reports thread-local memory never
/// freed as leaked) and embedders shutting a heap down.
///
/// # Safety
/// No block from this thread's heap may be used afterwards.
pub unsafe fn release_thread_heap() {
    // SAFETY: forwarded caller contract.
    with_state(|st| unsafe { st.release_all() })
}

#[cfg(test)]
mod soft_limit_tests {
    use super::*;

    #[test]
    fn soft_limit_serves_and_flags() {
        let base = obtained_bytes();
        set_heap_limit(Some(base + (1 << 20)));
        let mut blocks = Vec::new();
        // Hard limit: requests beyond it are refused.
        while let Some(p) = malloc(4096) {
            blocks.push(p);
            assert!(blocks.len() < 10_000);
        }
        assert!(!limit_exceeded());
        set_soft_limit(true);
        let p = malloc(4096).expect("soft limit serves a small request");
        blocks.push(p);
        assert!(limit_exceeded());
        assert!(take_limit_exceeded());
        assert!(!limit_exceeded());
        // Too large for the soft limit: refused, nothing flagged.
        assert!(malloc(SOFT_LIMIT_MAX_REQUEST + 1).is_none());
        assert!(!limit_exceeded());
        set_soft_limit(false);
        set_heap_limit(None);
        for p in blocks {
            // SAFETY: each block came from malloc above and is freed once.
            unsafe { free(p.as_ptr()) };
        }
        // SAFETY: no block of this thread's heap is used afterwards.
        unsafe { release_thread_heap() };
    }
}
