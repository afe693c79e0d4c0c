//! `set` / `frozenset`: CPython's open-addressing table (linear probes of 9
//! then perturbation), so iteration order matches CPython; 200-byte object
//! with an inline 8-slot table, larger tables separate (16 bytes/slot).
//!
//! Read [`add`] first. Re-entrancy as in `dict.rs`: comparisons happen with
//! no borrow held and a version check restarts the probe.
//! NOTE: the table lives in the Rust heap; `__sizeof__` uses CPython's formula.

use std::cell::RefCell;

use pyheap_mem::{new_object, ObjPtr, Payload, TypeSlots, WeakListWord};

use crate::rt::{Obj, PyResult};
use crate::types::t;

const LINEAR_PROBES: usize = 9;
const MINSIZE: usize = 8;

#[derive(Default, Clone)]
pub struct SEntry {
    pub hash: isize,
    pub key: Option<Obj>,
    pub dummy: bool,
}

pub struct SetTable {
    pub table: Vec<SEntry>,
    pub fill: usize,
    pub used: usize,
    pub version: u64,
    pub hash: isize,
}

/// NOTE: `repr(C)` with a reserved gap so that `weaklist` sits at CPython's
/// `__weakrefoffset__` (192) inside the 200-byte object; the gap stands in for
/// CPython's inline small table (our table lives in the Rust heap).
#[repr(C)]
pub struct SetObj {
    pub t: RefCell<Box<SetTable>>,
    _reserved: [usize; 20],
    pub weaklist: WeakListWord,
}

/// `set.__weakrefoffset__` (the `weaklist` field, from the object address).
pub const SET_WEAKLIST_OFFSET: usize = 16 + std::mem::offset_of!(SetObj, weaklist);
const _: () = assert!(SET_WEAKLIST_OFFSET == 192 && 16 + std::mem::size_of::<SetObj>() == 200);

impl Payload for SetObj {
    type Item = pyheap_mem::typed::NoItems;
}

pub fn set_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<SetObj>(s, 16)
}

fn sp(o: &Obj) -> Option<&SetObj> {
    o.payload::<SetObj>()
}

pub fn is_anyset(o: &Obj) -> bool {
    sp(o).is_some()
}

pub fn traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(s) = sp(o) {
        if let Ok(tb) = s.t.try_borrow() {
            for e in &tb.table {
                if let Some(k) = &e.key {
                    visit(k.ptr());
                }
            }
        }
    }
}

pub fn clear(o: &Obj) {
    set_clear(o);
}

pub fn set_clear(o: &Obj) {
    if let Some(s) = sp(o) {
        let old = {
            let mut tb = s.t.borrow_mut();
            tb.fill = 0;
            tb.used = 0;
            tb.version += 1;
            std::mem::replace(&mut tb.table, vec![SEntry::default(); MINSIZE])
        };
        drop(old);
    }
}

pub fn new_set_of(ty: &Obj) -> Obj {
    let o = new_object(
        ty,
        SetObj {
            t: RefCell::new(Box::new(SetTable {
                table: vec![SEntry::default(); MINSIZE],
                fill: 0,
                used: 0,
                version: 0,
                hash: -1,
            })),
            _reserved: [0; 20],
            weaklist: WeakListWord::default(),
        },
        0,
    )
    .unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&o);
    o
}

pub fn new_set() -> Obj {
    new_set_of(&t().set)
}

pub fn sizeof(o: &Obj) -> usize {
    let n = sp(o).map_or(MINSIZE, |s| s.t.borrow().table.len());
    if n > MINSIZE {
        200 + 16 * n
    } else {
        200
    }
}

fn eq_keys(a: &Obj, b: &Obj) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    if a.has_type(&t().str_) && b.has_type(&t().str_) {
        return Ok(crate::objects::str::as_str(a) == crate::objects::str::as_str(b));
    }
    crate::ops::eq(a, b)
}

/// Index of the entry holding `key`, or None.
fn find(s: &SetObj, key: &Obj, hash: isize) -> PyResult<Option<usize>> {
    'restart: loop {
        let (mask, version) = {
            let tb = s.t.borrow();
            (tb.table.len() - 1, tb.version)
        };
        let mut perturb = hash as usize;
        let mut i = (hash as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in 0..=probes {
                let idx = i + j;
                let cand = {
                    let tb = s.t.borrow();
                    let e = &tb.table[idx];
                    match &e.key {
                        None if !e.dummy => return Ok(None),
                        Some(k) if k.is(key) => return Ok(Some(idx)),
                        Some(k) if e.hash == hash => Some(k.clone()),
                        _ => None,
                    }
                };
                if let Some(k) = cand {
                    let same = eq_keys(&k, key)?;
                    if s.t.borrow().version != version {
                        continue 'restart;
                    }
                    if same {
                        return Ok(Some(idx));
                    }
                }
            }
            perturb >>= 5;
            i = (i * 5 + 1 + perturb) & mask;
        }
    }
}

fn insert_clean(table: &mut [SEntry], key: Obj, hash: isize) {
    let mask = table.len() - 1;
    let mut perturb = hash as usize;
    let mut i = (hash as usize) & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for j in 0..=probes {
            let e = &mut table[i + j];
            if e.key.is_none() {
                e.key = Some(key);
                e.hash = hash;
                return;
            }
        }
        perturb >>= 5;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

fn table_resize(tb: &mut SetTable, minused: usize) {
    let mut newsize = MINSIZE;
    while newsize <= minused {
        newsize <<= 1;
    }
    let old = std::mem::replace(&mut tb.table, vec![SEntry::default(); newsize]);
    for e in old {
        if let Some(k) = e.key {
            insert_clean(&mut tb.table, k, e.hash);
        }
    }
    tb.fill = tb.used;
    tb.version += 1;
}

/// `set.add(key)`; returns true when newly added.
pub fn add(o: &Obj, key: Obj) -> PyResult<bool> {
    let h = crate::ops::hash(&key)?;
    add_hashed(o, key, h)
}

pub fn add_hashed(o: &Obj, key: Obj, h: isize) -> PyResult<bool> {
    let Some(s) = sp(o) else { return Ok(false) };
    if find(s, &key, h)?.is_some() {
        return Ok(false);
    }
    let mut tb = s.t.borrow_mut();
    let mask = tb.table.len() - 1;
    // first free slot along the probe sequence (dummy or empty)
    let mut perturb = h as usize;
    let mut i = (h as usize) & mask;
    let slot = 'outer: loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for j in 0..=probes {
            if tb.table[i + j].key.is_none() {
                break 'outer i + j;
            }
        }
        perturb >>= 5;
        i = (i * 5 + 1 + perturb) & mask;
    };
    let was_dummy = tb.table[slot].dummy;
    tb.table[slot] = SEntry {
        hash: h,
        key: Some(key),
        dummy: false,
    };
    tb.used += 1;
    tb.version += 1;
    if !was_dummy {
        tb.fill += 1;
        if tb.fill * 5 >= mask * 3 {
            let used = tb.used;
            table_resize(&mut tb, if used > 50000 { used * 2 } else { used * 4 });
        }
    }
    Ok(true)
}

pub fn contains(o: &Obj, key: &Obj) -> PyResult<bool> {
    let Some(s) = sp(o) else { return Ok(false) };
    let h = crate::ops::hash(key)?;
    Ok(find(s, key, h)?.is_some())
}

/// Removes `key`; true when it was present.
pub fn discard(o: &Obj, key: &Obj) -> PyResult<bool> {
    let Some(s) = sp(o) else { return Ok(false) };
    let h = crate::ops::hash(key)?;
    let Some(idx) = find(s, key, h)? else {
        return Ok(false);
    };
    let old = {
        let mut tb = s.t.borrow_mut();
        tb.used -= 1;
        tb.version += 1;
        let e = &mut tb.table[idx];
        e.dummy = true;
        e.hash = -1;
        e.key.take()
    };
    drop(old);
    Ok(true)
}

pub fn len(o: &Obj) -> usize {
    sp(o).map_or(0, |s| s.t.borrow().used)
}

/// Items in table order (CPython's iteration order).
pub fn items(o: &Obj) -> Vec<Obj> {
    let Some(s) = sp(o) else { return Vec::new() };
    let tb = s.t.borrow();
    tb.table.iter().filter_map(|e| e.key.clone()).collect()
}

/// Entry at or after table position `pos`: (next pos, key).
pub fn next_entry(o: &Obj, pos: usize) -> Option<(usize, Obj)> {
    let s = sp(o)?;
    let tb = s.t.borrow();
    (pos..tb.table.len()).find_map(|i| tb.table[i].key.clone().map(|k| (i + 1, k)))
}

pub fn pop(o: &Obj) -> Option<Obj> {
    let first = items(o).into_iter().next()?;
    discard(o, &first).ok()?;
    Some(first)
}

/// Cached frozenset hash slot.
pub fn cached_hash(o: &Obj) -> Option<&RefCell<Box<SetTable>>> {
    sp(o).map(|s| &s.t)
}

/// CPython's frozenset hash.
pub fn frozenset_hash(o: &Obj) -> PyResult<isize> {
    let Some(s) = sp(o) else { return Ok(0) };
    let cached = s.t.borrow().hash;
    if cached != -1 {
        return Ok(cached);
    }
    let mut hash: u64 = 0;
    let entries: Vec<isize> =
        s.t.borrow()
            .table
            .iter()
            .filter(|e| e.key.is_some())
            .map(|e| e.hash)
            .collect();
    for h in &entries {
        let h = *h as u64;
        hash ^= ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
    }
    hash ^= (len(o) as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    let mut h = hash as i64 as isize;
    if h == -1 {
        h = 590923713;
    }
    s.t.borrow_mut().hash = h;
    Ok(h)
}
