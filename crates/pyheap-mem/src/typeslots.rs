//! The type table: all pyheap-mem knows about a type.
//!
//! Every type object begins with a [`TypeHead`]: an object header, an
//! `ob_size` word (type objects are variable-size in CPython), then the
//! [`TypeSlots`] below. The layer above appends its own fields (name, dict,
//! MRO …) after `TypeHead` in a larger `#[repr(C)]` struct.

use std::cell::Cell;

use crate::arrays::RefArray;
use crate::header::{ObjHead, ObjPtr};
use crate::refs::Ref;
use crate::typed::{PayloadInfo, Slot};

/// Bit flags describing a type (a subset of CPython's `tp_flags`).
#[derive(Copy, Clone, PartialEq, Eq, Debug, Default)]
pub struct TypeFlags(pub u64);

impl TypeFlags {
    /// Instances carry a GC header and may be tracked (`Py_TPFLAGS_HAVE_GC`).
    pub const HAVE_GC: TypeFlags = TypeFlags(1 << 0);
    /// Instances carry the managed-dict pre-header (`Py_TPFLAGS_MANAGED_DICT`). Implies `HAVE_GC`.
    pub const MANAGED_DICT: TypeFlags = TypeFlags(1 << 1);
    /// The type object is itself a heap object that instances hold a reference to
    /// (`Py_TPFLAGS_HEAPTYPE`).
    pub const HEAPTYPE: TypeFlags = TypeFlags(1 << 2);
    /// After any collection, survivors of this type are offered to `untrack_check`
    /// (exact tuples in CPython).
    pub const UNTRACK_AFTER_COLLECTION: TypeFlags = TypeFlags(1 << 3);
    /// After a full (generation 2) collection, survivors of this type are offered
    /// to `untrack_check` (dicts in CPython).
    pub const UNTRACK_AFTER_FULL_COLLECTION: TypeFlags = TypeFlags(1 << 4);
    /// Instances are weak references laid out as [`crate::weakref::WeakrefHead`].
    pub const IS_WEAKREF: TypeFlags = TypeFlags(1 << 5);
    /// Instances are type objects (layout begins with [`TypeHead`]).
    pub const IS_TYPE: TypeFlags = TypeFlags(1 << 6);

    /// True when every bit of `other` is set.
    #[inline(always)]
    pub fn contains(self, other: TypeFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for TypeFlags {
    type Output = TypeFlags;
    fn bitor(self, rhs: TypeFlags) -> TypeFlags {
        TypeFlags(self.0 | rhs.0)
    }
}

/// `tp_traverse`: call `visit` once for every strong reference the object
/// owns to another object (GC or not — the collector filters). Must visit
/// exactly the counted references: a missing edge only leaks, an extra one
/// frees live objects.
pub type TraverseFn = fn(obj: &Ref, visit: &mut dyn FnMut(ObjPtr));
/// `tp_clear`: drop the object's references to break cycles. The object stays
/// a valid (possibly emptier) object.
pub type ClearFn = fn(obj: &Ref);
/// `tp_finalize` (PEP 442, Python `__del__`) or the legacy `tp_del`. The
/// handle is a temporary strong reference; cloning it resurrects the object.
/// Errors are the callee's business (report them as unraisable).
pub type FinalizeFn = fn(obj: &Ref);
/// Extra release work when the count reached zero, run before pyheap-mem
/// drops the typed payload (see [`crate::typed`]) and frees the block.
pub type DeallocFn = fn(obj: &Ref);
/// Untracking hook: true when the object holds nothing that may be tracked,
/// so the collector may untrack it.
pub type UntrackCheckFn = fn(obj: &Ref) -> bool;
/// The object's owned references as one slice of [`Slot`]s (a tuple's
/// items). See [`TypeSlots::slot_items`].
pub type SlotItemsFn = fn(obj: &Ref) -> &[Slot];
/// The object's owned references as the first `len` entries of one
/// [`RefArray`] (a list's items). See [`TypeSlots::ref_items`].
pub type RefItemsFn = fn(obj: &Ref) -> Option<(&RefArray, usize)>;

/// The facts and functions pyheap-mem uses; all `Cell`s so a type can be
/// completed after its object exists (e.g. a class statement).
#[repr(C)]
pub struct TypeSlots {
    /// `tp_basicsize`: bytes from the object address to the end of the fixed part.
    pub basicsize: Cell<usize>,
    /// `tp_itemsize`: bytes per item of a variable-size object (0 otherwise).
    pub itemsize: Cell<usize>,
    pub flags: Cell<TypeFlags>,
    /// `tp_weaklistoffset`: offset from the object address of the weakref-list
    /// head pointer; 0 when instances do not support weak references.
    pub weaklistoffset: Cell<usize>,
    pub traverse: Cell<Option<TraverseFn>>,
    pub clear: Cell<Option<ClearFn>>,
    pub finalize: Cell<Option<FinalizeFn>>,
    pub legacy_del: Cell<Option<FinalizeFn>>,
    pub dealloc: Cell<Option<DeallocFn>>,
    /// The type's free list (see [`crate::freelist::enable`]): 0 for none,
    /// else its index + 1 in the per-thread registry. Set once.
    pub freelist: Cell<u32>,
    pub untrack_check: Cell<Option<UntrackCheckFn>>,
    /// Set when the object's owned references are exactly the non-empty
    /// slots of the returned slice and `traverse` visits them last to first
    /// (CPython's tuple). The collector then walks the slice itself with an
    /// inlined loop instead of calling `traverse` with a `dyn` visitor, and,
    /// for a type without `untrack_check`, decides untracking itself: the
    /// object may be untracked when no item [`crate::gc::may_be_tracked`].
    /// Ignored for `IS_WEAKREF` types.
    pub slot_items: Cell<Option<SlotItemsFn>>,
    /// Like `slot_items` for references kept in a [`RefArray`] (CPython's
    /// list): the owned references are exactly the non-empty entries below
    /// the returned length (`None`: no references), which `traverse`
    /// visits last to first; the collector walks them itself. Not used for
    /// untracking. Ignored for `IS_WEAKREF` types and when `slot_items` is set.
    pub ref_items: Cell<Option<RefItemsFn>>,
    /// The typed payload every instance carries (set once; see [`crate::typed`]).
    pub payload: Cell<Option<PayloadInfo>>,
}

impl TypeSlots {
    /// A slot table with no functions.
    pub const fn new(basicsize: usize, itemsize: usize, flags: TypeFlags) -> TypeSlots {
        TypeSlots {
            basicsize: Cell::new(basicsize),
            itemsize: Cell::new(itemsize),
            flags: Cell::new(flags),
            weaklistoffset: Cell::new(0),
            traverse: Cell::new(None),
            clear: Cell::new(None),
            finalize: Cell::new(None),
            legacy_del: Cell::new(None),
            dealloc: Cell::new(None),
            freelist: Cell::new(0),
            untrack_check: Cell::new(None),
            slot_items: Cell::new(None),
            ref_items: Cell::new(None),
            payload: Cell::new(None),
        }
    }

    #[inline(always)]
    pub fn is_gc(&self) -> bool {
        self.flags.get().contains(TypeFlags::HAVE_GC)
    }
}

/// The beginning of every type object.
#[repr(C)]
pub struct TypeHead {
    pub ob: ObjHead,
    /// `ob_size` of the type object (CPython: number of `__slots__` members).
    pub ob_size: Cell<isize>,
    pub slots: TypeSlots,
}
