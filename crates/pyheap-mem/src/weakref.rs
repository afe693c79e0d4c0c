//! Weak-reference lists (CPython's `Objects/weakrefobject.c`, §4.1 and §2.5
//! of the reference).
//!
//! Read [`new_weakref`] / [`init_weakref`] first, then
//! [`clear_weakrefs_on_dealloc`].
//!
//! A weak reference object is laid out as [`WeakrefHead`] (CPython's
//! `PyWeakReference`, 64 bytes) and its type has [`TypeFlags::IS_WEAKREF`].
//! Each referent whose type has a non-zero `weaklistoffset` stores at that
//! offset the head pointer of a doubly linked list of its weakrefs, in this
//! order: the shared callback-less `ref` (if any), then the shared
//! callback-less proxy (if any), then every other weakref, newest first.
//!
//! Invariants:
//! - `referent` is null, or points at a live object (possibly with count 0
//!   while it is being deallocated) whose list contains this weakref;
//!   clearing unlinks the weakref and nulls `referent` together.
//! - `callback` is null or an owned strong reference.
//! - `spare` holds the [`WeakrefKind`] tag (0 = other, 1 = ref, 2 = proxy).
//! - pyheap-mem owns the callback edge: the collector visits it and
//!   `delete_garbage` / deallocation clear it, so a weakref type's own
//!   `traverse`/`clear`/`dealloc` must not touch these fields.

use std::cell::Cell;

use crate::gc;
use crate::header::{ObjHead, ObjPtr};
use crate::object::{alloc_object, MemoryError};
use crate::refs::Ref;
use crate::typeslots::TypeFlags;

/// `PyWeakReference`: the layout every weakref object starts with.
#[repr(C)]
pub struct WeakrefHead {
    pub ob: ObjHead,
    /// The referent, or null once cleared (`wr_object`).
    pub referent: Cell<*mut ObjHead>,
    /// Owned reference to the callback, or null (`wr_callback`).
    pub callback: Cell<*mut ObjHead>,
    /// Cached hash, -1 until computed.
    pub hash: Cell<isize>,
    pub prev: Cell<*mut WeakrefHead>,
    pub next: Cell<*mut WeakrefHead>,
    /// Spare word (CPython: `vectorcall`); holds the [`WeakrefKind`] tag.
    pub spare: Cell<usize>,
}

/// Size of [`WeakrefHead`]: a weakref type's `basicsize` must be at least this.
pub const WEAKREF_HEAD_SIZE: usize = std::mem::size_of::<WeakrefHead>();

/// What a weakref is, for the list-position and sharing rules.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum WeakrefKind {
    /// Any other weakref: subclasses of `ref`, `KeyedRef`, …
    Other,
    /// Exactly `weakref.ref` (shared when created without callback).
    Ref,
    /// `weakref.ProxyType` or `CallableProxyType` (shared without callback).
    Proxy,
}

impl WeakrefKind {
    fn tag(self) -> usize {
        match self {
            WeakrefKind::Other => 0,
            WeakrefKind::Ref => 1,
            WeakrefKind::Proxy => 2,
        }
    }
    fn from_tag(t: usize) -> WeakrefKind {
        match t {
            1 => WeakrefKind::Ref,
            2 => WeakrefKind::Proxy,
            _ => WeakrefKind::Other,
        }
    }
}

/// Why a weak reference could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeakrefError {
    /// The referent's type has no weakref-list slot
    /// (`TypeError: cannot create weak reference to 'list' object`).
    NotSupported,
    /// The weakref object's type is not a weakref type (no `IS_WEAKREF`,
    /// `basicsize < 64`, or a typed payload that `new_weakref` cannot build),
    /// or the object is already initialised.
    BadWeakrefType,
    /// Out of memory.
    Memory,
}

impl From<MemoryError> for WeakrefError {
    fn from(_: MemoryError) -> WeakrefError {
        WeakrefError::Memory
    }
}

// ----- raw helpers (ObjPtr level) -----

/// The fields of a weakref object.
///
/// # Safety
/// `wr` must be a live object whose type has `IS_WEAKREF` (layout `WeakrefHead`).
#[inline(always)]
unsafe fn head<'a>(wr: ObjPtr) -> &'a WeakrefHead {
    // SAFETY: caller contract.
    unsafe { &*(wr.as_ptr() as *const WeakrefHead) }
}

#[inline(always)]
fn obj_of(w: *mut WeakrefHead) -> Option<ObjPtr> {
    // SAFETY: a WeakrefHead begins with its ObjHead; non-null list entries are live weakrefs.
    unsafe { ObjPtr::from_raw(w.cast::<ObjHead>()) }
}

/// The weakref-list head cell of `obj`, when its type has one.
///
/// # Safety
/// `obj` must be alive (count may be 0 while it is deallocated).
unsafe fn list_cell<'a>(obj: ObjPtr) -> Option<&'a Cell<*mut WeakrefHead>> {
    // SAFETY: obj is alive.
    let off = unsafe { obj.type_head() }.slots.weaklistoffset.get();
    if off == 0 {
        return None;
    }
    // SAFETY: the type says instances hold the list head pointer at `off`.
    Some(unsafe { &*(obj.field_ptr(off) as *const Cell<*mut WeakrefHead>) })
}

/// The first weakref in `obj`'s list.
///
/// # Safety
/// `obj` must be alive.
pub(crate) unsafe fn first_weakref(obj: ObjPtr) -> Option<ObjPtr> {
    // SAFETY: forwarded.
    unsafe { list_cell(obj) }.and_then(|c| obj_of(c.get()))
}

/// The callback of a live weakref, without taking a count.
///
/// # Safety
/// `wr` must be a live weakref object.
pub(crate) unsafe fn callback_ptr(wr: ObjPtr) -> Option<ObjPtr> {
    // SAFETY: caller contract; the weakref owns the callback, so it is alive.
    unsafe { ObjPtr::from_raw(head(wr).callback.get()) }
}

/// `clear_weakref` without the callback part: unlink `wr` from its
/// referent's list and null the referent.
///
/// # Safety
/// `wr` must be a live weakref object.
unsafe fn unlink(wr: ObjPtr) {
    // SAFETY: caller contract.
    let h = unsafe { head(wr) };
    let me = wr.as_ptr() as *mut WeakrefHead;
    if let Some(obj) = obj_of(h.referent.get().cast()) {
        // SAFETY: module invariant: a set referent is alive and lists this weakref.
        if let Some(cell) = unsafe { list_cell(obj) } {
            if cell.get() == me {
                cell.set(h.next.get());
            }
        }
        h.referent.set(std::ptr::null_mut());
        // SAFETY: neighbours in a list are live weakrefs.
        unsafe {
            if let Some(prev) = h.prev.get().as_ref() {
                prev.next.set(h.next.get());
            }
            if let Some(next) = h.next.get().as_ref() {
                next.prev.set(h.prev.get());
            }
        }
        h.prev.set(std::ptr::null_mut());
        h.next.set(std::ptr::null_mut());
    }
}

/// `_PyWeakref_ClearRef`: clear, keep the callback (the collector decides
/// whether to call it).
///
/// # Safety
/// `wr` must be a live weakref object.
pub(crate) unsafe fn clear_ref_keep_callback(wr: ObjPtr) {
    // SAFETY: forwarded.
    unsafe { unlink(wr) }
}

/// Takes the owned callback out of a weakref.
///
/// # Safety
/// `wr` must be a live weakref object.
unsafe fn take_callback(wr: ObjPtr) -> Option<Ref> {
    // SAFETY: caller contract.
    let h = unsafe { head(wr) };
    let cb = h.callback.replace(std::ptr::null_mut());
    // SAFETY: the field owned one count of the callback, now ours.
    unsafe { ObjPtr::from_raw(cb) }.map(|p| unsafe { Ref::from_owned(p) })
}

/// `clear_weakref` (a weakref's `tp_clear` and its deallocation): unlink
/// and release the callback.
///
/// # Safety
/// `wr` must be a live weakref object.
pub(crate) unsafe fn clear_weakref_ptr(wr: ObjPtr) {
    // SAFETY: forwarded.
    unsafe { unlink(wr) };
    // SAFETY: forwarded; dropped after the weakref is consistent.
    drop(unsafe { take_callback(wr) });
}

/// `get_basic_refs`: the shared callback-less ref and proxy at the head.
fn get_basic_refs(first: *mut WeakrefHead) -> (*mut WeakrefHead, *mut WeakrefHead) {
    let mut r = std::ptr::null_mut();
    let mut p = std::ptr::null_mut();
    // SAFETY: list entries are live weakrefs.
    unsafe {
        let mut h = first;
        if let Some(w) = h.as_ref() {
            if w.callback.get().is_null() {
                if WeakrefKind::from_tag(w.spare.get()) == WeakrefKind::Ref {
                    r = h;
                    h = w.next.get();
                }
                if let Some(w2) = h.as_ref() {
                    if w2.callback.get().is_null()
                        && WeakrefKind::from_tag(w2.spare.get()) == WeakrefKind::Proxy
                    {
                        p = h;
                    }
                }
            }
        }
    }
    (r, p)
}

/// Links `me` at the head of the list in `cell`.
fn insert_head(me: *mut WeakrefHead, cell: &Cell<*mut WeakrefHead>) {
    let next = cell.get();
    // SAFETY: me is a live weakref; next, if any, is a live list entry.
    unsafe {
        (*me).prev.set(std::ptr::null_mut());
        (*me).next.set(next);
        if let Some(n) = next.as_ref() {
            n.prev.set(me);
        }
    }
    cell.set(me);
}

/// Links `me` right after `prev`.
fn insert_after(me: *mut WeakrefHead, prev: *mut WeakrefHead) {
    // SAFETY: both are live weakrefs; prev's successor, if any, too.
    unsafe {
        let next = (*prev).next.get();
        (*me).prev.set(prev);
        (*me).next.set(next);
        if let Some(n) = next.as_ref() {
            n.prev.set(me);
        }
        (*prev).next.set(me);
    }
}

fn is_weakref_obj(wr: &Ref) -> bool {
    let s = wr.type_slots();
    s.flags.get().contains(TypeFlags::IS_WEAKREF) && s.basicsize.get() >= WEAKREF_HEAD_SIZE
}

// ----- the safe API for the layer above -----

/// True when instances of `obj`'s type can be weakly referenced.
pub fn supports_weakrefs(obj: &Ref) -> bool {
    obj.type_slots().weaklistoffset.get() != 0
}

fn list_first(obj: &Ref) -> *mut WeakrefHead {
    // SAFETY: a Ref keeps obj alive.
    unsafe { list_cell(obj.ptr()) }.map_or(std::ptr::null_mut(), |c| c.get())
}

fn new_ref_to(w: *mut WeakrefHead) -> Option<Ref> {
    // SAFETY: list entries are live weakrefs.
    obj_of(w).map(|p| unsafe { Ref::new_ref(p) })
}

/// The shared callback-less `ref` of `obj`, if one exists (`ref(x) is ref(x)`).
pub fn basic_ref(obj: &Ref) -> Option<Ref> {
    new_ref_to(get_basic_refs(list_first(obj)).0)
}

/// The shared callback-less proxy of `obj`, if one exists.
pub fn basic_proxy(obj: &Ref) -> Option<Ref> {
    new_ref_to(get_basic_refs(list_first(obj)).1)
}

/// Makes the freshly allocated object `wr` (zeroed, of a weakref type) a
/// weak reference to `referent` with `callback`, and links it at the
/// position the rules give. Does not look for a shared ref: call
/// [`basic_ref`] / [`basic_proxy`] first (or use [`new_weakref`]).
pub fn init_weakref(
    wr: &Ref,
    referent: &Ref,
    callback: Option<Ref>,
    kind: WeakrefKind,
) -> Result<(), WeakrefError> {
    if !is_weakref_obj(wr) {
        return Err(WeakrefError::BadWeakrefType);
    }
    // SAFETY: a Ref keeps the objects alive; wr has the WeakrefHead layout (checked).
    unsafe {
        let Some(cell) = list_cell(referent.ptr()) else {
            return Err(WeakrefError::NotSupported);
        };
        let h = head(wr.ptr());
        if !h.referent.get().is_null() || !h.callback.get().is_null() || !h.prev.get().is_null() {
            return Err(WeakrefError::BadWeakrefType);
        }
        let me = wr.ptr().as_ptr() as *mut WeakrefHead;
        let has_callback = callback.is_some();
        h.referent.set(referent.ptr().as_ptr());
        h.callback
            .set(callback.map_or(std::ptr::null_mut(), |c| c.into_raw().as_ptr()));
        h.hash.set(-1);
        h.spare.set(kind.tag());
        h.next.set(std::ptr::null_mut());
        let basic = !has_callback && kind != WeakrefKind::Other;
        match (basic, kind) {
            (true, WeakrefKind::Ref) => insert_head(me, cell),
            (true, _) => {
                // A shared proxy goes right after the shared ref.
                let (r, _) = get_basic_refs(cell.get());
                if r.is_null() {
                    insert_head(me, cell)
                } else {
                    insert_after(me, r)
                }
            }
            (false, _) => {
                let (r, p) = get_basic_refs(cell.get());
                let prev = if p.is_null() { r } else { p };
                if prev.is_null() {
                    insert_head(me, cell)
                } else {
                    insert_after(me, prev)
                }
            }
        }
    }
    Ok(())
}

/// `weakref.ref(obj, callback)` / `weakref.proxy(obj, callback)` with a
/// type `ty` whose instances are plain [`WeakrefHead`]s (no typed payload):
/// returns the shared ref/proxy when `callback` is `None` and one exists,
/// else a new weakref object, tracked when its type is GC.
pub fn new_weakref(
    ty: &Ref,
    referent: &Ref,
    callback: Option<Ref>,
    kind: WeakrefKind,
) -> Result<Ref, WeakrefError> {
    if !supports_weakrefs(referent) {
        return Err(WeakrefError::NotSupported);
    }
    if callback.is_none() {
        let shared = match kind {
            WeakrefKind::Ref => basic_ref(referent),
            WeakrefKind::Proxy => basic_proxy(referent),
            WeakrefKind::Other => None,
        };
        if let Some(s) = shared {
            return Ok(s);
        }
    }
    let slots = ty.as_type_slots().ok_or(WeakrefError::BadWeakrefType)?;
    if !slots.flags.get().contains(TypeFlags::IS_WEAKREF)
        || slots.basicsize.get() < WEAKREF_HEAD_SIZE
        || slots.payload.get().is_some()
    {
        return Err(WeakrefError::BadWeakrefType);
    }
    let size = slots.basicsize.get();
    // SAFETY: ty is a live type object (as_type_slots checked it) of at
    // least WEAKREF_HEAD_SIZE bytes with no payload to initialise.
    let wr = unsafe { alloc_object(ty.ptr(), size)? };
    // NOTE: the allocation may have run a collection whose callbacks made a
    // shared ref meanwhile; init_weakref re-reads the list, as CPython does.
    init_weakref(&wr, referent, callback, kind)?;
    wr.gc_track();
    Ok(wr)
}

/// Calling a weakref: the referent while it is alive, else `None`.
pub fn referent(wr: &Ref) -> Option<Ref> {
    if !is_weakref_obj(wr) {
        return None;
    }
    // SAFETY: wr has the WeakrefHead layout (checked) and is alive.
    let p = unsafe { ObjPtr::from_raw(head(wr.ptr()).referent.get()) }?;
    // SAFETY: a set referent is alive (module invariant); count 0 means dying.
    unsafe {
        if p.refcnt() <= 0 {
            return None;
        }
        Some(Ref::new_ref(p))
    }
}

/// `__callback__`: the callback while the weakref has one.
pub fn callback(wr: &Ref) -> Option<Ref> {
    if !is_weakref_obj(wr) {
        return None;
    }
    // SAFETY: checked layout; the weakref owns the callback.
    unsafe { callback_ptr(wr.ptr()).map(|p| Ref::new_ref(p)) }
}

/// The kind tag given at creation.
pub fn kind(wr: &Ref) -> Option<WeakrefKind> {
    if !is_weakref_obj(wr) {
        return None;
    }
    // SAFETY: checked layout.
    Some(WeakrefKind::from_tag(unsafe { head(wr.ptr()) }.spare.get()))
}

/// The cached hash (-1 = not computed yet).
pub fn cached_hash(wr: &Ref) -> Option<isize> {
    if !is_weakref_obj(wr) {
        return None;
    }
    // SAFETY: checked layout.
    Some(unsafe { head(wr.ptr()) }.hash.get())
}

/// Stores the hash cache.
pub fn set_cached_hash(wr: &Ref, h: isize) {
    if is_weakref_obj(wr) {
        // SAFETY: checked layout.
        unsafe { head(wr.ptr()) }.hash.set(h);
    }
}

/// `weakref.getweakrefs(obj)`: the list, in order.
pub fn get_weakrefs(obj: &Ref) -> Vec<Ref> {
    let mut out = Vec::new();
    let mut w = list_first(obj);
    while let Some(p) = obj_of(w) {
        // SAFETY: list entries are live weakrefs.
        unsafe {
            out.push(Ref::new_ref(p));
            w = head(p).next.get();
        }
    }
    out
}

/// `weakref.getweakrefcount(obj)`.
pub fn get_weakref_count(obj: &Ref) -> usize {
    let mut n = 0;
    let mut w = list_first(obj);
    while let Some(p) = obj_of(w) {
        n += 1;
        // SAFETY: list entries are live weakrefs.
        w = unsafe { head(p) }.next.get();
    }
    n
}

/// Clears a weakref by hand (unlink, drop the callback without calling it).
pub fn clear_weakref(wr: &Ref) {
    if is_weakref_obj(wr) {
        // SAFETY: checked layout; wr is alive.
        unsafe { clear_weakref_ptr(wr.ptr()) }
    }
}

/// `PyObject_ClearWeakRefs`: the referent `p` is dying. Clears every
/// weakref to it first, then calls the callbacks in list order (newest
/// callback first) for the weakrefs still alive, each with a temporary
/// strong reference to the weakref. References are released afterwards,
/// last pair first, callback before weakref.
///
/// # Safety
/// `p` must be a dying object (count 0, not freed).
pub unsafe fn clear_weakrefs_on_dealloc(p: ObjPtr) {
    // SAFETY: p is alive until freed (caller contract).
    let Some(cell) = (unsafe { list_cell(p) }) else {
        return;
    };
    // The shared callback-less ref and proxy: nothing to call.
    // SAFETY: list entries are live weakrefs.
    unsafe {
        for _ in 0..2 {
            match obj_of(cell.get()) {
                Some(w) if callback_ptr(w).is_none() => clear_weakref_ptr(w),
                _ => break,
            }
        }
    }
    let mut pending: Vec<(Ref, Option<Ref>)> = Vec::new();
    let mut dropped: Vec<Ref> = Vec::new();
    while let Some(w) = obj_of(cell.get()) {
        // SAFETY: w is a live list entry.
        unsafe {
            let cb = take_callback(w);
            unlink(w);
            if w.refcnt() > 0 {
                pending.push((Ref::new_ref(w), cb));
            } else if let Some(cb) = cb {
                dropped.push(cb);
            }
        }
    }
    let hooks = gc::hooks();
    for (wr, cb) in &pending {
        if let Some(cb) = cb {
            crate::events::emit(crate::events::Event::WeakrefCallback { addr: wr.addr() });
            (hooks.call_weakref_callback)(cb, wr);
        }
    }
    while let Some((wr, cb)) = pending.pop() {
        drop(cb);
        drop(wr);
    }
    drop(dropped);
}

/// Clears the weakrefs made while a finalizer ran, without callbacks
/// (the object is half torn down).
///
/// # Safety
/// `p` must be a dying object (count 0, not freed).
pub(crate) unsafe fn clear_weakrefs_no_callbacks(p: ObjPtr) {
    // SAFETY: p is alive until freed.
    while let Some(w) = unsafe { first_weakref(p) } {
        // SAFETY: w is a live list entry.
        unsafe { clear_ref_keep_callback(w) };
    }
}
