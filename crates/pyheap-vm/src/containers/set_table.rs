//! The set/frozenset hash table: CPython 3.11's `setobject.c` layout and
//! probing, so iteration order, `pop()` order and `sys.getsizeof` match.
//!
//! Read [`SetTable::add`] first (`set_add_entry`), then
//! [`SetTable::lookkey`] and [`SetTable::table_resize`].
//!
//! A [`SetTable`] is meant to be the whole payload of a set object (184
//! bytes, so with the 16-byte object header the object is CPython's 200
//! bytes, 216 with the GC header). Slots hold `(key, hash)`:
//! - active: key present (hash is the key's hash, never -1);
//! - empty: no key, hash 0;
//! - dummy (deleted): no key, hash -1 (CPython's `dummy` key).
//!
//! Tables up to 8 slots live inline in `small`; bigger ones in a separate
//! `RecordArray` of 16-byte records. Invariants: exactly one of the two is
//! in use (`table` is empty ⇔ inline); the unused inline table is all empty;
//! `fill` = active + dummy slots, `used` = active slots; there is always an
//! empty slot (resize when `fill·5 >= mask·3`).
//!
//! Probing: start at `hash & mask`, look at up to 9 following slots linearly
//! (`LINEAR_PROBES`, only when they don't wrap), then
//! `perturb >>= 5; i = (5i + 1 + perturb) & mask`.

use std::cell::Cell;

use pyheap_mem::{MemoryError, NoItems, ObjPtr, Payload, RecordArray, Ref, Slot, WeakListWord};

use super::KeyOps;

/// `PySet_MINSIZE`: slots of the inline table.
pub const SET_MINSIZE: usize = 8;
/// `LINEAR_PROBES`.
pub const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const DUMMY_HASH: isize = -1;
/// `sys.getsizeof` of a set/frozenset using its inline table (200 + 16 GC).
pub const SET_BASE_SIZEOF: usize = 216;
/// Offset of the weakref list word from the start of a set object whose
/// payload (this table) is at offset 16: use it as the type's
/// `weaklistoffset` (CPython's is 192 too).
pub const SET_WEAKLIST_OFFSET: usize = 16 + std::mem::offset_of!(SetTable, weakreflist);

#[repr(C)]
struct InlineEntry {
    key: Slot,
    hash: Cell<isize>,
}

impl InlineEntry {
    const fn new() -> InlineEntry {
        InlineEntry {
            key: Slot::new(None),
            hash: Cell::new(0),
        }
    }
}

/// A set table (the payload of a set/frozenset object). All methods take
/// `&self`; see the module docs for the layout.
#[repr(C)]
pub struct SetTable {
    fill: Cell<usize>,
    used: Cell<usize>,
    hash: Cell<isize>,
    finger: Cell<usize>,
    table: RecordArray<2, 0b01>,
    small: [InlineEntry; SET_MINSIZE],
    weakreflist: WeakListWord,
}

const _: () = assert!(std::mem::size_of::<SetTable>() == 184);
const _: () = assert!(SET_WEAKLIST_OFFSET == 192);

impl Payload for SetTable {
    type Item = NoItems;
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable::new()
    }
}

/// What [`SetTable::add`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddOutcome {
    /// The key was inserted.
    Added,
    /// An equal key was already present (the new key was dropped).
    Present,
}

impl SetTable {
    /// An empty set using the inline table; frozenset hash not computed (-1).
    pub fn new() -> SetTable {
        SetTable {
            fill: Cell::new(0),
            used: Cell::new(0),
            hash: Cell::new(-1),
            finger: Cell::new(0),
            table: RecordArray::empty(),
            small: [const { InlineEntry::new() }; SET_MINSIZE],
            weakreflist: WeakListWord::default(),
        }
    }

    /// `len(s)`: active entries.
    pub fn len(&self) -> usize {
        self.used.get()
    }
    /// True when no entry is active.
    pub fn is_empty(&self) -> bool {
        self.used.get() == 0
    }
    /// Active plus dummy slots.
    pub fn fill(&self) -> usize {
        self.fill.get()
    }
    /// `mask` = table size − 1.
    pub fn mask(&self) -> usize {
        match self.table.count() {
            0 => SET_MINSIZE - 1,
            n => n - 1,
        }
    }
    /// Slots in the table (8 while inline).
    pub fn table_size(&self) -> usize {
        self.mask() + 1
    }
    /// True while the inline table is used.
    pub fn is_inline(&self) -> bool {
        self.table.count() == 0
    }
    /// Bytes of the separately allocated table (0 while inline).
    pub fn heap_bytes(&self) -> usize {
        self.table.heap_bytes()
    }
    /// `sys.getsizeof` of the set: 216 + 16·table_size when not inline.
    pub fn set_sizeof(&self) -> usize {
        SET_BASE_SIZEOF + self.heap_bytes()
    }
    /// The cached frozenset hash (-1 = not computed).
    pub fn cached_hash(&self) -> isize {
        self.hash.get()
    }
    /// Stores the frozenset hash cache.
    pub fn set_cached_hash(&self, h: isize) {
        self.hash.set(h);
    }

    fn peek_key(&self, i: usize) -> Option<ObjPtr> {
        if self.is_inline() {
            self.small.get(i).and_then(|e| e.key.peek())
        } else {
            self.table.peek_ref(i, 0)
        }
    }
    /// The key in slot `i` (new reference), None when empty/dummy/out of range.
    pub fn entry_key(&self, i: usize) -> Option<Ref> {
        if self.is_inline() {
            self.small.get(i).and_then(|e| e.key.get())
        } else {
            self.table.get_ref(i, 0)
        }
    }
    /// The hash stored in slot `i` (0 = empty, -1 = dummy when no key).
    pub fn entry_hash(&self, i: usize) -> isize {
        if self.is_inline() {
            self.small.get(i).map_or(0, |e| e.hash.get())
        } else {
            self.table.int(i, 1).unwrap_or(0) as isize
        }
    }
    /// Writes slot `i`; returns the previous key (drop it after the table is
    /// consistent).
    fn set_entry(&self, i: usize, key: Option<Ref>, hash: isize) -> Option<Ref> {
        if self.is_inline() {
            let e = self.small.get(i)?;
            e.hash.set(hash);
            e.key.replace(key)
        } else {
            self.table.set_int(i, 1, hash as usize);
            self.table.replace_ref(i, 0, key).ok().flatten()
        }
    }

    /// First slot `>= pos` holding an active key (iteration in table order:
    /// call with 0, then with the previous slot + 1). Iterators must compare
    /// [`Self::len`] with the length they started with and raise
    /// `RuntimeError("Set changed size during iteration")` when it differs.
    pub fn next_entry(&self, pos: usize) -> Option<usize> {
        (pos..=self.mask()).find(|&i| self.peek_key(i).is_some())
    }

    /// `set_lookkey`: the slot of an active key equal to `key`. Identity
    /// first, then equal stored hash and `ops.eq(stored, key)`; if `eq`
    /// resized the table or changed that slot, the search restarts.
    pub fn lookkey<K: KeyOps>(
        &self,
        ops: &mut K,
        key: &Ref,
        hash: isize,
    ) -> Result<Option<usize>, K::Err> {
        'restart: loop {
            let mask = self.mask();
            let mut i = hash as usize & mask;
            let mut perturb = hash as usize;
            let mut rounds = mask + 1 + 16;
            loop {
                let mut probes = if i + LINEAR_PROBES <= mask {
                    LINEAR_PROBES
                } else {
                    0
                };
                let mut j = i;
                loop {
                    let kp = self.peek_key(j);
                    let eh = self.entry_hash(j);
                    match kp {
                        None if eh == 0 => return Ok(None),
                        Some(p) if eh == hash => {
                            if p == key.ptr() {
                                return Ok(Some(j));
                            }
                            let Some(startkey) = self.entry_key(j) else {
                                continue 'restart;
                            };
                            let addr = startkey.addr();
                            let cmp = ops.eq(&startkey, key);
                            drop(startkey);
                            let cmp = cmp?;
                            if self.mask() != mask
                                || self.peek_key(j).map(|p| p.addr()) != Some(addr)
                            {
                                continue 'restart;
                            }
                            if cmp {
                                return Ok(Some(j));
                            }
                        }
                        _ => {}
                    }
                    if probes == 0 {
                        break;
                    }
                    probes -= 1;
                    j += 1;
                }
                perturb >>= PERTURB_SHIFT;
                i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
                rounds -= 1;
                if rounds == 0 {
                    return Ok(None);
                }
            }
        }
    }

    /// `key in s`.
    pub fn contains<K: KeyOps>(&self, ops: &mut K, key: &Ref, hash: isize) -> Result<bool, K::Err> {
        Ok(self.lookkey(ops, key, hash)?.is_some())
    }

    /// `set_add_entry`: adds `key` (whose hash is `hash`). The first dummy
    /// on the probe path is reused; otherwise an empty slot is filled and,
    /// when `fill·5 >= mask·3`, the table is resized to the smallest power of
    /// two above `4·used` (`2·used` above 50 000).
    pub fn add<K: KeyOps>(&self, ops: &mut K, key: Ref, hash: isize) -> Result<AddOutcome, K::Err> {
        'restart: loop {
            let mask = self.mask();
            let mut i = hash as usize & mask;
            let mut perturb = hash as usize;
            let mut freeslot: Option<usize> = None;
            loop {
                let mut probes = if i + LINEAR_PROBES <= mask {
                    LINEAR_PROBES
                } else {
                    0
                };
                let mut j = i;
                loop {
                    let kp = self.peek_key(j);
                    let eh = self.entry_hash(j);
                    match kp {
                        None if eh == 0 => {
                            if let Some(f) = freeslot {
                                if self.peek_key(f).is_some() || self.entry_hash(f) != DUMMY_HASH {
                                    continue 'restart;
                                }
                                self.used.set(self.used.get() + 1);
                                drop(self.set_entry(f, Some(key), hash));
                                return Ok(AddOutcome::Added);
                            }
                            self.fill.set(self.fill.get() + 1);
                            self.used.set(self.used.get() + 1);
                            drop(self.set_entry(j, Some(key), hash));
                            if self.fill.get() * 5 < mask * 3 {
                                return Ok(AddOutcome::Added);
                            }
                            let used = self.used.get();
                            let minused = if used > 50_000 { used * 2 } else { used * 4 };
                            self.table_resize(minused)?;
                            return Ok(AddOutcome::Added);
                        }
                        None => {
                            if freeslot.is_none() {
                                freeslot = Some(j);
                            }
                        }
                        Some(p) if eh == hash => {
                            if p == key.ptr() {
                                drop(key);
                                return Ok(AddOutcome::Present);
                            }
                            let Some(startkey) = self.entry_key(j) else {
                                continue 'restart;
                            };
                            let addr = startkey.addr();
                            let cmp = ops.eq(&startkey, &key);
                            drop(startkey);
                            if cmp? {
                                drop(key);
                                return Ok(AddOutcome::Present);
                            }
                            if self.mask() != mask
                                || self.peek_key(j).map(|p| p.addr()) != Some(addr)
                            {
                                continue 'restart;
                            }
                        }
                        Some(_) => {}
                    }
                    if probes == 0 {
                        break;
                    }
                    probes -= 1;
                    j += 1;
                }
                perturb >>= PERTURB_SHIFT;
                i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
            }
        }
    }

    /// `set_insert_clean`: puts a key known to be absent into the first
    /// empty slot of its probe path (the table has no dummies).
    fn insert_clean(&self, key: Ref, hash: isize) {
        let mask = self.mask();
        let mut i = hash as usize & mask;
        let mut perturb = hash as usize;
        loop {
            if self.peek_key(i).is_none() {
                drop(self.set_entry(i, Some(key), hash));
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in i + 1..=i + LINEAR_PROBES {
                    if self.peek_key(j).is_none() {
                        drop(self.set_entry(j, Some(key), hash));
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        }
    }

    /// `set_table_resize(minused)`: rebuilds the table with the smallest
    /// power of two `> minused` slots (≥ 8; 8 means the inline table),
    /// dropping dummies; active keys are re-inserted in old table order.
    /// On allocation failure nothing changes.
    pub fn table_resize(&self, minused: usize) -> Result<(), MemoryError> {
        let mut newsize = SET_MINSIZE;
        while newsize <= minused {
            newsize = newsize.checked_shl(1).ok_or(MemoryError)?;
            if newsize == 0 {
                return Err(MemoryError);
            }
        }
        let new_table = if newsize == SET_MINSIZE {
            RecordArray::empty()
        } else {
            RecordArray::new(newsize)?
        };
        let mut entries = Vec::with_capacity(self.used.get());
        for i in 0..=self.mask() {
            let h = self.entry_hash(i);
            if let Some(k) = self.set_entry(i, None, 0) {
                entries.push((k, h));
            }
        }
        self.table.swap(&new_table);
        drop(new_table); // the old heap table, now without references
        self.fill.set(entries.len());
        self.used.set(entries.len());
        for (k, h) in entries {
            self.insert_clean(k, h);
        }
        Ok(())
    }

    /// `set_discard_entry`: removes `key` if present, leaving a dummy slot.
    /// Returns the stored key (drop it after this call).
    pub fn discard<K: KeyOps>(
        &self,
        ops: &mut K,
        key: &Ref,
        hash: isize,
    ) -> Result<Option<Ref>, K::Err> {
        let Some(i) = self.lookkey(ops, key, hash)? else {
            return Ok(None);
        };
        let old = self.set_entry(i, None, DUMMY_HASH);
        if old.is_some() {
            self.used.set(self.used.get().saturating_sub(1));
        }
        Ok(old)
    }

    /// `set.pop()`: scans from the search finger (wrapping) for an active
    /// slot, turns it into a dummy and moves the finger past it. None when
    /// empty (raise `KeyError('pop from an empty set')`).
    pub fn pop(&self) -> Option<Ref> {
        if self.used.get() == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.finger.get() & mask;
        for _ in 0..=mask {
            if self.peek_key(i).is_some() {
                let key = self.set_entry(i, None, DUMMY_HASH);
                self.used.set(self.used.get().saturating_sub(1));
                self.finger.set(i + 1);
                return key;
            }
            i = if i == mask { 0 } else { i + 1 };
        }
        None
    }

    /// `set_clear_internal`: back to the empty inline table (216 bytes) with
    /// the hash cache reset; the old keys are released after the set is
    /// already empty. The pop finger is kept, as in CPython.
    pub fn clear(&self) {
        let mut keys = Vec::with_capacity(self.used.get());
        for i in 0..=self.mask() {
            if let Some(k) = self.set_entry(i, None, 0) {
                keys.push(k);
            }
        }
        let old = RecordArray::empty();
        self.table.swap(&old);
        self.fill.set(0);
        self.used.set(0);
        self.hash.set(-1);
        drop(old);
        drop(keys);
    }

    /// The pre-sizing `set_update_internal` does before adding `n` keys from
    /// a dict: when `(fill + n)·5 >= mask·3`, resize for `2·(used + n)`.
    pub fn reserve_for(&self, n: usize) -> Result<(), MemoryError> {
        if (self.fill.get().saturating_add(n)).saturating_mul(5) >= self.mask() * 3 {
            self.table_resize(self.used.get().saturating_add(n).saturating_mul(2))?;
        }
        Ok(())
    }

    /// `set_merge`: adds every key of `other` (`s.update(t)`, `set(t)`,
    /// `s | t` …). One big resize first ([`Self::reserve_for`]); an empty
    /// table of the same size as a dummy-free `other` is copied slot by slot;
    /// another empty table takes `insert_clean`; otherwise normal adds.
    pub fn merge_from<K: KeyOps>(&self, ops: &mut K, other: &SetTable) -> Result<(), K::Err> {
        if std::ptr::eq(self, other) || other.used.get() == 0 {
            return Ok(());
        }
        self.reserve_for(other.used.get())?;
        if self.fill.get() == 0
            && self.mask() == other.mask()
            && other.fill.get() == other.used.get()
        {
            for i in 0..=other.mask() {
                if let Some(k) = other.entry_key(i) {
                    drop(self.set_entry(i, Some(k), other.entry_hash(i)));
                }
            }
            self.fill.set(other.fill.get());
            self.used.set(other.used.get());
            return Ok(());
        }
        if self.fill.get() == 0 {
            let mut n = 0;
            for i in 0..=other.mask() {
                if let Some(k) = other.entry_key(i) {
                    self.insert_clean(k, other.entry_hash(i));
                    n += 1;
                }
            }
            self.fill.set(n);
            self.used.set(n);
            return Ok(());
        }
        let mut i = 0;
        while i <= other.mask() {
            if let Some(k) = other.entry_key(i) {
                let h = other.entry_hash(i);
                self.add(ops, k, h)?;
            }
            i += 1;
        }
        Ok(())
    }

    /// `set_swap_bodies`: exchanges the whole contents (tables, counts) of two
    /// sets; both hash caches are reset. No reference is dropped.
    pub fn swap_bodies(&self, other: &SetTable) {
        if std::ptr::eq(self, other) {
            return;
        }
        self.fill.swap(&other.fill);
        self.used.swap(&other.used);
        self.table.swap(&other.table);
        for (a, b) in self.small.iter().zip(other.small.iter()) {
            let ka = a.key.replace(None);
            let kb = b.key.replace(ka);
            let none = a.key.replace(kb);
            debug_assert!(none.is_none());
            a.hash.swap(&b.hash);
        }
        self.hash.set(-1);
        other.hash.set(-1);
    }

    /// `tp_traverse`: visits every active key in table order.
    pub fn traverse(&self, visit: &mut dyn FnMut(ObjPtr)) {
        // NOTE: visit functions never touch this table nor drop references,
        // so keys are visited in place (no temporary array).
        for i in 0..=self.mask() {
            if let Some(p) = self.peek_key(i) {
                visit(p);
            }
        }
    }
}

#[cfg(test)]
mod tests;
