//! Per-type free lists: CPython 3.11 keeps the blocks of some dead objects
//! (floats, tuples of 1..20 items, lists, dicts, …) instead of returning them
//! to pymalloc, and hands the most recently parked one out first. That is
//! what makes `id()` reuse follow the type rather than the size class.
//!
//! Read [`enable`] (a type opts in with a [`FreeListSpec`]), then
//! [`try_park`] (called by the dealloc path after the payload was dropped)
//! and [`pop`] (called by [`crate::typed::new_object`]).
//!
//! A parked block, as CPython leaves it:
//! - it is still allocated from pymalloc's point of view (no `BlockFree`
//!   event: tracemalloc keeps its trace, `sys.getallocatedblocks()` counts it);
//! - count 0 at offset 0 (`ctypes.c_long.from_address(id(x))` reads 0);
//! - the type pointer at offset 8, except where CPython links the free list
//!   through the object ([`FreeListSpec::link_offset`]: the type word of a
//!   float, the first item of a tuple) — that word then holds the address of
//!   the block parked before it, or 0;
//! - the GC header untracked (as `gc::untrack` leaves it);
//! - the payload dropped (in debug builds poisoned with `0xdb` after the header).
//!
//! Parking skips generation 0's count decrement and popping skips the
//! increment (and the automatic collection it may trigger), as in CPython.
//! A parked object of a heap type keeps its reference to the type until the
//! block is really freed.
//!
//! Invariants: every entry in a stack is a parked block (count 0, payload
//! dropped, untracked) of the stack's type, created with exactly the key's
//! item count, with a byte extent inside its block; a type's `TypeSlots::freelist` index, once set, never
//! changes. The registry is per thread, like the heap.

use std::cell::RefCell;

use crate::events::{self, Event};
use crate::header::{pre_header_size, ObjHead, ObjPtr};
use crate::refs::Ref;
use crate::typeslots::{TypeHead, TypeSlots};

/// How a type's free list behaves. The key of a block is the item count of
/// its typed payload ([`crate::Payload::item_count`]; 0 without items).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct FreeListSpec {
    /// Blocks kept per key (float 100, list 80, dict 80, tuple 2000).
    pub capacity: usize,
    /// Smallest key that is parked and popped.
    pub min_key: usize,
    /// Largest key that is parked.
    pub max_park_key: usize,
    /// Largest key that is popped.
    ///
    /// NOTE: differs from `max_park_key` for CPython 3.11's tuples: 20-item
    /// tuples are parked (`index < PyTuple_NFREELISTS`) but never popped
    /// (`size < PyTuple_MAXSAVESIZE`), so they stay parked until a full
    /// collection clears the lists.
    pub max_pop_key: usize,
    /// Offset from the object address of the word through which CPython
    /// links the list (8 for floats, 24 for tuples), or `None` when CPython
    /// keeps the list in a side array (lists, dicts).
    pub link_offset: Option<usize>,
}

impl FreeListSpec {
    /// One list of `capacity` blocks for objects without items (float, list, dict).
    pub const fn single(capacity: usize) -> FreeListSpec {
        FreeListSpec {
            capacity,
            min_key: 0,
            max_park_key: 0,
            max_pop_key: 0,
            link_offset: None,
        }
    }
}

struct FreeList {
    ty: *const TypeHead,
    spec: FreeListSpec,
    /// `stacks[key - min_key]`, most recently parked last.
    stacks: Vec<Vec<Parked>>,
}

/// A parked block and how many bytes from its object address are known to
/// lie inside it (so that [`pop`] needs no allocator query).
#[derive(Clone, Copy)]
struct Parked {
    p: ObjPtr,
    extent: usize,
}

thread_local! {
    static LISTS: RefCell<Vec<FreeList>> = const { RefCell::new(Vec::new()) };
}

/// Gives the type `ty` a free list. Returns false (and changes nothing) when
/// `ty` is not a type object, already has one, or the spec is inconsistent
/// (`min_key > max_park_key`, a link word below offset 8 or unaligned).
/// An object too small to hold the link word is simply never parked.
pub fn enable(ty: &Ref, spec: FreeListSpec) -> bool {
    let Some(slots) = ty.as_type_slots() else {
        return false;
    };
    if slots.freelist.get() != 0 || spec.min_key > spec.max_park_key {
        return false;
    }
    if spec.link_offset.is_some_and(|off| off < 8 || off % 8 != 0) {
        // The link must never overwrite the count.
        return false;
    }
    let nkeys = spec.max_park_key - spec.min_key + 1;
    let ty_ptr = ty.ptr().as_ptr() as *const TypeHead;
    LISTS.with(|l| {
        let mut l = l.borrow_mut();
        l.push(FreeList {
            ty: ty_ptr,
            spec,
            stacks: (0..nkeys).map(|_| Vec::new()).collect(),
        });
        let id = u32::try_from(l.len()).unwrap_or(0);
        slots.freelist.set(id);
        id != 0
    })
}

/// Number of blocks parked for `ty` under `key` (`sys._debugmallocstats`).
pub fn parked(ty: &Ref, key: usize) -> usize {
    let Some(slots) = ty.as_type_slots() else {
        return 0;
    };
    with_list(slots, |fl| {
        key.checked_sub(fl.spec.min_key)
            .and_then(|i| fl.stacks.get(i))
            .map_or(0, Vec::len)
    })
    .unwrap_or(0)
}

#[inline]
fn with_list<R>(slots: &TypeSlots, f: impl FnOnce(&mut FreeList) -> R) -> Option<R> {
    let id = slots.freelist.get() as usize;
    if id == 0 {
        return None;
    }
    LISTS.with(|l| l.borrow_mut().get_mut(id - 1).map(f))
}

/// Parks the dead object `p` (payload already dropped) on its type's free
/// list under `key`. Returns false when the type has no free list, the key
/// is out of range or the list is full: the caller then frees the block.
///
/// # Safety
/// `p` must be a dead object from [`crate::object::alloc_object`] whose
/// payload (`key` items) was dropped, untracked, with count 0 and no owner;
/// after `true` it must not be used.
pub(crate) unsafe fn try_park(p: ObjPtr, dropped: crate::typed::Dropped) -> bool {
    // SAFETY: p is not freed yet; its type is alive (caller contract).
    let slots = unsafe { &p.type_head().slots };
    if slots.freelist.get() == 0 {
        return false;
    }
    let key = dropped.nitems;
    let pre = pre_header_size(slots.flags.get());
    let block = (p.as_ptr() as *mut u8).wrapping_sub(pre);
    // NOTE: the extent the payload drop vouches for usually covers the link
    // word; only otherwise ask the allocator for the block's size.
    let mut known = pre + dropped.extent;
    let parked = with_list(slots, |fl| {
        if let Some(off) = fl.spec.link_offset {
            if pre + off + 8 > known {
                // SAFETY: block is the live allocation the object was made in.
                known = unsafe { crate::alloc::usable_size(block) };
                if pre + off + 8 > known {
                    return false;
                }
            }
        }
        let Some(stack) = key
            .checked_sub(fl.spec.min_key)
            .and_then(|i| fl.stacks.get_mut(i))
        else {
            return false;
        };
        if stack.len() >= fl.spec.capacity {
            return false;
        }
        let below = stack.last().map_or(std::ptr::null_mut(), |q| q.p.as_ptr());
        // SAFETY: p is a dead, unowned object whose block is still allocated.
        unsafe { scrub_parked(p, pre, fl.spec.link_offset, below) };
        stack.push(Parked {
            p,
            extent: known - pre,
        });
        true
    });
    if parked == Some(true) {
        events::emit(Event::Free { addr: p.addr() });
        return true;
    }
    false
}

/// Puts a parked block in the state the module doc describes.
///
/// # Safety
/// As [`try_park`]; the block starts `pre` below `p`, the link word (if
/// any) lies inside it, and `below` is null or the block parked before `p`.
unsafe fn scrub_parked(p: ObjPtr, pre: usize, link: Option<usize>, below: *mut ObjHead) {
    #[cfg(debug_assertions)]
    {
        let header = std::mem::size_of::<ObjHead>();
        let block = (p.as_ptr() as *mut u8).wrapping_sub(pre);
        // SAFETY: block is the live allocation the object was made in.
        let usable = unsafe { crate::alloc::usable_size(block) };
        if usable > pre + header {
            // SAFETY: [p + 16, block + usable) lies inside the block; the
            // payload there was dropped, so the bytes are dead.
            unsafe {
                std::ptr::write_bytes(
                    p.field_ptr(header),
                    crate::object::POISON_BYTE,
                    usable - pre - header,
                )
            };
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = pre;
    if let Some(off) = link {
        // SAFETY: try_park checked that the link word lies inside the
        // block; the old contents there are dead (payload dropped,
        // or the type word, restored by `unpark` before any use).
        unsafe { (p.field_ptr(off) as *mut *mut ObjHead).write(below) };
    }
}

/// Takes the most recently parked block of `slots`' type with `key` items,
/// ready to be an object of `size` bytes: zeroed, count 1, type pointer
/// restored. `None` when there is none (or the block is too small, which
/// cannot happen for blocks parked by the typed layer).
///
/// # Safety
/// `slots` must be the slot table of a live type object.
pub(crate) unsafe fn pop(slots: &TypeSlots, key: usize, size: usize) -> Option<Ref> {
    if slots.freelist.get() == 0 {
        return None;
    }
    let (q, ty) = with_list(slots, |fl| {
        if key < fl.spec.min_key || key > fl.spec.max_pop_key {
            return None;
        }
        let q = fl.stacks.get_mut(key - fl.spec.min_key)?.pop()?;
        Some((q, fl.ty))
    })??;
    let Parked { p, extent } = q;
    let pre = pre_header_size(slots.flags.get());
    let total = pre + size;
    let block = (p.as_ptr() as *mut u8).wrapping_sub(pre);
    // SAFETY: a parked block is a live allocation starting `pre` below p.
    if size > extent && unsafe { crate::alloc::usable_size(block) } < total {
        // SAFETY: the block is parked: dead, unowned, count 0.
        unsafe { release(p, ty) };
        return None;
    }
    // SAFETY: `total` bytes from `block` are inside the live, unowned
    // block; the header written is the one alloc_object writes.
    unsafe {
        std::ptr::write_bytes(block, 0, total);
        (*p.as_ptr()).refcnt.set(1);
        (*p.as_ptr()).ty.set(ty);
    }
    events::emit(Event::Alloc {
        addr: p.addr(),
        size: total,
    });
    // SAFETY: we own the single count set above; a heap type's reference
    // was kept while the block was parked.
    Some(unsafe { Ref::from_owned(p) })
}

/// Restores the type word of a parked block and frees it for real.
///
/// # Safety
/// `p` must be a parked block of the type `ty`, no longer in any stack.
unsafe fn release(p: ObjPtr, ty: *const TypeHead) {
    // SAFETY: the block is live until freed below; the type is alive (a
    // static type, or a heap type kept alive by this block's reference).
    unsafe {
        (*p.as_ptr()).ty.set(ty);
        crate::object::release_block(p);
    }
}

/// Frees every parked block of every type (CPython's `clear_freelists`, run
/// after each generation-2 collection): types in the order their lists were
/// enabled (CPython: tuple, float, list, dict), keys in increasing order,
/// each list most recently parked first.
pub fn clear_all() {
    let n = LISTS.with(|l| l.borrow().len());
    for id in 1..=n {
        clear_id(id);
    }
}

/// Frees every parked block of `ty`.
pub fn clear(ty: &Ref) {
    if let Some(slots) = ty.as_type_slots() {
        clear_id(slots.freelist.get() as usize);
    }
}

fn clear_id(id: usize) {
    if id == 0 {
        return;
    }
    // Take the blocks out first: freeing may release a heap type, whose
    // own release may park other objects (re-entering the registry).
    let taken = LISTS.with(|l| {
        l.borrow_mut().get_mut(id - 1).map(|fl| {
            // CPython frees each list from its head: most recently parked first.
            let blocks: Vec<ObjPtr> = fl
                .stacks
                .iter_mut()
                .flat_map(|s| std::mem::take(s).into_iter().rev().map(|q| q.p))
                .collect();
            (blocks, fl.ty)
        })
    });
    if let Some((blocks, ty)) = taken {
        for p in blocks {
            // SAFETY: registry invariant: p is a parked block of `ty`,
            // removed from its stack above.
            unsafe { release(p, ty) };
        }
    }
}
