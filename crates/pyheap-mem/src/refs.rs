//! Strong references and the deallocation path.
//!
//! Read [`Ref`] first (clone = incref, drop = decref), then [`dealloc`]: the
//! cold path taken when a count reaches zero, in CPython's `subtype_dealloc`
//! order: untrack; the PEP 442 finalizer (at most once, object re-tracked
//! while it runs; it may resurrect); clear weak references and run their
//! callbacks; the legacy `tp_del` (may resurrect); clear weakrefs the
//! finalizer made, without callbacks; a dying weakref unlinks itself; the
//! type releases its contents; the block is parked on the type's free list
//! (`freelist.rs`) or freed.
//!
//! Deep structures: releasing a container drops its items, which may
//! deallocate them, recursively. [`dealloc`] keeps a depth counter; past
//! [`TRASHCAN_LIMIT`] nested deallocations it queues the object instead and
//! the outermost call drains the queue (CPython's "trashcan"), so native stack
//! use is bounded whatever the nesting depth.

use std::cell::{Cell, RefCell};

use crate::header::ObjPtr;
use crate::typeslots::TypeFlags;
use crate::{gc, object, weakref};

/// Nesting depth of deallocations before objects are queued instead (CPython: 50).
pub const TRASHCAN_LIMIT: u32 = 50;

/// An owned strong reference. `Clone` increments the count, `Drop` decrements
/// it and deallocates at zero. Not `Send`: the heap is single-threaded.
#[repr(transparent)]
pub struct Ref(ObjPtr);

impl Ref {
    /// Takes ownership of one reference the caller already owns (e.g. a fresh
    /// object from [`crate::alloc_object`]).
    ///
    /// # Safety
    /// `p` must be alive and the caller must own one count that this `Ref` now owns.
    #[inline(always)]
    pub unsafe fn from_owned(p: ObjPtr) -> Ref {
        Ref(p)
    }

    /// Makes a new strong reference (increments the count).
    ///
    /// # Safety
    /// `p` must be alive.
    #[inline(always)]
    pub unsafe fn new_ref(p: ObjPtr) -> Ref {
        // SAFETY: caller guarantees liveness.
        let h = unsafe { p.head() };
        h.refcnt.set(h.refcnt.get() + 1);
        Ref(p)
    }

    /// The pointer, without touching the count.
    #[inline(always)]
    pub fn ptr(&self) -> ObjPtr {
        self.0
    }

    /// The object's address (`id()`).
    #[inline(always)]
    pub fn addr(&self) -> usize {
        self.0.addr()
    }

    /// Gives up ownership without decrementing; pair with [`Ref::from_owned`].
    #[inline(always)]
    pub fn into_raw(self) -> ObjPtr {
        let p = self.0;
        std::mem::forget(self);
        p
    }

    /// Current reference count.
    #[inline(always)]
    pub fn refcnt(&self) -> isize {
        // SAFETY: a Ref keeps its object alive.
        unsafe { self.0.refcnt() }
    }

    /// Adds `n` (≥ 0) counts that nobody will ever release: CPython 3.11's
    /// statically allocated objects (small ints, one-character strings, the
    /// empty str/bytes/tuple) start at 999,999,999 and still move normally.
    ///
    /// Sound without `unsafe`: the object is alive (we hold `self`), and the
    /// added counts only raise it; as they are never decremented, the object
    /// just never reaches zero while they exist. Negative `n` is ignored.
    pub fn add_static_refs(&self, n: isize) {
        if n <= 0 {
            return;
        }
        // SAFETY: a Ref keeps its object alive.
        let h = unsafe { self.0.head() };
        h.refcnt.set(h.refcnt.get().saturating_add(n));
    }

    /// Identity comparison (`is`).
    #[inline(always)]
    pub fn is(&self, other: &Ref) -> bool {
        self.0 == other.0
    }
}

impl Clone for Ref {
    #[inline(always)]
    fn clone(&self) -> Ref {
        // SAFETY: a Ref keeps its object alive.
        let h = unsafe { self.0.head() };
        h.refcnt.set(h.refcnt.get() + 1);
        Ref(self.0)
    }
}

impl Drop for Ref {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: we own one count, so the object is alive until we release it.
        unsafe { decref(self.0) }
    }
}

impl std::fmt::Debug for Ref {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ref({:#x}, rc={})", self.addr(), self.refcnt())
    }
}

/// Increments the count of a live object.
///
/// # Safety
/// `p` must be alive.
#[inline(always)]
pub unsafe fn incref(p: ObjPtr) {
    // SAFETY: caller guarantees liveness.
    let h = unsafe { p.head() };
    h.refcnt.set(h.refcnt.get() + 1);
}

/// Releases one owned count; deallocates at zero.
///
/// # Safety
/// `p` must be alive and the caller must own the count it releases.
#[inline(always)]
pub unsafe fn decref(p: ObjPtr) {
    // SAFETY: caller owns a count, so the object is alive.
    let h = unsafe { p.head() };
    let n = h.refcnt.get() - 1;
    h.refcnt.set(n);
    if n == 0 {
        // SAFETY: the count reached zero; nobody else owns the object.
        unsafe { dealloc(p) }
    }
}

thread_local! {
    /// Nesting depth of [`dealloc`] calls on this thread.
    ///
    /// NOTE: the depth and the queue length live in `const`-initialised
    /// cells without destructors, so reading them is one TLS access with no
    /// lazy-registration check; the queue itself (a `Vec`, which has a
    /// destructor) is touched only when something is queued.
    static TRASH_DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Number of objects in [`TRASH_PENDING`] (kept equal to its length).
    static TRASH_QUEUED: Cell<usize> = const { Cell::new(0) };
    static TRASH_PENDING: RefCell<Vec<ObjPtr>> = const { RefCell::new(Vec::new()) };
}

/// The object's count reached zero: finalize, clear weakrefs, release, free.
///
/// # Safety
/// `p` must have count zero and no owner left.
#[cold]
#[inline(never)]
pub unsafe fn dealloc(p: ObjPtr) {
    // Untrack first (CPython: PyObject_GC_UnTrack at the top of every GC
    // dealloc): a collection triggered by code run below, or while the
    // object waits in the trashcan, must never see an object with count 0.
    // SAFETY: p is alive (count 0, not freed).
    unsafe { gc::untrack(p) };
    let depth = TRASH_DEPTH.get();
    if depth >= TRASHCAN_LIMIT {
        TRASH_PENDING.with(|q| q.borrow_mut().push(p));
        TRASH_QUEUED.set(TRASH_QUEUED.get() + 1);
        return;
    }
    TRASH_DEPTH.set(depth + 1);
    // SAFETY: forwarded caller contract.
    unsafe { dealloc_one(p) };
    if depth == 0 && TRASH_QUEUED.get() != 0 {
        drain_trashcan();
    }
    TRASH_DEPTH.set(depth);
}

/// Outermost level of [`dealloc`]: deallocates what deeper levels queued.
/// Each drained object may queue more; the loop ends when none is left.
#[cold]
#[inline(never)]
fn drain_trashcan() {
    loop {
        let next = TRASH_PENDING.with(|q| q.borrow_mut().pop());
        match next {
            Some(q) => {
                TRASH_QUEUED.set(TRASH_QUEUED.get() - 1);
                // SAFETY: queued objects had count zero and no owner.
                unsafe { dealloc_one(q) }
            }
            None => break,
        }
    }
}

/// One deallocation, in CPython's `subtype_dealloc` order.
///
/// # Safety
/// As [`dealloc`].
unsafe fn dealloc_one(p: ObjPtr) {
    // SAFETY: p is alive (count 0 but not yet freed); its type outlives it.
    let slots = unsafe { &p.type_head().slots };
    let flags = slots.flags.get();
    let is_gc = flags.contains(TypeFlags::HAVE_GC);

    let weaklist = slots.weaklistoffset.get() != 0;
    let has_finalizer = slots.finalize.get().is_some() || slots.legacy_del.get().is_some();

    if let Some(fin) = slots.finalize.get() {
        // SAFETY: p is a live object; only GC objects have the FINALIZED bit.
        let already = is_gc && unsafe { gc::is_finalized(p) };
        if !already {
            crate::events::emit(crate::events::Event::Finalize { addr: p.addr() });
            // SAFETY: p is dying with count 0 (caller contract).
            let resurrected = unsafe { call_with_temporary_ref(p, is_gc, fin) };
            if is_gc {
                // PyObject_CallFinalizer sets the bit after the call.
                // SAFETY: p is alive (at least until we return).
                unsafe { gc::set_finalized(p) };
            }
            if resurrected {
                return;
            }
        }
    }

    if weaklist {
        // SAFETY: the type says instances have a weakref-list slot.
        unsafe { weakref::clear_weakrefs_on_dealloc(p) };
    }

    if let Some(del) = slots.legacy_del.get() {
        // SAFETY: p is dying with count 0.
        if unsafe { call_with_temporary_ref(p, is_gc, del) } {
            return;
        }
    }

    if has_finalizer && weaklist {
        // Weakrefs made by the finalizer: cleared without callbacks.
        // SAFETY: p is dying, its list slot is valid.
        unsafe { weakref::clear_weakrefs_no_callbacks(p) };
    }

    if flags.contains(TypeFlags::IS_WEAKREF) {
        // The weakref itself dies: unlink from its referent, drop the callback.
        // SAFETY: IS_WEAKREF objects have the WeakrefHead layout; p is alive.
        unsafe { weakref::clear_weakref_ptr(p) };
    }

    if is_gc {
        // Normally already untracked by `dealloc`; a finalizer may have re-tracked.
        // SAFETY: p is a live GC object.
        unsafe { gc::untrack(p) };
    }

    // A borrowed handle for the type's own hooks; never dropped (count is 0).
    // SAFETY: p is alive until free_object below.
    let handle = std::mem::ManuallyDrop::new(unsafe { Ref::from_owned(p) });
    if let Some(release) = slots.dealloc.get() {
        release(&handle);
    }
    crate::managed::release_managed(&handle);
    // SAFETY: the payload (if any) is dropped exactly once, here.
    let dropped = unsafe { crate::typed::drop_object_payload(p) };
    // SAFETY: the object is dead, untracked, its contents released; parked
    // blocks are not touched again here.
    // (The free-list test is made here so that most objects skip the call.)
    if slots.freelist.get() != 0 && unsafe { crate::freelist::try_park(p, dropped) } {
        return;
    }
    // SAFETY: the object is dead and its contents released.
    unsafe { object::free_object(p) };
}

/// `PyObject_CallFinalizerFromDealloc`-style call of `f` on a dying object:
/// the count becomes 1 (owned by a temporary handle), GC objects are tracked
/// while it runs (as `subtype_dealloc` does), and afterwards the count goes
/// back down without deallocating. Returns true when `f` resurrected the
/// object (it then stays tracked).
///
/// # Safety
/// `p` must be a dying object with count 0.
unsafe fn call_with_temporary_ref(p: ObjPtr, is_gc: bool, f: crate::typeslots::FinalizeFn) -> bool {
    // SAFETY: p is alive.
    unsafe { p.head() }.refcnt.set(1);
    if is_gc {
        // SAFETY: p is a live GC object with a count of 1.
        unsafe { gc::track(p) };
    }
    // SAFETY: we own the count of 1 set above.
    let tmp = unsafe { Ref::from_owned(p) };
    f(&tmp);
    let p2 = tmp.into_raw();
    // SAFETY: p is still alive: we still own the temporary count.
    let h = unsafe { p2.head() };
    let n = h.refcnt.get() - 1;
    h.refcnt.set(n);
    if n > 0 {
        crate::events::emit(crate::events::Event::Resurrected { addr: p.addr() });
        return true;
    }
    if is_gc {
        // SAFETY: p is alive.
        unsafe { gc::untrack(p) };
    }
    false
}
