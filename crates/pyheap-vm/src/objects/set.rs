//! `set` / `frozenset`: the payload is a [`SetTable`] (CPython 3.11's
//! `setobject.c` table: 200-byte object with 8 inline slots, bigger tables a
//! separate block from pyheap-mem's allocator), so iteration order, `pop()`
//! order and `sys.getsizeof` match CPython.
//!
//! Read [`add`] first. Re-entrancy: a Python `__eq__` may mutate the set
//! being searched; the table restarts its probe when that happens (see
//! `crate::containers`). Removed keys are dropped after the table is
//! consistent again.

use pyheap_mem::{new_object, ObjPtr, TypeSlots};

use crate::containers::set_table::{AddOutcome, SetTable};
use crate::objects::keyops::VmOps;
use crate::rt::{Obj, PyResult};
use crate::types::t;

/// `set.__weakrefoffset__` (192, as in CPython).
pub use crate::containers::set_table::SET_WEAKLIST_OFFSET;

pub fn set_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<SetTable>(s, 16)
}

/// The table of a set/frozenset (None for other objects).
pub fn table(o: &Obj) -> Option<&SetTable> {
    o.payload::<SetTable>()
}

pub fn is_anyset(o: &Obj) -> bool {
    table(o).is_some()
}

/// `set_traverse`: every active key in table order.
pub fn traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(s) = table(o) {
        s.traverse(visit);
    }
}

pub fn clear(o: &Obj) {
    set_clear(o);
}

/// `set.clear()`: back to the inline table.
pub fn set_clear(o: &Obj) {
    if let Some(s) = table(o) {
        s.clear();
    }
}

pub fn new_set_of(ty: &Obj) -> Obj {
    let o = new_object(ty, SetTable::new(), 0).unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&o);
    o
}

pub fn new_set() -> Obj {
    new_set_of(&t().set)
}

/// `__sizeof__` without the GC header: the type's basic size plus the
/// separately allocated table.
pub fn sizeof(o: &Obj) -> usize {
    let basic = o.type_slots().basicsize.get();
    basic + table(o).map_or(0, |s| s.heap_bytes())
}

/// `set.add(key)`; returns true when newly added.
pub fn add(o: &Obj, key: Obj) -> PyResult<bool> {
    if table(o).is_none() {
        return Ok(false);
    }
    let h = crate::ops::hash(&key)?;
    add_hashed(o, key, h)
}

/// `set_add_entry` with `h == hash(key)`.
pub fn add_hashed(o: &Obj, key: Obj, h: isize) -> PyResult<bool> {
    let Some(s) = table(o) else { return Ok(false) };
    Ok(s.add(&mut VmOps, key, h)? == AddOutcome::Added)
}

pub fn contains(o: &Obj, key: &Obj) -> PyResult<bool> {
    let Some(s) = table(o) else { return Ok(false) };
    let (key, h) = hashed_key(key)?;
    s.contains(&mut VmOps, &key, h)
}

/// Removes `key`; true when it was present.
pub fn discard(o: &Obj, key: &Obj) -> PyResult<bool> {
    let Some(s) = table(o) else { return Ok(false) };
    let (key, h) = hashed_key(key)?;
    let old = s.discard(&mut VmOps, &key, h)?;
    Ok(old.is_some())
}

/// `key` and its hash for a lookup; as CPython's set_contains/set_discard, an
/// unhashable `set` key (TypeError) is retried as a frozenset of its items.
fn hashed_key(key: &Obj) -> PyResult<(Obj, isize)> {
    match crate::ops::hash(key) {
        Ok(h) => Ok((key.clone(), h)),
        Err(e)
            if crate::exc::matches(&e, &t().type_error)
                && crate::types::is_subtype(&key.type_ref(), &t().set) =>
        {
            let frozen = new_set_of(&t().frozenset);
            for item in items(key) {
                add(&frozen, item)?;
            }
            let h = crate::ops::hash(&frozen)?;
            Ok((frozen, h))
        }
        Err(e) => Err(e),
    }
}

pub fn len(o: &Obj) -> usize {
    table(o).map_or(0, |s| s.len())
}

/// Items in table order (CPython's iteration order).
pub fn items(o: &Obj) -> Vec<Obj> {
    let Some(s) = table(o) else { return Vec::new() };
    let mut out = Vec::with_capacity(s.len());
    let mut pos = 0;
    while let Some(i) = s.next_entry(pos) {
        pos = i + 1;
        out.extend(s.entry_key(i));
    }
    out
}

/// Entry at or after table position `pos`: (next pos, key).
pub fn next_entry(o: &Obj, pos: usize) -> Option<(usize, Obj)> {
    let s = table(o)?;
    let i = s.next_entry(pos)?;
    Some((i + 1, s.entry_key(i)?))
}

/// `set.pop()` (None when empty).
pub fn pop(o: &Obj) -> Option<Obj> {
    table(o)?.pop()
}

/// `set_merge`: adds every key of the set/frozenset `other` to `o`.
pub fn merge(o: &Obj, other: &Obj) -> PyResult<()> {
    if let (Some(s), Some(src)) = (table(o), table(other)) {
        s.merge_from(&mut VmOps, src)?;
    }
    Ok(())
}

/// `set_swap_bodies(a, b)`.
pub fn swap_bodies(a: &Obj, b: &Obj) {
    if let (Some(x), Some(y)) = (table(a), table(b)) {
        x.swap_bodies(y);
    }
}

/// `set_update_internal` for an exact dict: presize for its length, then
/// add each key with the dict's stored hash.
pub fn update_from_dict(o: &Obj, d: &Obj) -> PyResult<()> {
    let (Some(s), Some(tb)) = (table(o), crate::objects::dict::table(d)) else {
        return Ok(());
    };
    s.reserve_for(tb.len())?;
    let mut pos = 0;
    while let Some(ix) = tb.next_entry(pos) {
        pos = ix + 1;
        let (Some(k), Some(h)) = (tb.entry_key(ix), tb.entry_hash(&VmOps, ix)) else {
            continue;
        };
        s.add(&mut VmOps, k, h)?;
    }
    Ok(())
}

/// `set_update_internal(o, iterable)`: merge for sets, presized adds for
/// exact dicts, else one add per item.
pub fn update_from(o: &Obj, iterable: &Obj) -> PyResult<()> {
    if is_anyset(iterable) {
        return merge(o, iterable);
    }
    if iterable.has_type(&t().dict) {
        return update_from_dict(o, iterable);
    }
    let it = crate::ops::iter(iterable)?;
    while let Some(x) = crate::ops::next(&it)? {
        add(o, x)?;
    }
    Ok(())
}

/// CPython's frozenset hash (cached in the table).
pub fn frozenset_hash(o: &Obj) -> PyResult<isize> {
    let Some(s) = table(o) else { return Ok(0) };
    let cached = s.cached_hash();
    if cached != -1 {
        return Ok(cached);
    }
    let mut hash: u64 = 0;
    let mut pos = 0;
    while let Some(i) = s.next_entry(pos) {
        pos = i + 1;
        let h = s.entry_hash(i) as u64;
        hash ^= ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
    }
    hash ^= (s.len() as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    let mut h = hash as i64 as isize;
    if h == -1 {
        h = 590923713;
    }
    s.set_cached_hash(h);
    Ok(h)
}
