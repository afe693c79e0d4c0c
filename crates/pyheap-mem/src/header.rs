//! The object header and the pre-headers that sit below it.
//!
//! Layout of one object, offsets relative to its address `p` (what `id()`
//! returns), exactly as CPython 3.11 on 64-bit Linux:
//!
//! | offset | field                         | present for                    |
//! |--------|-------------------------------|--------------------------------|
//! | p − 32 | managed-dict values pointer   | types with [`TypeFlags::MANAGED_DICT`] |
//! | p − 24 | materialised `__dict__` pointer | same                          |
//! | p − 16 | `_gc_next`                    | GC types ([`TypeFlags::HAVE_GC`]) |
//! | p − 8  | `_gc_prev`                    | GC types                       |
//! | p + 0  | `refcnt: isize`               | every object                   |
//! | p + 8  | type pointer (the type object's own address) | every object    |
//!
//! The allocation starts at the lowest present row; [`pre_header_size`]
//! says how far below `p` that is.
//!
//! Invariant: an [`ObjPtr`] always points at an [`ObjHead`] inside a live
//! allocation made by [`crate::object::alloc_object`] (or a static object
//! registered by the layer above); a type pointer always points at a live
//! object whose layout begins with [`crate::typeslots::TypeHead`].

use std::cell::Cell;
use std::ptr::NonNull;

use crate::typeslots::{TypeFlags, TypeHead};

/// The two words every object starts with.
#[repr(C)]
pub struct ObjHead {
    /// Reference count, at offset 0 (`ctypes.c_long.from_address(id(x))`).
    pub refcnt: Cell<isize>,
    /// Address of the type object, at offset 8.
    pub ty: Cell<*const TypeHead>,
}

/// `PyGC_Head`: the 16 bytes immediately below a GC object's header.
///
/// State table of the two words (see `gc/mod.rs` for the full story):
///
/// | word | bits   | meaning outside a collection | meaning during one |
/// |------|--------|------------------------------|--------------------|
/// | next | all    | next in generation list; 0 = untracked | same; bit 0 = UNREACHABLE |
/// | prev | bit 0  | FINALIZED                    | FINALIZED          |
/// | prev | bit 1  | 0                            | COLLECTING         |
/// | prev | 2..64  | previous in generation list  | `gc_refs << 2`     |
///
/// Both words are pointer-typed so the links keep their provenance (Miri
/// runs the collector without integer-to-pointer casts); flag bits and
/// `gc_refs` are stored with `map_addr` / `without_provenance`.
#[repr(C)]
pub struct GcHead {
    pub next: Cell<*mut GcHead>,
    pub prev: Cell<*mut GcHead>,
}

impl GcHead {
    /// An untracked header (both words zero).
    pub const fn untracked() -> GcHead {
        GcHead {
            next: Cell::new(std::ptr::null_mut()),
            prev: Cell::new(std::ptr::null_mut()),
        }
    }
}

/// The managed-dict pre-header (3.11): values array pointer, then dict pointer.
#[repr(C)]
pub struct ManagedDictHead {
    /// Inline values array (owned by the layer above), or null.
    pub values: Cell<*mut u8>,
    /// Materialised `__dict__` object, or null.
    pub dict: Cell<*mut ObjHead>,
}

/// Size of the GC header.
pub const GC_HEAD_SIZE: usize = std::mem::size_of::<GcHead>();
/// Size of the managed-dict pre-header.
pub const MANAGED_DICT_HEAD_SIZE: usize = std::mem::size_of::<ManagedDictHead>();

/// Bytes below the object address for a type with these flags:
/// `16·[GC] + 16·[managed dict]`.
pub fn pre_header_size(flags: TypeFlags) -> usize {
    let mut n = 0;
    if flags.contains(TypeFlags::HAVE_GC) {
        n += GC_HEAD_SIZE;
    }
    if flags.contains(TypeFlags::MANAGED_DICT) {
        n += MANAGED_DICT_HEAD_SIZE;
    }
    n
}

/// A borrowed, non-owning pointer to an object header. Copying it does not
/// touch the reference count; use [`crate::Ref`] to own a reference.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct ObjPtr(NonNull<ObjHead>);

impl std::fmt::Debug for ObjPtr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ObjPtr({:#x})", self.addr())
    }
}

impl ObjPtr {
    /// Wraps a raw header pointer.
    ///
    /// # Safety
    /// `p` must point at a live object header (see the module invariant).
    #[inline(always)]
    pub unsafe fn from_raw(p: *mut ObjHead) -> Option<ObjPtr> {
        NonNull::new(p).map(ObjPtr)
    }

    /// The object's address: what `id()` returns.
    #[inline(always)]
    pub fn addr(self) -> usize {
        self.0.as_ptr() as usize
    }

    /// The raw header pointer.
    #[inline(always)]
    pub fn as_ptr(self) -> *mut ObjHead {
        self.0.as_ptr()
    }

    /// The header, borrowed.
    ///
    /// # Safety
    /// The object must be alive for the returned lifetime.
    #[inline(always)]
    pub unsafe fn head<'a>(self) -> &'a ObjHead {
        // SAFETY: the caller guarantees the object is alive; ObjHead is all Cells.
        unsafe { &*self.0.as_ptr() }
    }

    /// Current reference count.
    ///
    /// # Safety
    /// The object must be alive.
    #[inline(always)]
    pub unsafe fn refcnt(self) -> isize {
        // SAFETY: caller guarantees liveness.
        unsafe { self.head() }.refcnt.get()
    }

    /// The type object's header.
    ///
    /// # Safety
    /// The object must be alive.
    #[inline(always)]
    pub unsafe fn type_head<'a>(self) -> &'a TypeHead {
        // SAFETY: module invariant — the type pointer of a live object points at a live type.
        unsafe { &*self.head().ty.get() }
    }

    /// Address of the type object.
    ///
    /// # Safety
    /// The object must be alive.
    #[inline(always)]
    pub unsafe fn type_ptr(self) -> ObjPtr {
        // SAFETY: caller guarantees liveness; a TypeHead begins with an ObjHead.
        unsafe { ObjPtr(NonNull::new_unchecked(self.head().ty.get() as *mut ObjHead)) }
    }

    /// The GC header of a GC object.
    ///
    /// # Safety
    /// The object must be alive and of a GC type.
    #[inline(always)]
    pub unsafe fn gc_head<'a>(self) -> &'a GcHead {
        // SAFETY: GC objects are allocated with a GcHead immediately below the header.
        unsafe {
            &*(self.0.as_ptr() as *const u8)
                .sub(GC_HEAD_SIZE)
                .cast::<GcHead>()
        }
    }

    /// The managed-dict pre-header.
    ///
    /// # Safety
    /// The object must be alive and of a type with [`TypeFlags::MANAGED_DICT`]
    /// (which implies GC).
    #[inline(always)]
    pub unsafe fn managed_dict_head<'a>(self) -> &'a ManagedDictHead {
        // SAFETY: such objects are allocated with 32 pre-header bytes; the
        // managed-dict words are the lowest 16.
        unsafe {
            &*(self.0.as_ptr() as *const u8)
                .sub(GC_HEAD_SIZE + MANAGED_DICT_HEAD_SIZE)
                .cast::<ManagedDictHead>()
        }
    }

    /// Pointer to the byte at `offset` from the object address, for the layer
    /// above to read its own fields.
    #[inline(always)]
    pub fn field_ptr(self, offset: usize) -> *mut u8 {
        // NOTE: wrapping_add keeps this safe to compute; dereferencing is the caller's business.
        (self.0.as_ptr() as *mut u8).wrapping_add(offset)
    }
}
