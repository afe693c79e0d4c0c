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

/// Byte written over freed object blocks in debug builds.
pub const POISON_BYTE: u8 = 0xdb;

/// `object_at` rejects counts at or above this (pointers, poison).
const MAX_PLAUSIBLE_REFCNT: isize = 1 << 40;

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
    // SAFETY: forwarded caller contract.
    unsafe { alloc_object_in(ty, size, None) }
}

/// [`alloc_object`] whose object address lies `page_offset` bytes into a
/// 4 KiB page ([`alloc::malloc_placed`]), for the objects CPython 3.11
/// allocates statically (`None`, `True`, ...): `id()` and the pointer hash
/// then share CPython's low 12 bits. The block is freed like any other.
///
/// # Safety
/// As [`alloc_object`].
pub unsafe fn alloc_object_placed(
    ty: ObjPtr,
    size: usize,
    page_offset: usize,
) -> Result<Ref, MemoryError> {
    // SAFETY: forwarded caller contract.
    unsafe { alloc_object_in(ty, size, Some(page_offset)) }
}

/// # Safety
/// As [`alloc_object`].
#[inline(always)]
unsafe fn alloc_object_in(
    ty: ObjPtr,
    size: usize,
    page_offset: Option<usize>,
) -> Result<Ref, MemoryError> {
    debug_assert!(size >= std::mem::size_of::<ObjHead>());
    let th = ty.as_ptr() as *const TypeHead;
    // SAFETY: caller guarantees ty is a live type object.
    let flags = unsafe { (*th).slots.flags.get() };
    let pre = pre_header_size(flags);
    let total = pre + size;
    let block = match page_offset {
        None => alloc::malloc_zeroed(total),
        Some(off) => alloc::malloc_placed(total, off.checked_sub(pre).ok_or(MemoryError)?)
            // SAFETY: block is a fresh allocation of `total` bytes.
            .inspect(|b| unsafe { std::ptr::write_bytes(b.as_ptr(), 0, total) }),
    }
    .ok_or(MemoryError)?;
    // SAFETY: pre < total, so the object address is inside the block.
    let obj = unsafe { block.as_ptr().add(pre) } as *mut ObjHead;
    // SAFETY: obj is inside the fresh zeroed block and suitably aligned (16).
    unsafe {
        (*obj).refcnt.set(1);
        (*obj).ty.set(th);
    }
    // NOTE: exposed so that `object_at` can rebuild a pointer from an address.
    let _ = obj.expose_provenance();
    // SAFETY: obj is non-null and points at the header just written.
    let p = unsafe { ObjPtr::from_raw(obj) }.ok_or(MemoryError)?;
    if flags.contains(TypeFlags::HEAPTYPE) {
        // SAFETY: ty is alive (caller contract).
        unsafe { refs::incref(ty) };
    }
    events::emit(Event::Alloc {
        addr: p.addr(),
        size: total,
    });
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
    events::emit(Event::Free { addr: p.addr() });
    // SAFETY: forwarded caller contract.
    unsafe { release_block(p) };
}

/// [`free_object`] without the object-level `Free` event: also used for
/// blocks leaving a free list (whose object died when it was parked).
///
/// # Safety
/// As [`free_object`].
pub(crate) unsafe fn release_block(p: ObjPtr) {
    // SAFETY: the object is still readable (not yet freed).
    let ty = unsafe { p.type_ptr() };
    // SAFETY: as above.
    let flags = unsafe { p.type_head() }.slots.flags.get();
    let pre = pre_header_size(flags);
    let block = (p.as_ptr() as *mut u8).wrapping_sub(pre);
    if flags.contains(TypeFlags::HAVE_GC) {
        // PyObject_GC_Del: a still-tracked object unlinks itself.
        // SAFETY: p is a live GC object until the free below.
        unsafe { gc::untrack(p) };
        gc::on_gc_free();
    }
    if flags.contains(TypeFlags::IS_TYPE) {
        forget_type(p.addr());
    }
    #[cfg(debug_assertions)]
    {
        // Poison the dead block so a use after free shows up as 0xdb bytes.
        // SAFETY: block is a live allocation of at least `usable_size` bytes.
        unsafe {
            let n = alloc::usable_size(block);
            std::ptr::write_bytes(block, POISON_BYTE, n);
        }
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

thread_local! {
    /// Addresses of live type objects (see [`register_type`]).
    static TYPES: std::cell::RefCell<std::collections::HashSet<usize>> =
        std::cell::RefCell::new(std::collections::HashSet::new());
}

/// Records a type object so [`object_at`] can recognise instances of it.
/// Type objects (whose own type has [`TypeFlags::IS_TYPE`]) are forgotten
/// automatically when freed; [`unregister_type`] forgets one earlier.
/// Returns false (and records nothing) when `ty` is not a type object.
pub fn register_type(ty: &Ref) -> bool {
    if ty.as_type_slots().is_none() {
        return false;
    }
    let _ = ty.ptr().as_ptr().expose_provenance();
    TYPES.with(|t| t.borrow_mut().insert(ty.addr()));
    true
}

/// Forgets a type recorded by [`register_type`].
pub fn unregister_type(ty: &Ref) {
    forget_type(ty.addr());
}

fn forget_type(addr: usize) {
    let _ = TYPES.try_with(|t| t.borrow_mut().remove(&addr));
}

fn is_registered_type(addr: usize) -> bool {
    TYPES.with(|t| t.borrow().contains(&addr))
}

/// "The live object whose header is at this address" (for
/// `ctypes.cast(addr, py_object)` / `PyObj_FromPtr`), or `None`.
///
/// Accepted: a registered type object; or an address inside a live heap
/// block where the block starts exactly `pre_header_size` below it, the
/// word at `addr + 8` is a registered type, and the count is positive. All
/// reads go through the allocator's checked readers, so any address is safe
/// to ask about.
///
/// TODO(soundness of the answer, not of this function): a raw storage block
/// whose first two words happen to be a small positive number and the
/// address of a registered type passes these checks. Item and values arrays
/// start with a pointer or null and are rejected; a record block (dict keys)
/// whose header's second word equals a type's address would not be. Telling
/// object blocks from storage blocks for sure needs a per-block "object"
/// mark from the allocator (set in `alloc_object`); until then the result
/// means "an object, unless a storage block mimics a header".
pub fn object_at(addr: usize) -> Option<ObjPtr> {
    let rebuild = |a: usize| {
        // SAFETY: only builds a pointer (exposed at allocation or
        // registration); nothing is dereferenced here.
        unsafe { ObjPtr::from_raw(std::ptr::with_exposed_provenance_mut::<ObjHead>(a)) }
    };
    if is_registered_type(addr) {
        return rebuild(addr);
    }
    let block = alloc::block_of(addr)?;
    if !block.live {
        return None;
    }
    let ty = alloc::read_live_word(addr.checked_add(8)?).ok()?;
    if !is_registered_type(ty) {
        return None;
    }
    let tyobj = rebuild(ty)?;
    // SAFETY: registered types are live type objects (forgotten when freed).
    let flags = unsafe { (*(tyobj.as_ptr() as *const TypeHead)).slots.flags.get() };
    let pre = pre_header_size(flags);
    if block.start.checked_add(pre)? != addr || block.size < pre + std::mem::size_of::<ObjHead>() {
        return None;
    }
    let refcnt = alloc::read_live_word(addr).ok()? as isize;
    // NOTE: the upper bound rejects storage blocks whose first word is a
    // pointer (item arrays, values arrays): no real count comes near 2^40.
    if refcnt <= 0 || refcnt >= MAX_PLAUSIBLE_REFCNT {
        return None;
    }
    rebuild(addr)
}

/// [`object_at`] as a new strong reference (`_ctypes.PyObj_FromPtr`).
pub fn object_ref_at(addr: usize) -> Option<Ref> {
    let p = object_at(addr)?;
    // SAFETY: object_at only returns registered type objects or objects in a
    // live heap block with a positive count (see its TODO on storage blocks
    // that mimic a header).
    Some(unsafe { Ref::new_ref(p) })
}
