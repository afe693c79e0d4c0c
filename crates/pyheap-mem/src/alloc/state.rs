//! The allocator state of one thread, and the entry points that dispatch
//! between pools ([`State::malloc`], [`State::free`], [`State::realloc`]) and
//! the system allocator ([`super::large`]).
//!
//! The heap is single-threaded: each thread has its own state in a
//! `thread_local!` with `const` initialization and no destructor, so reaching
//! it costs one TLS offset. Blocks must be freed on the thread that
//! allocated them (a foreign pymalloc block is not in this thread's arena
//! map and is neither freed nor touched: it is counted in `invalid_frees`).

use super::arena::ArenaObject;
use super::arena_map::ArenaMap;
use super::geometry::{
    index2size, size2index, ALIGNMENT, ARENA_SIZE, MAX_POOLS_IN_ARENA, NB_SMALL_SIZE_CLASSES,
    POOL_SIZE_MASK, SMALL_REQUEST_THRESHOLD,
};
use super::large::LargeBlocks;
use super::placed::Placed;
use super::pool::{self, PoolHeader};
use std::cell::{Cell, UnsafeCell};
use std::mem::ManuallyDrop;
use std::ptr::{self, NonNull};

/// What an address to free or resize is, for this heap.
enum Where {
    Pool(*mut PoolHeader),
    Large,
    Bogus,
}

/// "No arena" in the arena index links.
pub const NIL: u32 = u32::MAX;

/// Everything pymalloc keeps, per thread (CPython's `_obmalloc_state`).
pub struct State {
    /// Per size class, the head of the list of partially used pools.
    pub usedpools: [*mut PoolHeader; NB_SMALL_SIZE_CLASSES],
    /// Arena descriptors; indices are stable (the vector only grows).
    pub arenas: ManuallyDrop<Vec<ArenaObject>>,
    /// Singly linked (via `nextarena`) list of unassociated descriptors.
    pub unused_arena_objects: u32,
    /// Head of the arenas with a free pool, sorted by `nfreepools` ascending.
    pub usable_arenas: u32,
    /// `nfp2lasta[n]`: the last arena in `usable_arenas` with `n` free pools.
    pub nfp2lasta: [u32; MAX_POOLS_IN_ARENA + 1],
    pub narenas_currently_allocated: usize,
    pub ntimes_arena_allocated: usize,
    pub narenas_highwater: usize,
    pub map: ArenaMap,
    pub large: LargeBlocks,
    /// Blocks placed at a chosen page offset (static objects).
    pub placed: Placed,
    /// Bytes obtained from the system may not exceed this.
    pub heap_limit: usize,
    /// Frees of addresses this heap did not hand out (ignored).
    pub invalid_frees: usize,
    /// The carved range `[hot_lo, hot_hi)` of the arena [`State::classify`]
    /// last found a pool block in (empty: `0, 0`). Invariant: it lies inside
    /// the carved pools of a live arena (carving only grows that range; the
    /// arena's release resets it, see `release_arena`), so a 16-aligned
    /// address inside it is a pool block address without the map walk.
    pub hot_lo: Cell<usize>,
    pub hot_hi: Cell<usize>,
}

impl State {
    pub const fn new() -> Self {
        State {
            usedpools: [ptr::null_mut(); NB_SMALL_SIZE_CLASSES],
            arenas: ManuallyDrop::new(Vec::new()),
            unused_arena_objects: NIL,
            usable_arenas: NIL,
            nfp2lasta: [NIL; MAX_POOLS_IN_ARENA + 1],
            narenas_currently_allocated: 0,
            ntimes_arena_allocated: 0,
            narenas_highwater: 0,
            map: ArenaMap::new(),
            large: LargeBlocks::new(),
            placed: Placed::new(),
            heap_limit: usize::MAX,
            invalid_frees: 0,
            hot_lo: Cell::new(0),
            hot_hi: Cell::new(0),
        }
    }

    /// Bytes obtained from the system: arenas plus system-allocated blocks.
    pub fn obtained_bytes(&self) -> usize {
        self.narenas_currently_allocated * ARENA_SIZE + self.large.bytes
    }

    /// Whether obtaining `more` bytes keeps us within the heap limit.
    #[inline]
    pub fn may_obtain(&self, more: usize) -> bool {
        self.obtained_bytes()
            .checked_add(more)
            .is_some_and(|t| t <= self.heap_limit)
    }

    /// Allocates `size` bytes.
    #[inline(always)]
    pub fn malloc(&mut self, size: usize) -> Option<NonNull<u8>> {
        if size.wrapping_sub(1) < SMALL_REQUEST_THRESHOLD {
            let c = size2index(size);
            let pool = self.usedpools[c];
            if !pool.is_null() {
                // SAFETY: pool is the head of usedpools[c] (invariant of the list).
                let bp = unsafe { pool::pool_pop(pool, c, &mut self.usedpools[c]) };
                // SAFETY: pool blocks are never null.
                return Some(unsafe { NonNull::new_unchecked(bp) });
            }
            if let Some(bp) = NonNull::new(self.allocate_from_new_pool(c)) {
                return Some(bp);
            }
            // No arena could be obtained: like CPython, fall back to the
            // system allocator for this request.
        }
        self.large.malloc(size, self.may_obtain(size.max(1)))
    }

    /// [`State::malloc`] with the block's first `size` bytes zeroed. A pool
    /// block is zeroed whole when its class is at most 64 bytes (fixed-size
    /// stores instead of a `memset` call; the block is entirely ours).
    #[inline(always)]
    pub fn malloc_zeroed(&mut self, size: usize) -> Option<NonNull<u8>> {
        if size.wrapping_sub(1) < SMALL_REQUEST_THRESHOLD {
            let c = size2index(size);
            let pool = self.usedpools[c];
            if !pool.is_null() {
                // SAFETY: pool is the head of usedpools[c] (invariant of the list).
                let bp = unsafe { pool::pool_pop(pool, c, &mut self.usedpools[c]) };
                // SAFETY: bp is a fresh block of class c: index2size(c) >= size
                // bytes, all ours.
                unsafe {
                    match index2size(c) {
                        16 => ptr::write_bytes(bp, 0, 16),
                        32 => ptr::write_bytes(bp, 0, 32),
                        48 => ptr::write_bytes(bp, 0, 48),
                        64 => ptr::write_bytes(bp, 0, 64),
                        _ => ptr::write_bytes(bp, 0, size),
                    }
                }
                // SAFETY: pool blocks are never null.
                return Some(unsafe { NonNull::new_unchecked(bp) });
            }
        }
        let p = self.malloc(size)?;
        // SAFETY: a fresh block of at least `size` bytes.
        unsafe { ptr::write_bytes(p.as_ptr(), 0, size) };
        Some(p)
    }

    /// Where `p` lives: `Large` outside our arenas; `Pool(pool)` when `p` is
    /// 16-byte aligned inside a carved pool of one of our arenas; `Bogus`
    /// for any other address inside an arena (header-less virgin pool,
    /// alignment slack, misaligned pointer), which no block can start at.
    #[inline(always)]
    fn classify(&self, p: *mut u8) -> Where {
        // NOTE: fast path: consecutive frees and size queries mostly hit the
        // same arena; one range check replaces the radix-tree walk (CPython
        // finds the pool by address arithmetic alone, but it can read any
        // address's would-be pool header; we may not).
        let lo = self.hot_lo.get();
        if p.addr().wrapping_sub(lo) < self.hot_hi.get().wrapping_sub(lo)
            && p.addr().is_multiple_of(ALIGNMENT)
        {
            return Where::Pool(p.map_addr(|a| a & !POOL_SIZE_MASK).cast());
        }
        self.classify_slow(p)
    }

    #[inline(never)]
    fn classify_slow(&self, p: *mut u8) -> Where {
        let Some(a) = self.map.lookup(p.addr()) else {
            return Where::Large;
        };
        let ao = &self.arenas[a as usize];
        if p < ao.first_pool || p >= ao.pool_address || !p.addr().is_multiple_of(ALIGNMENT) {
            return Where::Bogus;
        }
        self.hot_lo.set(ao.first_pool.addr());
        self.hot_hi.set(ao.pool_address.addr());
        Where::Pool(p.map_addr(|a| a & !POOL_SIZE_MASK).cast())
    }

    /// Size class of the pool block at `p`, or the recorded size of a system
    /// block; 0 for an address that is neither (see [`super::usable_size`]).
    #[inline(always)]
    pub fn usable_size(&self, p: *mut u8) -> usize {
        match self.classify(p) {
            // SAFETY: classify only returns carved pools of our arenas, whose
            // headers are initialized.
            Where::Pool(pool) => index2size(unsafe { (*pool).szidx } as usize),
            Where::Large => self
                .large
                .size_of(p)
                .or_else(|| self.placed.size_of(p))
                .unwrap_or(0),
            Where::Bogus => 0,
        }
    }

    /// Frees `p`; returns whether a block was freed.
    ///
    /// # Safety
    /// `p` is null, or a block from this state's `malloc`/`realloc` not yet
    /// freed. (Addresses inside our arenas that are not live block starts —
    /// double frees included — are detected and ignored.)
    #[inline(always)]
    pub unsafe fn free(&mut self, p: *mut u8) -> bool {
        if p.is_null() {
            return false;
        }
        let pool = match self.classify(p) {
            Where::Pool(pool) => pool,
            Where::Large => return self.free_large(p),
            Where::Bogus => {
                self.invalid_frees += 1;
                return false;
            }
        };
        // SAFETY: pool is carved (classify), so its header is initialized;
        // pool_push only acts if p is a live block start (bitmap).
        let Some(lastfree) = (unsafe { pool::pool_push(pool, p) }) else {
            self.invalid_frees += 1;
            return false;
        };
        if lastfree.is_null() {
            // The pool was full: link it at the front of its used list so the
            // next allocation of this class reuses `p`.
            // SAFETY: a full pool is in no list; szidx is a valid class.
            unsafe {
                let c = (*pool).szidx as usize;
                pool::link_front(pool, &mut self.usedpools[c]);
            }
            return true;
        }
        // SAFETY: the header is initialized (see above).
        if unsafe { (*pool).ref_count } != 0 {
            return true;
        }
        // SAFETY: the pool is empty and linked in its used list.
        unsafe { self.insert_to_freepool(pool) };
        true
    }

    #[cold]
    fn free_large(&mut self, p: *mut u8) -> bool {
        let freed = self.large.free(p) || self.placed.free(p);
        if !freed {
            self.invalid_frees += 1;
        }
        freed
    }

    /// Resizes `p` to `size` bytes (CPython's `_PyObject_Realloc` rules).
    ///
    /// # Safety
    /// As [`State::free`] for `p`.
    pub unsafe fn realloc(&mut self, p: *mut u8, size: usize) -> Option<NonNull<u8>> {
        if p.is_null() {
            return self.malloc(size);
        }
        let pool = match self.classify(p) {
            Where::Pool(pool) => pool,
            Where::Bogus => return None,
            Where::Large => {
                // A system block stays with the system allocator (whatever the
                // new size), as in CPython.
                let old = self.large.size_of(p)?;
                let ok = self
                    .obtained_bytes()
                    .checked_sub(old)
                    .and_then(|t| t.checked_add(size.max(1)))
                    .is_some_and(|t| t <= self.heap_limit);
                return self.large.realloc(p, size, ok);
            }
        };
        // SAFETY: carved pool (classify): header initialized.
        if !unsafe { pool::is_live(pool, p.addr() - pool.addr()) } {
            return None; // not a live block start
        }
        // SAFETY: as above.
        let bsize = index2size(unsafe { (*pool).szidx } as usize);
        let mut copy = bsize;
        if size <= bsize {
            // Shrinking by less than a quarter (or not at all): keep it.
            if 4 * size > 3 * bsize {
                // SAFETY: p is non-null.
                return Some(unsafe { NonNull::new_unchecked(p) });
            }
            copy = size;
        }
        let np = self.malloc(size)?;
        // SAFETY: both blocks are live and distinct; `copy` bytes fit in both.
        unsafe {
            ptr::copy_nonoverlapping(p, np.as_ptr(), copy);
            let freed = self.free(p);
            debug_assert!(freed, "p was checked live above");
        }
        Some(np)
    }
}

thread_local! {
    static STATE: UnsafeCell<State> = const { UnsafeCell::new(State::new()) };
}

/// Runs `f` with this thread's allocator state.
///
/// Invariant that makes the `&mut` sound: the state is thread-local, and no
/// code running inside `f` re-enters this function — the allocator never
/// calls user code, emits events, or allocates through itself while it
/// holds the state (events are emitted by the public wrappers after `f`
/// returns; the system allocator and Rust's global allocator never call
/// back here — this allocator must not be installed as `#[global_allocator]`).
#[inline(always)]
pub fn with_state<R>(f: impl FnOnce(&mut State) -> R) -> R {
    // NOTE: the pointer is taken out of `LocalKey::with` so that the hot
    // paths inline into the caller (the closure form was not inlined). The
    // storage has `const` init and no destructor, so it stays valid for the
    // whole life of the thread, which outlives this call.
    let st = STATE.with(|cell| cell.get());
    // SAFETY: see the invariant above: this is the only live reference, and
    // the storage is live (we are running on its thread).
    f(unsafe { &mut *st })
}
