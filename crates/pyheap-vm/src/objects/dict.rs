//! `dict`: the payload embeds a [`DictTable`] (CPython 3.11's compact dict:
//! the object is 48 bytes, the keys object a separate block from
//! pyheap-mem's allocator), untracked at creation and tracked when a
//! possibly-tracked key or value is inserted.
//!
//! Read [`set_item`] and [`get_item`] first. Re-entrancy: key comparison
//! may run Python code that mutates the dict; the table restarts its search
//! when that happens (see `crate::containers`). Replaced or removed
//! references are dropped only after the table is consistent again.
//!
//! Split mode (materialised instance `__dict__`s, read [`make_split`]): the
//! table's split tag names the class's [`SharedKeys`]. Entries still live
//! in the dict's own table, in the dict's insertion order (CPython's
//! per-instance order prefix), but everything observable follows the 3.11
//! split table: `getsizeof` is `64 + 8·(nentries + usable)` of the shared
//! keys, a new exact-str key is appended to the shared keys, and the dict
//! becomes combined exactly where CPython's does (non-str key, shared keys
//! full, `popitem`, `clear`, some merges), with CPython's table size.
//! Invariant: while tagged, every key is an exact str stored in the shared
//! keys.

use std::rc::Rc;

use pyheap_mem::{new_object, ObjPtr, Payload, TypeSlots};

use crate::containers::dict_table::{
    estimate_log2_keysize, usable_fraction, DictTable, DICT_LOG_MINSIZE,
};
use crate::containers::shared_keys::{self, SharedKeys, NEXT_LOG2_SHARED_KEYS_MAX_SIZE};
use crate::objects::keyops::{is_exact_str, VmOps};
use crate::objects::str as pstr;
use crate::rt::{Obj, PyResult};
use crate::types::t;

/// The dict payload: exactly CPython's four words after the header
/// (`ma_used`, `ma_version_tag`, `ma_keys`, `ma_values`).
pub struct DictObj {
    pub table: DictTable,
}

const _: () = assert!(std::mem::size_of::<DictObj>() == 32);

impl Drop for DictObj {
    fn drop(&mut self) {
        shared_keys::release(self.table.split_tag());
    }
}

/// Puts an ordinary dict whose keys are all names stored in `keys` into
/// split mode (no-op if already split, or if the registry is full).
pub fn make_split(o: &Obj, keys: &Rc<SharedKeys>) {
    if let Some(tb) = table(o) {
        if tb.split_tag() == 0 {
            if let Some(tag) = shared_keys::acquire(keys) {
                tb.set_split_tag(tag);
            }
        }
    }
}

/// True while the dict is a split (instance) dict.
pub fn is_split(o: &Obj) -> bool {
    table(o).is_some_and(|tb| tb.split_tag() != 0)
}

/// Leaves split mode (the entries stay where they are).
fn unsplit(tb: &DictTable) {
    let tag = tb.split_tag();
    if tag != 0 {
        tb.set_split_tag(0);
        shared_keys::release(tag);
    }
}

/// `insertdict` on a split dict, before the entry goes in: a new exact-str
/// key joins the shared keys; a non-str key or a full shared keys object
/// makes the dict combined (`insertion_resize`).
fn split_before_insert(tb: &DictTable, key: &Obj) -> PyResult<()> {
    let Some((keys, _)) = shared_keys::lookup(tb.split_tag()) else {
        unsplit(tb);
        return Ok(());
    };
    let unicode = is_exact_str(key);
    if unicode && keys.insert_name(&mut VmOps, key)?.is_some() {
        return Ok(());
    }
    unsplit(tb);
    tb.insertion_resize(&VmOps, unicode)?;
    Ok(())
}

impl Payload for DictObj {
    type Item = pyheap_mem::typed::NoItems;
}

pub fn set_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<DictObj>(s, 16)
}

fn dp(o: &Obj) -> Option<&DictObj> {
    o.payload::<DictObj>()
}

/// The table of a dict object (None for non-dicts).
pub fn table(o: &Obj) -> Option<&DictTable> {
    dp(o).map(|d| &d.table)
}

pub fn is_dict(o: &Obj) -> bool {
    dp(o).is_some()
}

/// `dict_traverse`: each live value, then its key unless the table is a
/// unicode one (exact str keys cannot take part in a cycle).
pub fn traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(d) = dp(o) {
        d.table.traverse(visit);
    }
}

pub fn clear(o: &Obj) {
    dict_clear(o);
}

/// Untrack check (full collections): nothing inside may be tracked.
pub fn untrack_check(o: &Obj) -> bool {
    let Some(tb) = table(o) else { return true };
    let mut pos = 0;
    while let Some(ix) = tb.next_entry(pos) {
        pos = ix + 1;
        if let Some((k, v)) = tb.entry(ix) {
            if crate::gcapi::may_be_tracked(&k) || crate::gcapi::may_be_tracked(&v) {
                return false;
            }
        }
    }
    true
}

fn alloc_dict(ty: &Obj, table: DictTable) -> Obj {
    let o = new_object(ty, DictObj { table }, 0).unwrap_or_else(|_| crate::exc::memory_error_obj());
    track_unless_exact(ty, o)
}

/// An empty dict of type `ty` that never comes from the free list:
/// `dict.__new__` (`dict()` calls), which CPython allocates with
/// `PyType_GenericAlloc` and untracks again when `ty` is exactly dict.
pub fn new_dict_no_freelist(ty: &Obj) -> Obj {
    let o = pyheap_mem::new_object_no_freelist(
        ty,
        DictObj {
            table: DictTable::new(),
        },
        0,
    )
    .unwrap_or_else(|_| crate::exc::memory_error_obj());
    track_unless_exact(ty, o)
}

fn track_unless_exact(ty: &Obj, o: Obj) -> Obj {
    if !ty.is(&t().dict) {
        crate::gcapi::track(&o);
    }
    o
}

pub fn new_dict_of(ty: &Obj) -> Obj {
    alloc_dict(ty, DictTable::new())
}

/// A new empty dict (untracked, shared empty keys).
pub fn new_dict() -> Obj {
    new_dict_of(&t().dict)
}

/// A dict presized for `n` items whose keys are not known yet
/// (`_PyDict_NewPresized`, assuming str keys).
pub fn new_dict_presized(n: usize) -> Obj {
    new_dict_presized_for(n, true)
}

/// `dict_new_presized(n, unicode)` as `BUILD_MAP`/`BUILD_CONST_KEY_MAP`
/// use it (`unicode`: every key is an exact str).
pub fn new_dict_presized_for(n: usize, unicode: bool) -> Obj {
    let tb = DictTable::presized(n, unicode).unwrap_or_default();
    alloc_dict(&t().dict, tb)
}

/// True when every key is an exact str (the `unicode` flag of
/// [`new_dict_presized_for`]).
pub fn all_exact_str<'a>(keys: impl IntoIterator<Item = &'a Obj>) -> bool {
    keys.into_iter().all(is_exact_str)
}

/// `__sizeof__`: the type's basic size (48 for `dict`, more for subclasses)
/// plus the keys object when the dict owns one.
pub fn sizeof(o: &Obj) -> usize {
    let basic = o.type_slots().basicsize.get();
    let Some(tb) = table(o) else { return basic };
    if let Some((keys, sole)) = shared_keys::lookup(tb.split_tag()) {
        // `_PyDict_SizeOf` of a split dict: its values array as the shared
        // keys would size it now, plus the keys once this dict owns them alone.
        let own = if sole { keys.keys_bytes() } else { 0 };
        return basic + 8 * (keys.nentries() + keys.usable()) + own;
    }
    basic + tb.keys_bytes()
}

/// The hash of a key (TypeError for unhashable).
pub fn key_hash(key: &Obj) -> PyResult<isize> {
    crate::ops::hash(key)
}

/// `d[key]` lookup; None when absent.
pub fn get_item(o: &Obj, key: &Obj) -> PyResult<Option<Obj>> {
    let Some(tb) = table(o) else { return Ok(None) };
    let h = key_hash(key)?;
    tb.get(&mut VmOps, key, h)
}

/// Lookup with a precomputed hash.
pub fn get_item_hashed(o: &Obj, key: &Obj, h: isize) -> PyResult<Option<Obj>> {
    let Some(tb) = table(o) else { return Ok(None) };
    tb.get(&mut VmOps, key, h)
}

/// True when the stored key `k` equals the Rust string `name` (exact str).
fn str_key_is(k: &Obj, name: &str) -> bool {
    is_exact_str(k) && pstr::as_str(k) == Some(name)
}

/// Lookup by Rust string (never runs Python code: only exact-str keys can
/// match).
pub fn get_str(o: &Obj, name: &str) -> Option<Obj> {
    let tb = table(o)?;
    let h = crate::hashing::hash_str(name);
    let ix = tb.find_by(&VmOps, h, |k| str_key_is(k, name))?;
    tb.entry_value(ix)
}

/// Lookup of an exact-str `key` (its hash is computed and cached if needed):
/// identity first, then exact-str keys with equal content. Never runs
/// Python code (a str subclass key with a custom `__eq__` is not consulted,
/// which only matters for dicts that hold such keys).
pub fn get_str_key(o: &Obj, key: &Obj) -> Option<Obj> {
    let tb = table(o)?;
    let h = pstr::str_hash(key);
    let name = pstr::as_str(key)?;
    let ix = tb.find_by(&VmOps, h, |k| k.is(key) || str_key_is(k, name))?;
    tb.entry_value(ix)
}

/// [`get_str_key`] that first tries entry `hint` (a hit needs the stored
/// key to be `key` itself); also answers the entry index the value is in,
/// for the caller's next hint.
pub fn get_str_key_at(o: &Obj, key: &Obj, hint: usize) -> Option<(Obj, usize)> {
    let tb = table(o)?;
    if tb.entry_key_peek(hint).is_some_and(|p| p == key.ptr()) {
        if let Some(v) = tb.entry_value(hint) {
            return Some((v, hint));
        }
    }
    let h = pstr::str_hash(key);
    let name = pstr::as_str(key)?;
    let ix = tb.find_by(&VmOps, h, |k| k.is(key) || str_key_is(k, name))?;
    Some((tb.entry_value(ix)?, ix))
}

/// A stamp that stays the same exactly while no key is added to the dict
/// `o` (unique to it), or None (see `DictTable::absent_stamp`).
pub fn absent_stamp(o: &Obj) -> Option<u64> {
    let tb = table(o)?;
    tb.absent_stamp(tb.split_tag() != 0)
}

/// `MAINTAIN_TRACKING`: track the dict when a possibly-tracked key or value
/// goes in.
fn maintain_tracking(o: &Obj, key: &Obj, value: &Obj) {
    if !crate::gcapi::is_tracked(o)
        && (crate::gcapi::may_be_tracked(key) || crate::gcapi::may_be_tracked(value))
    {
        crate::gcapi::track(o);
    }
}

/// `d[key] = value`.
pub fn set_item(o: &Obj, key: Obj, value: Obj) -> PyResult<()> {
    if dp(o).is_none() {
        return Ok(());
    }
    let h = key_hash(&key)?;
    set_item_hashed(o, key, h, value)
}

/// `d[key] = value` with `h == hash(key)` (`insertdict`).
pub fn set_item_hashed(o: &Obj, key: Obj, h: isize, value: Obj) -> PyResult<()> {
    let Some(tb) = table(o) else { return Ok(()) };
    if tb.split_tag() != 0 {
        split_before_insert(tb, &key)?;
    }
    maintain_tracking(o, &key, &value);
    let old = tb.insert(&mut VmOps, key, h, value)?;
    drop(old);
    Ok(())
}

/// `del d[key]`; returns the removed value (None when absent).
pub fn del_item(o: &Obj, key: &Obj) -> PyResult<Option<Obj>> {
    let Some(tb) = table(o) else { return Ok(None) };
    let h = key_hash(key)?;
    let out = tb.pop(&mut VmOps, key, h)?;
    Ok(out.map(|(k, v)| {
        drop(k);
        v
    }))
}

/// Removes everything and returns to the shared empty keys (`dict.clear()`).
pub fn dict_clear(o: &Obj) {
    if let Some(tb) = table(o) {
        unsplit(tb);
        tb.clear();
    }
}

pub fn len(o: &Obj) -> usize {
    table(o).map_or(0, |tb| tb.len())
}

/// Snapshot of (key, value) pairs in order.
pub fn items(o: &Obj) -> Vec<(Obj, Obj)> {
    let Some(tb) = table(o) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(tb.len());
    let mut pos = 0;
    while let Some(ix) = tb.next_entry(pos) {
        pos = ix + 1;
        if let Some(kv) = tb.entry(ix) {
            out.push(kv);
        }
    }
    out
}

pub fn keys(o: &Obj) -> Vec<Obj> {
    let Some(tb) = table(o) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(tb.len());
    let mut pos = 0;
    while let Some(ix) = tb.next_entry(pos) {
        pos = ix + 1;
        out.extend(tb.entry_key(ix));
    }
    out
}

/// The live entry at or after position `pos` (for iterators):
/// (next pos, key, value).
pub fn next_entry(o: &Obj, pos: usize) -> Option<(usize, Obj, Obj)> {
    let tb = table(o)?;
    let ix = tb.next_entry(pos)?;
    let (k, v) = tb.entry(ix)?;
    Some((ix + 1, k, v))
}

/// The live entry at or before position `pos` (reverse iterators):
/// (its position, key, value).
pub fn prev_entry(o: &Obj, pos: usize) -> Option<(usize, Obj, Obj)> {
    let tb = table(o)?;
    let ix = tb.prev_entry(pos)?;
    let (k, v) = tb.entry(ix)?;
    Some((ix, k, v))
}

/// Sets by Rust string key (interned).
pub fn set_str(o: &Obj, name: &str, v: Obj) -> PyResult<()> {
    set_item(o, pstr::intern(name), v)
}

/// Removes and returns the last item (`popitem`).
pub fn pop_last(o: &Obj) -> Option<(Obj, Obj)> {
    let tb = table(o)?;
    if tb.split_tag() != 0 && !tb.is_empty() {
        // `dict.popitem` first turns a split dict into a combined one of the
        // shared keys' size.
        unsplit(tb);
        tb.dictresize(&VmOps, NEXT_LOG2_SHARED_KEYS_MAX_SIZE, true)
            .ok()?;
    }
    tb.popitem(&VmOps)
}

/// `PyDict_Copy`: a dict with few deleted entries clones the keys object
/// (and is tracked iff the original is); otherwise a compacted merge.
pub fn copy(o: &Obj) -> PyResult<Obj> {
    let Some(tb) = table(o) else {
        return Ok(new_dict());
    };
    if let Some((keys, _)) = shared_keys::lookup(tb.split_tag()) {
        if tb.is_empty() {
            return Ok(new_dict());
        }
        // A split dict's copy is split too, tracked iff the original is.
        let n = alloc_dict(&t().dict, tb.copy(&mut VmOps)?);
        make_split(&n, &keys);
        if crate::gcapi::is_tracked(o) {
            crate::gcapi::track(&n);
        }
        return Ok(n);
    }
    let cloned = !tb.is_empty() && tb.len() >= tb.nentries() * 2 / 3;
    let nt = tb.copy(&mut VmOps)?;
    let n = alloc_dict(&t().dict, nt);
    let track = if cloned {
        crate::gcapi::is_tracked(o)
    } else {
        !untrack_check(&n)
    };
    if track {
        crate::gcapi::track(&n);
    }
    Ok(n)
}

/// `dict_merge(d, other, override_)` for a dict `other` whose iteration is
/// dict's own. RuntimeError when `other` changes size meanwhile.
pub fn merge(d: &Obj, other: &Obj, override_: bool) -> PyResult<()> {
    let (Some(a), Some(b)) = (table(d), table(other)) else {
        return Ok(());
    };
    if a.split_tag() != 0 || b.split_tag() != 0 {
        let clean = b.split_tag() == 0
            && b.len() == b.nentries()
            && (b.log2_size() == DICT_LOG_MINSIZE || usable_fraction(b.table_size() / 2) < b.len());
        if a.is_empty() && clean {
            // The clone below replaces a split target's keys.
            unsplit(a);
        } else {
            return merge_by_item(d, other, override_);
        }
    }
    // The table clones `other`'s keys when `d` is empty and `other` compact
    // and "just allocated"; CPython then tracks `d` iff `other` is tracked,
    // otherwise each inserted item is checked.
    let clone = a.is_empty()
        && b.len() == b.nentries()
        && (b.log2_size() == DICT_LOG_MINSIZE || usable_fraction(b.table_size() / 2) < b.len());
    let track = if clone {
        crate::gcapi::is_tracked(other)
    } else {
        !untrack_check(other)
    };
    if track {
        crate::gcapi::track(d);
    }
    if !a.merge_from(&mut VmOps, b, override_)? {
        return Err(crate::exc::runtime_err("dict mutated during update"));
    }
    Ok(())
}

/// `dict_merge` when either side is split: CPython never clones a split
/// table; one big resize when `other` exceeds the target's capacity (a
/// split target counts its 64-slot shared keys), then each item goes
/// through [`set_item_hashed`].
fn merge_by_item(d: &Obj, other: &Obj, override_: bool) -> PyResult<()> {
    let (Some(a), Some(b)) = (table(d), table(other)) else {
        return Ok(());
    };
    if std::ptr::eq(a, b) || b.is_empty() {
        return Ok(());
    }
    let cap = if a.split_tag() != 0 {
        usable_fraction(1 << NEXT_LOG2_SHARED_KEYS_MAX_SIZE)
    } else {
        usable_fraction(a.table_size())
    };
    if cap < b.len() {
        unsplit(a);
        let unicode = b.split_tag() != 0 || b.is_unicode();
        a.dictresize(&VmOps, estimate_log2_keysize(a.len() + b.len()), unicode)?;
    }
    let orig = b.nentries();
    let mut pos = 0;
    while let Some((next, k, v)) = next_entry(other, pos) {
        pos = next;
        let h = key_hash(&k)?;
        if override_ || get_item_hashed(d, &k, h)?.is_none() {
            set_item_hashed(d, k, h, v)?;
        }
        if table(other).map_or(0, |t| t.nentries()) != orig {
            return Err(crate::exc::runtime_err("dict mutated during update"));
        }
    }
    Ok(())
}

/// `dict.fromkeys` presizing when the iterable is an exact dict or set of
/// `n` keys: `dictresize(estimate_log2_keysize(n))` on the empty new dict.
pub fn presize_for_fromkeys(d: &Obj, n: usize, unicode: bool) -> PyResult<()> {
    if let Some(tb) = table(d) {
        if tb.is_empty() {
            tb.dictresize(&VmOps, estimate_log2_keysize(n), unicode)?;
        }
    }
    Ok(())
}
