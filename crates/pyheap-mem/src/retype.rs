//! Changing a live object's type in place (Python's `__class__`
//! assignment). Read [`retype`].
//!
//! Invariant kept: every reader of an object goes through its current type's
//! slots (pre-header size, payload declaration, item count, weakref word),
//! so the new type must describe exactly the same memory as the old one.
//! [`retype`] checks that itself and refuses otherwise; the VM applies the
//! (stricter) Python-level compatibility rules before calling it.

use crate::refs::{decref, incref};
use crate::typeslots::{TypeFlags, TypeSlots};
use crate::Ref;

/// The new type does not describe the object's memory as the old one does.
#[derive(Debug, PartialEq, Eq)]
pub struct LayoutDiffers;

/// Flags that decide where things are in an object's block.
const LAYOUT_FLAGS: u64 = TypeFlags::HAVE_GC.0
    | TypeFlags::MANAGED_DICT.0
    | TypeFlags::IS_WEAKREF.0
    | TypeFlags::IS_TYPE.0;

/// Whether instances of `a` can be read as instances of `b`.
pub fn same_layout(a: &TypeSlots, b: &TypeSlots) -> bool {
    let payload_same = match (a.payload.get(), b.payload.get()) {
        (Some(x), Some(y)) => x.same_layout(&y),
        (None, None) => true,
        _ => false,
    };
    payload_same
        && a.basicsize.get() == b.basicsize.get()
        && a.itemsize.get() == b.itemsize.get()
        && a.weaklistoffset.get() == b.weaklistoffset.get()
        && a.flags.get().0 & LAYOUT_FLAGS == b.flags.get().0 & LAYOUT_FLAGS
}

/// Makes `new_ty` the type of `obj`. Instances of heap types hold a
/// reference to their type: the new type gains one, the old loses one
/// (possibly freeing it, after the switch).
pub fn retype(obj: &Ref, new_ty: &Ref) -> Result<(), LayoutDiffers> {
    let Some(new_slots) = new_ty.as_type_slots() else {
        return Err(LayoutDiffers);
    };
    if !same_layout(obj.type_slots(), new_slots) {
        return Err(LayoutDiffers);
    }
    // Held until the end: the old type outlives the switch even if `obj`
    // held its last other reference.
    let old_ty = obj.type_ref();
    let old_heap = obj.type_slots().flags.get().contains(TypeFlags::HEAPTYPE);
    let new_heap = new_slots.flags.get().contains(TypeFlags::HEAPTYPE);
    if new_heap {
        // SAFETY: `new_ty` is alive (we hold a Ref); this count is the one
        // `obj` holds from now on, released when `obj` is freed or retyped.
        unsafe { incref(new_ty.ptr()) };
    }
    // SAFETY: `obj` is alive, so its header is readable and writable (a
    // `Cell`); `new_ty` is a live type object whose slots describe the
    // object's memory exactly as the old type's (checked above), so every
    // later access through the new type reads the same fields.
    unsafe { obj.ptr().head() }
        .ty
        .set(new_ty.ptr().as_ptr() as *const crate::typeslots::TypeHead);
    if old_heap {
        // SAFETY: `obj` held one count on its old heap type; `old_ty` keeps
        // the type alive past this decrement.
        unsafe { decref(old_ty.ptr()) };
    }
    drop(old_ty);
    Ok(())
}
