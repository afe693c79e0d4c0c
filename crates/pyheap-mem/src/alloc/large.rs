//! Blocks from the system allocator: requests of 0 or more than 512 bytes
//! (and small requests when no arena can be obtained). They are tracked in a
//! side table (address -> size) so that statistics, the heap limit and the
//! introspection functions know them. `malloc(0)` asks the system for 1 byte,
//! as CPython's raw allocator does.

use std::collections::BTreeMap;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

/// One live system block.
#[derive(Clone, Copy)]
pub struct Large {
    pub ptr: NonNull<u8>,
    /// Bytes obtained from the system (`max(requested, 1)`).
    pub size: usize,
}

/// The side table. `ManuallyDrop` keeps the thread-local state free of
/// destructors; [`LargeBlocks::release_all`] frees everything explicitly.
pub struct LargeBlocks {
    pub map: ManuallyDrop<BTreeMap<usize, Large>>,
    /// Sum of `size` over live blocks.
    pub bytes: usize,
}

impl LargeBlocks {
    pub const fn new() -> Self {
        LargeBlocks {
            map: ManuallyDrop::new(BTreeMap::new()),
            bytes: 0,
        }
    }

    /// Allocates `size` bytes from the system if `allowed` (the heap limit
    /// check, done by the caller).
    #[cold]
    pub fn malloc(&mut self, size: usize, allowed: bool) -> Option<NonNull<u8>> {
        if !allowed {
            return None;
        }
        let size = size.max(1);
        // SAFETY: malloc has no preconditions; glibc returns 16-byte aligned
        // blocks on x86-64.
        let ptr = NonNull::new(unsafe { libc::malloc(size) }.cast::<u8>())?;
        self.map.insert(ptr.as_ptr().addr(), Large { ptr, size });
        self.bytes += size;
        Some(ptr)
    }

    /// Frees `p` if it is one of ours; false (and nothing done) otherwise.
    pub fn free(&mut self, p: *mut u8) -> bool {
        let Some(b) = self.map.remove(&p.addr()) else {
            return false;
        };
        self.bytes -= b.size;
        // SAFETY: b.ptr came from libc::malloc/realloc and was live (it was
        // in the table); it is removed from the table before being freed.
        unsafe { libc::free(b.ptr.as_ptr().cast()) };
        true
    }

    /// Size of the live block starting at `p`.
    pub fn size_of(&self, p: *mut u8) -> Option<usize> {
        self.map.get(&p.addr()).map(|b| b.size)
    }

    /// Resizes the block at `p` (which must be in the table) if `allowed`.
    /// On failure the old block is untouched.
    pub fn realloc(&mut self, p: *mut u8, size: usize, allowed: bool) -> Option<NonNull<u8>> {
        if !allowed {
            return None;
        }
        let old = *self.map.get(&p.addr())?;
        let size = size.max(1);
        // SAFETY: old.ptr is a live libc block; on failure realloc leaves it
        // untouched and returns null.
        let np =
            NonNull::new(unsafe { libc::realloc(old.ptr.as_ptr().cast(), size) }.cast::<u8>())?;
        self.map.remove(&p.addr());
        self.map.insert(np.as_ptr().addr(), Large { ptr: np, size });
        self.bytes = self.bytes - old.size + size;
        Some(np)
    }

    /// The live block containing `addr`, if any.
    pub fn containing(&self, addr: usize) -> Option<Large> {
        let (&start, b) = self.map.range(..=addr).next_back()?;
        (addr - start < b.size).then_some(*b)
    }

    /// Frees every block and empties the table.
    ///
    /// # Safety
    /// No block may be used afterwards.
    pub unsafe fn release_all(&mut self) {
        for b in self.map.values() {
            // SAFETY: each block is a live libc block, freed once.
            unsafe { libc::free(b.ptr.as_ptr().cast()) };
        }
        drop(std::mem::take(&mut *self.map));
        self.bytes = 0;
    }
}
