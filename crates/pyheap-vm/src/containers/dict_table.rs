//! The compact dict table: CPython 3.11's `PyDictKeysObject` for combined
//! (non-split) dicts, stored in one [`RecordBlock`].
//!
//! Read [`DictTable::insert`] first (CPython's `insertdict`), then
//! [`DictTable::lookup`] (`_Py_dict_lookup`) and [`DictTable::dictresize`].
//!
//! Layout of the keys block (bytes are real heap usage):
//! `32-byte header + table_size·index_bytes + usable·entry_size`, where the
//! index array holds entry numbers (or -1 = EMPTY, -2 = DUMMY) as signed
//! little-endian integers of 1/2/4/8 bytes, and the entries are
//! - "unicode" tables (all keys exact `str` with a cached hash): 2 words
//!   `(key, value)`; the hash is read from the str's cache;
//! - general tables: 3 words `(hash, key, value)`.
//!
//! Invariants:
//! - no block ⇔ CPython's shared `Py_EMPTY_KEYS` (log2 size 0, usable 0,
//!   unicode kind, not counted by `getsizeof`);
//! - entries `0..nentries` were appended in insertion order; a live entry has
//!   a key and a value, a deleted one has neither (its index slot is DUMMY);
//! - `used` = number of live entries; `usable` = entries still appendable
//!   (popitem lowers `nentries` without raising `usable`, as CPython does);
//! - `generation` changes whenever the keys block is replaced, so a lookup
//!   that ran re-entrant code can tell that it must restart. It is drawn from
//!   a per-thread counter, so no two blocks share one (until the counter
//!   wraps, which [`generations_unique`] reports);
//! - a new key is always appended and lowers `usable`, which only an
//!   install raises again (or `set_usable`, for shared keys): while
//!   (`generation`, `usable`) is unchanged, no key was added (see
//!   [`DictTable::absent_stamp`]).

use std::cell::Cell;

use pyheap_mem::{MemoryError, ObjPtr, RecordBlock, Ref};

use super::{is_unicode_key, KeyOps};

thread_local! {
    /// The next keys-block generation (never 0: 0 marks a table that never
    /// had a block) and whether the counter has wrapped.
    static NEXT_GENERATION: Cell<u32> = const { Cell::new(1) };
    static GENERATIONS_WRAPPED: Cell<bool> = const { Cell::new(false) };
}

/// A generation no live keys block has (until the counter wraps).
fn fresh_generation() -> u32 {
    NEXT_GENERATION.with(|c| {
        let g = c.get();
        match g.checked_add(1) {
            Some(n) => c.set(n),
            None => {
                GENERATIONS_WRAPPED.with(|w| w.set(true));
                c.set(1);
            }
        }
        g
    })
}

/// Whether every keys block's generation is still unique on this thread.
pub fn generations_unique() -> bool {
    !GENERATIONS_WRAPPED.with(|w| w.get())
}

/// `PERTURB_SHIFT`: bits of the hash fed into each probe step.
pub const PERTURB_SHIFT: u32 = 5;
/// log2 of `PyDict_MINSIZE` (8 slots).
pub const DICT_LOG_MINSIZE: u8 = 3;
/// Largest table this implementation builds (2^32 slots).
const MAX_LOG2: u8 = 32;
const DKIX_EMPTY: isize = -1;
const DKIX_DUMMY: isize = -2;
/// `sys.getsizeof` of a dict without its keys: 48-byte object + 16 GC header.
pub const DICT_BASE_SIZEOF: usize = 64;

/// `USABLE_FRACTION(n)`: entries a table of `n` slots holds (2n/3).
pub fn usable_fraction(n: usize) -> usize {
    (n << 1) / 3
}

/// `calculate_log2_keysize(minsize)` exactly as 3.11 computes it on 64-bit,
/// including its quirk: `bit_length(((minsize | 8) - 1) | 7)`, so any
/// `minsize` in 1..=7 gives 16 slots, not 8 (`{"a": 1}` then `d[1] = 1`
/// reports 352).
pub fn calculate_log2_keysize(minsize: usize) -> u8 {
    let m = ((minsize | 8) - 1) | 7;
    (usize::BITS - m.leading_zeros()) as u8
}

/// `estimate_log2_keysize(n)`: table for `n` items without resizing
/// (`calculate_log2_keysize((3n + 1) / 2)`).
pub fn estimate_log2_keysize(n: usize) -> u8 {
    calculate_log2_keysize(n.saturating_mul(3).saturating_add(1) / 2)
}

/// Width in bytes of one index slot for a table of `2^log2` slots.
pub fn index_bytes(log2: u8) -> usize {
    match log2 {
        0..=7 => 1,
        8..=15 => 2,
        16..=31 => 4,
        _ => 8,
    }
}

/// `_PyDict_KeysSize` of a keys object of `2^log2` slots.
pub fn keys_object_bytes(log2: u8, unicode: bool) -> usize {
    let size = 1usize << log2;
    32 + size * index_bytes(log2) + usable_fraction(size) * if unicode { 16 } else { 24 }
}

/// One dict table (the part of a dict object after its header, plus the
/// separately allocated keys block). Exactly 32 bytes, like the four words
/// CPython's dict object has after its header, so a payload embedding it
/// keeps the 48-byte object.
pub struct DictTable {
    keys: RecordBlock,
    used: Cell<usize>,
    nentries: Cell<u32>,
    usable: Cell<u32>,
    generation: Cell<u32>,
    log2_size: Cell<u8>,
    unicode: Cell<bool>,
    /// Opaque tag of the owner (`objects::dict`'s split-dict marker); the
    /// table itself never reads it. It fills the struct's padding.
    split_tag: Cell<u16>,
}

const _: () = assert!(std::mem::size_of::<DictTable>() == 32);

impl Default for DictTable {
    fn default() -> Self {
        DictTable::new()
    }
}

/// Allocates a keys block of `2^log2` slots with every index EMPTY.
fn new_keys(log2: u8, unicode: bool) -> Result<RecordBlock, MemoryError> {
    if log2 > MAX_LOG2 {
        return Err(MemoryError);
    }
    let size = 1usize << log2;
    let nbytes = size * index_bytes(log2);
    let (words, mask) = if unicode { (2, 0b11) } else { (3, 0b110) };
    let block = RecordBlock::new(nbytes, words, usable_fraction(size), mask)?;
    for i in 0..nbytes {
        block.set_byte(i, 0xff);
    }
    Ok(block)
}

fn get_index(b: &RecordBlock, log2: u8, i: usize) -> isize {
    let w = index_bytes(log2);
    let mut v: u64 = 0;
    for k in 0..w {
        v |= (b.byte(i * w + k).unwrap_or(0xff) as u64) << (8 * k);
    }
    // Sign-extend from w bytes.
    let shift = 64 - 8 * w as u32;
    ((v << shift) as i64 >> shift) as isize
}

fn set_index(b: &RecordBlock, log2: u8, i: usize, ix: isize) {
    let w = index_bytes(log2);
    let v = ix as u64;
    for k in 0..w {
        b.set_byte(i * w + k, (v >> (8 * k)) as u8);
    }
}

/// The probe sequence of `hash` in a table of mask `mask`, bounded so that a
/// corrupted table cannot loop forever (after the perturbation has shifted
/// out, `5i+1` visits every slot within `size` steps).
struct Probe {
    i: usize,
    perturb: usize,
    mask: usize,
    left: usize,
}

impl Probe {
    fn new(hash: isize, mask: usize) -> Probe {
        Probe {
            i: hash as usize & mask,
            perturb: hash as usize,
            mask,
            left: mask + 1 + 16,
        }
    }
    fn next(&mut self) -> bool {
        self.perturb >>= PERTURB_SHIFT;
        self.i = (self
            .i
            .wrapping_mul(5)
            .wrapping_add(self.perturb)
            .wrapping_add(1))
            & self.mask;
        self.left = self.left.saturating_sub(1);
        self.left > 0
    }
}

/// `find_empty_slot`: first slot on the probe path whose index is EMPTY or DUMMY.
fn find_empty_slot(b: &RecordBlock, log2: u8, hash: isize) -> Option<usize> {
    let mut p = Probe::new(hash, (1usize << log2) - 1);
    loop {
        if get_index(b, log2, p.i) < 0 {
            return Some(p.i);
        }
        if !p.next() {
            return None;
        }
    }
}

/// `lookdict_index`: the slot whose index is `ix`.
fn lookdict_index(b: &RecordBlock, log2: u8, hash: isize, ix: usize) -> Option<usize> {
    let mut p = Probe::new(hash, (1usize << log2) - 1);
    loop {
        let v = get_index(b, log2, p.i);
        if v == ix as isize {
            return Some(p.i);
        }
        if v == DKIX_EMPTY || !p.next() {
            return None;
        }
    }
}

impl DictTable {
    /// An empty table using the shared empty keys (no allocation).
    pub const fn new() -> DictTable {
        DictTable {
            keys: RecordBlock::empty(),
            used: Cell::new(0),
            nentries: Cell::new(0),
            usable: Cell::new(0),
            generation: Cell::new(0),
            log2_size: Cell::new(0),
            unicode: Cell::new(true),
            split_tag: Cell::new(0),
        }
    }

    /// The owner's tag (0 unless set with [`Self::set_split_tag`]).
    pub fn split_tag(&self) -> u16 {
        self.split_tag.get()
    }
    /// Sets the owner's tag; nothing in the table depends on it.
    pub fn set_split_tag(&self, tag: u16) {
        self.split_tag.set(tag);
    }

    /// `dict_new_presized(minused, unicode)` (`BUILD_MAP n`, `_PyDict_FromItems`):
    /// the shared empty keys when `minused <= 5`, else a table of
    /// [`estimate_log2_keysize`]`(minused)` slots (capped at 2^17).
    pub fn presized(minused: usize, unicode: bool) -> Result<DictTable, MemoryError> {
        let d = DictTable::new();
        if minused <= usable_fraction(8) {
            return Ok(d);
        }
        let log2 = if minused > usable_fraction(1 << 17) {
            17
        } else {
            estimate_log2_keysize(minused)
        };
        let old = d.install(new_keys(log2, unicode)?, log2, unicode, 0);
        drop(old);
        Ok(d)
    }

    /// Runs `f` on the keys block. `f` must not call out (KeyOps) nor drop
    /// references: the table's other fields are not kept in step with the
    /// block while it runs.
    ///
    /// NOTE: the block stays in place (it used to be moved out and back per
    /// call, a measurable cost on every attribute and global lookup); every
    /// `RecordBlock` access re-reads and bounds-checks its storage, so even
    /// a block replaced under `f` is only ever read within bounds.
    #[inline(always)]
    fn with<R>(&self, f: impl FnOnce(&RecordBlock) -> R) -> R {
        f(&self.keys)
    }

    /// Installs a new block (with `n` entries already written) and returns
    /// the old one, for the caller to drop once the table is consistent.
    fn install(&self, block: RecordBlock, log2: u8, unicode: bool, n: usize) -> RecordBlock {
        let cap = usable_fraction(1usize << log2);
        let old = self.keys.replace(block);
        self.log2_size.set(log2);
        self.unicode.set(unicode);
        self.nentries.set(n as u32);
        self.usable.set(cap.saturating_sub(n) as u32);
        self.used.set(n);
        self.generation.set(fresh_generation());
        old
    }

    /// True while the table uses the shared empty keys (no block).
    pub fn is_empty_keys(&self) -> bool {
        self.with(|b| b.count() == 0)
    }
    /// `len(d)`: live entries (`ma_used`).
    pub fn len(&self) -> usize {
        self.used.get()
    }
    /// True when there are no live entries.
    pub fn is_empty(&self) -> bool {
        self.used.get() == 0
    }
    /// Entries appended so far, live or deleted (`dk_nentries`); entry
    /// indices are `0..nentries()`.
    pub fn nentries(&self) -> usize {
        self.nentries.get() as usize
    }
    /// Entries that can still be appended before a resize (`dk_usable`).
    pub fn usable(&self) -> usize {
        self.usable.get() as usize
    }
    /// Slots of the hash index (1 for the shared empty keys).
    pub fn table_size(&self) -> usize {
        1usize << self.log2_size.get()
    }
    /// log2 of [`Self::table_size`].
    pub fn log2_size(&self) -> u8 {
        self.log2_size.get()
    }
    /// True for a "unicode" table (all keys exact str, 16-byte entries).
    pub fn is_unicode(&self) -> bool {
        self.unicode.get()
    }
    /// Changes whenever the keys block is replaced (resize, clear, copy-in).
    pub fn generation(&self) -> u32 {
        self.generation.get()
    }
    /// A stamp that stays the same exactly while no key is added to this
    /// table (and differs from every other table's): `LOAD_GLOBAL` keeps it
    /// to skip a lookup that failed before (CPython 3.11's keys version).
    /// None when the table cannot give one (no block, shared keys, or the
    /// generation counter has wrapped).
    pub fn absent_stamp(&self, shared: bool) -> Option<u64> {
        let g = self.generation.get();
        if shared || g == 0 || self.is_empty_keys() || !generations_unique() {
            return None;
        }
        Some(u64::from(g) << 32 | u64::from(self.usable.get()))
    }
    /// Bytes of the keys block (`_PyDict_KeysSize`), 0 for the shared empty keys.
    pub fn keys_bytes(&self) -> usize {
        self.with(|b| b.heap_bytes())
    }
    /// `sys.getsizeof` of a combined dict using this table: 64 + keys bytes.
    pub fn dict_sizeof(&self) -> usize {
        DICT_BASE_SIZEOF + self.keys_bytes()
    }

    fn key_word(&self) -> usize {
        if self.unicode.get() {
            0
        } else {
            1
        }
    }

    /// The key of entry `ix` (new reference), None if deleted or out of range.
    pub fn entry_key(&self, ix: usize) -> Option<Ref> {
        let kw = self.key_word();
        self.with(|b| b.get_ref(ix, kw))
    }
    /// The value of entry `ix` (new reference), None if deleted or out of range.
    pub fn entry_value(&self, ix: usize) -> Option<Ref> {
        let vw = self.key_word() + 1;
        self.with(|b| b.get_ref(ix, vw))
    }
    /// Key and value of live entry `ix` (new references).
    pub fn entry(&self, ix: usize) -> Option<(Ref, Ref)> {
        Some((self.entry_key(ix)?, self.entry_value(ix)?))
    }
    /// Pointer of the key of entry `ix`, count untouched.
    pub fn entry_key_peek(&self, ix: usize) -> Option<ObjPtr> {
        let kw = self.key_word();
        self.with(|b| b.peek_ref(ix, kw))
    }
    /// The stored hash of live entry `ix` (a unicode table reads the key's
    /// cached str hash).
    pub fn entry_hash<K: KeyOps>(&self, ops: &K, ix: usize) -> Option<isize> {
        if self.unicode.get() {
            let k = self.entry_key(ix)?;
            ops.cached_str_hash(&k)
        } else {
            self.entry_key_peek(ix)?;
            self.with(|b| b.int(ix, 0)).map(|h| h as isize)
        }
    }
    /// Replaces the value of live entry `ix`; returns the old value (drop it
    /// after this call). Returns `Err(value)` when `ix` is not live.
    pub fn set_value(&self, ix: usize, value: Ref) -> Result<Option<Ref>, Ref> {
        if self.entry_key_peek(ix).is_none() {
            return Err(value);
        }
        let vw = self.key_word() + 1;
        match self.with(|b| b.replace_ref(ix, vw, Some(value))) {
            Ok(old) => Ok(old),
            Err(Some(v)) => Err(v),
            Err(None) => Ok(None),
        }
    }

    /// First live entry index `>= pos` (dict iteration: call with 0, then
    /// with the previous result + 1). Iterators must also compare
    /// [`Self::len`] with the length they started with (CPython's
    /// "dictionary changed size during iteration").
    pub fn next_entry(&self, pos: usize) -> Option<usize> {
        let n = self.nentries();
        let kw = self.key_word();
        self.with(|b| (pos..n).find(|&ix| b.peek_ref(ix, kw).is_some()))
    }

    /// Last live entry index `<= pos` (reverse iteration: start with
    /// `nentries() - 1`, then the previous result - 1).
    pub fn prev_entry(&self, pos: usize) -> Option<usize> {
        let n = self.nentries();
        if n == 0 {
            return None;
        }
        let kw = self.key_word();
        self.with(|b| {
            (0..=pos.min(n - 1))
                .rev()
                .find(|&ix| b.peek_ref(ix, kw).is_some())
        })
    }

    /// `_Py_dict_lookup`: the entry index holding a key equal to `key`.
    /// Checks identity first, then hash equality, then `ops.eq(stored, key)`.
    /// If `eq` replaced the keys block or the compared entry, the search
    /// restarts, as CPython does. Errors come only from `eq`.
    pub fn lookup<K: KeyOps>(
        &self,
        ops: &mut K,
        key: &Ref,
        hash: isize,
    ) -> Result<Option<usize>, K::Err> {
        'restart: loop {
            let log2 = self.log2_size.get();
            if self.is_empty_keys() {
                return Ok(None);
            }
            let generation = self.generation.get();
            let unicode = self.unicode.get();
            let kw = self.key_word();
            let mut p = Probe::new(hash, (1usize << log2) - 1);
            loop {
                let ix = self.with(|b| get_index(b, log2, p.i));
                if ix >= 0 {
                    let ix = ix as usize;
                    let Some(kp) = self.with(|b| b.peek_ref(ix, kw)) else {
                        return Ok(None); // corrupted index; treat as absent
                    };
                    if kp == key.ptr() {
                        return Ok(Some(ix));
                    }
                    // NOTE: a general table compares the stored hash before
                    // touching the key object (as CPython does): in a large
                    // table that object is a cache miss.
                    if !unicode && self.with(|b| b.int(ix, 0)) != Some(hash as usize) {
                        if !p.next() {
                            return Ok(None);
                        }
                        continue;
                    }
                    let Some(startkey) = self.with(|b| b.get_ref(ix, kw)) else {
                        return Ok(None);
                    };
                    let ehash = if unicode {
                        ops.cached_str_hash(&startkey)
                    } else {
                        self.with(|b| b.int(ix, 0)).map(|h| h as isize)
                    };
                    if ehash == Some(hash) {
                        let addr = startkey.addr();
                        let cmp = ops.eq(&startkey, key);
                        drop(startkey);
                        let cmp = cmp?;
                        let same = self.generation.get() == generation
                            && self.entry_key_peek(ix).map(|p| p.addr()) == Some(addr);
                        if !same {
                            continue 'restart;
                        }
                        if cmp {
                            return Ok(Some(ix));
                        }
                    }
                } else if ix == DKIX_EMPTY {
                    return Ok(None);
                }
                if !p.next() {
                    return Ok(None);
                }
            }
        }
    }

    /// A lookup that never calls out: the live entry with stored hash `hash`
    /// whose key satisfies `matches` (which must check identity itself and
    /// must not run code or touch this table). For exact-str lookups.
    pub fn find_by<K: KeyOps>(
        &self,
        ops: &K,
        hash: isize,
        matches: impl Fn(&Ref) -> bool,
    ) -> Option<usize> {
        if self.is_empty_keys() {
            return None;
        }
        let log2 = self.log2_size.get();
        let unicode = self.unicode.get();
        let kw = self.key_word();
        let mut p = Probe::new(hash, (1usize << log2) - 1);
        loop {
            let ix = self.with(|b| get_index(b, log2, p.i));
            if ix == DKIX_EMPTY {
                return None;
            }
            let skip =
                ix >= 0 && !unicode && self.with(|b| b.int(ix as usize, 0)) != Some(hash as usize);
            if ix >= 0 && !skip {
                let ix = ix as usize;
                let k = self.with(|b| b.get_ref(ix, kw))?;
                let ehash = if unicode {
                    ops.cached_str_hash(&k)
                } else {
                    self.with(|b| b.int(ix, 0)).map(|h| h as isize)
                };
                if ehash == Some(hash) && matches(&k) {
                    return Some(ix);
                }
            }
            if !p.next() {
                return None;
            }
        }
    }

    /// The value for `key` (new reference), via [`Self::lookup`].
    pub fn get<K: KeyOps>(
        &self,
        ops: &mut K,
        key: &Ref,
        hash: isize,
    ) -> Result<Option<Ref>, K::Err> {
        Ok(match self.lookup(ops, key, hash)? {
            Some(ix) => self.entry_value(ix),
            None => None,
        })
    }

    /// `insertdict` (and `insert_to_emptydict`): `d[key] = value` with
    /// `hash == hash(key)`. Returns the replaced value when the key was
    /// present (the stored key is kept, the new `key` is dropped); drop the
    /// result after this call. Grows per CPython: a non-str key in a unicode
    /// table first converts it (`insertion_resize`, which also resizes to
    /// `calculate_log2_keysize(3·used)`); appending with no usable entry
    /// resizes the same way. The first insert into the shared empty keys
    /// allocates an 8-slot table of the key's kind.
    pub fn insert<K: KeyOps>(
        &self,
        ops: &mut K,
        key: Ref,
        hash: isize,
        value: Ref,
    ) -> Result<Option<Ref>, K::Err> {
        if self.is_empty_keys() {
            self.insert_to_empty(ops, key, hash, value)?;
            return Ok(None);
        }
        let key_unicode = is_unicode_key(ops, &key);
        if self.unicode.get() && !key_unicode {
            self.insertion_resize(ops, false)?;
        }
        if let Some(ix) = self.lookup(ops, &key, hash)? {
            let vw = self.key_word() + 1;
            let old = self.with(|b| b.replace_ref(ix, vw, Some(value)));
            drop(key);
            return Ok(old.unwrap_or_default());
        }
        // `eq` may have run arbitrary code: re-check the table's state.
        if self.is_empty_keys() {
            self.insert_to_empty(ops, key, hash, value)?;
            return Ok(None);
        }
        if self.unicode.get() && !key_unicode {
            self.insertion_resize(ops, false)?;
        }
        if self.usable.get() == 0 {
            self.insertion_resize(ops, self.unicode.get())?;
        }
        self.append(key, hash, value).map_err(K::Err::from)?;
        Ok(None)
    }

    fn insert_to_empty<K: KeyOps>(
        &self,
        ops: &K,
        key: Ref,
        hash: isize,
        value: Ref,
    ) -> Result<(), MemoryError> {
        let unicode = is_unicode_key(ops, &key);
        let block = new_keys(DICT_LOG_MINSIZE, unicode)?;
        let old = self.install(block, DICT_LOG_MINSIZE, unicode, 0);
        self.append(key, hash, value)?;
        drop(old);
        Ok(())
    }

    /// Appends a new entry (the key is known to be absent and `usable > 0`).
    fn append(&self, key: Ref, hash: isize, value: Ref) -> Result<(), MemoryError> {
        let log2 = self.log2_size.get();
        let ix = self.nentries();
        let unicode = self.unicode.get();
        let ok = self.with(|b| {
            if ix >= b.count() {
                return Err((key, value));
            }
            let Some(slot) = find_empty_slot(b, log2, hash) else {
                return Err((key, value));
            };
            set_index(b, log2, slot, ix as isize);
            if unicode {
                let _ = b.replace_ref(ix, 0, Some(key));
                let _ = b.replace_ref(ix, 1, Some(value));
            } else {
                b.set_int(ix, 0, hash as usize);
                let _ = b.replace_ref(ix, 1, Some(key));
                let _ = b.replace_ref(ix, 2, Some(value));
            }
            Ok(())
        });
        if let Err((k, v)) = ok {
            drop((k, v));
            return Err(MemoryError);
        }
        self.nentries.set(ix as u32 + 1);
        self.usable.set(self.usable.get().saturating_sub(1));
        self.used.set(self.used.get() + 1);
        Ok(())
    }

    /// `insertion_resize`: `dictresize(calculate_log2_keysize(3·used), unicode)`.
    pub fn insertion_resize<K: KeyOps>(&self, ops: &K, unicode: bool) -> Result<(), MemoryError> {
        let log2 = calculate_log2_keysize(self.used.get().saturating_mul(3));
        self.dictresize(ops, log2, unicode)
    }

    /// `dictresize(log2_newsize, unicode)`: moves the live entries, in order
    /// and compacted, into a fresh table of `2^log2_newsize` slots. The new
    /// table is unicode only if both `unicode` and the current table are.
    /// Used directly for `dict.fromkeys(dict_or_set)` presizing and
    /// `dict_merge`'s one big resize.
    pub fn dictresize<K: KeyOps>(
        &self,
        ops: &K,
        log2_newsize: u8,
        unicode: bool,
    ) -> Result<(), MemoryError> {
        let log2 = log2_newsize.max(DICT_LOG_MINSIZE);
        let unicode = unicode && self.unicode.get();
        if usable_fraction(1usize.checked_shl(log2 as u32).unwrap_or(0)) < self.used.get() {
            return Err(MemoryError);
        }
        let new = new_keys(log2, unicode)?;
        let old_unicode = self.unicode.get();
        let kw = self.key_word();
        let n = self.nentries();
        let old = self.keys.take();
        let mut j = 0usize;
        for i in 0..n {
            let Ok(Some(key)) = old.replace_ref(i, kw, None) else {
                continue;
            };
            let value = old.replace_ref(i, kw + 1, None).ok().flatten();
            let hash = if old_unicode {
                ops.cached_str_hash(&key).unwrap_or(0)
            } else {
                old.int(i, 0).unwrap_or(0) as isize
            };
            if let Some(slot) = find_empty_slot(&new, log2, hash) {
                set_index(&new, log2, slot, j as isize);
            }
            if unicode {
                let _ = new.replace_ref(j, 0, Some(key));
                let _ = new.replace_ref(j, 1, value);
            } else {
                new.set_int(j, 0, hash as usize);
                let _ = new.replace_ref(j, 1, Some(key));
                let _ = new.replace_ref(j, 2, value);
            }
            j += 1;
        }
        let empty = self.install(new, log2, unicode, j);
        drop(empty);
        drop(old);
        Ok(())
    }

    /// Deletes live entry `ix` whose hash is `hash` (CPython's
    /// `delitem_common`): its index slot becomes DUMMY, the table never
    /// shrinks. Returns the key and value for the caller to drop.
    pub fn delete_entry(&self, ix: usize, hash: isize) -> Option<(Ref, Ref)> {
        let log2 = self.log2_size.get();
        let kw = self.key_word();
        let unicode = self.unicode.get();
        let out = self.with(|b| {
            b.peek_ref(ix, kw)?;
            let slot = lookdict_index(b, log2, hash, ix)?;
            set_index(b, log2, slot, DKIX_DUMMY);
            let k = b.replace_ref(ix, kw, None).ok().flatten();
            let v = b.replace_ref(ix, kw + 1, None).ok().flatten();
            if !unicode {
                b.set_int(ix, 0, 0);
            }
            Some((k?, v?))
        });
        if out.is_some() {
            self.used.set(self.used.get().saturating_sub(1));
        }
        out
    }

    /// `dict.pop(key)` / `del d[key]`: removes `key` if present and returns
    /// its stored key and value (drop them after this call).
    pub fn pop<K: KeyOps>(
        &self,
        ops: &mut K,
        key: &Ref,
        hash: isize,
    ) -> Result<Option<(Ref, Ref)>, K::Err> {
        Ok(match self.lookup(ops, key, hash)? {
            Some(ix) => self.delete_entry(ix, hash),
            None => None,
        })
    }

    /// `dict.popitem()`: removes the last live entry (LIFO); `nentries` drops
    /// to its index but `usable` is not given back (DUMMY stays in the index).
    pub fn popitem<K: KeyOps>(&self, ops: &K) -> Option<(Ref, Ref)> {
        if self.used.get() == 0 {
            return None;
        }
        let mut i = self.nentries();
        let kw = self.key_word();
        loop {
            if i == 0 {
                return None;
            }
            i -= 1;
            if self.with(|b| b.peek_ref(i, kw)).is_some() {
                break;
            }
        }
        let hash = self.entry_hash(ops, i)?;
        let out = self.delete_entry(i, hash)?;
        self.nentries.set(i as u32);
        Some(out)
    }

    /// `dict.clear()`: back to the shared empty keys. The old entries are
    /// released after the table is already empty.
    pub fn clear(&self) {
        let old = self.install(RecordBlock::empty(), 0, true, 0);
        drop(old);
    }

    /// Exchanges the whole contents of two tables.
    pub fn swap(&self, other: &DictTable) {
        self.keys.swap(&other.keys);
        self.used.swap(&other.used);
        self.nentries.swap(&other.nentries);
        self.usable.swap(&other.usable);
        self.log2_size.swap(&other.log2_size);
        self.unicode.swap(&other.unicode);
        self.generation.set(fresh_generation());
        other.generation.set(fresh_generation());
    }

    /// `clone_combined_dict_keys`: an identical table (same size, same index
    /// including DUMMY slots, same entries), each reference counted again.
    pub fn clone_table(&self) -> Result<DictTable, MemoryError> {
        let d = DictTable::new();
        if self.is_empty_keys() {
            return Ok(d);
        }
        let log2 = self.log2_size.get();
        let unicode = self.unicode.get();
        let new = new_keys(log2, unicode)?;
        let n = self.nentries();
        self.with(|b| {
            for i in 0..b.nbytes() {
                new.set_byte(i, b.byte(i).unwrap_or(0xff));
            }
            for ix in 0..n {
                if unicode {
                    let _ = new.replace_ref(ix, 0, b.get_ref(ix, 0));
                    let _ = new.replace_ref(ix, 1, b.get_ref(ix, 1));
                } else {
                    new.set_int(ix, 0, b.int(ix, 0).unwrap_or(0));
                    let _ = new.replace_ref(ix, 1, b.get_ref(ix, 1));
                    let _ = new.replace_ref(ix, 2, b.get_ref(ix, 2));
                }
            }
        });
        let _ = d.install(new, log2, unicode, 0);
        d.nentries.set(self.nentries.get());
        d.usable.set(self.usable.get());
        d.used.set(self.used.get());
        Ok(d)
    }

    /// `PyDict_Copy` for a combined dict: empty → shared empty keys; at most
    /// 1/3 deleted entries (`used >= 2·nentries/3`) → [`Self::clone_table`];
    /// otherwise a compacted copy built by [`Self::merge_from`].
    pub fn copy<K: KeyOps>(&self, ops: &mut K) -> Result<DictTable, K::Err> {
        if self.used.get() == 0 {
            return Ok(DictTable::new());
        }
        if self.used.get() >= self.nentries() * 2 / 3 {
            return Ok(self.clone_table()?);
        }
        let d = DictTable::new();
        d.merge_from(ops, self, true)?;
        Ok(d)
    }

    /// `dict_merge(self, other)` where `other` is an exact dict (`update`,
    /// `dict(other)`, `{**other}`): when `self` is empty and `other` is
    /// compact and "just allocated" (`used == nentries` and table 8 or more
    /// than half full) its table is cloned; else one big resize to
    /// `estimate_log2_keysize(used + other.used)` when `other.used` exceeds
    /// this table's capacity, then each entry is inserted in order
    /// (`override_` false keeps existing keys: `PyDict_Merge(a, b, 0)`).
    /// Returns `Ok(false)` when `other` changed size during the merge
    /// (raise `RuntimeError("dict mutated during update")`).
    pub fn merge_from<K: KeyOps>(
        &self,
        ops: &mut K,
        other: &DictTable,
        override_: bool,
    ) -> Result<bool, K::Err> {
        if std::ptr::eq(self, other) || other.used.get() == 0 {
            return Ok(true);
        }
        if self.used.get() == 0 {
            let on = other.used.get();
            let olog2 = other.log2_size.get();
            if on == other.nentries()
                && (olog2 == DICT_LOG_MINSIZE || usable_fraction(other.table_size() / 2) < on)
            {
                let c = other.clone_table()?;
                self.swap(&c);
                drop(c);
                return Ok(true);
            }
        }
        if usable_fraction(self.table_size()) < other.used.get() {
            let log2 = estimate_log2_keysize(self.used.get() + other.used.get());
            self.dictresize(ops, log2, other.unicode.get())?;
        }
        let orig = other.nentries();
        let mut pos = 0;
        while let Some(ix) = other.next_entry(pos) {
            pos = ix + 1;
            let (Some((k, v)), Some(h)) = (other.entry(ix), other.entry_hash(ops, ix)) else {
                continue;
            };
            if override_ || self.lookup(ops, &k, h)?.is_none() {
                let old = self.insert(ops, k, h, v)?;
                drop(old);
            }
            if other.nentries() != orig {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Builds a table of at least `2^log2` slots from distinct keys given in
    /// order as `(key, hash, value)` (no lookups, no `eq` calls). Unicode only
    /// if `unicode` and every key is a cached-hash exact str. For converting a
    /// split dict to a combined one (`log2 = calculate_log2_keysize(3·used)`).
    pub fn from_ordered_entries<K: KeyOps>(
        ops: &K,
        log2: u8,
        unicode: bool,
        entries: Vec<(Ref, isize, Ref)>,
    ) -> Result<DictTable, MemoryError> {
        let d = DictTable::new();
        if entries.is_empty() && log2 == 0 {
            return Ok(d);
        }
        let unicode = unicode && entries.iter().all(|(k, _, _)| is_unicode_key(ops, k));
        let mut log2 = log2.max(DICT_LOG_MINSIZE);
        while usable_fraction(1usize << log2) < entries.len() {
            log2 += 1;
            if log2 > MAX_LOG2 {
                return Err(MemoryError);
            }
        }
        let old = d.install(new_keys(log2, unicode)?, log2, unicode, 0);
        drop(old);
        for (k, h, v) in entries {
            d.append(k, h, v)?;
        }
        Ok(d)
    }

    /// A split-table keys object (`_PyDict_NewKeysForClass`): unicode,
    /// `2^log2` slots, with `usable` overridden. For [`super::shared_keys`].
    pub(crate) fn new_split_keys(log2: u8, usable: usize) -> Result<DictTable, MemoryError> {
        let d = DictTable::new();
        let old = d.install(new_keys(log2, true)?, log2, true, 0);
        drop(old);
        d.usable.set(usable as u32);
        Ok(d)
    }

    /// Overrides `usable` (the per-instance decrement of shared keys).
    pub(crate) fn set_usable(&self, n: usize) {
        self.usable.set(n as u32);
    }

    /// Appends a key with no value (a shared-keys name); returns its index.
    pub(crate) fn append_name(&self, key: Ref, hash: isize) -> Result<usize, MemoryError> {
        let log2 = self.log2_size.get();
        let ix = self.nentries();
        if self.usable.get() == 0 || !self.unicode.get() {
            return Err(MemoryError);
        }
        let placed = self.with(|b| {
            if ix >= b.count() {
                return Err(key);
            }
            let Some(slot) = find_empty_slot(b, log2, hash) else {
                return Err(key);
            };
            set_index(b, log2, slot, ix as isize);
            let _ = b.replace_ref(ix, 0, Some(key));
            Ok(())
        });
        if let Err(k) = placed {
            drop(k);
            return Err(MemoryError);
        }
        self.nentries.set(ix as u32 + 1);
        self.usable.set(self.usable.get() - 1);
        self.used.set(self.used.get() + 1);
        Ok(ix)
    }

    /// `tp_traverse`: visits each live entry's value then key for a general
    /// table, only values for a unicode table (str keys cannot be part of a
    /// cycle; this is also `gc.get_referents` order).
    pub fn traverse(&self, visit: &mut dyn FnMut(ObjPtr)) {
        let n = self.nentries();
        let unicode = self.unicode.get();
        // NOTE: `visit` runs while the block is detached (see `with`): visit
        // functions only update collector state or take new references, they
        // never touch this table nor drop references. Visiting in place
        // avoids a temporary array as big as the table on every GC pass.
        self.with(|b| {
            for ix in 0..n {
                if unicode {
                    if let Some(v) = b.peek_ref(ix, 1) {
                        visit(v);
                    }
                } else if let (Some(k), Some(v)) = (b.peek_ref(ix, 1), b.peek_ref(ix, 2)) {
                    visit(v);
                    visit(k);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests;
