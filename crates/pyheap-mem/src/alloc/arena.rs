//! Arena management: getting a pool for a size class that has none
//! ([`State::allocate_from_new_pool`], read first), taking an arena from the
//! OS ([`State::new_arena`]) and giving back an emptied pool
//! ([`State::insert_to_freepool`]), which may return the whole arena.
//!
//! | arena state  | `address` | in `usable_arenas` | `nfreepools`        |
//! |--------------|-----------|--------------------|---------------------|
//! | unassociated | null      | no (in `unused_arena_objects`) | —       |
//! | usable       | mapped    | yes                | 1 ..= `ntotalpools` |
//! | full         | mapped    | no                 | 0                   |
//!
//! Invariants: `usable_arenas` is sorted by `nfreepools` ascending, so pools
//! are taken from the fullest arena and nearly empty arenas get a chance to
//! empty completely; `nfp2lasta[n]` is the last arena in that list with `n`
//! free pools (or NIL), which makes re-sorting after a free O(1). An arena
//! whose pools are all free is returned to the OS unless it is the last one
//! in `usable_arenas` (CPython 3.9+ keeps that one to avoid thrashing).
//!
//! | pool state | `ref_count`  | linked in                | header       |
//! |------------|--------------|--------------------------|--------------|
//! | virgin     | —            | nothing (past `pool_address`) | not written |
//! | used       | 1 ..= n - 1  | `usedpools[szidx]`       | initialized  |
//! | full       | n            | nothing                  | initialized  |
//! | empty      | 0            | arena's `freepools`      | initialized  |

use super::geometry::{ARENA_SIZE, MAX_POOLS_IN_ARENA};
use super::geometry::{
    BITMAP_WORDS_PER_ARENA, BITMAP_WORDS_PER_POOL, POOL_BITS, POOL_SIZE, POOL_SIZE_MASK,
};
use super::os;
use super::pool::{self, PoolHeader, DUMMY_SIZE_IDX};
use super::state::{State, NIL};
use std::alloc::Layout;
use std::ptr;

/// Descriptor of one arena (CPython's `arena_object`).
pub struct ArenaObject {
    /// Base of the 1 MiB mapping; null when unassociated.
    pub address: *mut u8,
    /// First pool-aligned address in the arena.
    pub first_pool: *mut u8,
    /// Next virgin pool to carve.
    pub pool_address: *mut u8,
    /// Singly linked list (via `nextpool`) of empty, previously used pools.
    pub freepools: *mut PoolHeader,
    pub nfreepools: u32,
    pub ntotalpools: u32,
    pub nextarena: u32,
    pub prevarena: u32,
    /// `BITMAP_WORDS_PER_ARENA` words of allocation bitmap (side table).
    pub bitmap: *mut u64,
}

const INITIAL_ARENA_OBJECTS: usize = 16;

fn bitmap_layout() -> Layout {
    Layout::array::<u64>(BITMAP_WORDS_PER_ARENA).unwrap_or(Layout::new::<u64>())
}

impl ArenaObject {
    const fn unassociated(next: u32) -> Self {
        ArenaObject {
            address: ptr::null_mut(),
            first_pool: ptr::null_mut(),
            pool_address: ptr::null_mut(),
            freepools: ptr::null_mut(),
            nfreepools: 0,
            ntotalpools: 0,
            nextarena: next,
            prevarena: NIL,
            bitmap: ptr::null_mut(),
        }
    }
}

impl State {
    /// Takes a pool for class `c` from the fullest usable arena (creating an
    /// arena if none is usable), links it into `usedpools[c]` and returns its
    /// first block; null if no arena could be obtained.
    #[cold]
    pub fn allocate_from_new_pool(&mut self, c: usize) -> *mut u8 {
        if self.usable_arenas == NIL {
            let a = self.new_arena();
            if a == NIL {
                return ptr::null_mut();
            }
            self.usable_arenas = a;
            let ao = &mut self.arenas[a as usize];
            ao.nextarena = NIL;
            ao.prevarena = NIL;
            self.nfp2lasta[ao.nfreepools as usize] = a;
        }
        let a = self.usable_arenas;
        let nf = self.arenas[a as usize].nfreepools as usize;
        // This arena has the fewest free pools; taking one keeps it first.
        if self.nfp2lasta[nf] == a {
            self.nfp2lasta[nf] = NIL;
        }
        if nf > 1 {
            self.nfp2lasta[nf - 1] = a;
        }
        let ao = &mut self.arenas[a as usize];
        let pool: *mut PoolHeader;
        if !ao.freepools.is_null() {
            pool = ao.freepools;
            // SAFETY: pools on the free-pool list have initialized headers.
            ao.freepools = unsafe { (*pool).nextpool };
        } else {
            pool = ao.pool_address.cast();
            let index = (ao.pool_address.addr() - ao.first_pool.addr()) >> POOL_BITS;
            // SAFETY: nfreepools > 0 and no free pool is cached, so a virgin
            // pool remains: pool_address + POOL_SIZE <= address + ARENA_SIZE.
            // The bitmap has BITMAP_WORDS_PER_POOL words per pool.
            unsafe {
                (*pool).arenaindex = a;
                (*pool).szidx = DUMMY_SIZE_IDX;
                (*pool).bitmap = ao.bitmap.add(index * BITMAP_WORDS_PER_POOL);
                ao.pool_address = ao.pool_address.add(POOL_SIZE);
            }
        }
        ao.nfreepools -= 1;
        if ao.nfreepools == 0 {
            // Wholly allocated: it leaves the usable list (it is the head).
            let next = ao.nextarena;
            self.usable_arenas = next;
            if next != NIL {
                self.arenas[next as usize].prevarena = NIL;
            }
        }
        // SAFETY: the pool is carved, empty and in no list; usedpools[c] is
        // empty (that is why we are here).
        unsafe {
            pool::link_front(pool, &mut self.usedpools[c]);
            pool::pool_init(pool, c)
        }
    }

    /// Maps a new arena and returns its descriptor index (not linked in any
    /// list); NIL if the heap limit or the OS refuses.
    fn new_arena(&mut self) -> u32 {
        if !self.may_obtain(ARENA_SIZE) {
            return NIL;
        }
        if self.unused_arena_objects == NIL {
            // Double the descriptor vector (16 at first).
            let old = self.arenas.len();
            let n = if old == 0 {
                INITIAL_ARENA_OBJECTS
            } else {
                old * 2
            };
            if n > NIL as usize {
                return NIL;
            }
            self.arenas.reserve(n - old);
            for i in old..n {
                let next = if i + 1 < n { (i + 1) as u32 } else { NIL };
                self.arenas.push(ArenaObject::unassociated(next));
            }
            self.unused_arena_objects = old as u32;
        }
        let a = self.unused_arena_objects;
        let address = os::arena_alloc();
        if address.is_null() {
            return NIL;
        }
        // SAFETY: the layout has non-zero size.
        let bitmap = unsafe { std::alloc::alloc_zeroed(bitmap_layout()) }.cast::<u64>();
        if bitmap.is_null() || !self.map.mark(address.addr(), Some(a)) {
            // SAFETY: address is our fresh arena, unused; bitmap (if any) is
            // a fresh allocation with bitmap_layout().
            unsafe {
                os::arena_free(address);
                if !bitmap.is_null() {
                    std::alloc::dealloc(bitmap.cast(), bitmap_layout());
                }
            }
            return NIL;
        }
        let ao = &mut self.arenas[a as usize];
        self.unused_arena_objects = ao.nextarena;
        let excess = address.addr() & POOL_SIZE_MASK;
        let (first_pool, npools) = if excess == 0 {
            (address, MAX_POOLS_IN_ARENA)
        } else {
            // SAFETY: POOL_SIZE - excess < ARENA_SIZE: still inside the arena.
            (
                unsafe { address.add(POOL_SIZE - excess) },
                MAX_POOLS_IN_ARENA - 1,
            )
        };
        *ao = ArenaObject {
            address,
            first_pool,
            pool_address: first_pool,
            freepools: ptr::null_mut(),
            nfreepools: npools as u32,
            ntotalpools: npools as u32,
            nextarena: NIL,
            prevarena: NIL,
            bitmap,
        };
        self.narenas_currently_allocated += 1;
        self.ntimes_arena_allocated += 1;
        self.narenas_highwater = self.narenas_highwater.max(self.narenas_currently_allocated);
        a
    }

    /// An emptied pool leaves its used list for its arena's free-pool list;
    /// the arena moves in `usable_arenas` (or is returned to the OS).
    ///
    /// # Safety
    /// `pool` is a carved pool with `ref_count == 0`, linked in `usedpools`.
    #[cold]
    pub unsafe fn insert_to_freepool(&mut self, pool: *mut PoolHeader) {
        // SAFETY: caller contract: initialized header, member of its used list.
        let a = unsafe {
            let c = (*pool).szidx as usize;
            pool::unlink_used(pool, &mut self.usedpools[c]);
            (*pool).arenaindex
        };
        let ai = a as usize;
        let ao = &mut self.arenas[ai];
        // SAFETY: as above.
        unsafe { (*pool).nextpool = ao.freepools };
        ao.freepools = pool;
        let old_nf = ao.nfreepools as usize;
        let lastnf = self.nfp2lasta[old_nf];
        if lastnf == a {
            // It was the rightmost arena with old_nf free pools.
            let p = ao.prevarena;
            self.nfp2lasta[old_nf] =
                if p != NIL && self.arenas[p as usize].nfreepools as usize == old_nf {
                    p
                } else {
                    NIL
                };
        }
        let ao = &mut self.arenas[ai];
        ao.nfreepools += 1;
        let nf = ao.nfreepools as usize;

        // Case 1: wholly free and not the last usable arena: give it back.
        if nf == ao.ntotalpools as usize && ao.nextarena != NIL {
            let (prev, next) = (ao.prevarena, ao.nextarena);
            self.unlink_usable(prev, next);
            self.release_arena(a);
            return;
        }
        // Case 2: it had no free pool, so it was not usable: it is now the
        // fullest usable arena, at the head.
        if nf == 1 {
            let head = self.usable_arenas;
            let ao = &mut self.arenas[ai];
            ao.nextarena = head;
            ao.prevarena = NIL;
            if head != NIL {
                self.arenas[head as usize].prevarena = a;
            }
            self.usable_arenas = a;
            if self.nfp2lasta[1] == NIL {
                self.nfp2lasta[1] = a;
            }
            return;
        }
        if self.nfp2lasta[nf] == NIL {
            self.nfp2lasta[nf] = a;
        }
        // Case 4: it was the rightmost with its old count: still sorted.
        if lastnf == a {
            return;
        }
        // Case 3: slide it right, to just after `lastnf`.
        let (prev, next) = (self.arenas[ai].prevarena, self.arenas[ai].nextarena);
        self.unlink_usable(prev, next);
        let after = self.arenas[lastnf as usize].nextarena;
        self.arenas[ai].prevarena = lastnf;
        self.arenas[ai].nextarena = after;
        if after != NIL {
            self.arenas[after as usize].prevarena = a;
        }
        self.arenas[lastnf as usize].nextarena = a;
    }

    /// Unlinks the arena between `prev` and `next` from `usable_arenas`.
    fn unlink_usable(&mut self, prev: u32, next: u32) {
        if prev == NIL {
            self.usable_arenas = next;
        } else {
            self.arenas[prev as usize].nextarena = next;
        }
        if next != NIL {
            self.arenas[next as usize].prevarena = prev;
        }
    }

    /// Returns arena `a` (unlinked, all pools free) to the OS and its
    /// descriptor to `unused_arena_objects`.
    fn release_arena(&mut self, a: u32) {
        let ao = &mut self.arenas[a as usize];
        let (address, bitmap) = (ao.address, ao.bitmap);
        ao.address = ptr::null_mut();
        ao.bitmap = ptr::null_mut();
        ao.nextarena = self.unused_arena_objects;
        self.unused_arena_objects = a;
        self.map.mark(address.addr(), None);
        // The classify cache may cover this arena: empty it.
        self.hot_lo.set(0);
        self.hot_hi.set(0);
        // SAFETY: no block of this arena is handed out (all pools free), and
        // nothing refers to it any more; bitmap came from bitmap_layout().
        unsafe {
            os::arena_free(address);
            std::alloc::dealloc(bitmap.cast(), bitmap_layout());
        }
        self.narenas_currently_allocated -= 1;
    }

    /// Returns every arena, system block, descriptor and map node of this
    /// thread to the system and resets the state to empty.
    ///
    /// # Safety
    /// No block of this heap may be used afterwards.
    pub unsafe fn release_all(&mut self) {
        for ao in self.arenas.iter_mut() {
            if !ao.address.is_null() {
                // SAFETY: caller contract: nobody uses the arena any more.
                unsafe {
                    os::arena_free(ao.address);
                    std::alloc::dealloc(ao.bitmap.cast(), bitmap_layout());
                }
            }
        }
        drop(std::mem::take(&mut *self.arenas));
        // SAFETY: caller contract.
        unsafe {
            self.large.release_all();
            self.placed.release_all();
            self.map.release_all();
        }
        let (total, high) = (self.ntimes_arena_allocated, self.narenas_highwater);
        *self = State::new();
        // NOTE: CPython never resets these counters; keep them monotonic.
        self.ntimes_arena_allocated = total;
        self.narenas_highwater = high;
    }
}
