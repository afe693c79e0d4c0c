//! Thin safe wrappers over pyheap-mem's collector API used by object code.

use crate::rt::Obj;

/// Starts tracking a GC object (no-op for non-GC objects or when tracked).
pub fn track(o: &Obj) {
    if o.is_gc() && !o.gc_is_tracked() {
        o.gc_track();
    }
}

pub fn untrack(o: &Obj) {
    if o.is_gc() && o.gc_is_tracked() {
        o.gc_untrack();
    }
}

pub fn is_tracked(o: &Obj) -> bool {
    o.is_gc() && o.gc_is_tracked()
}

/// `_PyObject_GC_MAY_BE_TRACKED`.
pub fn may_be_tracked(o: &Obj) -> bool {
    pyheap_mem::gc::may_be_tracked(o)
}
