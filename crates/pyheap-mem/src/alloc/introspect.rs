//! Safe questions about arbitrary addresses: is it ours, which block is it
//! in, is that block live, and what word is stored there. None of these
//! ever touches memory we do not own: an address is first resolved through
//! the arena map or the system-block table, and memory is read through the
//! owning arena's (or block's) base pointer.
//!
//! Read [`State::block_of`] first.

use super::geometry::{index2size, numblocks, ARENA_SIZE, POOL_OVERHEAD, POOL_SIZE_MASK};
use super::pool::{self, PoolHeader};
use super::state::State;

/// The block containing an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockInfo {
    /// Address of the block's first byte.
    pub start: usize,
    /// Block size: the size class for pool blocks, the obtained size for
    /// system blocks.
    pub size: usize,
    /// Currently handed out (not free, not virgin).
    pub live: bool,
}

/// Why an address could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddrError {
    /// Not inside memory this heap owns.
    NotInHeap,
    /// Not a multiple of 8.
    Misaligned,
    /// Inside a pool block that is not currently allocated.
    Freed,
}

impl State {
    /// Whether `addr` is inside one of our arenas or a live system block.
    pub fn is_heap_address(&self, addr: usize) -> bool {
        self.map.lookup(addr).is_some() || self.outside_arenas(addr).is_some()
    }

    /// The block containing `addr`: a pool block (live or not) or a live
    /// system block. `None` for pool headers, quantization tails, uncarved
    /// pools, alignment slack and foreign addresses.
    pub fn block_of(&self, addr: usize) -> Option<BlockInfo> {
        let Some(a) = self.map.lookup(addr) else {
            let (start, size) = self.outside_arenas(addr)?;
            return Some(BlockInfo {
                start: start.addr(),
                size,
                live: true,
            });
        };
        let ao = &self.arenas[a as usize];
        if addr < ao.first_pool.addr() || addr >= ao.pool_address.addr() {
            return None;
        }
        let pool_addr = addr & !POOL_SIZE_MASK;
        let pool = ao.pool_address.with_addr(pool_addr).cast::<PoolHeader>();
        // SAFETY: pool is a carved pool of this arena (first_pool <= pool <
        // pool_address), so its header is initialized; the pointer carries
        // the arena's provenance.
        let sz = unsafe { (*pool).szidx } as usize;
        let off = addr - pool_addr;
        if off < POOL_OVERHEAD {
            return None;
        }
        let size = index2size(sz);
        let idx = (off - POOL_OVERHEAD) / size;
        if idx >= numblocks(sz) {
            return None;
        }
        let start_off = POOL_OVERHEAD + idx * size;
        // SAFETY: as above; start_off < POOL_SIZE.
        let live = unsafe { pool::is_live(pool, start_off) };
        Some(BlockInfo {
            start: pool_addr + start_off,
            size,
            live,
        })
    }

    /// The live system block or placed block containing `addr`: its start
    /// (with the block's provenance) and size.
    fn outside_arenas(&self, addr: usize) -> Option<(*mut u8, usize)> {
        if let Some(b) = self.large.containing(addr) {
            return Some((b.ptr.as_ptr(), b.size));
        }
        let b = self.placed.containing(addr)?;
        Some((b.ptr.as_ptr(), b.size))
    }

    /// Reads the 8 bytes at `addr` if they lie in memory we own (an arena's
    /// whole mapping, or a live system block), whatever their state.
    pub fn read_word(&self, addr: usize) -> Result<usize, AddrError> {
        if !addr.is_multiple_of(8) {
            return Err(AddrError::Misaligned);
        }
        let base = if let Some(a) = self.map.lookup(addr) {
            let ao = &self.arenas[a as usize];
            debug_assert!(addr - ao.address.addr() + 8 <= ARENA_SIZE);
            ao.address
        } else {
            let (start, size) = self.outside_arenas(addr).ok_or(AddrError::NotInHeap)?;
            if addr - start.addr() + 8 > size {
                return Err(AddrError::NotInHeap);
            }
            start
        };
        let off = addr - base.addr();
        // SAFETY: base..base+len is memory we own and is mapped/allocated;
        // the 8 bytes at off are inside it (arena: 8-aligned addr in a 4
        // KiB-aligned 1 MiB mapping; system or placed block: checked above); addr is
        // 8-aligned. Arena memory is zero-initialized when mapped.
        Ok(unsafe { base.add(off).cast::<usize>().read() })
    }

    /// Like [`State::read_word`], but only inside a live block:
    /// [`AddrError::Freed`] for a free or virgin pool block.
    pub fn read_live_word(&self, addr: usize) -> Result<usize, AddrError> {
        if !addr.is_multiple_of(8) {
            return Err(AddrError::Misaligned);
        }
        match self.block_of(addr) {
            None => Err(AddrError::NotInHeap),
            Some(b) if !b.live => Err(AddrError::Freed),
            Some(b) if addr + 8 > b.start + b.size => Err(AddrError::NotInHeap),
            Some(_) => self.read_word(addr),
        }
    }
}
