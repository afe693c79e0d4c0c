//! Shared keys for split instance dicts (CPython 3.11 `ht_cached_keys`).
//!
//! Read [`SharedKeys::values_len_for_new_instance`] first: it is the 3.11
//! quirk that decides every instance's values-array size and, through
//! `usable`, what `sys.getsizeof(obj.__dict__)` reports.
//!
//! A class without `__slots__` owns one [`SharedKeys`]: a unicode keys object
//! of 64 slots whose `usable` starts at `SHARED_KEYS_MAX_SIZE` (30) and which
//! holds attribute names only (values live in each instance's values array,
//! kept by the interpreter in the managed-dict pre-header via
//! `Ref::managed_values_alloc` / `set_managed_value`). Names are only ever
//! appended, so a name's index never changes.
//!
//! Invariants: indices handed out are `< nentries`; every values array
//! allocated with [`SharedKeys::values_len_for_new_instance`] is at least
//! `nentries + usable` long at the time of its creation, and that sum never
//! grows afterwards (appending a name moves one from `usable` to
//! `nentries`), so every index is inside every live instance's array.
//!
//! Split dicts refer to their keys through a small tag (see [`acquire`]):
//! a registry slot that keeps the keys alive while any split dict uses
//! them, even after the class is gone (CPython's `dictkeys_incref`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use pyheap_mem::{MemoryError, ObjPtr, Ref};

use super::dict_table::{DictTable, DICT_BASE_SIZEOF};
use super::KeyOps;

/// `SHARED_KEYS_MAX_SIZE`: names a class's shared keys can hold.
pub const SHARED_KEYS_MAX_SIZE: usize = 30;
/// `NEXT_LOG2_SHARED_KEYS_MAX_SIZE`: the shared keys table has 64 slots.
pub const NEXT_LOG2_SHARED_KEYS_MAX_SIZE: u8 = 6;

/// A class's shared attribute-name table.
pub struct SharedKeys {
    table: DictTable,
    /// Registry tag while split dicts use these keys (0: none).
    tag: Cell<u16>,
}

impl SharedKeys {
    /// `_PyDict_NewKeysForClass`: 64 slots, `usable` = 30, no names.
    pub fn new() -> Result<SharedKeys, MemoryError> {
        Ok(SharedKeys {
            table: DictTable::new_split_keys(NEXT_LOG2_SHARED_KEYS_MAX_SIZE, SHARED_KEYS_MAX_SIZE)?,
            tag: Cell::new(0),
        })
    }

    /// Names stored so far (`dk_nentries`); indices are `0..nentries()`.
    pub fn nentries(&self) -> usize {
        self.table.nentries()
    }
    /// Names that can still be added (`dk_usable`).
    pub fn usable(&self) -> usize {
        self.table.usable()
    }

    /// `init_inline_values`, called once per new instance: decrements
    /// `usable` by one unless it is already 1 or less, then returns the
    /// length of the instance's values array, `nentries + usable`
    /// (`shared_keys_usable_size`). First instance of a fresh class: 29.
    pub fn values_len_for_new_instance(&self) -> usize {
        let u = self.table.usable();
        if u > 1 {
            self.table.set_usable(u - 1);
        }
        self.table.nentries() + self.table.usable()
    }

    fn name_hash<K: KeyOps>(ops: &mut K, name: &Ref) -> Result<isize, K::Err> {
        match ops.cached_str_hash(name) {
            Some(h) => Ok(h),
            None => ops.hash(name),
        }
    }

    /// Index of attribute `name`, if it is an exact str already stored.
    pub fn index_of<K: KeyOps>(&self, ops: &mut K, name: &Ref) -> Result<Option<usize>, K::Err> {
        if !ops.is_exact_str(name) {
            return Ok(None);
        }
        let h = Self::name_hash(ops, name)?;
        self.table.lookup(ops, name, h)
    }

    /// Index of the stored name with hash `hash` accepted by `matches`
    /// (which must not run code; see [`DictTable::find_by`]).
    pub fn find_name<K: KeyOps>(
        &self,
        ops: &K,
        hash: isize,
        matches: impl Fn(&Ref) -> bool,
    ) -> Option<usize> {
        self.table.find_by(ops, hash, matches)
    }

    /// `insert_into_dictkeys`: the index of `name`, appending it when absent
    /// and `usable > 0`. `None` means the name cannot be stored in the split
    /// table (not an exact str, or no room): the instance must fall back to
    /// an ordinary (combined) dict.
    pub fn insert_name<K: KeyOps>(&self, ops: &mut K, name: &Ref) -> Result<Option<usize>, K::Err> {
        if !ops.is_exact_str(name) {
            return Ok(None);
        }
        let h = Self::name_hash(ops, name)?;
        if let Some(ix) = self.table.lookup(ops, name, h)? {
            return Ok(Some(ix));
        }
        if self.table.usable() == 0 {
            return Ok(None);
        }
        Ok(Some(self.table.append_name(name.clone(), h)?))
    }

    /// The name stored at `ix` (new reference).
    pub fn name_at(&self, ix: usize) -> Option<Ref> {
        self.table.entry_key(ix)
    }

    /// `sys.getsizeof` of a materialised split `__dict__` of this class:
    /// `64 + 8·(nentries + usable)` with the CURRENT counts (not the size of
    /// the instance's actual values array); the keys are not counted.
    pub fn split_dict_sizeof(&self) -> usize {
        DICT_BASE_SIZEOF + 8 * (self.nentries() + self.usable())
    }

    /// Bytes of the keys object (`_PyDict_KeysSize`, 768): `type.__sizeof__`
    /// of a heap type adds it.
    pub fn keys_bytes(&self) -> usize {
        self.table.keys_bytes()
    }

    /// Visits each stored name (for the owning type's `tp_traverse`).
    pub fn traverse(&self, visit: &mut dyn FnMut(ObjPtr)) {
        for ix in 0..self.nentries() {
            if let Some(p) = self.table.entry_key_peek(ix) {
                visit(p);
            }
        }
    }

    /// Drops every name (type `tp_clear`/dealloc); the table is then empty
    /// and refuses new names.
    pub fn clear(&self) {
        self.table.clear();
    }
}

/// One registry slot: the keys and how many split dicts hold its tag.
struct Held {
    keys: Rc<SharedKeys>,
    dicts: usize,
}

thread_local! {
    /// Slot `tag - 1` holds the keys of split dicts tagged `tag`.
    static SPLIT_KEYS: RefCell<Vec<Option<Held>>> = const { RefCell::new(Vec::new()) };
}

/// A tag (never 0) for one more split dict using `keys`, or None when the
/// registry is full (65535 distinct keys in use: the dict stays combined).
pub fn acquire(keys: &Rc<SharedKeys>) -> Option<u16> {
    SPLIT_KEYS.with(|r| {
        let mut r = r.borrow_mut();
        let tag = keys.tag.get();
        if tag != 0 {
            if let Some(Some(h)) = r.get_mut(tag as usize - 1) {
                h.dicts += 1;
                return Some(tag);
            }
        }
        let held = Held {
            keys: keys.clone(),
            dicts: 1,
        };
        let ix = match r.iter().position(Option::is_none) {
            Some(ix) => {
                r[ix] = Some(held);
                ix
            }
            None if r.len() < u16::MAX as usize => {
                r.push(Some(held));
                r.len() - 1
            }
            None => return None,
        };
        let tag = ix as u16 + 1;
        keys.tag.set(tag);
        Some(tag)
    })
}

/// Gives back one split dict's hold on `tag` (0 is ignored).
pub fn release(tag: u16) {
    if tag == 0 {
        return;
    }
    let dropped = SPLIT_KEYS.with(|r| {
        let mut r = r.borrow_mut();
        let slot = r.get_mut(tag as usize - 1)?;
        let h = slot.as_mut()?;
        h.dicts = h.dicts.saturating_sub(1);
        if h.dicts > 0 {
            return None;
        }
        let h = slot.take()?;
        h.keys.tag.set(0);
        Some(h.keys)
    });
    // The keys (and their names) are dropped outside the registry borrow.
    drop(dropped);
}

/// The keys of split dicts tagged `tag`, and whether a single split dict
/// is their only owner (CPython's `dk_refcnt == 1`: the class is gone).
pub fn lookup(tag: u16) -> Option<(Rc<SharedKeys>, bool)> {
    if tag == 0 {
        return None;
    }
    SPLIT_KEYS.with(|r| {
        let r = r.borrow();
        let h = r.get(tag as usize - 1)?.as_ref()?;
        // NOTE: decided before cloning, which adds a strong count.
        let sole = h.dicts == 1 && Rc::strong_count(&h.keys) == 1;
        Some((h.keys.clone(), sole))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::containers::test_support::{string, Ops};

    #[test]
    fn probe_080_sizes() {
        let mut ops = Ops::default();
        // class A; o = A(); o.a = 1 → 296
        let a = SharedKeys::new().unwrap();
        assert_eq!(a.keys_bytes(), 768);
        assert_eq!(a.values_len_for_new_instance(), 29);
        assert_eq!(a.insert_name(&mut ops, &string("a")).unwrap(), Some(0));
        assert_eq!(a.split_dict_sizeof(), 296);
        // o2 = A(); ten new attributes → 288
        assert_eq!(a.values_len_for_new_instance(), 28);
        for i in 0..10 {
            let ix = a.insert_name(&mut ops, &string(&format!("x{i}"))).unwrap();
            assert_eq!(ix, Some(i + 1));
        }
        assert_eq!(a.split_dict_sizeof(), 288);
        assert_eq!(a.index_of(&mut ops, &string("x3")).unwrap(), Some(4));
        assert_eq!(a.insert_name(&mut ops, &string("a")).unwrap(), Some(0));
        assert_eq!(a.index_of(&mut ops, &string("nope")).unwrap(), None);
        // class B; 40 instances first, then one attribute each → 72 72
        let b = SharedKeys::new().unwrap();
        let lens: Vec<usize> = (0..40).map(|_| b.values_len_for_new_instance()).collect();
        assert_eq!(lens[0], 29);
        assert_eq!(*lens.last().unwrap(), 1);
        assert_eq!(b.insert_name(&mut ops, &string("v")).unwrap(), Some(0));
        assert_eq!(b.split_dict_sizeof(), 72);
        // No room left: fall back to a combined dict.
        assert_eq!(b.insert_name(&mut ops, &string("w")).unwrap(), None);
        // Non-str names are refused.
        let n = crate::containers::test_support::int(1);
        assert_eq!(b.insert_name(&mut ops, &n).unwrap(), None);
    }

    #[test]
    fn thirty_names_max() {
        let mut ops = Ops::default();
        let k = SharedKeys::new().unwrap();
        let mut n = 0;
        while k
            .insert_name(&mut ops, &string(&format!("n{n}")))
            .unwrap()
            .is_some()
        {
            n += 1;
        }
        assert_eq!(n, SHARED_KEYS_MAX_SIZE);
        assert_eq!(as_names(&k)[29], "n29");
    }

    #[test]
    fn registry_holds_keys_for_split_dicts() {
        let k = Rc::new(SharedKeys::new().unwrap());
        let t1 = acquire(&k).unwrap();
        let t2 = acquire(&k).unwrap();
        assert_eq!(t1, t2);
        assert!(!lookup(t1).unwrap().1, "class and two dicts hold the keys");
        release(t1);
        let weak = Rc::downgrade(&k);
        drop(k);
        // One dict left and the class gone: `dk_refcnt == 1`.
        let (keys, sole) = lookup(t2).unwrap();
        assert!(sole);
        assert_eq!(Rc::strong_count(&keys), 2);
        drop(keys);
        release(t2);
        assert!(lookup(t2).is_none());
        assert!(weak.upgrade().is_none(), "last release frees the keys");
        release(0);
    }

    fn as_names(k: &SharedKeys) -> Vec<String> {
        (0..k.nentries())
            .filter_map(|i| k.name_at(i))
            .filter_map(|r| crate::containers::test_support::as_str(&r))
            .collect()
    }
}
