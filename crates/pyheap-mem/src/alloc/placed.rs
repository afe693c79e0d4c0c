//! Placed blocks: a block that starts at a chosen offset within a 4 KiB
//! page, for the objects CPython 3.11 allocates statically in its binary
//! (`None`, `True`, `NotImplemented`, ...). Their `id()` — and so their
//! pointer hash — then shares its low 12 bits with CPython's, so small sets
//! and dicts holding them order as in CPython.
//!
//! Read [`Placed::malloc`] first.
//!
//! Invariants:
//! - Pages are `PAGE` bytes, `PAGE`-aligned, zero-filled, obtained from
//!   Rust's allocator and returned only by [`Placed::release_all`].
//! - Each page has a bitmap of its 16-byte granules in use; a live block is
//!   recorded in `blocks` (start address → rounded size, page index), and
//!   its granules are set exactly while it is recorded.
//! - Placed blocks are outside the arenas: they are not pool blocks, not
//!   system blocks, and count neither towards `sys.getallocatedblocks()`
//!   nor towards the heap limit (CPython's static objects are no heap
//!   memory either).

use std::alloc::Layout;
use std::collections::BTreeMap;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

/// Page size the offsets refer to.
pub const PAGE: usize = 4096;
const GRANULE: usize = 16;
const WORDS: usize = PAGE / GRANULE / 64;

struct Page {
    base: NonNull<u8>,
    used: [u64; WORDS],
}

impl Page {
    fn range_free(&self, first: usize, n: usize) -> bool {
        (first..first + n).all(|g| self.used[g / 64] & (1 << (g % 64)) == 0)
    }

    fn set_range(&mut self, first: usize, n: usize, on: bool) {
        for g in first..first + n {
            if on {
                self.used[g / 64] |= 1 << (g % 64);
            } else {
                self.used[g / 64] &= !(1 << (g % 64));
            }
        }
    }
}

/// One live placed block.
#[derive(Clone, Copy)]
pub struct PlacedBlock {
    pub ptr: NonNull<u8>,
    /// The request rounded up to 16 bytes.
    pub size: usize,
    page: usize,
}

/// The placed-block table of one thread (part of the allocator state).
/// `ManuallyDrop` keeps the state free of destructors.
pub struct Placed {
    pages: ManuallyDrop<Vec<Page>>,
    pub blocks: ManuallyDrop<BTreeMap<usize, PlacedBlock>>,
}

fn page_layout() -> Layout {
    match Layout::from_size_align(PAGE, PAGE) {
        Ok(l) => l,
        Err(_) => unreachable!("constant layout is valid"),
    }
}

impl Placed {
    pub const fn new() -> Self {
        Placed {
            pages: ManuallyDrop::new(Vec::new()),
            blocks: ManuallyDrop::new(BTreeMap::new()),
        }
    }

    /// A zeroed block of `size` bytes starting at `page_offset` within a
    /// 4 KiB page: in the first page whose granules there are free, else in
    /// a new page. `None` if `page_offset` is not a multiple of 16, the
    /// block would cross the page end, `size` is 0, or no page is obtained.
    pub fn malloc(&mut self, size: usize, page_offset: usize) -> Option<NonNull<u8>> {
        if size == 0 || !page_offset.is_multiple_of(GRANULE) || page_offset + size > PAGE {
            return None;
        }
        let n = size.div_ceil(GRANULE);
        let first = page_offset / GRANULE;
        let idx = match self.pages.iter().position(|p| p.range_free(first, n)) {
            Some(i) => i,
            None => {
                // SAFETY: the layout has non-zero size.
                let base = NonNull::new(unsafe { std::alloc::alloc_zeroed(page_layout()) })?;
                let _ = base.as_ptr().expose_provenance();
                self.pages.push(Page {
                    base,
                    used: [0; WORDS],
                });
                self.pages.len() - 1
            }
        };
        let page = &mut self.pages[idx];
        page.set_range(first, n, true);
        // SAFETY: page_offset + size <= PAGE, so the block is inside the page.
        let ptr = unsafe { NonNull::new_unchecked(page.base.as_ptr().add(page_offset)) };
        // The granules were free, so the bytes are still zero: either never
        // used, or cleared by `free`.
        self.blocks.insert(
            ptr.as_ptr().addr(),
            PlacedBlock {
                ptr,
                size: n * GRANULE,
                page: idx,
            },
        );
        Some(ptr)
    }

    /// Frees the placed block starting at `p`; false (nothing done) if `p`
    /// is not one. The bytes are zeroed again for the next [`Placed::malloc`].
    pub fn free(&mut self, p: *mut u8) -> bool {
        let Some(b) = self.blocks.remove(&p.addr()) else {
            return false;
        };
        // SAFETY: b.ptr..b.ptr+size is inside a live page of ours and nobody
        // uses the block any more (it was just removed from the table).
        unsafe { std::ptr::write_bytes(b.ptr.as_ptr(), 0, b.size) };
        let page = &mut self.pages[b.page];
        let first = (b.ptr.as_ptr().addr() - page.base.as_ptr().addr()) / GRANULE;
        page.set_range(first, b.size / GRANULE, false);
        true
    }

    /// Size of the live placed block starting at `p`.
    pub fn size_of(&self, p: *mut u8) -> Option<usize> {
        self.blocks.get(&p.addr()).map(|b| b.size)
    }

    /// The live placed block containing `addr`, if any.
    pub fn containing(&self, addr: usize) -> Option<PlacedBlock> {
        let (&start, b) = self.blocks.range(..=addr).next_back()?;
        (addr - start < b.size).then_some(*b)
    }

    /// Returns every page and empties the table.
    ///
    /// # Safety
    /// No placed block may be used afterwards.
    pub unsafe fn release_all(&mut self) {
        for p in self.pages.iter() {
            // SAFETY: each page came from alloc_zeroed with page_layout() and
            // is freed once (the vector is emptied below).
            unsafe { std::alloc::dealloc(p.base.as_ptr(), page_layout()) };
        }
        drop(std::mem::take(&mut *self.pages));
        drop(std::mem::take(&mut *self.blocks));
    }
}

#[cfg(test)]
mod tests {
    use super::super::{
        allocated_blocks, block_of, free, is_heap_address, malloc_placed, read_live_word,
        read_word, release_thread_heap, usable_size,
    };
    use super::PAGE;

    fn placed(size: usize, off: usize) -> *mut u8 {
        match malloc_placed(size, off) {
            Some(p) => p.as_ptr(),
            None => panic!("malloc_placed({size}, {off}) failed"),
        }
    }

    #[test]
    fn placed_blocks_sit_at_their_page_offset() {
        let before = allocated_blocks();
        // CPython 3.11.7's None and True page offsets.
        let none = placed(16, 0xbe0);
        let tru = placed(28, 0xf00);
        assert_eq!(none.addr() % PAGE, 0xbe0);
        assert_eq!(tru.addr() % PAGE, 0xf00);
        // Same page: the ranges do not overlap.
        assert_eq!(none.addr() / PAGE, tru.addr() / PAGE);
        // An overlapping request goes to a fresh page.
        let again = placed(16, 0xbe0);
        assert_ne!(again.addr() / PAGE, none.addr() / PAGE);
        assert_eq!(again.addr() % PAGE, 0xbe0);
        // Static memory: not counted as allocated heap blocks.
        assert_eq!(allocated_blocks(), before);
        // SAFETY: `tru` is a live placed block of 32 bytes.
        unsafe {
            assert_eq!(usable_size(tru), 32);
            assert!(is_heap_address(tru.addr() + 31));
            tru.cast::<usize>().write(77);
        }
        let info = block_of(tru.addr() + 8).expect("placed block is known");
        assert_eq!((info.start, info.size, info.live), (tru.addr(), 32, true));
        assert_eq!(read_word(tru.addr()), Ok(77));
        assert_eq!(read_live_word(tru.addr() + 24), Ok(0));
        // SAFETY: each block is live and freed once, never used afterwards.
        unsafe {
            free(tru);
            free(none);
            free(again);
        }
        assert!(block_of(tru.addr()).is_none());
        // A freed range is reusable and zeroed again.
        let tru2 = placed(32, 0xf00);
        assert_eq!(tru2, tru);
        assert_eq!(read_word(tru2.addr()), Ok(0));
        // SAFETY: no block of this thread's heap is used afterwards.
        unsafe { release_thread_heap() };
    }

    #[test]
    fn placed_rejects_bad_requests() {
        assert!(malloc_placed(16, 8).is_none());
        assert!(malloc_placed(32, PAGE - 16).is_none());
        assert!(malloc_placed(0, 0).is_none());
        assert!(malloc_placed(16, PAGE - 16).is_some());
        // SAFETY: no block of this thread's heap is used afterwards.
        unsafe { release_thread_heap() };
    }
}
