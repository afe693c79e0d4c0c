//! The type attribute cache (CPython's "method cache"): remembers, per
//! (type, attribute name), *where* along the type's MRO the name is found
//! (or that it is absent), so attribute and method lookups skip the MRO walk.
//!
//! Read [`lookup`] first, then [`invalidate`]. Invariants:
//! - every type carries a unique, never reused `TypeData::tag` (assigned at
//!   creation), so a freed type's address being reused cannot hit old
//!   entries;
//! - an entry is valid only while the global epoch is unchanged; the epoch
//!   is bumped by [`invalidate`] on every change to any type's namespace
//!   (set, replace or delete of a key) and whenever a namespace or
//!   `__mro__` is (re)placed. Entries record the MRO position and the kind
//!   of the value found (see [`Kind`]), never the value itself;
//! - entries hold a strong reference to the name (like CPython 3.11's
//!   cache), never to the value: a cached lookup reads the value from the
//!   owning class's dict, so the cache cannot keep class attributes alive.
//!
//! NOTE: CPython invalidates per type and its subclasses; here one global
//! epoch is bumped instead (pyheap has no subclass lists). Mutating a class
//! namespace is rare after start-up, so a full refill costs little.

use std::cell::{Cell, OnceCell};
use std::sync::atomic::{AtomicU64, Ordering};

use pyheap_mem::Slot;

use crate::objects::{dict, str as pstr, tuple};
use crate::rt::Obj;
use crate::types::{t, tdata};

/// Number of entries (CPython: 4096).
const SIZE: usize = 4096;
const MASK: usize = SIZE - 1;
/// `at` value meaning "not found anywhere on the MRO".
const NOT_FOUND: u32 = u32::MAX;

struct Entry {
    tag: Cell<u64>,
    epoch: Cell<u64>,
    name: Slot,
    at: Cell<u32>,
    kind: Cell<Kind>,
    /// Entry index of the name in the owning class dict when last seen (a
    /// hint only: a hit re-checks the stored key's identity).
    ix: Cell<u32>,
}

/// What a cached lookup found (valid as long as the entry is).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Absent,
    /// A Python function (`FuncObj`).
    Function,
    Other,
}

fn kind_of(v: &Option<Obj>) -> Kind {
    match v {
        None => Kind::Absent,
        Some(v) if v.payload::<crate::objects::func::FuncObj>().is_some() => Kind::Function,
        Some(_) => Kind::Other,
    }
}

// NOTE: tags and the epoch are process-wide so that a tag is unique even
// if types were ever created on several threads; the entries themselves
// are per thread (like every other interpreter structure here).
static EPOCH: AtomicU64 = AtomicU64::new(1);
static NEXT_TAG: AtomicU64 = AtomicU64::new(1);

thread_local! {
    static CACHE: std::mem::ManuallyDrop<Box<[Entry]>> = std::mem::ManuallyDrop::new(
        (0..SIZE)
            .map(|_| Entry {
                tag: Cell::new(0),
                epoch: Cell::new(0),
                name: Slot::new(None),
                at: Cell::new(NOT_FOUND),
                kind: Cell::new(Kind::Absent),
                ix: Cell::new(0),
            })
            .collect(),
    );
}

/// A fresh type tag (never 0, never reused).
pub fn next_tag() -> u64 {
    NEXT_TAG.fetch_add(1, Ordering::Relaxed)
}

/// The current epoch (entries of other caches keyed on it, e.g.
/// [`crate::attrcache`], are valid only while it is unchanged).
#[inline]
pub fn epoch() -> u64 {
    EPOCH.load(Ordering::Relaxed)
}

/// Forgets every cached lookup (call after changing which keys a type's
/// namespace holds, or a type's namespace/MRO objects).
pub fn invalidate() {
    EPOCH.fetch_add(1, Ordering::Relaxed);
}

/// Empties every entry, releasing the names the cache holds (interpreter
/// shutdown: CPython's `_PyType_Fini` clears the method cache the same way).
pub fn clear_entries() {
    invalidate();
    CACHE.with(|c| {
        for e in c.iter() {
            e.tag.set(0);
            drop(e.name.take());
        }
    });
}

fn slot_index(tag: u64, name: &Obj) -> usize {
    ((tag as usize) ^ (name.addr() >> 3)) & MASK
}

/// The cached (MRO position, kind, dict entry hint) of `name` on `ty`, if any.
fn probe(tag: u64, name: &Obj) -> Option<(u32, Kind, u32)> {
    let i = slot_index(tag, name);
    let epoch = EPOCH.load(Ordering::Relaxed);
    CACHE.with(|c| {
        let e = &c[i];
        (e.tag.get() == tag && e.epoch.get() == epoch && e.name.is(name))
            .then(|| (e.at.get(), e.kind.get(), e.ix.get()))
    })
}

/// True when the name can go through the cache for this type: exact str
/// names only (a str subclass may compare unlike its text), types with an
/// MRO (not still being built).
fn cacheable(ty: &Obj, name: &Obj) -> bool {
    name.has_type(&t().str_) && tdata(ty).mro.peek().is_some()
}

/// Looks `name` (a str object) up along the MRO of `ty`, without binding
/// descriptors (CPython's `_PyType_Lookup`).
pub fn lookup(ty: &Obj, name: &Obj) -> Option<Obj> {
    if !cacheable(ty, name) {
        return crate::types::lookup_walk(ty, pstr::as_str(name).unwrap_or(""));
    }
    let d = tdata(ty);
    if let Some((at, _, hint)) = probe(d.tag.get(), name) {
        if at == NOT_FOUND {
            return None;
        }
        // Position 0 is the type itself: no MRO tuple access.
        let cls_dict = if at == 0 {
            d.dict.get()
        } else {
            d.mro
                .get()
                .and_then(|mro| tuple::tuple_get(&mro, at as usize))
                .and_then(|k| tdata(&k).dict.get())
        };
        let found = cls_dict.and_then(|dct| dict::get_str_key_at(&dct, name, hint as usize));
        if let Some((v, ix)) = found {
            if ix != hint as usize {
                set_hint(d.tag.get(), name, ix);
            }
            return Some(v);
        }
        // NOTE: a hit whose class no longer holds the name means a namespace
        // changed without `invalidate`; fall through to a fresh walk.
    }
    fill(ty, name)
}

/// What looking `name` up on `ty` finds, without fetching the value on a
/// cache hit (e.g. "is `__getattribute__` overridden by a Python function").
pub fn lookup_kind(ty: &Obj, name: &Obj) -> Kind {
    if !cacheable(ty, name) {
        return kind_of(&crate::types::lookup_walk(
            ty,
            pstr::as_str(name).unwrap_or(""),
        ));
    }
    if let Some((_, kind, _)) = probe(tdata(ty).tag.get(), name) {
        return kind;
    }
    kind_of(&fill(ty, name))
}

/// Records where `name` now sits in its class dict (same entry as before).
fn set_hint(tag: u64, name: &Obj, ix: usize) {
    let i = slot_index(tag, name);
    CACHE.with(|c| {
        let e = &c[i];
        if e.tag.get() == tag && e.name.is(name) {
            e.ix.set(u32::try_from(ix).unwrap_or(u32::MAX));
        }
    });
}

/// The full MRO walk; records the result in the cache.
fn fill(ty: &Obj, name: &Obj) -> Option<Obj> {
    let d = tdata(ty);
    let tag = d.tag.get();
    let Some(mro) = d.mro.get() else {
        return crate::types::lookup_walk(ty, pstr::as_str(name).unwrap_or(""));
    };
    let epoch = EPOCH.load(Ordering::Relaxed);
    let i = slot_index(tag, name);
    let n = tuple::tuple_len(&mro);
    let mut result = None;
    let mut at = NOT_FOUND;
    let mut hint = 0;
    for k in 0..n {
        let Some(cls) = tuple::tuple_get(&mro, k) else {
            continue;
        };
        if let Some(dct) = tdata(&cls).dict.get() {
            if let Some((v, ix)) = dict::get_str_key_at(&dct, name, usize::MAX) {
                result = Some(v);
                at = k as u32;
                hint = u32::try_from(ix).unwrap_or(u32::MAX);
                break;
            }
        }
    }
    // NOTE: the old name is dropped after the entry is rewritten; dropping
    // an exact str runs no Python code.
    let kind = kind_of(&result);
    let old = CACHE.with(|c| {
        let e = &c[i];
        e.tag.set(tag);
        e.epoch.set(epoch);
        e.at.set(at);
        e.kind.set(kind);
        e.ix.set(hint);
        e.name.replace(Some(name.clone()))
    });
    drop(old);
    result
}

const DUNDER_SLOTS: usize = 512;

thread_local! {
    static DUNDERS: std::mem::ManuallyDrop<Box<[Slot]>> = std::mem::ManuallyDrop::new(
        (0..DUNDER_SLOTS).map(|_| Slot::new(None)).collect(),
    );
}

/// The interned str object for a dunder name (`__x__`) given as Rust text,
/// so the runtime's own `types::lookup(ty, "__len__")`-style calls can use
/// the cache. `None` for other names (not interned here: runtime-computed
/// names must not grow the interning table).
pub fn dunder_name(name: &str) -> Option<Obj> {
    let b = name.as_bytes();
    if b.len() < 5 || b.len() > 40 || !name.starts_with("__") || !name.ends_with("__") {
        return None;
    }
    // FNV-1a over the text picks the slot; the slot's text is compared.
    let mut h: u32 = 0x811c_9dc5;
    for &c in b {
        h = (h ^ u32::from(c)).wrapping_mul(0x0100_0193);
    }
    let i = h as usize % DUNDER_SLOTS;
    let hit = DUNDERS.with(|d| {
        let v = d[i].get();
        v.filter(|o| pstr::as_str(o) == Some(name))
    });
    if hit.is_some() {
        return hit;
    }
    let o = pstr::intern(name);
    let old = DUNDERS.with(|d| d[i].replace(Some(o.clone())));
    drop(old);
    Some(o)
}

/// Interned names the runtime looks up on every attribute access.
pub struct Names {
    pub getattribute: Obj,
    pub getattr: Obj,
    pub setattr: Obj,
    pub delattr: Obj,
    pub get: Obj,
    pub set: Obj,
    pub delete: Obj,
    pub builtins: Obj,
    pub new: Obj,
    pub init: Obj,
    pub abstractmethods: Obj,
}

thread_local! {
    static NAMES: OnceCell<&'static Names> = const { OnceCell::new() };
}

/// The interned hot names (created on first use).
pub fn names() -> &'static Names {
    if let Some(n) = NAMES.with(|c| c.get().copied()) {
        return n;
    }
    let i = pstr::intern;
    let n: &'static Names = Box::leak(Box::new(Names {
        getattribute: i("__getattribute__"),
        getattr: i("__getattr__"),
        setattr: i("__setattr__"),
        delattr: i("__delattr__"),
        get: i("__get__"),
        set: i("__set__"),
        delete: i("__delete__"),
        builtins: i("__builtins__"),
        new: i("__new__"),
        init: i("__init__"),
        abstractmethods: i("__abstractmethods__"),
    }));
    NAMES.with(|c| {
        let _ = c.set(n);
    });
    n
}
