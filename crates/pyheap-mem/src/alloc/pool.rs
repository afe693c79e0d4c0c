//! A pool: 16 KiB holding blocks of one size class, with its 48-byte header
//! at the start (as CPython's `pool_header`), and the two hot operations:
//! [`pool_pop`] (allocate) and [`pool_push`] (free).
//!
//! A block is handed out from the pool's `freeblock` list; freed blocks are
//! pushed on that list (LIFO), so the most recently freed block of a class is
//! the next one handed out. Virgin space is carved one block at a time: when
//! the list runs dry, [`pool_pop`] makes the next virgin block the list's
//! only element. Invariant: a pool linked in `usedpools` has a non-null
//! `freeblock`; a full pool has a null one.
//!
//! The allocation bitmap lives outside the pool (one bit per 16-byte granule,
//! in a per-arena side table the header points to): the bit of a block's
//! first granule is set exactly while the block is handed out.

use super::geometry::{index2size, ALIGNMENT_SHIFT, POOL_SIZE};
use std::ptr;

/// The header at the start of every carved pool. Exactly `POOL_OVERHEAD`
/// (48) bytes, no padding.
#[repr(C)]
pub struct PoolHeader {
    /// Head of the free-block list; each free block's first word links the next.
    pub freeblock: *mut u8,
    /// Next pool in `usedpools[szidx]`, or in the arena's free-pool list.
    pub nextpool: *mut PoolHeader,
    /// Previous pool in `usedpools[szidx]` (null at the head).
    pub prevpool: *mut PoolHeader,
    /// This pool's `BITMAP_WORDS_PER_POOL` words of allocation bitmap.
    pub bitmap: *mut u64,
    /// Blocks currently handed out.
    pub ref_count: u16,
    /// Size class, or [`DUMMY_SIZE_IDX`] for a freshly carved pool.
    pub szidx: u16,
    /// Index of the arena descriptor owning this pool.
    pub arenaindex: u32,
    /// Offset of the next virgin block.
    pub nextoffset: u32,
    /// Largest offset at which a whole block still fits.
    pub maxnextoffset: u32,
}

const _: () = assert!(std::mem::size_of::<PoolHeader>() == super::geometry::POOL_OVERHEAD);

/// `szidx` of a pool that has never held blocks.
pub const DUMMY_SIZE_IDX: u16 = 0xffff;

/// Word index and bit of the granule at `off` bytes into a pool.
#[inline(always)]
fn bit_of(off: usize) -> (usize, u64) {
    let g = off >> ALIGNMENT_SHIFT;
    (g >> 6, 1u64 << (g & 63))
}

/// Marks the block at `bp` handed out.
///
/// # Safety
/// `pool` is a carved pool whose header is initialized; `bp` lies in it.
#[inline(always)]
pub unsafe fn mark_live(pool: *mut PoolHeader, bp: *mut u8) {
    let (w, b) = bit_of(bp.addr() - pool.addr());
    // SAFETY: caller contract; the bitmap pointer covers the pool's 16 words
    // and w < 16 because the offset is below POOL_SIZE.
    unsafe { *(*pool).bitmap.add(w) |= b };
}

/// Whether the block starting at `off` bytes into `pool` is handed out.
///
/// # Safety
/// `pool` is a carved pool whose header is initialized; `off < POOL_SIZE`.
#[inline(always)]
pub unsafe fn is_live(pool: *const PoolHeader, off: usize) -> bool {
    let (w, b) = bit_of(off);
    // SAFETY: caller contract as in mark_live.
    unsafe { *(*pool).bitmap.add(w) & b != 0 }
}

/// Pops a block from a pool in `usedpools[c]` (`c` its size class). If the
/// pool becomes full it is unlinked, which may change `*head`.
///
/// # Safety
/// `pool` is the (non-null) head of the used-pool list `*head` of class `c`.
#[inline(always)]
pub unsafe fn pool_pop(pool: *mut PoolHeader, c: usize, head: &mut *mut PoolHeader) -> *mut u8 {
    // SAFETY: pools in usedpools have an initialized header and a non-null
    // freeblock whose first word is the next link (null at the end).
    unsafe {
        (*pool).ref_count += 1;
        let bp = (*pool).freeblock;
        let next = bp.cast::<*mut u8>().read();
        (*pool).freeblock = next;
        if next.is_null() {
            pool_extend(pool, c, head);
        }
        mark_live(pool, bp);
        bp
    }
}

/// The free list ran dry: carve the next virgin block, or, if none is
/// left, unlink the (now full) pool from its used list.
///
/// # Safety
/// As [`pool_pop`].
#[cold]
unsafe fn pool_extend(pool: *mut PoolHeader, c: usize, head: &mut *mut PoolHeader) {
    // SAFETY: caller contract; the carved block lies inside the pool because
    // nextoffset <= maxnextoffset = POOL_SIZE - size.
    unsafe {
        if (*pool).nextoffset <= (*pool).maxnextoffset {
            let bp = pool.cast::<u8>().add((*pool).nextoffset as usize);
            bp.cast::<*mut u8>().write(ptr::null_mut());
            (*pool).freeblock = bp;
            (*pool).nextoffset += index2size(c) as u32;
        } else {
            unlink_used(pool, head);
        }
    }
}

/// Pushes `bp` on its pool's free list. Returns the previous list head
/// (null means the pool was full). Returns `None` — and changes nothing —
/// if the block is not currently handed out (double free).
///
/// # Safety
/// `pool` is a carved pool with initialized header; `bp` is a block start in it.
#[inline(always)]
pub unsafe fn pool_push(pool: *mut PoolHeader, bp: *mut u8) -> Option<*mut u8> {
    let (w, b) = bit_of(bp.addr() - pool.addr());
    // SAFETY: caller contract; bitmap word in range as in mark_live; bp is a
    // 16-aligned block start with room for one pointer.
    unsafe {
        let word = (*pool).bitmap.add(w);
        if *word & b == 0 {
            return None;
        }
        *word &= !b;
        let lastfree = (*pool).freeblock;
        bp.cast::<*mut u8>().write(lastfree);
        (*pool).freeblock = bp;
        (*pool).ref_count -= 1;
        Some(lastfree)
    }
}

/// Links `pool` at the front of the used list `*head`.
///
/// # Safety
/// `pool` is a carved pool not in any list; `*head` is a valid list head.
#[inline]
pub unsafe fn link_front(pool: *mut PoolHeader, head: &mut *mut PoolHeader) {
    // SAFETY: caller contract; list members have initialized headers.
    unsafe {
        let next = *head;
        (*pool).nextpool = next;
        (*pool).prevpool = ptr::null_mut();
        if !next.is_null() {
            (*next).prevpool = pool;
        }
    }
    *head = pool;
}

/// Unlinks `pool` from the used list `*head`.
///
/// # Safety
/// `pool` is a member of the list `*head`.
#[inline]
pub unsafe fn unlink_used(pool: *mut PoolHeader, head: &mut *mut PoolHeader) {
    // SAFETY: caller contract; neighbours are list members.
    unsafe {
        let next = (*pool).nextpool;
        let prev = (*pool).prevpool;
        if prev.is_null() {
            *head = next;
        } else {
            (*prev).nextpool = next;
        }
        if !next.is_null() {
            (*next).prevpool = prev;
        }
    }
}

/// Turns a carved pool into a pool of class `c` and returns its first block:
/// either reusing its old free list (same class as before) or starting fresh
/// (first block handed out, second one made the free list).
///
/// # Safety
/// `pool` is a carved, empty pool with initialized `szidx`/`bitmap`.
pub unsafe fn pool_init(pool: *mut PoolHeader, c: usize) -> *mut u8 {
    // SAFETY: caller contract; offsets stay inside the pool (2 blocks of at
    // most 512 bytes after the 48-byte header fit in 16 KiB).
    unsafe {
        (*pool).ref_count = 1;
        let bp;
        if (*pool).szidx as usize == c {
            // Same class as last time: the old free list is intact and has
            // at least 2 entries (every class has >= 31 blocks per pool).
            bp = (*pool).freeblock;
            (*pool).freeblock = bp.cast::<*mut u8>().read();
        } else {
            let size = index2size(c);
            (*pool).szidx = c as u16;
            let off = super::geometry::POOL_OVERHEAD;
            bp = pool.cast::<u8>().add(off);
            (*pool).nextoffset = (off + 2 * size) as u32;
            (*pool).maxnextoffset = (POOL_SIZE - size) as u32;
            let fb = bp.add(size);
            fb.cast::<*mut u8>().write(ptr::null_mut());
            (*pool).freeblock = fb;
        }
        mark_live(pool, bp);
        bp
    }
}
