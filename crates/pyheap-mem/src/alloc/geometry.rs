//! pymalloc's geometry on 64-bit Linux with the radix-tree build (CPython 3.11
//! default): 16-byte size classes up to 512 bytes, 16 KiB pools, 1 MiB arenas.
//!
//! Everything else in `alloc/` derives from these constants; the statistics
//! printed by `sys._debugmallocstats()` only read like CPython's because they
//! are the same numbers.

/// Every block (small or large) is aligned to this many bytes.
pub const ALIGNMENT: usize = 16;
/// `log2(ALIGNMENT)`: a request of `n` bytes has size class `(n - 1) >> 4`.
pub const ALIGNMENT_SHIFT: u32 = 4;
/// Largest request served from pools; larger (and zero-byte) requests go to
/// the system allocator.
pub const SMALL_REQUEST_THRESHOLD: usize = 512;
/// Number of size classes: 16, 32, ..., 512.
pub const NB_SMALL_SIZE_CLASSES: usize = SMALL_REQUEST_THRESHOLD >> ALIGNMENT_SHIFT;

/// `log2(POOL_SIZE)`.
pub const POOL_BITS: u32 = 14;
/// One pool holds blocks of a single size class.
pub const POOL_SIZE: usize = 1 << POOL_BITS;
/// Mask of the offset inside a pool.
pub const POOL_SIZE_MASK: usize = POOL_SIZE - 1;
/// Bytes at the start of every pool taken by its header ("bytes lost to pool
/// headers" in the statistics).
pub const POOL_OVERHEAD: usize = 48;

/// `log2(ARENA_SIZE)`.
pub const ARENA_BITS: u32 = 20;
/// Arenas are obtained from (and returned to) the OS in one piece.
pub const ARENA_SIZE: usize = 1 << ARENA_BITS;
/// Mask of the offset inside an ideal (ARENA_SIZE-aligned) arena slot.
pub const ARENA_SIZE_MASK: usize = ARENA_SIZE - 1;
/// Pools in an arena whose base is pool-aligned; one fewer otherwise.
pub const MAX_POOLS_IN_ARENA: usize = ARENA_SIZE / POOL_SIZE;

/// 16-byte granules per pool: the allocation bitmap has one bit per granule
/// (only the bit of a block's first granule is ever set).
pub const GRANULES_PER_POOL: usize = POOL_SIZE / ALIGNMENT;
/// `u64` words of allocation bitmap per pool.
pub const BITMAP_WORDS_PER_POOL: usize = GRANULES_PER_POOL / 64;
/// `u64` words of allocation bitmap per arena.
pub const BITMAP_WORDS_PER_ARENA: usize = BITMAP_WORDS_PER_POOL * MAX_POOLS_IN_ARENA;

/// Block size of size class `i`.
#[inline(always)]
pub const fn index2size(i: usize) -> usize {
    (i + 1) << ALIGNMENT_SHIFT
}

/// Size class of a request of `n` bytes, `1 <= n <= SMALL_REQUEST_THRESHOLD`.
#[inline(always)]
pub const fn size2index(n: usize) -> usize {
    (n - 1) >> ALIGNMENT_SHIFT
}

/// Blocks per pool of size class `i`: `(16384 - 48) // size`.
#[inline(always)]
pub const fn numblocks(i: usize) -> usize {
    (POOL_SIZE - POOL_OVERHEAD) / index2size(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alloc_geometry_matches_cpython() {
        assert_eq!(NB_SMALL_SIZE_CLASSES, 32);
        assert_eq!(numblocks(0), 1021);
        assert_eq!(numblocks(1), 510);
        assert_eq!(numblocks(2), 340);
        assert_eq!(numblocks(31), 31);
        assert_eq!(size2index(40), 2);
        assert_eq!(index2size(size2index(40)), 48);
        assert_eq!(size2index(512), 31);
        assert_eq!(BITMAP_WORDS_PER_POOL, 16);
    }
}
