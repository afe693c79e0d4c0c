//! Set algebra with CPython 3.11's algorithms (`setobject.c`), for the
//! operators and the methods alike, so result tables — and so iteration
//! order — and the number of `__hash__`/`__eq__` calls match.
//!
//! Read [`difference`] first: it shows the pattern every operation follows,
//! choosing CPython's path by the other operand's kind (set, exact dict, any
//! iterable) and, for sets, by size. Invariants: keys taken from a set or
//! dict are used with their stored hash (never re-hashed); keys from other
//! iterables are hashed once; results are of the first operand's base type
//! (`set` for set subclasses, `frozenset` otherwise), as
//! `make_new_set_basetype`.

use super::set::{self, add_hashed, is_anyset, len, new_set_of, table};
use crate::containers::set_table::SetTable;
use crate::objects::dict;
use crate::objects::keyops::VmOps;
use crate::rt::{Obj, PyResult};
use crate::types::{is_subtype, t};

/// A new empty set of `so`'s base type.
fn new_base(so: &Obj) -> Obj {
    if is_subtype(&so.type_ref(), &t().set) {
        new_set_of(&t().set)
    } else {
        new_set_of(&t().frozenset)
    }
}

/// `make_new_set_basetype(type(so), so)`: a copy of `so` of its base type.
pub fn copy_base(so: &Obj) -> PyResult<Obj> {
    let out = new_base(so);
    set::merge(&out, so)?;
    Ok(out)
}

/// The active entries of a set with their stored hashes, in table order.
fn entries(o: &Obj) -> Vec<(Obj, isize)> {
    let Some(s) = table(o) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(s.len());
    let mut pos = 0;
    while let Some(i) = s.next_entry(pos) {
        pos = i + 1;
        if let Some(k) = s.entry_key(i) {
            out.push((k, s.entry_hash(i)));
        }
    }
    out
}

fn contains_hashed(o: &Obj, key: &Obj, h: isize) -> PyResult<bool> {
    match table(o) {
        Some(s) => s.contains(&mut VmOps, key, h),
        None => Ok(false),
    }
}

/// `set_discard_entry`: true when `key` was present.
fn discard_hashed(o: &Obj, key: &Obj, h: isize) -> PyResult<bool> {
    match table(o) {
        Some(s) => Ok(s.discard(&mut VmOps, key, h)?.is_some()),
        None => Ok(false),
    }
}

/// Calls `f(key, hash)` for each key of an arbitrary iterable (hashing each).
fn for_each_hashed(other: &Obj, mut f: impl FnMut(Obj, isize) -> PyResult<()>) -> PyResult<()> {
    let it = crate::ops::iter(other)?;
    while let Some(k) = crate::ops::next(&it)? {
        let h = crate::ops::hash(&k)?;
        f(k, h)?;
    }
    Ok(())
}

/// Keys of an exact dict with their stored hashes, in dict order.
fn dict_entries(d: &Obj) -> Vec<(Obj, isize)> {
    let mut out = Vec::new();
    let Some(tb) = dict::table(d) else {
        return out;
    };
    let mut pos = 0;
    while let Some(ix) = tb.next_entry(pos) {
        pos = ix + 1;
        if let (Some(k), Some(h)) = (tb.entry_key(ix), tb.entry_hash(&VmOps, ix)) {
            out.push((k, h));
        }
    }
    out
}

/// `set | other` and one step of `set.union`: `set_update_internal`.
pub fn update(so: &Obj, other: &Obj) -> PyResult<()> {
    set::update_from(so, other)
}

/// `set_intersection(so, other)`: a new set of the keys of `so` found in
/// `other`, in the order of the iterated operand (the smaller set, or the
/// iterable).
pub fn intersection(so: &Obj, other: &Obj) -> PyResult<Obj> {
    if so.is(other) {
        return copy_base(so);
    }
    let out = new_base(so);
    if is_anyset(other) {
        let (probe, iterate) = if len(other) > len(so) {
            (other, so)
        } else {
            (so, other)
        };
        for (k, h) in entries(iterate) {
            if contains_hashed(probe, &k, h)? {
                add_hashed(&out, k, h)?;
            }
        }
        return Ok(out);
    }
    for_each_hashed(other, |k, h| {
        if contains_hashed(so, &k, h)? {
            add_hashed(&out, k, h)?;
        }
        Ok(())
    })?;
    Ok(out)
}

/// `set.intersection(*others)`.
pub fn intersection_multi(so: &Obj, others: &[Obj]) -> PyResult<Obj> {
    if others.is_empty() {
        return copy_base(so);
    }
    let mut acc = so.clone();
    for o in others {
        acc = intersection(&acc, o)?;
    }
    Ok(acc)
}

/// `set &= other` / `set.intersection_update(*others)`: the intersection's
/// table replaces `so`'s.
pub fn intersection_update(so: &Obj, others: &[Obj]) -> PyResult<()> {
    let tmp = intersection_multi(so, others)?;
    if !tmp.is(so) {
        set::swap_bodies(so, &tmp);
    }
    Ok(())
}

/// `set_difference_update_internal`: discards every key of `other`, then
/// shrinks the table when more than a quarter of it is dummies.
pub fn difference_update(so: &Obj, other: &Obj) -> PyResult<()> {
    if so.is(other) {
        set::set_clear(so);
        return Ok(());
    }
    if is_anyset(other) {
        for (k, h) in entries(other) {
            discard_hashed(so, &k, h)?;
        }
    } else {
        for_each_hashed(other, |k, h| discard_hashed(so, &k, h).map(|_| ()))?;
    }
    if let Some(s) = table(so) {
        shrink_after_discards(s)?;
    }
    Ok(())
}

fn shrink_after_discards(s: &SetTable) -> PyResult<()> {
    if s.fill() - s.len() <= s.mask() / 4 {
        return Ok(());
    }
    let used = s.len();
    let target = if used > 50_000 { used * 2 } else { used * 4 };
    s.table_resize(target)
        .map_err(|_| crate::exc::memory_error())
}

/// `set_copy_and_difference`.
fn copy_and_difference(so: &Obj, other: &Obj) -> PyResult<Obj> {
    let out = copy_base(so)?;
    difference_update(&out, other)?;
    Ok(out)
}

/// `set_difference(so, other)` (`set - other`, first step of
/// `set.difference`).
pub fn difference(so: &Obj, other: &Obj) -> PyResult<Obj> {
    let other_is_dict = other.has_type(&t().dict);
    let other_size = if is_anyset(other) {
        len(other)
    } else if other_is_dict {
        dict::len(other)
    } else {
        return copy_and_difference(so, other);
    };
    // Much bigger than `other`: copying and discarding is cheaper.
    if (len(so) >> 2) > other_size {
        return copy_and_difference(so, other);
    }
    let out = new_base(so);
    for (k, h) in entries(so) {
        let found = if other_is_dict {
            dict::get_item_hashed(other, &k, h)?.is_some()
        } else {
            contains_hashed(other, &k, h)?
        };
        if !found {
            add_hashed(&out, k, h)?;
        }
    }
    Ok(out)
}

/// `set.difference(*others)`.
pub fn difference_multi(so: &Obj, others: &[Obj]) -> PyResult<Obj> {
    let Some((first, rest)) = others.split_first() else {
        return copy_base(so);
    };
    let out = difference(so, first)?;
    for o in rest {
        difference_update(&out, o)?;
    }
    Ok(out)
}

/// `set_symmetric_difference_update(so, other)` (`set ^= other`).
pub fn symmetric_difference_update(so: &Obj, other: &Obj) -> PyResult<()> {
    if so.is(other) {
        set::set_clear(so);
        return Ok(());
    }
    let pairs = if other.has_type(&t().dict) {
        dict_entries(other)
    } else if is_anyset(other) {
        entries(other)
    } else {
        let tmp = new_base(so);
        set::update_from(&tmp, other)?;
        entries(&tmp)
    };
    for (k, h) in pairs {
        if !discard_hashed(so, &k, h)? {
            add_hashed(so, k, h)?;
        }
    }
    Ok(())
}

/// `set_symmetric_difference(so, other)` (`set ^ other`): a set of
/// `other`'s keys (of `so`'s base type) updated with `so`.
pub fn symmetric_difference(so: &Obj, other: &Obj) -> PyResult<Obj> {
    let out = new_base(so);
    set::update_from(&out, other)?;
    symmetric_difference_update(&out, so)?;
    Ok(out)
}

/// `set.union(*others)` / `set | other`.
pub fn union_multi(so: &Obj, others: &[Obj]) -> PyResult<Obj> {
    let out = copy_base(so)?;
    for o in others {
        if o.is(so) {
            continue;
        }
        update(&out, o)?;
    }
    Ok(out)
}
