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

/// [`traverse`] with a statically known visitor, for the collector's hot
/// passes: for a type with `slot_items` (tuples) or `ref_items` (lists) the
/// items are walked here, last to first as the type's `traverse` does, with
/// no call through `dyn`.
///
/// # Safety
/// `p` must be alive.
#[inline(always)]
pub(crate) unsafe fn traverse_fast<F: FnMut(ObjPtr)>(p: ObjPtr, mut visit: F) {
    // SAFETY: p is alive (caller contract).
    let s = unsafe { slots(p) };
    if !s.flags.get().contains(TypeFlags::IS_WEAKREF) {
        if let Some(items) = s.slot_items.get() {
            // SAFETY: p is alive while the view is used (this call).
            let r = unsafe { borrowed(p) };
            for it in items(&r).iter().rev() {
                if let Some(q) = it.peek() {
                    visit(q);
                }
            }
            return;
        }
        if let Some(items) = s.ref_items.get() {
            // SAFETY: as above.
            let r = unsafe { borrowed(p) };
            if let Some((arr, len)) = items(&r) {
                // NOTE: visiting runs no code of the layer above, so the
                // array cannot be reallocated meanwhile; `peek` is bounds
                // checked anyway.
                for i in (0..len).rev() {
                    if let Some(q) = arr.peek(i) {
                        visit(q);
                    }
                }
            }
            return;
        }
    }
    // SAFETY: forwarded.
    unsafe { traverse(p, &mut visit) }
}

/// Whether a collection may untrack `p` by the `slot_items` rule: no item
/// may be tracked. `None` when the type has no `slot_items`.
///
/// # Safety
/// `p` must be alive.
#[inline(always)]
pub(crate) unsafe fn slot_items_untrackable(p: ObjPtr) -> Option<bool> {
    // SAFETY: p is alive (caller contract).
    let items = unsafe { slots(p) }.slot_items.get()?;
    // SAFETY: p is alive while the view is used.
    let r = unsafe { borrowed(p) };
    Some(items(&r).iter().all(|it| match it.peek() {
        // SAFETY: an item of a live object is alive; the view owns no count.
        Some(q) => !super::api::may_be_tracked(&*unsafe { borrowed(q) }),
        None => true,
    }))
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
