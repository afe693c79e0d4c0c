//! Typed payloads: the safe way for the layer above to keep Rust data inside
//! heap objects, so that crate can `forbid(unsafe_code)`.
//!
//! An object of a payload type is laid out as
//!
//! ```text
//! [pre-header][ObjHead 16][payload T at PayloadInfo::offset][trailing items: [T::Item; n]]
//! ```
//!
//! Read [`new_object`] first, then [`Ref::payload`] and [`Ref::items`].
//!
//! Invariants that make the safe API sound:
//! - a type's payload is set once ([`set_payload`]) before any instance exists
//!   and never changes; [`Ref::payload`] checks the `TypeId`, so a `&T` is only
//!   ever made for an object that was created holding a `T`;
//! - trailing items are `Zeroable` (all-zero bytes is a valid value) and the
//!   item count reported by [`Payload::item_count`] is bounded by the
//!   object's own [`ItemCount`] (set by [`new_object`]) or clamped to what the
//!   allocation really holds, so no access leaves the block;
//! - nothing hands out references into storage that can be reallocated
//!   ([`RefArray`] and [`RecordBlock`] are accessed by index and by value).

use std::any::TypeId;
use std::cell::Cell;
use std::mem::{align_of, size_of, ManuallyDrop};

use crate::header::ObjPtr;
use crate::object::{alloc_object, MemoryError};
use crate::refs::Ref;
use crate::typeslots::{TypeFlags, TypeHead, TypeSlots};

/// Types for which all-zero bytes is a valid value.
///
/// # Safety
/// Implement only for types whose all-zero bit pattern is a valid, droppable value.
pub unsafe trait Zeroable {}

// SAFETY: integers and cells of integers are valid at zero.
unsafe impl Zeroable for u8 {}
// SAFETY: as above.
unsafe impl Zeroable for Cell<u8> {}
// SAFETY: as above.
unsafe impl Zeroable for Cell<u16> {}
// SAFETY: as above.
unsafe impl Zeroable for Cell<u32> {}
// SAFETY: as above.
unsafe impl Zeroable for Cell<u64> {}
// SAFETY: as above.
unsafe impl Zeroable for Cell<isize> {}
// SAFETY: as above.
unsafe impl Zeroable for Cell<usize> {}
// SAFETY: a zeroed Slot is `None` (Option<Ref> uses the null niche).
unsafe impl Zeroable for Slot {}
// SAFETY: a zero-sized type has no bytes.
unsafe impl Zeroable for NoItems {}

/// Marker item type for payloads without trailing items.
pub struct NoItems;

/// Rust data stored in an object after its header.
pub trait Payload: 'static + Sized {
    /// Type of the trailing items (use [`NoItems`] for none).
    type Item: Zeroable + 'static;
    /// How many trailing items the object has (clamped to the allocation).
    fn item_count(&self, _ty: &TypeSlots) -> usize {
        0
    }
    /// Whether the items are dropped last first (CPython's tuple dealloc
    /// releases its items backwards); otherwise first to last.
    const DROP_ITEMS_BACKWARDS: bool = false;
    /// The payload's [`ItemCount`] field, for objects whose item count is
    /// fixed at creation (tuples): item access is then bounded by it instead
    /// of by an allocator query. Must return a field of `self`; a reference
    /// to anything outside the payload is ignored.
    fn fixed_item_count(&self) -> Option<&ItemCount> {
        None
    }
}

/// An item count written only by pyheap-mem: [`new_object`] sets the
/// [`Payload::fixed_item_count`] field of a new object to its `nitems`
/// (CPython's `ob_size` of an immutable variable-size object).
///
/// Why it can bound item access (the soundness argument): a count is set only
/// in place, inside a live object's payload (the reference is checked to lie
/// within it), to a number of items that object's block holds. Safe code
/// cannot move a set count elsewhere: `ItemCount` is neither `Clone` nor
/// `Copy`, has no setter, the layer above never gets `&mut` to a payload,
/// and an interior-mutability wrapper that could move it by value (`Cell`,
/// `RefCell`, `Mutex`, ...) only hands out a shared reference through a
/// guard that must stay alive (leaked) while the reference is used, which
/// then blocks every move. A fresh count ([`ItemCount::new`]) is 0.
#[repr(transparent)]
pub struct ItemCount(Cell<usize>);

impl ItemCount {
    /// A count for a payload passed to [`new_object`] (which sets it).
    pub const fn new() -> ItemCount {
        ItemCount(Cell::new(0))
    }

    /// The object's item count (0 before the object was made).
    #[inline(always)]
    pub fn get(&self) -> usize {
        self.0.get()
    }
}

impl Default for ItemCount {
    fn default() -> Self {
        ItemCount::new()
    }
}

/// `payload`'s [`Payload::fixed_item_count`] if it lies inside the payload.
#[inline(always)]
fn own_fixed_count<T: Payload>(payload: &T) -> Option<&ItemCount> {
    let c = payload.fixed_item_count()?;
    let start = (payload as *const T).addr();
    let at = (c as *const ItemCount).addr();
    (at >= start && at + size_of::<ItemCount>() <= start + size_of::<T>()).then_some(c)
}

/// What pyheap-mem records about a type's payload.
#[derive(Copy, Clone)]
pub struct PayloadInfo {
    type_id: TypeId,
    offset: usize,
    items_offset: usize,
    drop_fn: unsafe fn(ObjPtr) -> Dropped,
    name: &'static str,
}

impl PayloadInfo {
    /// Whether objects declared with `self` and `other` have the same
    /// payload type at the same offsets (so either type may read them).
    pub fn same_layout(&self, other: &PayloadInfo) -> bool {
        self.type_id == other.type_id
            && self.offset == other.offset
            && self.items_offset == other.items_offset
    }

    /// Whether the declared payload type is `T` (a type with several
    /// possible payload kinds picks the constructor by it).
    pub fn is<T: Payload>(&self) -> bool {
        self.type_id == TypeId::of::<T>()
    }

    /// Rust name of the payload type (diagnostics).
    pub fn name(&self) -> &'static str {
        self.name
    }
}

fn items_offset<T: Payload>(offset: usize) -> usize {
    let a = align_of::<T::Item>().max(1);
    (offset + size_of::<T>()).div_ceil(a) * a
}

/// Declares that instances of the type carry a `T` at `offset` (16 for plain
/// objects, `size_of::<TypeHead>()` for type objects). Returns false (and
/// changes nothing) if a different payload was already declared.
pub fn set_payload<T: Payload>(slots: &TypeSlots, offset: usize) -> bool {
    assert!(align_of::<T>() <= 16, "payload alignment above 16");
    assert!(
        offset >= 16 && offset.is_multiple_of(align_of::<T>()),
        "bad payload offset"
    );
    let info = PayloadInfo {
        type_id: TypeId::of::<T>(),
        offset,
        items_offset: items_offset::<T>(offset),
        drop_fn: drop_payload::<T>,
        name: std::any::type_name::<T>(),
    };
    match slots.payload.get() {
        Some(old) => old.type_id == info.type_id && old.offset == offset,
        None => {
            slots.payload.set(Some(info));
            true
        }
    }
}

/// Bytes from the object address to the end of `nitems` trailing items.
pub fn object_size<T: Payload>(offset: usize, nitems: usize) -> usize {
    items_offset::<T>(offset) + nitems * size_of::<T::Item>()
}

/// The type slots of a type object.
fn slots_of(ty: &Ref) -> Option<&TypeSlots> {
    // SAFETY: a Ref keeps its object alive; we only reinterpret it as a
    // TypeHead after checking its own type says instances are types.
    unsafe {
        let p = ty.ptr();
        let meta = p.type_head();
        if !meta.slots.flags.get().contains(TypeFlags::IS_TYPE) {
            return None;
        }
        Some(&(*(p.as_ptr() as *const TypeHead)).slots)
    }
}

impl Ref {
    /// The type slots when this object is a type object.
    pub fn as_type_slots(&self) -> Option<&TypeSlots> {
        slots_of(self)
    }

    /// The type slots of this object's type.
    pub fn type_slots(&self) -> &TypeSlots {
        // SAFETY: a live object's type pointer points at a live TypeHead.
        unsafe { &self.ptr().type_head().slots }
    }

    /// A new strong reference to this object's type.
    pub fn type_ref(&self) -> Ref {
        // SAFETY: the type of a live object is alive.
        unsafe { Ref::new_ref(self.ptr().type_ptr()) }
    }

    /// The address of `self`'s type object, count untouched (traverse).
    #[inline(always)]
    pub fn type_peek(&self) -> ObjPtr {
        // SAFETY: the type pointer of a live object is valid.
        unsafe { self.ptr().type_ptr() }
    }

    /// True when `self`'s type object is `ty`.
    pub fn has_type(&self, ty: &Ref) -> bool {
        // SAFETY: a live object's type pointer is readable.
        unsafe { self.ptr().head() }.ty.get() as usize == ty.addr()
    }

    /// The payload when the object's type declared a `T`.
    #[inline]
    pub fn payload<T: Payload>(&self) -> Option<&T> {
        let info = self.type_slots().payload.get()?;
        if info.type_id != TypeId::of::<T>() {
            return None;
        }
        // SAFETY: objects of this type were created by new_object::<T> with a
        // T written at info.offset (module invariant); the Ref keeps it alive.
        Some(unsafe { &*(self.ptr().field_ptr(info.offset) as *const T) })
    }

    /// The trailing items when the object's type declared a `T`.
    #[inline]
    pub fn items<T: Payload>(&self) -> &[T::Item] {
        self.payload_items::<T>().map_or(&[], |(_, items)| items)
    }

    /// The payload and the trailing items together (one type check instead
    /// of one for [`Self::payload`] and one for [`Self::items`]).
    #[inline]
    pub fn payload_items<T: Payload>(&self) -> Option<(&T, &[T::Item])> {
        // NOTE: the payload info is read once here (this runs for every int
        // read and tuple item access).
        let slots = self.type_slots();
        let info = slots.payload.get()?;
        if info.type_id != TypeId::of::<T>() {
            return None;
        }
        // SAFETY: as in `payload`: objects of this type were created by
        // new_object::<T> with a T written at info.offset; the Ref keeps it
        // alive.
        let payload = unsafe { &*(self.ptr().field_ptr(info.offset) as *const T) };
        let n = payload.item_count(slots);
        let n = match own_fixed_count(payload) {
            // NOTE: no allocator query: the count is the object's own (see
            // ItemCount for why it cannot exceed what the block holds).
            Some(c) => n.min(c.get()),
            None => items_capacity::<T>(self.ptr(), slots, &info, n),
        };
        // SAFETY: n items of T::Item lie inside the allocation (bounded by
        // the object's ItemCount or clamped by items_capacity) at info.items_offset (= items_offset::<T>(offset),
        // fixed by set_payload) and were zero-initialised or written since.
        let items = unsafe {
            std::slice::from_raw_parts(self.ptr().field_ptr(info.items_offset) as *const T::Item, n)
        };
        Some((payload, items))
    }
}

/// `want` clamped to how many trailing items fit in the object's allocation.
#[inline]
fn items_capacity<T: Payload>(
    p: ObjPtr,
    slots: &TypeSlots,
    info: &PayloadInfo,
    want: usize,
) -> usize {
    let isz = size_of::<T::Item>();
    if isz == 0 {
        return 0;
    }
    let pre = crate::header::pre_header_size(slots.flags.get());
    let fixed = pre + info.items_offset;
    // NOTE: fast path without the allocator's block lookup (an arena-map
    // walk, ~10% of a call/attribute loop when done per int read). Every
    // object of a payload type was allocated by `new_object_impl` with at
    // least `items_offset` bytes after the pre-header (`object_size` of zero
    // items; a free-list block is checked to be at least as large), and a
    // pool block is a whole size class (a multiple of ALIGNMENT), a system
    // block (requests above SMALL_REQUEST_THRESHOLD) at least the request.
    // So `min_usable` bytes are always there.
    let min_usable = if fixed <= crate::alloc::geometry::SMALL_REQUEST_THRESHOLD {
        fixed.next_multiple_of(crate::alloc::geometry::ALIGNMENT)
    } else {
        fixed
    };
    if want
        .checked_mul(isz)
        .and_then(|b| b.checked_add(fixed))
        .is_some_and(|end| end <= min_usable)
    {
        return want;
    }
    clamp_to_block(p, pre, fixed, isz, want)
}

/// The slow part of [`items_capacity`] (not generic, kept out of line so
/// that the payload accessors stay small enough to inline).
#[inline(never)]
fn clamp_to_block(p: ObjPtr, pre: usize, fixed: usize, isz: usize, want: usize) -> usize {
    // SAFETY: p is a live object from alloc_object; its block starts `pre` below.
    let block = (p.as_ptr() as *mut u8).wrapping_sub(pre);
    // SAFETY: block is the start of a live allocation from alloc::malloc.
    let usable = unsafe { crate::alloc::usable_size(block) };
    want.min(usable.saturating_sub(fixed) / isz)
}

/// Creates an object of type `ty` holding `payload` and `nitems` zeroed
/// trailing items. The type must have declared `T` (see [`set_payload`]).
///
/// When the type has a free list ([`crate::freelist`]) holding a block for
/// `nitems` items, that block is reused (CPython's `PyList_New`,
/// `PyFloat_FromDouble`, `PyTuple_New`, `PyDict_New`): no allocation, no
/// generation-0 count increment, so no automatic collection either.
pub fn new_object<T: Payload>(ty: &Ref, payload: T, nitems: usize) -> Result<Ref, MemoryError> {
    new_object_impl(ty, payload, nitems, Alloc::FreeList)
}

/// [`new_object`] placed at `page_offset` within a 4 KiB page
/// ([`crate::object::alloc_object_placed`]): for the runtime's counterparts
/// of CPython's static objects (`None`, `True`, ...). Never from a free list.
pub fn new_object_placed<T: Payload>(
    ty: &Ref,
    payload: T,
    nitems: usize,
    page_offset: usize,
) -> Result<Ref, MemoryError> {
    new_object_impl(ty, payload, nitems, Alloc::Placed(page_offset))
}

/// [`new_object`] that never takes a block from the type's free list: the
/// object comes from the allocator, as CPython's `tp_alloc`
/// (`PyType_GenericAlloc`) does for `list()` or `dict()` calls.
pub fn new_object_no_freelist<T: Payload>(
    ty: &Ref,
    payload: T,
    nitems: usize,
) -> Result<Ref, MemoryError> {
    new_object_impl(ty, payload, nitems, Alloc::Fresh)
}

/// Where [`new_object_impl`] gets its block.
#[derive(Clone, Copy)]
enum Alloc {
    FreeList,
    Fresh,
    Placed(usize),
}

#[inline(always)]
fn new_object_impl<T: Payload>(
    ty: &Ref,
    payload: T,
    nitems: usize,
    how: Alloc,
) -> Result<Ref, MemoryError> {
    let slots = slots_of(ty).ok_or(MemoryError)?;
    let info = slots.payload.get().ok_or(MemoryError)?;
    if info.type_id != TypeId::of::<T>() {
        return Err(MemoryError);
    }
    let size = object_size::<T>(info.offset, nitems).max(slots.basicsize.get());
    let recycled = if let Alloc::FreeList = how {
        // SAFETY: slots belongs to the live type object `ty`.
        unsafe { crate::freelist::pop(slots, nitems, size) }
    } else {
        None
    };
    let obj = match (recycled, how) {
        (Some(o), _) => o,
        // SAFETY: ty is a live type object (checked by slots_of) and the new
        // object holds a reference to it if it is a heap type.
        (None, Alloc::Placed(off)) => unsafe {
            crate::object::alloc_object_placed(ty.ptr(), size, off)?
        },
        // SAFETY: as above.
        (None, _) => unsafe { alloc_object(ty.ptr(), size)? },
    };
    let at = obj.ptr().field_ptr(info.offset) as *mut T;
    // SAFETY: the block is zeroed and large enough for T at info.offset.
    unsafe { std::ptr::write(at, payload) };
    // SAFETY: the payload was just written and lives as long as `obj`.
    if let Some(c) = own_fixed_count(unsafe { &*at }) {
        // The block holds `nitems` items: `size` covers object_size(nitems)
        // (alloc_object allocates it; a free-list block is checked to be
        // at least that large).
        c.0.set(nitems);
    }
    Ok(obj)
}

/// What [`drop_object_payload`] reports about a dead object.
#[derive(Clone, Copy)]
pub(crate) struct Dropped {
    /// How many trailing items it had (the free-list key).
    pub nitems: usize,
    /// Bytes from the object address known to lie inside its block (the
    /// header, the payload and the items it had; at least the header).
    pub extent: usize,
}

/// Drops a `T` payload and its trailing items in place.
///
/// # Safety
/// `p` must be a dead (count 0) object created by `new_object::<T>`, not yet freed.
unsafe fn drop_payload<T: Payload>(p: ObjPtr) -> Dropped {
    // SAFETY: caller contract; a temporary handle that is never dropped.
    let r = ManuallyDrop::new(unsafe { Ref::from_owned(p) });
    let Some(info) = r.type_slots().payload.get() else {
        return Dropped {
            nitems: 0,
            extent: size_of::<crate::header::ObjHead>(),
        };
    };
    let n = {
        let items = r.items::<T>();
        items.len()
    };
    let base = p.field_ptr(info.items_offset) as *mut T::Item;
    // SAFETY: the items and the payload are initialised and dropped once here.
    unsafe {
        if T::DROP_ITEMS_BACKWARDS {
            for k in (0..n).rev() {
                std::ptr::drop_in_place(base.add(k));
            }
        } else {
            std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(base, n));
        }
        std::ptr::drop_in_place(p.field_ptr(info.offset) as *mut T);
    }
    // The n items were bounded by the block (items()); the payload before
    // them was allocated with the object (see items_capacity's NOTE).
    Dropped {
        nitems: n,
        extent: info.items_offset + n * size_of::<T::Item>(),
    }
}

/// Runs the payload destructor of a dead object (called by the dealloc
/// path).
///
/// # Safety
/// `p` must be a dead object whose payload has not been dropped yet.
pub(crate) unsafe fn drop_object_payload(p: ObjPtr) -> Dropped {
    // SAFETY: p's type is alive.
    match unsafe { p.type_head() }.slots.payload.get() {
        // SAFETY: forwarded contract.
        Some(info) => unsafe { (info.drop_fn)(p) },
        None => Dropped {
            nitems: 0,
            extent: size_of::<crate::header::ObjHead>(),
        },
    }
}

/// An owned-reference cell: a word holding a strong reference or null.
/// All access is by value, so re-entrant code can never observe a dangling
/// borrow.
#[repr(transparent)]
#[derive(Default)]
pub struct Slot(Cell<Option<Ref>>);

impl Slot {
    pub const fn new(v: Option<Ref>) -> Slot {
        Slot(Cell::new(v))
    }
    /// A new strong reference to the content.
    #[inline]
    pub fn get(&self) -> Option<Ref> {
        // SAFETY: the content is read in place, not moved: `Ref::clone` only
        // increments the count (it runs no other code, so nothing can write
        // the cell meanwhile), and the heap is single-threaded (`Ref` is
        // `!Send`), so the shared reference is not aliased by a write.
        unsafe { (*self.0.as_ptr()).clone() }
    }
    /// Stores `v`, returning the previous content (dropped by the caller,
    /// after the store, so finalizers see the new state).
    #[inline]
    pub fn replace(&self, v: Option<Ref>) -> Option<Ref> {
        self.0.replace(v)
    }
    /// Stores `v`, dropping the previous content after the store.
    #[inline]
    pub fn set(&self, v: Option<Ref>) {
        drop(self.0.replace(v));
    }
    /// Empties the slot.
    #[inline]
    pub fn take(&self) -> Option<Ref> {
        self.0.take()
    }
    /// The pointer without touching the count (for traverse functions).
    #[inline]
    pub fn peek(&self) -> Option<ObjPtr> {
        // SAFETY: as in `get`: a read in place during which no code runs.
        unsafe { (*self.0.as_ptr()).as_ref().map(|r| r.ptr()) }
    }
    /// True when the slot holds exactly `obj`.
    #[inline]
    pub fn is(&self, obj: &Ref) -> bool {
        self.peek() == Some(obj.ptr())
    }
}

/// Word size used by [`RefArray`] and [`RecordBlock`].
pub const WORD: usize = size_of::<usize>();

/// Offset of a type object's payload: right after its [`TypeHead`].
pub const TYPE_PAYLOAD_OFFSET: usize = size_of::<TypeHead>();

/// Creates a type object: an instance of `metatype` (whose slots carry
/// [`TypeFlags::IS_TYPE`] and declared payload `T` at [`TYPE_PAYLOAD_OFFSET`])
/// with the given slot table and payload. `extra` bytes are added after the
/// payload (to make the object as large as CPython's).
pub fn new_type_object<T: Payload>(
    metatype: &Ref,
    slots: TypeSlots,
    payload: T,
    extra: usize,
) -> Result<Ref, MemoryError> {
    let meta = slots_of(metatype).ok_or(MemoryError)?;
    let info = meta.payload.get().ok_or(MemoryError)?;
    if info.type_id != TypeId::of::<T>() || info.offset != TYPE_PAYLOAD_OFFSET {
        return Err(MemoryError);
    }
    let size = object_size::<T>(TYPE_PAYLOAD_OFFSET, 0) + extra;
    // SAFETY: metatype is a live type object (checked).
    let obj = unsafe { alloc_object(metatype.ptr(), size.max(meta.basicsize.get()))? };
    // SAFETY: the fresh zeroed block holds a TypeHead followed by T.
    unsafe { init_type_object(obj.ptr(), slots, payload) };
    Ok(obj)
}

/// Writes the TypeHead fields and the payload of a fresh type object.
///
/// # Safety
/// `p` must be a fresh zeroed object of at least `object_size::<T>(TYPE_PAYLOAD_OFFSET, 0)` bytes.
unsafe fn init_type_object<T: Payload>(p: ObjPtr, slots: TypeSlots, payload: T) {
    let th = p.as_ptr() as *mut TypeHead;
    // SAFETY: caller contract: the block is large enough and zeroed.
    unsafe {
        std::ptr::addr_of_mut!((*th).ob_size).write(Cell::new(0));
        std::ptr::addr_of_mut!((*th).slots).write(slots);
        std::ptr::write(p.field_ptr(TYPE_PAYLOAD_OFFSET) as *mut T, payload);
    }
}

/// Creates the root metatype (`type`): a type object whose type is itself.
/// `slots` should carry [`TypeFlags::IS_TYPE`]; the payload `T` is declared
/// for it at [`TYPE_PAYLOAD_OFFSET`]. It is never freed while referenced
/// (its own instances, including itself, hold it).
pub fn new_root_metatype<T: Payload>(
    slots: TypeSlots,
    payload: T,
    extra: usize,
) -> Result<Ref, MemoryError> {
    let size = object_size::<T>(TYPE_PAYLOAD_OFFSET, 0) + extra;
    let pre = crate::header::pre_header_size(slots.flags.get());
    let block = crate::alloc::malloc(pre + size).ok_or(MemoryError)?;
    // SAFETY: fresh block of pre + size bytes.
    unsafe { std::ptr::write_bytes(block.as_ptr(), 0, pre + size) };
    // SAFETY: the object address lies inside the block.
    let obj = unsafe { block.as_ptr().add(pre) } as *mut crate::header::ObjHead;
    // SAFETY: obj is non-null, inside the zeroed block, 16-aligned.
    let p = unsafe { ObjPtr::from_raw(obj) }.ok_or(MemoryError)?;
    // SAFETY: as above; the type pointer is set to the object itself, which
    // becomes a valid TypeHead right after.
    unsafe {
        (*obj).refcnt.set(1);
        (*obj).ty.set(obj as *const TypeHead);
        init_type_object(p, slots, payload);
    }
    // SAFETY: p now has a complete TypeHead.
    let slots_ref = unsafe { &(*(obj as *const TypeHead)).slots };
    if !set_payload::<T>(slots_ref, TYPE_PAYLOAD_OFFSET) {
        return Err(MemoryError);
    }
    // SAFETY: we own the count of 1.
    Ok(unsafe { Ref::from_owned(p) })
}
