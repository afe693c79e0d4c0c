//! Intrusive generation lists through [`GcHead`], and the bit fields packed
//! into its two words (CPython's `gc_list_*` and `gc_*_refs` helpers).
//!
//! Read [`Link`] first. A list is circular and doubly linked through a head
//! node that is not an object (a generation head, or a head on the
//! collector's stack). The state table of the words is in `gc/mod.rs`.
//!
//! Invariant (the reason the safe methods of [`Link`] are sound): a `Link`
//! is only made from the address of a live `GcHead` — a list head that
//! outlives its use, or the header of a live GC object — and the collector
//! never keeps a `Link` across code that may free its object: after running
//! user code (finalizers, callbacks, `clear`) it re-reads links from a list
//! head, because freed objects unlink themselves (see [`super::untrack`]).

use std::ptr;

use crate::header::{GcHead, ObjPtr, GC_HEAD_SIZE};

/// `_gc_next` bit 0 during `move_unreachable`: the object is in `unreachable`.
pub(crate) const NEXT_MASK_UNREACHABLE: usize = 1;
/// `_gc_prev` bit 0: the finalizer has run.
pub(crate) const PREV_MASK_FINALIZED: usize = 1;
/// `_gc_prev` bit 1: the object is in the set being collected.
pub(crate) const PREV_MASK_COLLECTING: usize = 2;
/// `_gc_prev` bits 2..64: previous link, or `gc_refs << PREV_SHIFT`.
pub(crate) const PREV_SHIFT: u32 = 2;
pub(crate) const PREV_MASK: usize = !(PREV_MASK_FINALIZED | PREV_MASK_COLLECTING);

/// A pointer to a live `GcHead` (see the module invariant).
#[derive(Copy, Clone, PartialEq, Eq)]
pub(crate) struct Link(*mut GcHead);

/// A header word: a pointer, possibly with flag bits in its low bits, or a
/// plain number (`gc_refs`) without provenance.
pub(crate) type Word = *mut GcHead;

impl Link {
    /// # Safety
    /// `g` must point at a live `GcHead` for as long as the `Link` is used.
    #[inline(always)]
    pub(crate) unsafe fn from_raw(g: *mut GcHead) -> Link {
        Link(g)
    }

    /// The GC header of a GC object.
    ///
    /// # Safety
    /// `p` must be a live object of a GC type.
    #[inline(always)]
    pub(crate) unsafe fn of(p: ObjPtr) -> Link {
        Link(
            (p.as_ptr() as *mut u8)
                .wrapping_sub(GC_HEAD_SIZE)
                .cast::<GcHead>(),
        )
    }

    /// The address (for comparisons and bit tests; not for dereferencing).
    #[inline(always)]
    pub(crate) fn word(self) -> usize {
        self.0.addr()
    }

    /// This link with the UNREACHABLE bit set, as stored in a `next` word.
    #[inline(always)]
    pub(crate) fn tagged_unreachable(self) -> Word {
        self.0.map_addr(|a| a | NEXT_MASK_UNREACHABLE)
    }

    #[inline(always)]
    fn h(self) -> &'static GcHead {
        // SAFETY: module invariant — a Link points at a live GcHead while used.
        // NOTE: the 'static lifetime never escapes this module's methods.
        unsafe { &*self.0 }
    }

    /// The object whose header this is (not meaningful for list heads).
    #[inline(always)]
    pub(crate) fn obj(self) -> ObjPtr {
        // SAFETY: an object's address is its GC header + 16, never null.
        unsafe { ObjPtr::from_raw(self.0.cast::<u8>().wrapping_add(GC_HEAD_SIZE).cast()) }
            .expect("object address is never null")
    }

    // ----- raw words -----

    /// The `next` word's integer value (bit tests, comparisons).
    #[inline(always)]
    pub(crate) fn next_word(self) -> usize {
        self.h().next.get().addr()
    }
    #[inline(always)]
    pub(crate) fn next_ptr(self) -> Word {
        self.h().next.get()
    }
    #[inline(always)]
    pub(crate) fn set_next_ptr(self, w: Word) {
        self.h().next.set(w)
    }
    /// The `prev` word's integer value.
    #[inline(always)]
    pub(crate) fn prev_word(self) -> usize {
        self.h().prev.get().addr()
    }
    #[inline(always)]
    pub(crate) fn set_prev_ptr(self, w: Word) {
        self.h().prev.set(w)
    }
    /// Untracked state of `prev`: only FINALIZED kept.
    #[inline(always)]
    pub(crate) fn reset_prev_keep_finalized(self) {
        self.set_prev_ptr(ptr::without_provenance_mut(
            self.prev_word() & PREV_MASK_FINALIZED,
        ))
    }

    // ----- links (`GC_NEXT`, `GC_PREV`, `_PyGCHead_SET_*`) -----

    /// `GC_NEXT`: the next node (the word as is; callers know no mask bit is set).
    #[inline(always)]
    pub(crate) fn next(self) -> Link {
        Link(self.next_ptr())
    }
    /// Next node with the UNREACHABLE bit masked off.
    #[inline(always)]
    pub(crate) fn next_unmasked(self) -> Link {
        Link(self.next_ptr().map_addr(|a| a & !NEXT_MASK_UNREACHABLE))
    }
    /// `GC_PREV`: the previous node (flag bits masked off).
    #[inline(always)]
    pub(crate) fn prev(self) -> Link {
        Link(self.h().prev.get().map_addr(|a| a & PREV_MASK))
    }
    #[inline(always)]
    pub(crate) fn set_next(self, n: Link) {
        self.set_next_ptr(n.0)
    }
    /// Sets the previous link, keeping the two flag bits.
    #[inline(always)]
    pub(crate) fn set_prev(self, p: Link) {
        debug_assert_eq!(p.word() & !PREV_MASK, 0);
        let flags = self.prev_word() & !PREV_MASK;
        self.set_prev_ptr(p.0.map_addr(|a| a | flags))
    }

    // ----- flags and gc_refs -----

    #[inline(always)]
    pub(crate) fn is_tracked(self) -> bool {
        self.next_word() != 0
    }
    #[inline(always)]
    pub(crate) fn is_finalized(self) -> bool {
        self.prev_word() & PREV_MASK_FINALIZED != 0
    }
    #[inline(always)]
    pub(crate) fn set_finalized(self) {
        self.set_prev_ptr(self.h().prev.get().map_addr(|a| a | PREV_MASK_FINALIZED))
    }
    #[inline(always)]
    pub(crate) fn is_collecting(self) -> bool {
        self.prev_word() & PREV_MASK_COLLECTING != 0
    }
    #[inline(always)]
    pub(crate) fn clear_collecting(self) {
        self.set_prev_ptr(self.h().prev.get().map_addr(|a| a & !PREV_MASK_COLLECTING))
    }
    #[inline(always)]
    pub(crate) fn is_unreachable(self) -> bool {
        self.next_word() & NEXT_MASK_UNREACHABLE != 0
    }
    /// Clears the UNREACHABLE bit of `next`.
    #[inline(always)]
    pub(crate) fn clear_unreachable(self) {
        self.set_next_ptr(self.next_ptr().map_addr(|a| a & !NEXT_MASK_UNREACHABLE))
    }
    /// `gc_get_refs`.
    #[inline(always)]
    pub(crate) fn refs(self) -> usize {
        self.prev_word() >> PREV_SHIFT
    }
    /// `gc_set_refs`: keeps both flag bits.
    #[inline(always)]
    pub(crate) fn set_refs(self, refs: usize) {
        let w = (self.prev_word() & !PREV_MASK) | (refs << PREV_SHIFT);
        self.set_prev_ptr(ptr::without_provenance_mut(w))
    }
    /// `gc_reset_refs`: keeps FINALIZED, sets COLLECTING, stores `refs`.
    #[inline(always)]
    pub(crate) fn reset_refs(self, refs: usize) {
        let w =
            (self.prev_word() & PREV_MASK_FINALIZED) | PREV_MASK_COLLECTING | (refs << PREV_SHIFT);
        self.set_prev_ptr(ptr::without_provenance_mut(w))
    }
    /// `gc_decref`.
    #[inline(always)]
    pub(crate) fn decref(self) {
        debug_assert!(
            self.refs() > 0,
            "gc_refs underflow: a traverse visits an uncounted reference"
        );
        let w = self.prev_word().wrapping_sub(1 << PREV_SHIFT);
        self.set_prev_ptr(ptr::without_provenance_mut(w))
    }
}

/// A list head for the collector's temporary lists (`unreachable`,
/// `finalizers`, …), heap-allocated so its address is stable.
///
/// NOTE: held as a raw pointer, not a `Box`: moving a `Box` would (under
/// Stacked Borrows) invalidate the pointers the list nodes store to it.
pub(crate) struct LocalList(*mut GcHead);

impl LocalList {
    pub(crate) fn new() -> LocalList {
        let l = LocalList(Box::into_raw(Box::new(GcHead::untracked())));
        gc_list_init(l.head());
        l
    }
    pub(crate) fn head(&self) -> Link {
        // SAFETY: the allocation lives until drop; callers empty the list before dropping it.
        unsafe { Link::from_raw(self.0) }
    }
}

impl Drop for LocalList {
    fn drop(&mut self) {
        // NOTE: a non-empty local list at drop would leave objects pointing at
        // freed memory; every phase empties (merges) its lists, so this only
        // fires on a collector bug or a panic in a hook. Detach the nodes so
        // they at least do not point here.
        let h = self.head();
        if !gc_list_is_empty(h) {
            debug_assert!(std::thread::panicking(), "local GC list dropped non-empty");
            let first = h.next();
            let last = h.prev();
            // Close the nodes into a headless ring: untracking any of them
            // later still unlinks correctly.
            first.set_prev(last);
            last.set_next(first);
        }
        // SAFETY: made by Box::into_raw in `new`, freed once here.
        drop(unsafe { Box::from_raw(self.0) });
    }
}

// ----- list operations (CPython names) -----

pub(crate) fn gc_list_init(list: Link) {
    // List heads never carry flags.
    list.set_prev_ptr(list.0);
    list.set_next_ptr(list.0);
}

pub(crate) fn gc_list_is_empty(list: Link) -> bool {
    list.next_word() == list.word()
}

/// Appends `node` at the tail of `list` (flags of `node` kept).
#[inline]
pub(crate) fn gc_list_append(node: Link, list: Link) {
    let last = list.prev();
    last.set_next(node);
    node.set_prev(last);
    node.set_next(list);
    list.set_prev_ptr(node.0);
}

/// Unlinks `node` and marks it untracked (`next = 0`); flags of `prev` kept.
///
/// Also correct for a node of `unreachable` while `move_unreachable` runs
/// (its `next` carries the UNREACHABLE bit, which the predecessor inherits).
#[inline]
pub(crate) fn gc_list_remove(node: Link) {
    let prev = node.prev();
    let next = node.next_unmasked();
    prev.set_next_ptr(node.next_ptr());
    next.set_prev(prev);
    node.set_next_ptr(ptr::null_mut());
}

/// Moves `node` from whatever list it is in to the tail of `list`.
pub(crate) fn gc_list_move(node: Link, list: Link) {
    let from_prev = node.prev();
    let from_next = node.next();
    from_prev.set_next(from_next);
    from_next.set_prev(from_prev);
    let to_prev = list.prev();
    to_prev.set_next(node);
    node.set_prev(to_prev);
    node.set_next(list);
    list.set_prev(node);
}

/// Appends all of `from` onto the tail of `to`; `from` becomes empty.
pub(crate) fn gc_list_merge(from: Link, to: Link) {
    debug_assert!(from != to);
    if !gc_list_is_empty(from) {
        let tail = to.prev();
        let first = from.next();
        let last = from.prev();
        tail.set_next(first);
        first.set_prev(tail);
        last.set_next(to);
        to.set_prev(last);
    }
    gc_list_init(from);
}

pub(crate) fn gc_list_size(list: Link) -> usize {
    let mut n = 0;
    let mut g = list.next();
    while g != list {
        n += 1;
        g = g.next();
    }
    n
}

/// Clears COLLECTING on every member.
pub(crate) fn gc_list_clear_collecting(list: Link) {
    let mut g = list.next();
    while g != list {
        g.clear_collecting();
        g = g.next();
    }
}

/// Clears the UNREACHABLE bit on every member (`clear_unreachable_mask`).
pub(crate) fn clear_unreachable_mask(list: Link) {
    debug_assert_eq!(list.next_word() & NEXT_MASK_UNREACHABLE, 0);
    let mut g = list.next();
    while g != list {
        debug_assert!(g.is_unreachable());
        g.clear_unreachable();
        g = g.next();
    }
}

/// The objects of a list, in order (no counts taken).
pub(crate) fn gc_list_objects(list: Link) -> Vec<ObjPtr> {
    let mut out = Vec::new();
    let mut g = list.next();
    while g != list {
        out.push(g.obj());
        g = g.next();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A free-standing header (not a list head).
    struct Node(*mut GcHead);
    impl Node {
        fn head(&self) -> Link {
            // SAFETY: alive until drop.
            unsafe { Link::from_raw(self.0) }
        }
    }
    impl Drop for Node {
        fn drop(&mut self) {
            // SAFETY: made by Box::into_raw in `nodes`.
            drop(unsafe { Box::from_raw(self.0) });
        }
    }

    fn nodes(n: usize) -> Vec<Node> {
        (0..n)
            .map(|_| Node(Box::into_raw(Box::new(GcHead::untracked()))))
            .collect()
    }

    fn order(list: Link, ns: &[Node]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut g = list.next();
        while g != list {
            out.push(ns.iter().position(|n| n.head() == g).expect("member"));
            g = g.next();
        }
        out
    }

    #[test]
    fn append_remove_move_merge() {
        let a = LocalList::new();
        let b = LocalList::new();
        let ns = nodes(4);
        for n in &ns {
            gc_list_append(n.head(), a.head());
        }
        assert_eq!(order(a.head(), &ns), [0, 1, 2, 3]);
        gc_list_remove(ns[1].head());
        assert!(!ns[1].head().is_tracked());
        assert_eq!(order(a.head(), &ns), [0, 2, 3]);
        gc_list_move(ns[0].head(), b.head());
        gc_list_append(ns[1].head(), b.head());
        assert_eq!(order(b.head(), &ns), [0, 1]);
        gc_list_merge(b.head(), a.head());
        assert!(gc_list_is_empty(b.head()));
        assert_eq!(order(a.head(), &ns), [2, 3, 0, 1]);
        assert_eq!(gc_list_size(a.head()), 4);
        for n in &ns {
            gc_list_remove(n.head());
        }
        assert!(gc_list_is_empty(a.head()));
    }

    #[test]
    fn flags_and_refs_share_prev_without_clobbering() {
        let l = LocalList::new();
        let ns = nodes(1);
        gc_list_append(ns[0].head(), l.head());
        let g = ns[0].head();
        g.set_finalized();
        g.reset_refs(5);
        assert!(g.is_collecting() && g.is_finalized());
        g.decref();
        assert_eq!(g.refs(), 4);
        g.set_prev(l.head());
        g.clear_collecting();
        assert!(g.is_finalized() && !g.is_collecting());
        assert!(g.prev() == l.head());
        gc_list_remove(g);
        g.reset_prev_keep_finalized();
        assert!(g.is_finalized() && g.prev_word() == PREV_MASK_FINALIZED);
    }
}
