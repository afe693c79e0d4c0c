//! Separately allocated storage owned by objects: [`RefArray`] (e.g. a list's
//! item vector) and [`RecordBlock`] (e.g. a dict's keys object: a 32-byte
//! header, a byte region for the hash index, then fixed-size records whose
//! words are either plain integers or owned references).
//!
//! Both come from the pyheap allocator, so their bytes are real heap usage
//! (`sys.getsizeof` adds them), and both are accessed by index and by value
//! only: no reference into the storage escapes, so a resize during re-entrant
//! code (a finalizer, `__eq__`) can never leave a dangling borrow.
//!
//! Invariant: `ptr` is null iff `cap == 0`; otherwise it points at a block of
//! exactly the documented size from `alloc::malloc`, fully initialised
//! (zero = null reference / integer 0).

use std::cell::Cell;
use std::ptr::NonNull;

use crate::alloc;
use crate::header::{ObjHead, ObjPtr};
use crate::object::MemoryError;
use crate::refs::{self, Ref};
use crate::typed::WORD;

/// A growable array of owned references (null = empty slot), `8·cap` bytes.
/// `repr(C)`: the storage pointer, then the capacity (CPython's `ob_item`,
/// `allocated` order when embedded in a list).
#[derive(Default)]
#[repr(C)]
pub struct RefArray {
    ptr: Cell<Option<NonNull<*mut ObjHead>>>,
    cap: Cell<usize>,
}

impl RefArray {
    /// An array with no storage.
    pub const fn empty() -> RefArray {
        RefArray {
            ptr: Cell::new(None),
            cap: Cell::new(0),
        }
    }

    /// Number of slots allocated.
    #[inline]
    pub fn capacity(&self) -> usize {
        self.cap.get()
    }

    /// Bytes of heap storage (`8·cap`).
    pub fn heap_bytes(&self) -> usize {
        self.cap.get() * WORD
    }

    #[inline]
    fn slot_ptr(&self, i: usize) -> Option<*mut *mut ObjHead> {
        if i >= self.cap.get() {
            return None;
        }
        // SAFETY: i < cap, so the slot lies inside the block.
        self.ptr.get().map(|p| unsafe { p.as_ptr().add(i) })
    }

    /// A new strong reference to slot `i` (None when empty or out of range).
    #[inline]
    pub fn get(&self, i: usize) -> Option<Ref> {
        let sp = self.slot_ptr(i)?;
        // SAFETY: sp is inside the block; a non-null slot owns a live reference.
        unsafe {
            let raw = *sp;
            ObjPtr::from_raw(raw).map(|p| Ref::new_ref(p))
        }
    }

    /// The pointer in slot `i` without touching the count.
    #[inline]
    pub fn peek(&self, i: usize) -> Option<ObjPtr> {
        let sp = self.slot_ptr(i)?;
        // SAFETY: sp is inside the block.
        unsafe { ObjPtr::from_raw(*sp) }
    }

    /// Stores `v` in slot `i` and returns the previous content. Out of range
    /// returns `v` back unchanged as `Err`.
    #[inline]
    pub fn replace(&self, i: usize, v: Option<Ref>) -> Result<Option<Ref>, Option<Ref>> {
        let Some(sp) = self.slot_ptr(i) else {
            return Err(v);
        };
        let new = v.map_or(std::ptr::null_mut(), |r| r.into_raw().as_ptr());
        // SAFETY: sp is inside the block; ownership moves into / out of the slot.
        unsafe {
            let old = std::ptr::replace(sp, new);
            Ok(ObjPtr::from_raw(old).map(|p| Ref::from_owned(p)))
        }
    }

    /// Stores `v` in slot `i`, dropping the previous content afterwards.
    /// Returns false when `i` is out of range.
    #[inline]
    pub fn set(&self, i: usize, v: Option<Ref>) -> bool {
        self.replace(i, v).is_ok()
    }

    /// Empties slot `i`.
    #[inline]
    pub fn take(&self, i: usize) -> Option<Ref> {
        self.replace(i, None).ok().flatten()
    }

    /// Moves slots `[src, src+n)` to `[dst, dst+n)` (overlap allowed) without
    /// touching counts; vacated slots outside the destination become empty.
    /// Returns false (and does nothing) when a range is out of bounds.
    pub fn move_within(&self, src: usize, dst: usize, n: usize) -> bool {
        let cap = self.cap.get();
        if n == 0 {
            return true;
        }
        if src.checked_add(n).is_none_or(|e| e > cap) || dst.checked_add(n).is_none_or(|e| e > cap)
        {
            return false;
        }
        let Some(base) = self.ptr.get() else {
            return false;
        };
        // SAFETY: both ranges are inside the block; the copy is a move of
        // owned pointers; the vacated part is then nulled so no pointer is
        // owned twice.
        unsafe {
            let b = base.as_ptr();
            std::ptr::copy(b.add(src), b.add(dst), n);
            for i in src..src + n {
                if i < dst || i >= dst + n {
                    *b.add(i) = std::ptr::null_mut();
                }
            }
        }
        true
    }

    /// Changes the capacity to `new_cap`. Slots beyond the new capacity must
    /// be empty (they are dropped if not). New slots are empty. Fails only
    /// when the allocator refuses.
    pub fn resize(&self, new_cap: usize) -> Result<(), MemoryError> {
        let old_cap = self.cap.get();
        if new_cap == old_cap {
            return Ok(());
        }
        if new_cap == 0 {
            self.clear();
            return Ok(());
        }
        let mut dropped = Vec::new();
        for i in (new_cap..old_cap).rev() {
            if let Some(r) = self.take(i) {
                dropped.push(r);
            }
        }
        let bytes = new_cap.checked_mul(WORD).ok_or(MemoryError)?;
        let newp = match self.ptr.get() {
            // SAFETY: p came from alloc::malloc/realloc.
            Some(p) => unsafe { alloc::realloc(p.as_ptr().cast(), bytes) },
            None => alloc::malloc(bytes),
        }
        .ok_or(MemoryError)?;
        let newp = newp.cast::<*mut ObjHead>();
        if new_cap > old_cap {
            // SAFETY: the new tail lies inside the (re)allocated block.
            unsafe { std::ptr::write_bytes(newp.as_ptr().add(old_cap), 0, new_cap - old_cap) };
        }
        self.ptr.set(Some(newp));
        self.cap.set(new_cap);
        drop(dropped);
        Ok(())
    }

    /// Exchanges the storage (block and capacity) of two arrays; no count
    /// changes. `list.sort` uses it to detach a list's items while sorting.
    pub fn swap_storage(&self, other: &RefArray) {
        self.ptr.swap(&other.ptr);
        self.cap.swap(&other.cap);
    }

    /// Drops every reference, last slot first, then frees the storage
    /// (CPython's `list_dealloc`/`_list_clear` order: items backwards, the
    /// item vector after them). The storage is detached before the first
    /// drop, so code a drop runs (a finalizer) sees an empty array, and no
    /// temporary vector is needed (a list of n items frees in O(1) memory).
    pub fn clear(&self) {
        let cap = self.cap.replace(0);
        let Some(p) = self.ptr.take() else { return };
        let detached = RefArray {
            ptr: Cell::new(Some(p)),
            cap: Cell::new(cap),
        };
        for i in (0..detached.cap.get()).rev() {
            drop(detached.take(i));
        }
        if let Some(p) = detached.ptr.take() {
            // SAFETY: p came from alloc::malloc/realloc; `detached` owned it
            // alone and no longer refers to it, so it is freed once.
            unsafe { alloc::free(p.as_ptr().cast()) };
        }
        detached.cap.set(0);
    }
}

impl Drop for RefArray {
    fn drop(&mut self) {
        self.clear();
    }
}

/// Size of a [`RecordBlock`]'s header (CPython's dict keys header is 32 bytes).
pub const RECORD_HEADER: usize = 32;

/// One allocation: a 32-byte header (layout metadata), `nbytes` raw bytes,
/// then `count` records of `words` words each; word `k` of a record is an
/// owned reference when bit `k` of `ref_mask` is set, else a plain integer.
pub struct RecordBlock {
    ptr: Cell<Option<NonNull<u8>>>,
}

#[repr(C)]
struct RecordHeader {
    nbytes: usize,
    words: usize,
    count: usize,
    ref_mask: usize,
}

impl Default for RecordBlock {
    fn default() -> Self {
        RecordBlock::empty()
    }
}

impl RecordBlock {
    pub const fn empty() -> RecordBlock {
        RecordBlock {
            ptr: Cell::new(None),
        }
    }

    /// Allocates a zeroed block. `words` must be 1..=64.
    pub fn new(
        nbytes: usize,
        words: usize,
        count: usize,
        ref_mask: u64,
    ) -> Result<RecordBlock, MemoryError> {
        if words == 0 || words > 64 {
            return Err(MemoryError);
        }
        let rec = words * WORD;
        let nb = nbytes.div_ceil(WORD) * WORD;
        let total = RECORD_HEADER
            .checked_add(nb)
            .and_then(|t| t.checked_add(rec.checked_mul(count)?))
            .ok_or(MemoryError)?;
        let p = alloc::malloc(total).ok_or(MemoryError)?;
        // SAFETY: p is a fresh block of `total` bytes, 16-aligned.
        unsafe {
            std::ptr::write_bytes(p.as_ptr(), 0, total);
            std::ptr::write(
                p.as_ptr().cast::<RecordHeader>(),
                RecordHeader {
                    nbytes: nb,
                    words,
                    count,
                    ref_mask: ref_mask as usize,
                },
            );
        }
        Ok(RecordBlock {
            ptr: Cell::new(Some(p)),
        })
    }

    /// Installs `new` in place of this block's storage and returns the old
    /// storage (a block held in a plain field can be swapped without being
    /// moved out of its owner).
    pub fn replace(&self, new: RecordBlock) -> RecordBlock {
        let p = new.ptr.take();
        RecordBlock {
            ptr: Cell::new(self.ptr.replace(p)),
        }
    }
    /// Moves the storage out, leaving this block empty.
    pub fn take(&self) -> RecordBlock {
        self.replace(RecordBlock::empty())
    }
    /// Exchanges the storage of two blocks.
    pub fn swap(&self, other: &RecordBlock) {
        self.ptr.swap(&other.ptr);
    }

    fn header(&self) -> Option<(NonNull<u8>, &RecordHeader)> {
        let p = self.ptr.get()?;
        // SAFETY: a non-null block starts with its header (invariant).
        Some((p, unsafe { &*p.as_ptr().cast::<RecordHeader>() }))
    }

    /// Total bytes of the allocation (header + bytes + records).
    pub fn heap_bytes(&self) -> usize {
        self.header().map_or(0, |(_, h)| {
            RECORD_HEADER + h.nbytes + h.words * WORD * h.count
        })
    }
    /// Length of the byte region (rounded up to whole words).
    pub fn nbytes(&self) -> usize {
        self.header().map_or(0, |(_, h)| h.nbytes)
    }
    /// Number of records.
    pub fn count(&self) -> usize {
        self.header().map_or(0, |(_, h)| h.count)
    }

    /// Byte `i` of the byte region.
    #[inline]
    pub fn byte(&self, i: usize) -> Option<u8> {
        let (p, h) = self.header()?;
        if i >= h.nbytes {
            return None;
        }
        // SAFETY: i < nbytes: inside the byte region.
        Some(unsafe { *p.as_ptr().add(RECORD_HEADER + i) })
    }
    /// Sets byte `i`; false when out of range.
    #[inline]
    pub fn set_byte(&self, i: usize, v: u8) -> bool {
        let Some((p, h)) = self.header() else {
            return false;
        };
        if i >= h.nbytes {
            return false;
        }
        // SAFETY: inside the byte region.
        unsafe { *p.as_ptr().add(RECORD_HEADER + i) = v };
        true
    }

    #[inline]
    fn word_ptr(&self, rec: usize, k: usize) -> Option<(*mut usize, bool)> {
        let (p, h) = self.header()?;
        if rec >= h.count || k >= h.words {
            return None;
        }
        let off = RECORD_HEADER + h.nbytes + (rec * h.words + k) * WORD;
        // SAFETY: rec < count and k < words: inside the record region.
        Some((
            unsafe { p.as_ptr().add(off) }.cast::<usize>(),
            h.ref_mask >> k & 1 == 1,
        ))
    }

    /// Integer word `k` of record `rec` (None if out of range or a reference word).
    #[inline]
    pub fn int(&self, rec: usize, k: usize) -> Option<usize> {
        let (wp, is_ref) = self.word_ptr(rec, k)?;
        // SAFETY: wp is inside the block.
        (!is_ref).then(|| unsafe { *wp })
    }
    /// Sets integer word `k` of record `rec`; false if not an integer word.
    #[inline]
    pub fn set_int(&self, rec: usize, k: usize, v: usize) -> bool {
        match self.word_ptr(rec, k) {
            Some((wp, false)) => {
                // SAFETY: wp is inside the block and holds a plain integer.
                unsafe { *wp = v };
                true
            }
            _ => false,
        }
    }
    /// A new strong reference from reference word `k` of record `rec`.
    #[inline]
    pub fn get_ref(&self, rec: usize, k: usize) -> Option<Ref> {
        match self.word_ptr(rec, k) {
            // SAFETY: a non-null reference word owns a live reference.
            Some((wp, true)) => unsafe {
                ObjPtr::from_raw(*wp.cast::<*mut ObjHead>()).map(|p| Ref::new_ref(p))
            },
            _ => None,
        }
    }
    /// The pointer in reference word `k` of record `rec`, count untouched.
    #[inline]
    pub fn peek_ref(&self, rec: usize, k: usize) -> Option<ObjPtr> {
        match self.word_ptr(rec, k) {
            // SAFETY: wp is inside the block.
            Some((wp, true)) => unsafe { ObjPtr::from_raw(*wp.cast::<*mut ObjHead>()) },
            _ => None,
        }
    }
    /// Stores into reference word `k` of record `rec`, returning the old
    /// content; `Err(v)` when the word is not a reference word.
    #[inline]
    pub fn replace_ref(
        &self,
        rec: usize,
        k: usize,
        v: Option<Ref>,
    ) -> Result<Option<Ref>, Option<Ref>> {
        match self.word_ptr(rec, k) {
            Some((wp, true)) => {
                let new = v.map_or(std::ptr::null_mut(), |r| r.into_raw().as_ptr());
                // SAFETY: wp is a reference word inside the block; ownership moves.
                unsafe {
                    // NOTE: reference words are written and read as pointers so
                    // they keep their provenance (Miri strict provenance).
                    let old = std::ptr::replace(wp.cast::<*mut ObjHead>(), new);
                    Ok(ObjPtr::from_raw(old).map(|p| Ref::from_owned(p)))
                }
            }
            _ => Err(v),
        }
    }
    /// Drops all references, record by record and word by word (CPython's
    /// `free_keys_object` order: key, then value, per entry), then frees the
    /// block. The block is detached first: code a drop runs sees an empty
    /// block, and no temporary vector is needed.
    pub fn clear(&self) {
        let Some(p) = self.ptr.take() else { return };
        let detached = RecordBlock {
            ptr: Cell::new(Some(p)),
        };
        let Some((p, h)) = detached.header() else {
            return;
        };
        let (words, count, mask) = (h.words, h.count, h.ref_mask);
        for rec in 0..count {
            for k in 0..words {
                if mask >> k & 1 == 1 {
                    drop(detached.replace_ref(rec, k, None));
                }
            }
        }
        detached.ptr.set(None);
        // SAFETY: p came from alloc::malloc; `detached` owned it alone and no
        // longer refers to it, so it is freed once.
        unsafe { alloc::free(p.as_ptr()) };
    }
}

impl Drop for RecordBlock {
    fn drop(&mut self) {
        self.clear();
    }
}

/// Releases one reference held as a raw pointer (helper for the arrays).
///
/// # Safety
/// `p` must be an owned reference.
#[allow(dead_code)]
unsafe fn release(p: ObjPtr) {
    // SAFETY: forwarded.
    unsafe { refs::decref(p) }
}

/// A headerless array of `count` records of `W` words; word `k` is an owned
/// reference when bit `k` of `MASK` is set, else a plain integer. Exactly
/// `W·8·count` bytes (e.g. a set's table: `RecordArray<2, 0b01>` = key, hash).
pub struct RecordArray<const W: usize, const MASK: u64> {
    ptr: Cell<Option<NonNull<usize>>>,
    count: Cell<usize>,
}

impl<const W: usize, const MASK: u64> Default for RecordArray<W, MASK> {
    fn default() -> Self {
        RecordArray::empty()
    }
}

impl<const W: usize, const MASK: u64> RecordArray<W, MASK> {
    pub const fn empty() -> Self {
        RecordArray {
            ptr: Cell::new(None),
            count: Cell::new(0),
        }
    }

    /// A zeroed array of `count` records (replaces nothing: a new value).
    pub fn new(count: usize) -> Result<Self, MemoryError> {
        assert!(W > 0 && W <= 64);
        if count == 0 {
            return Ok(Self::empty());
        }
        let bytes = count.checked_mul(W * WORD).ok_or(MemoryError)?;
        let p = alloc::malloc(bytes).ok_or(MemoryError)?;
        // SAFETY: fresh block of `bytes` bytes.
        unsafe { std::ptr::write_bytes(p.as_ptr(), 0, bytes) };
        Ok(RecordArray {
            ptr: Cell::new(Some(p.cast())),
            count: Cell::new(count),
        })
    }

    /// Number of records.
    #[inline]
    pub fn count(&self) -> usize {
        self.count.get()
    }
    /// Bytes of heap storage.
    pub fn heap_bytes(&self) -> usize {
        self.count.get() * W * WORD
    }

    #[inline]
    fn word(&self, rec: usize, k: usize) -> Option<*mut usize> {
        if rec >= self.count.get() || k >= W {
            return None;
        }
        // SAFETY: rec < count, k < W: inside the block.
        self.ptr
            .get()
            .map(|p| unsafe { p.as_ptr().add(rec * W + k) })
    }

    /// Integer word `k` of record `rec`.
    #[inline]
    pub fn int(&self, rec: usize, k: usize) -> Option<usize> {
        if MASK >> k & 1 == 1 {
            return None;
        }
        // SAFETY: inside the block.
        self.word(rec, k).map(|w| unsafe { *w })
    }
    /// Sets integer word `k` of record `rec`.
    #[inline]
    pub fn set_int(&self, rec: usize, k: usize, v: usize) -> bool {
        if MASK >> k & 1 == 1 {
            return false;
        }
        match self.word(rec, k) {
            Some(w) => {
                // SAFETY: inside the block, a plain integer word.
                unsafe { *w = v };
                true
            }
            None => false,
        }
    }
    /// Pointer in reference word `k` of record `rec`, count untouched.
    #[inline]
    pub fn peek_ref(&self, rec: usize, k: usize) -> Option<ObjPtr> {
        if MASK >> k & 1 == 0 {
            return None;
        }
        // SAFETY: inside the block.
        self.word(rec, k)
            .and_then(|w| unsafe { ObjPtr::from_raw(*w.cast::<*mut ObjHead>()) })
    }
    /// New strong reference from reference word `k` of record `rec`.
    #[inline]
    pub fn get_ref(&self, rec: usize, k: usize) -> Option<Ref> {
        // SAFETY: a non-null reference word owns a live reference.
        self.peek_ref(rec, k).map(|p| unsafe { Ref::new_ref(p) })
    }
    /// Stores into reference word `k` of record `rec`, returning the old content.
    #[inline]
    pub fn replace_ref(
        &self,
        rec: usize,
        k: usize,
        v: Option<Ref>,
    ) -> Result<Option<Ref>, Option<Ref>> {
        if MASK >> k & 1 == 0 {
            return Err(v);
        }
        let Some(w) = self.word(rec, k) else {
            return Err(v);
        };
        let new = v.map_or(std::ptr::null_mut(), |r| r.into_raw().as_ptr());
        // SAFETY: a reference word inside the block; ownership moves.
        unsafe {
            let old = std::ptr::replace(w.cast::<*mut ObjHead>(), new);
            Ok(ObjPtr::from_raw(old).map(|p| Ref::from_owned(p)))
        }
    }
    /// Drops every reference and frees the storage (becomes empty).
    /// The storage is detached before the first drop (code a drop runs sees
    /// an empty array) and freed after the last, with no temporary vector.
    pub fn clear(&self) {
        let count = self.count.replace(0);
        let Some(p) = self.ptr.take() else { return };
        let detached = Self {
            ptr: Cell::new(Some(p)),
            count: Cell::new(count),
        };
        for rec in 0..detached.count.get() {
            for k in 0..W {
                drop(detached.replace_ref(rec, k, None));
            }
        }
        if let Some(p) = detached.ptr.take() {
            // SAFETY: p came from alloc::malloc; `detached` owned it alone and
            // no longer refers to it, so it is freed once.
            unsafe { alloc::free(p.as_ptr().cast()) };
        }
        detached.count.set(0);
    }
    /// Swaps contents with another array of the same shape.
    pub fn swap(&self, other: &Self) {
        self.ptr.swap(&other.ptr);
        self.count.swap(&other.count);
    }
}

impl<const W: usize, const MASK: u64> Drop for RecordArray<W, MASK> {
    fn drop(&mut self) {
        self.clear();
    }
}
