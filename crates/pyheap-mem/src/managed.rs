//! Safe access to the 3.11 managed-dict pre-header of class instances.
//!
//! Objects of types with [`TypeFlags::MANAGED_DICT`] carry two words at
//! `p-32` (values) and `p-24` (dict). The values word points at a values
//! array: a block of `1 + cap` words whose first word is `cap` and the rest
//! are owned references (null = attribute absent). The dict word owns a
//! reference to the materialised `__dict__`, or is null.
//!
//! Invariant: both words are either null or owned by the object; every
//! access here is by value, so no borrow of the array outlives a call.

use std::cell::Cell;

use crate::alloc;
use crate::header::{ObjHead, ObjPtr};
use crate::object::MemoryError;
use crate::refs::Ref;
use crate::typed::WORD;
use crate::typeslots::TypeFlags;

/// The weakref-list head word embedded in payloads at the type's
/// `weaklistoffset`. Only pyheap-mem's weakref code reads or writes it.
#[repr(transparent)]
#[derive(Default)]
pub struct WeakListWord(pub(crate) Cell<usize>);

// SAFETY: a zero word is the empty list.
unsafe impl crate::typed::Zeroable for WeakListWord {}

impl Drop for WeakListWord {
    fn drop(&mut self) {
        // Weakrefs were cleared by the dealloc path before the payload drops.
        debug_assert_eq!(
            self.0.get(),
            0,
            "weakref list not cleared before payload drop"
        );
    }
}

impl Ref {
    fn has_managed_dict(&self) -> bool {
        self.type_slots()
            .flags
            .get()
            .contains(TypeFlags::MANAGED_DICT)
    }

    fn managed(&self) -> Option<&crate::header::ManagedDictHead> {
        // SAFETY: the type says the pre-header exists; the Ref keeps it alive.
        self.has_managed_dict()
            .then(|| unsafe { self.ptr().managed_dict_head() })
    }

    /// The materialised `__dict__` (new reference), if any.
    pub fn managed_dict(&self) -> Option<Ref> {
        let h = self.managed()?;
        // SAFETY: a non-null dict word owns a live reference.
        unsafe { ObjPtr::from_raw(h.dict.get()).map(|p| Ref::new_ref(p)) }
    }

    /// Pointer of the materialised `__dict__`, count untouched (traverse).
    pub fn managed_dict_peek(&self) -> Option<ObjPtr> {
        let h = self.managed()?;
        // SAFETY: as above.
        unsafe { ObjPtr::from_raw(h.dict.get()) }
    }

    /// Replaces the materialised `__dict__`; returns the previous one.
    /// Returns `Err(d)` if the object has no managed-dict pre-header.
    pub fn set_managed_dict(&self, d: Option<Ref>) -> Result<Option<Ref>, Option<Ref>> {
        let Some(h) = self.managed() else {
            return Err(d);
        };
        let new = d.map_or(std::ptr::null_mut(), |r| r.into_raw().as_ptr());
        let old = h.dict.replace(new);
        // SAFETY: the old word owned its reference.
        Ok(unsafe { ObjPtr::from_raw(old).map(|p| Ref::from_owned(p)) })
    }

    fn values_block(&self) -> Option<*mut usize> {
        let h = self.managed()?;
        let v = h.values.get() as *mut usize;
        (!v.is_null()).then_some(v)
    }

    /// Capacity of the values array (None when there is none).
    pub fn managed_values_cap(&self) -> Option<usize> {
        // SAFETY: the first word of a values block is its capacity.
        self.values_block().map(|v| unsafe { *v })
    }

    /// Allocates an empty values array of `cap` slots, replacing (and
    /// releasing) any previous one.
    pub fn managed_values_alloc(&self, cap: usize) -> Result<(), MemoryError> {
        let h = self.managed().ok_or(MemoryError)?;
        let bytes = cap
            .checked_add(1)
            .and_then(|n| n.checked_mul(WORD))
            .ok_or(MemoryError)?;
        let p = alloc::malloc(bytes).ok_or(MemoryError)?;
        // SAFETY: fresh block of `bytes` bytes.
        unsafe {
            std::ptr::write_bytes(p.as_ptr(), 0, bytes);
            *(p.as_ptr() as *mut usize) = cap;
        }
        let old = h.values.replace(p.as_ptr());
        // SAFETY: the old block (if any) was owned by this object.
        unsafe { free_values(old as *mut usize) };
        Ok(())
    }

    /// Releases the values array (dropping its references).
    pub fn managed_values_free(&self) {
        if let Some(h) = self.managed() {
            let old = h.values.replace(std::ptr::null_mut());
            // SAFETY: the block was owned by this object and is now detached.
            unsafe { free_values(old as *mut usize) };
        }
    }

    fn value_ptr(&self, i: usize) -> Option<*mut *mut ObjHead> {
        let v = self.values_block()?;
        // SAFETY: first word is the capacity.
        let cap = unsafe { *v };
        // SAFETY: i < cap: slot i is inside the block (after the cap word).
        (i < cap).then(|| unsafe { v.add(1 + i) } as *mut *mut ObjHead)
    }

    /// Value `i` of the values array (new reference).
    pub fn managed_value(&self, i: usize) -> Option<Ref> {
        let sp = self.value_ptr(i)?;
        // SAFETY: non-null slots own live references.
        unsafe { ObjPtr::from_raw(*sp).map(|p| Ref::new_ref(p)) }
    }

    /// Visits the materialised `__dict__` then every present value, counts
    /// untouched (a traverse's view of the managed storage, read once).
    #[inline]
    pub fn managed_peek_each(&self, mut visit: impl FnMut(ObjPtr)) {
        let Some(h) = self.managed() else {
            return;
        };
        // SAFETY: a non-null dict word owns a live reference.
        if let Some(d) = unsafe { ObjPtr::from_raw(h.dict.get()) } {
            visit(d);
        }
        let v = h.values.get() as *mut usize;
        if v.is_null() {
            return;
        }
        // SAFETY: the first word of a values block is its capacity.
        let cap = unsafe { *v };
        for i in 0..cap {
            // SAFETY: i < cap: slot i is inside the block; `visit` cannot
            // reach the block (it gets a bare pointer and runs no code that
            // touches this object: traversal contract), so it stays valid.
            let raw = unsafe { *(v.add(1 + i) as *mut *mut ObjHead) };
            // SAFETY: non-null slots own live references.
            if let Some(p) = unsafe { ObjPtr::from_raw(raw) } {
                visit(p);
            }
        }
    }

    /// Pointer of value `i`, count untouched (traverse).
    pub fn managed_value_peek(&self, i: usize) -> Option<ObjPtr> {
        let sp = self.value_ptr(i)?;
        // SAFETY: inside the block.
        unsafe { ObjPtr::from_raw(*sp) }
    }

    /// Stores value `i`, returning the old one; `Err(v)` when out of range.
    pub fn set_managed_value(&self, i: usize, v: Option<Ref>) -> Result<Option<Ref>, Option<Ref>> {
        let Some(sp) = self.value_ptr(i) else {
            return Err(v);
        };
        let new = v.map_or(std::ptr::null_mut(), |r| r.into_raw().as_ptr());
        // SAFETY: inside the block; ownership moves.
        unsafe {
            let old = std::ptr::replace(sp, new);
            Ok(ObjPtr::from_raw(old).map(|p| Ref::from_owned(p)))
        }
    }
}

/// Frees a values block, dropping its references after detaching it.
///
/// # Safety
/// `v` must be null or a values block no longer reachable from any object.
unsafe fn free_values(v: *mut usize) {
    if v.is_null() {
        return;
    }
    // SAFETY: caller contract; first word is the capacity.
    let cap = unsafe { *v };
    let mut owned = Vec::with_capacity(cap);
    for i in 0..cap {
        // SAFETY: slot i is inside the block.
        let raw = unsafe { *(v.add(1 + i) as *mut *mut ObjHead) };
        // SAFETY: non-null slots own references.
        if let Some(p) = unsafe { ObjPtr::from_raw(raw) } {
            // SAFETY: as above.
            owned.push(unsafe { Ref::from_owned(p) });
        }
    }
    // SAFETY: the block came from alloc::malloc.
    unsafe { alloc::free(v as *mut u8) };
    drop(owned);
}

/// Releases the pre-header contents of a dying object (called by the
/// dealloc path before the payload is dropped).
pub(crate) fn release_managed(obj: &Ref) {
    if obj.has_managed_dict() {
        obj.managed_values_free();
        let _ = obj.set_managed_dict(None);
    }
}
