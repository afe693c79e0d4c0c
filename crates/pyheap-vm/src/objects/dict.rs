//! `dict`: a 3.11-style compact table (index array + insertion-ordered
//! entries, CPython's probing), 48-byte object, untracked at creation and
//! tracked when a possibly-tracked key or value is inserted.
//!
//! Read [`lookup`] and [`set_item`] first. Re-entrancy: key comparison may
//! run Python code that mutates the dict; the table's `version` detects
//! that and the lookup restarts. No borrow of the table is held while
//! comparing or while dropping a replaced value.
//!
//! NOTE: the table lives in the Rust heap; `__sizeof__` follows CPython's
//! keys-object formula from the same table geometry (until
//! `crate::containers` provides heap-allocated tables).

use std::cell::{Cell, RefCell};

use pyheap_mem::{new_object, ObjPtr, Payload, TypeSlots};

use crate::rt::{Obj, PyResult};
use crate::types::t;

const EMPTY: i64 = -1;
const DUMMY: i64 = -2;

pub struct Entry {
    pub hash: isize,
    pub key: Option<Obj>,
    pub value: Option<Obj>,
}

#[derive(Default)]
pub struct Table {
    /// Index array; empty when the dict uses the shared empty keys.
    pub indices: Vec<i64>,
    pub entries: Vec<Entry>,
    pub used: usize,
    /// Usable entries of the current keys object (`dk_usable` + nentries).
    pub usable: usize,
    pub version: u64,
    /// All keys are exact str (CPython's "unicode" keys: 16-byte entries).
    pub unicode: bool,
}

pub struct DictObj {
    pub t: RefCell<Box<Table>>,
    pub version: Cell<u64>,
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

pub fn is_dict(o: &Obj) -> bool {
    dp(o).is_some()
}

pub fn traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(d) = dp(o) {
        if let Ok(tb) = d.t.try_borrow() {
            // NOTE: CPython's order: value then key; keys of an all-str
            // table are not visited (they cannot be GC objects).
            let unicode = tb.unicode;
            for e in tb.entries.iter() {
                if let Some(v) = &e.value {
                    visit(v.ptr());
                    if !unicode {
                        if let Some(k) = &e.key {
                            visit(k.ptr());
                        }
                    }
                }
            }
        }
    }
}

pub fn clear(o: &Obj) {
    dict_clear(o);
}

/// Untrack check (full collections): nothing inside may be tracked.
pub fn untrack_check(o: &Obj) -> bool {
    items(o)
        .iter()
        .all(|(k, v)| !crate::gcapi::may_be_tracked(k) && !crate::gcapi::may_be_tracked(v))
}

pub fn new_dict_of(ty: &Obj) -> Obj {
    let o = new_object(
        ty,
        DictObj {
            t: RefCell::new(Box::new(Table {
                unicode: true,
                ..Table::default()
            })),
            version: Cell::new(0),
        },
        0,
    )
    .unwrap_or_else(|_| crate::exc::memory_error_obj());
    if !ty.is(&t().dict) {
        crate::gcapi::track(&o);
    }
    o
}

/// A new empty dict (untracked, shared empty keys).
pub fn new_dict() -> Obj {
    new_dict_of(&t().dict)
}

fn log2_size_for(minsize: usize) -> usize {
    let mut s = 8;
    while s < minsize {
        s <<= 1;
    }
    s
}

/// A dict presized for `n` items (`_PyDict_NewPresized`).
pub fn new_dict_presized(n: usize) -> Obj {
    let o = new_dict();
    if n > 5 {
        if let Some(d) = dp(&o) {
            let size = log2_size_for((n * 3).div_ceil(2));
            let mut tb = d.t.borrow_mut();
            tb.indices = vec![EMPTY; size];
            tb.usable = size * 2 / 3;
        }
    }
    o
}

/// `__sizeof__` (CPython's formula on the current geometry).
pub fn sizeof(o: &Obj) -> usize {
    // The type's basic size: 48 for `dict`, more for subclasses (weakref word).
    let basic = o.type_slots().basicsize.get();
    let Some(d) = dp(o) else { return basic };
    let tb = d.t.borrow();
    let size = tb.indices.len();
    if size == 0 {
        return basic;
    }
    let ix = if size <= 128 {
        1
    } else if size <= 65536 {
        2
    } else {
        4
    };
    let es = if tb.unicode { 16 } else { 24 };
    basic + 32 + size * ix + tb.usable * es
}

fn eq_keys(a: &Obj, b: &Obj) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    if let (Some(x), Some(y)) = (
        crate::objects::str::as_str(a),
        crate::objects::str::as_str(b),
    ) {
        if a.has_type(&t().str_) && b.has_type(&t().str_) {
            return Ok(x == y);
        }
    }
    crate::ops::eq(a, b)
}

/// Finds the entry index for `key` with `hash`.
fn lookup(d: &DictObj, key: &Obj, hash: isize) -> PyResult<Option<usize>> {
    'restart: loop {
        let (mask, version) = {
            let tb = d.t.borrow();
            if tb.indices.is_empty() {
                return Ok(None);
            }
            (tb.indices.len() - 1, tb.version)
        };
        let mut perturb = hash as usize;
        let mut i = (hash as usize) & mask;
        loop {
            let cand = {
                let tb = d.t.borrow();
                let ix = tb.indices[i];
                if ix == EMPTY {
                    return Ok(None);
                }
                if ix >= 0 {
                    let e = &tb.entries[ix as usize];
                    match &e.key {
                        Some(k) if k.is(key) => return Ok(Some(ix as usize)),
                        Some(k) if e.hash == hash => Some((ix as usize, k.clone())),
                        _ => None,
                    }
                } else {
                    None
                }
            };
            if let Some((ix, k)) = cand {
                let same = eq_keys(&k, key)?;
                if d.t.borrow().version != version {
                    continue 'restart;
                }
                if same {
                    return Ok(Some(ix));
                }
            }
            perturb >>= 5;
            i = (i * 5 + perturb + 1) & mask;
        }
    }
}

fn insert_index(tb: &mut Table, hash: isize, ix: usize) {
    let mask = tb.indices.len() - 1;
    let mut perturb = hash as usize;
    let mut i = (hash as usize) & mask;
    while tb.indices[i] >= 0 {
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
    tb.indices[i] = ix as i64;
}

fn resize(tb: &mut Table, minsize: usize) {
    let size = log2_size_for(minsize);
    let old = std::mem::take(&mut tb.entries);
    tb.entries = old.into_iter().filter(|e| e.key.is_some()).collect();
    tb.indices = vec![EMPTY; size];
    tb.usable = size * 2 / 3;
    for ix in 0..tb.entries.len() {
        let h = tb.entries[ix].hash;
        insert_index(tb, h, ix);
    }
    tb.version += 1;
}

/// The hash of a key (TypeError for unhashable).
pub fn key_hash(key: &Obj) -> PyResult<isize> {
    crate::ops::hash(key)
}

/// `d[key]` lookup; None when absent.
pub fn get_item(o: &Obj, key: &Obj) -> PyResult<Option<Obj>> {
    let Some(d) = dp(o) else { return Ok(None) };
    let h = key_hash(key)?;
    get_item_hashed(d, key, h)
}

fn get_item_hashed(d: &DictObj, key: &Obj, h: isize) -> PyResult<Option<Obj>> {
    Ok(lookup(d, key, h)?.and_then(|ix| d.t.borrow().entries[ix].value.clone()))
}

/// Lookup by Rust string (no Python code runs: str keys only compare as str).
pub fn get_str(o: &Obj, name: &str) -> Option<Obj> {
    let d = dp(o)?;
    let h = crate::hashing::hash_str(name);
    let tb = d.t.borrow();
    if tb.indices.is_empty() {
        return None;
    }
    let mask = tb.indices.len() - 1;
    let mut perturb = h as usize;
    let mut i = (h as usize) & mask;
    loop {
        let ix = tb.indices[i];
        if ix == EMPTY {
            return None;
        }
        if ix >= 0 {
            let e = &tb.entries[ix as usize];
            if e.hash == h {
                if let Some(k) = &e.key {
                    if crate::objects::str::as_str(k) == Some(name) {
                        return e.value.clone();
                    }
                }
            }
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/// `d[key] = value`.
pub fn set_item(o: &Obj, key: Obj, value: Obj) -> PyResult<()> {
    let Some(d) = dp(o) else { return Ok(()) };
    let h = key_hash(&key)?;
    set_item_hashed(o, d, key, h, value)
}

fn set_item_hashed(o: &Obj, d: &DictObj, key: Obj, h: isize, value: Obj) -> PyResult<()> {
    if !crate::gcapi::is_tracked(o)
        && (crate::gcapi::may_be_tracked(&key) || crate::gcapi::may_be_tracked(&value))
    {
        crate::gcapi::track(o);
    }
    if let Some(ix) = lookup(d, &key, h)? {
        let old = {
            let mut tb = d.t.borrow_mut();
            match tb.entries.get_mut(ix) {
                Some(e) => e.value.replace(value),
                None => None,
            }
        };
        drop(old);
        return Ok(());
    }
    let is_str = key.has_type(&t().str_);
    let mut tb = d.t.borrow_mut();
    if tb.indices.is_empty() {
        tb.indices = vec![EMPTY; 8];
        tb.usable = 5;
        tb.unicode = true;
    }
    if tb.entries.len() >= tb.usable {
        let minsize = tb.used * 3;
        resize(&mut tb, minsize);
    }
    if !is_str && tb.unicode {
        tb.unicode = false;
    }
    let ix = tb.entries.len();
    tb.entries.push(Entry {
        hash: h,
        key: Some(key),
        value: Some(value),
    });
    insert_index(&mut tb, h, ix);
    tb.used += 1;
    tb.version += 1;
    Ok(())
}

/// `del d[key]`; returns the removed value (None when absent).
pub fn del_item(o: &Obj, key: &Obj) -> PyResult<Option<Obj>> {
    let Some(d) = dp(o) else { return Ok(None) };
    let h = key_hash(key)?;
    let Some(ix) = lookup(d, key, h)? else {
        return Ok(None);
    };
    let (k, v) = {
        let mut tb = d.t.borrow_mut();
        let mask = tb.indices.len() - 1;
        let mut perturb = h as usize;
        let mut i = (h as usize) & mask;
        while tb.indices[i] != ix as i64 {
            perturb >>= 5;
            i = (i * 5 + perturb + 1) & mask;
        }
        tb.indices[i] = DUMMY;
        tb.used -= 1;
        tb.version += 1;
        let e = &mut tb.entries[ix];
        (e.key.take(), e.value.take())
    };
    drop(k);
    Ok(v)
}

/// Removes everything and returns to the shared empty keys (`dict.clear()`).
pub fn dict_clear(o: &Obj) {
    if let Some(d) = dp(o) {
        let old = {
            let mut tb = d.t.borrow_mut();
            let old = std::mem::take(&mut tb.entries);
            tb.indices = Vec::new();
            tb.used = 0;
            tb.usable = 0;
            tb.unicode = true;
            tb.version += 1;
            old
        };
        drop(old);
    }
}

pub fn len(o: &Obj) -> usize {
    dp(o).map_or(0, |d| d.t.borrow().used)
}

/// Snapshot of (key, value) pairs in order.
pub fn items(o: &Obj) -> Vec<(Obj, Obj)> {
    let Some(d) = dp(o) else { return Vec::new() };
    let tb = d.t.borrow();
    tb.entries
        .iter()
        .filter_map(|e| Some((e.key.clone()?, e.value.clone()?)))
        .collect()
}

pub fn keys(o: &Obj) -> Vec<Obj> {
    items(o).into_iter().map(|(k, _)| k).collect()
}

/// Entry `pos` at or after position `pos` (for iterators): (next pos, key, value).
pub fn next_entry(o: &Obj, pos: usize) -> Option<(usize, Obj, Obj)> {
    let d = dp(o)?;
    let tb = d.t.borrow();
    let mut i = pos;
    while i < tb.entries.len() {
        let e = &tb.entries[i];
        if let (Some(k), Some(v)) = (&e.key, &e.value) {
            return Some((i + 1, k.clone(), v.clone()));
        }
        i += 1;
    }
    None
}

/// Table version (changes on every insert/delete).
pub fn version(o: &Obj) -> u64 {
    dp(o).map_or(0, |d| d.t.borrow().version)
}

/// Sets by Rust string key (interned).
pub fn set_str(o: &Obj, name: &str, v: Obj) -> PyResult<()> {
    set_item(o, crate::objects::str::intern(name), v)
}

/// Removes and returns the last item (`popitem`).
pub fn pop_last(o: &Obj) -> Option<(Obj, Obj)> {
    let last = {
        let d = dp(o)?;
        let tb = d.t.borrow();
        tb.entries.iter().rev().find_map(|e| e.key.clone())
    }?;
    let v = del_item(o, &last).ok()??;
    Some((last, v))
}

/// A shallow copy with the same geometry rules as `dict.copy()`.
pub fn copy(o: &Obj) -> PyResult<Obj> {
    let its = items(o);
    let n = new_dict();
    if !its.is_empty() {
        if let Some(d) = dp(&n) {
            let size = log2_size_for((its.len() * 3).div_ceil(2));
            let mut tb = d.t.borrow_mut();
            tb.indices = vec![EMPTY; size];
            tb.usable = size * 2 / 3;
        }
    }
    for (k, v) in its {
        set_item(&n, k, v)?;
    }
    Ok(n)
}

/// Lookup by an exact str key object: uses the key's cached hash and
/// compares identity first, then text (like [`get_str`], str keys only
/// compare as str, so no Python code runs).
pub fn get_str_key(o: &Obj, key: &Obj) -> Option<Obj> {
    let d = dp(o)?;
    let name = crate::objects::str::as_str(key)?;
    let h = crate::objects::str::str_hash(key);
    let tb = d.t.borrow();
    if tb.indices.is_empty() {
        return None;
    }
    let mask = tb.indices.len() - 1;
    let mut perturb = h as usize;
    let mut i = (h as usize) & mask;
    loop {
        let ix = tb.indices[i];
        if ix == EMPTY {
            return None;
        }
        if ix >= 0 {
            let e = &tb.entries[ix as usize];
            if let Some(k) = &e.key {
                if k.is(key) || (e.hash == h && crate::objects::str::as_str(k) == Some(name)) {
                    return e.value.clone();
                }
            }
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}
