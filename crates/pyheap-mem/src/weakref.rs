//! Weak-reference lists.
//!
//! A weak reference object is laid out as [`WeakrefHead`] (CPython's
//! `PyWeakReference`, 64 bytes). Each referent whose type has a non-zero
//! `weaklistoffset` stores at that offset the head of a doubly linked list of
//! its weakrefs.
//!
//! TEMPORARY interface version: clearing and callbacks are implemented by the
//! collector work (issue: pyheap-mem).

use std::cell::Cell;

use crate::header::{ObjHead, ObjPtr};

/// `PyWeakReference`: the layout every weakref object starts with.
#[repr(C)]
pub struct WeakrefHead {
    pub ob: ObjHead,
    /// The referent, or null once cleared (`wr_object`).
    pub referent: Cell<*mut ObjHead>,
    /// Owned reference to the callback, or null (`wr_callback`).
    pub callback: Cell<*mut ObjHead>,
    /// Cached hash, -1 until computed.
    pub hash: Cell<isize>,
    pub prev: Cell<*mut WeakrefHead>,
    pub next: Cell<*mut WeakrefHead>,
    /// Spare word (CPython: `vectorcall`), keeps the 64-byte size.
    pub spare: Cell<usize>,
}

/// Clears every weakref to `p` and then calls their callbacks (newest first).
///
/// # Safety
/// `p` must be a dying object (count 0) whose type has a weakref-list slot.
pub unsafe fn clear_weakrefs_on_dealloc(p: ObjPtr) {
    let _ = p;
}
