//! How the collector looks at one object: "is it a GC object", a borrowed
//! `&Ref` view for the type's hooks, and traversal (including the weakref
//! callback edge that pyheap-mem owns).

use std::mem::ManuallyDrop;

use crate::header::ObjPtr;
use crate::refs::Ref;
use crate::typeslots::{TypeFlags, TypeSlots};
use crate::weakref;

/// The type slots of a live object.
///
/// # Safety
/// `p` must be alive.
#[inline(always)]
pub(crate) unsafe fn slots<'a>(p: ObjPtr) -> &'a TypeSlots {
    // SAFETY: caller guarantees liveness; a live object's type outlives it.
    unsafe { &p.type_head().slots }
}

/// True when the object's type has all of `f`.
///
/// # Safety
/// `p` must be alive.
#[inline(always)]
pub(crate) unsafe fn has_flags(p: ObjPtr, f: TypeFlags) -> bool {
    // SAFETY: forwarded.
    unsafe { slots(p) }.flags.get().contains(f)
}

/// `_PyObject_IS_GC`.
///
/// # Safety
/// `p` must be alive.
#[inline(always)]
pub(crate) unsafe fn is_gc(p: ObjPtr) -> bool {
    // SAFETY: forwarded.
    unsafe { has_flags(p, TypeFlags::HAVE_GC) }
}

/// A `&Ref` view of `p` that does not own a count (never dropped).
///
/// # Safety
/// `p` must stay alive while the view is used.
#[inline(always)]
pub(crate) unsafe fn borrowed(p: ObjPtr) -> ManuallyDrop<Ref> {
    // SAFETY: the ManuallyDrop never releases the count it does not own.
    ManuallyDrop::new(unsafe { Ref::from_owned(p) })
}

/// Visits every reference `p` owns: for weak references the callback (owned
/// by pyheap-mem's `WeakrefHead`), then the type's own `traverse`.
///
/// # Safety
/// `p` must be alive.
pub(crate) unsafe fn traverse(p: ObjPtr, visit: &mut dyn FnMut(ObjPtr)) {
    // SAFETY: p is alive (caller contract).
    let s = unsafe { slots(p) };
    if s.flags.get().contains(TypeFlags::IS_WEAKREF) {
        // SAFETY: IS_WEAKREF objects are laid out as WeakrefHead.
        if let Some(cb) = unsafe { weakref::callback_ptr(p) } {
            visit(cb);
        }
    }
    if let Some(t) = s.traverse.get() {
        // SAFETY: p is alive for the call.
        let r = unsafe { borrowed(p) };
        t(&r, visit);
    }
}
