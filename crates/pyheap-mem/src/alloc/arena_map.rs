//! The arena map: CPython 3.11's three-level radix tree answering "is this
//! address inside one of our arenas, and which one?" in constant time,
//! without touching the (possibly foreign) memory at that address.
//!
//! Read [`ArenaMap::lookup`] first. An address splits into
//! `top (15 bits) | mid (15 bits) | bot (14 bits) | offset in ideal arena (20 bits)`
//! (IGNORE_BITS = 0 on 64-bit 3.11). An *ideal arena* is an ARENA_SIZE-aligned
//! slot; a real arena starting at offset `t` of slot `k` covers slot `k` from
//! `t` (`tail_hi`) and slot `k + 1` below `t` (`tail_lo`). `tail_hi == -1`
//! marks an arena starting exactly at the slot start. Nodes are created on
//! demand and never freed (as in CPython), so the node counts in the
//! statistics are the number of distinct ranges arenas ever covered.
//!
//! Unlike CPython's, each leaf entry also records the index of the covering
//! arena descriptor (introspection needs it); the statistics still report
//! CPython's node sizes (root 262,144, mid 262,144, bot 131,072 bytes).

use super::geometry::{ARENA_BITS, ARENA_SIZE, ARENA_SIZE_MASK};
use std::alloc::Layout;
use std::mem::ManuallyDrop;

const MAP_TOP_BITS: u32 = 15;
const MAP_MID_BITS: u32 = 15;
const MAP_BOT_BITS: u32 = 14;
const MAP_BOT_SHIFT: u32 = ARENA_BITS;
const MAP_MID_SHIFT: u32 = MAP_BOT_BITS + MAP_BOT_SHIFT;
const MAP_TOP_SHIFT: u32 = MAP_MID_BITS + MAP_MID_SHIFT;
const MAP_TOP_LENGTH: usize = 1 << MAP_TOP_BITS;
const MAP_MID_LENGTH: usize = 1 << MAP_MID_BITS;
const MAP_BOT_LENGTH: usize = 1 << MAP_BOT_BITS;

/// `sizeof(arena_map_root)` in CPython (a static array of mid pointers).
pub const ARENA_MAP_ROOT_BYTES: usize = MAP_TOP_LENGTH * 8;
/// `sizeof(arena_map_mid_t)` in CPython.
pub const ARENA_MAP_MID_BYTES: usize = MAP_MID_LENGTH * 8;
/// `sizeof(arena_map_bot_t)` in CPython (two `int32_t` tails per slot).
pub const ARENA_MAP_BOT_BYTES: usize = MAP_BOT_LENGTH * 8;

/// Marks "no arena" in the index fields.
const NO_ARENA: u32 = u32::MAX;

#[derive(Clone, Copy)]
#[repr(C)]
struct Coverage {
    /// Offset where an arena starting in this slot begins; -1 if at offset 0; 0 if none.
    tail_hi: i32,
    /// An arena starting in the previous slot covers offsets below this one here.
    tail_lo: i32,
    arena_hi: u32,
    arena_lo: u32,
}

#[repr(C)]
struct BotNode {
    slots: [Coverage; MAP_BOT_LENGTH],
}

#[repr(C)]
struct MidNode {
    bots: [*mut BotNode; MAP_MID_LENGTH],
}

#[repr(C)]
struct RootNode {
    mids: [*mut MidNode; MAP_TOP_LENGTH],
}

/// The radix tree. Owned by the thread-local allocator state; holds only raw
/// pointers so the state needs no destructor (nodes live until thread exit).
pub struct ArenaMap {
    root: *mut RootNode,
    /// Every mid and bottom node, for [`ArenaMap::release_all`].
    nodes: ManuallyDrop<Vec<(*mut u8, Layout)>>,
    /// Mid nodes ever created (`# arena map mid nodes`).
    pub mid_count: usize,
    /// Bottom nodes ever created (`# arena map bot nodes`).
    pub bot_count: usize,
}

#[inline(always)]
fn top_index(addr: usize) -> usize {
    (addr >> MAP_TOP_SHIFT) & (MAP_TOP_LENGTH - 1)
}
#[inline(always)]
fn mid_index(addr: usize) -> usize {
    (addr >> MAP_MID_SHIFT) & (MAP_MID_LENGTH - 1)
}
#[inline(always)]
fn bot_index(addr: usize) -> usize {
    (addr >> MAP_BOT_SHIFT) & (MAP_BOT_LENGTH - 1)
}

/// Allocates a zeroed `T` on the heap; null on failure. All-zero is a valid
/// `RootNode`/`MidNode`/`BotNode` (null pointers, zero tails); the index
/// fields are only read when a tail says an arena is there.
fn alloc_zeroed_node<T>() -> *mut T {
    let layout = Layout::new::<T>();
    // SAFETY: the node types have non-zero size.
    unsafe { std::alloc::alloc_zeroed(layout) }.cast::<T>()
}

impl ArenaMap {
    pub const fn new() -> Self {
        ArenaMap {
            root: std::ptr::null_mut(),
            nodes: ManuallyDrop::new(Vec::new()),
            mid_count: 0,
            bot_count: 0,
        }
    }

    /// The bottom node covering `addr`, created if `create`; null if absent
    /// (or if creating it failed).
    fn get(&mut self, addr: usize, create: bool) -> *mut BotNode {
        if self.root.is_null() {
            if !create {
                return std::ptr::null_mut();
            }
            self.root = alloc_zeroed_node::<RootNode>();
            if self.root.is_null() {
                return std::ptr::null_mut();
            }
        }
        let (i1, i2) = (top_index(addr), mid_index(addr));
        // SAFETY: root is a live RootNode (allocated above, never freed) and
        // i1 < MAP_TOP_LENGTH.
        let mid_slot = unsafe { &mut (*self.root).mids[i1] };
        if mid_slot.is_null() {
            if !create {
                return std::ptr::null_mut();
            }
            let n = alloc_zeroed_node::<MidNode>();
            if n.is_null() {
                return n.cast();
            }
            *mid_slot = n;
            self.nodes.push((n.cast(), Layout::new::<MidNode>()));
            self.mid_count += 1;
        }
        let mid = *mid_slot;
        // SAFETY: mid is a live MidNode (never freed) and i2 < MAP_MID_LENGTH.
        let bot_slot = unsafe { &mut (*mid).bots[i2] };
        if bot_slot.is_null() {
            if !create {
                return std::ptr::null_mut();
            }
            let n = alloc_zeroed_node::<BotNode>();
            if n.is_null() {
                return n;
            }
            *bot_slot = n;
            self.nodes.push((n.cast(), Layout::new::<BotNode>()));
            self.bot_count += 1;
        }
        *bot_slot
    }

    /// Records (`Some(index)`) or erases (`None`) the arena at `base`.
    /// Returns false if a node could not be allocated (nothing is recorded).
    pub fn mark(&mut self, base: usize, arena: Option<u32>) -> bool {
        let used = arena.is_some();
        let index = arena.unwrap_or(NO_ARENA);
        let n_hi = self.get(base, used);
        if n_hi.is_null() {
            return false;
        }
        let i3 = bot_index(base);
        // ARENA_SIZE_MASK < 2^31, so the tail fits an i32.
        let tail = (base & ARENA_SIZE_MASK) as i32;
        // SAFETY: n_hi is a live BotNode; i3 < MAP_BOT_LENGTH.
        let hi = unsafe { &mut (*n_hi).slots[i3] };
        if tail == 0 {
            hi.tail_hi = if used { -1 } else { 0 };
            hi.arena_hi = index;
            return true;
        }
        hi.tail_hi = if used { tail } else { 0 };
        hi.arena_hi = index;
        let next = base.wrapping_add(ARENA_SIZE);
        let n_lo = self.get(next, used);
        if n_lo.is_null() {
            // SAFETY: n_hi is still live (nodes are never freed).
            let hi = unsafe { &mut (*n_hi).slots[i3] };
            hi.tail_hi = 0;
            hi.arena_hi = NO_ARENA;
            return false;
        }
        // SAFETY: n_lo is a live BotNode; the index is masked in range.
        let lo = unsafe { &mut (*n_lo).slots[bot_index(next)] };
        lo.tail_lo = if used { tail } else { 0 };
        lo.arena_lo = index;
        true
    }

    /// Frees every node and resets the map to empty.
    ///
    /// # Safety
    /// No arena recorded in the map may be looked up afterwards (the map is
    /// empty after this).
    pub unsafe fn release_all(&mut self) {
        if self.root.is_null() {
            return;
        }
        for &(node, layout) in self.nodes.iter() {
            // SAFETY: each node was allocated with this layout and is freed once.
            unsafe { std::alloc::dealloc(node, layout) };
        }
        drop(std::mem::take(&mut *self.nodes));
        // SAFETY: allocated by alloc_zeroed_node::<RootNode>, freed once.
        unsafe { std::alloc::dealloc(self.root.cast(), Layout::new::<RootNode>()) };
        *self = ArenaMap::new();
    }

    /// Index of the arena descriptor whose 1 MiB range contains `addr`.
    #[inline(always)]
    pub fn lookup(&self, addr: usize) -> Option<u32> {
        if self.root.is_null() {
            return None;
        }
        // SAFETY: root is a live RootNode; index masked in range.
        let mid = unsafe { (*self.root).mids[top_index(addr)] };
        if mid.is_null() {
            return None;
        }
        // SAFETY: mid is a live MidNode; index masked in range.
        let bot = unsafe { (*mid).bots[mid_index(addr)] };
        if bot.is_null() {
            return None;
        }
        // SAFETY: bot is a live BotNode; index masked in range.
        let c = unsafe { (*bot).slots[bot_index(addr)] };
        let tail = (addr & ARENA_SIZE_MASK) as i32;
        if tail < c.tail_lo {
            Some(c.arena_lo)
        } else if c.tail_hi != 0 && tail >= c.tail_hi {
            Some(c.arena_hi)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alloc_arena_map_marks_and_unmarks() {
        let mut m = ArenaMap::new();
        let base = 0x7f00_1234_5000usize; // not arena-aligned: spans two slots
        assert!(m.mark(base, Some(3)));
        assert_eq!(m.lookup(base), Some(3));
        assert_eq!(m.lookup(base + ARENA_SIZE - 1), Some(3));
        assert_eq!(m.lookup(base - 1), None);
        assert_eq!(m.lookup(base + ARENA_SIZE), None);
        let aligned = 0x7f00_0000_0000usize;
        assert!(m.mark(aligned, Some(7)));
        assert_eq!(m.lookup(aligned), Some(7));
        assert_eq!(m.lookup(aligned + ARENA_SIZE - 1), Some(7));
        assert_eq!((m.mid_count, m.bot_count), (1, 1));
        assert!(m.mark(base, None));
        assert_eq!(m.lookup(base), None);
        assert_eq!(m.lookup(aligned + 8), Some(7));
        // A different 16 GiB range needs another bottom node.
        assert!(m.mark(aligned + (1 << 34), Some(1)));
        assert_eq!((m.mid_count, m.bot_count), (1, 2));
        // SAFETY: the map is not used afterwards.
        unsafe { m.release_all() };
        assert_eq!(m.lookup(aligned + 8), None);
    }
}
