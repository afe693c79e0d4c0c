//! Allocating and freeing whole objects (header + pre-headers).
//!
//! Read [`alloc_object`] first. The block requested from the allocator is
//! `pre_header_size(flags) + size`; the object address is `block + pre`.
//! GC objects are born untracked (GC header zeroed) and bump generation 0's
//! count, which may run an automatic collection inside the allocation, as in
//! CPython 3.11.

use crate::alloc;
use crate::events::{self, Event};
use crate::gc;
use crate::header::{pre_header_size, ObjHead, ObjPtr};
use crate::refs::{self, Ref};
use crate::typeslots::{TypeFlags, TypeHead};

/// Allocation failed (the heap limit was reached or the system refused).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryError;

/// Allocates a zeroed object of `size` bytes (basicsize + items, measured
/// from the object address) of type `ty`, with count 1.
///
/// If the type is a heap type the object holds a reference to it.
/// For GC types this counts as a GC allocation and may run a collection first.
///
/// # Safety
/// `ty` must be a live type object (layout begins with [`TypeHead`]) that
/// outlives the object (guaranteed for heap types by the reference taken here),
/// and `size >= 16`.
pub unsafe fn alloc_object(ty: ObjPtr, size: usize) -> Result<Ref, MemoryError> {
    debug_assert!(size >= std::mem::size_of::<ObjHead>());
    let th = ty.as_ptr() as *const TypeHead;
    // SAFETY: caller guarantees ty is a live type object.
    let flags = unsafe { (*th).slots.flags.get() };
    let pre = pre_header_size(flags);
    let total = pre + size;
    let block = alloc::malloc(total).ok_or(MemoryError)?;
    // SAFETY: block is a fresh allocation of `total` bytes.
    unsafe { std::ptr::write_bytes(block.as_ptr(), 0, total) };
    // SAFETY: pre < total, so the object address is inside the block.
    let obj = unsafe { block.as_ptr().add(pre) } as *mut ObjHead;
    // SAFETY: obj is inside the fresh zeroed block and suitably aligned (16).
    unsafe {
        (*obj).refcnt.set(1);
        (*obj).ty.set(th);
    }
    // SAFETY: obj is non-null and points at the header just written.
    let p = unsafe { ObjPtr::from_raw(obj) }.ok_or(MemoryError)?;
    if flags.contains(TypeFlags::HEAPTYPE) {
        // SAFETY: ty is alive (caller contract).
        unsafe { refs::incref(ty) };
    }
    events::emit(Event::Alloc { addr: p.addr(), size: total });
    if flags.contains(TypeFlags::HAVE_GC) {
        gc::on_gc_alloc();
    }
    // SAFETY: we own the single count set above.
    Ok(unsafe { Ref::from_owned(p) })
}

/// Frees a dead object's block; for GC types decrements generation 0's
/// count; for heap types releases the reference to the type.
///
/// # Safety
/// `p` must be an object from [`alloc_object`] whose contents were released
/// and that nobody references any more (and untracked if GC).
pub unsafe fn free_object(p: ObjPtr) {
    // SAFETY: the object is still readable (not yet freed).
    let ty = unsafe { p.type_ptr() };
    // SAFETY: as above.
    let flags = unsafe { p.type_head() }.slots.flags.get();
    let pre = pre_header_size(flags);
    let block = (p.as_ptr() as *mut u8).wrapping_sub(pre);
    events::emit(Event::Free { addr: p.addr() });
    if flags.contains(TypeFlags::HAVE_GC) {
        gc::on_gc_free();
    }
    // SAFETY: block is the start of the allocation made in alloc_object.
    unsafe { alloc::free(block) };
    if flags.contains(TypeFlags::HEAPTYPE) {
        // SAFETY: the object held a reference to its heap type.
        unsafe { refs::decref(ty) };
    }
}

/// Size of the object's whole block (pre-header + `size`), as `sys.getsizeof` needs.
pub fn block_size(flags: TypeFlags, size: usize) -> usize {
    pre_header_size(flags) + size
}
