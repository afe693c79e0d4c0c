//! Allocator statistics: everything the pymalloc part of
//! `sys._debugmallocstats()` prints ([`MallocStats`], computed by
//! [`State::stats`] by walking every carved pool, as CPython does), and the
//! text rendering in CPython's exact layout ([`render_debug_malloc_stats`]).

use super::arena_map::{ARENA_MAP_BOT_BYTES, ARENA_MAP_MID_BYTES, ARENA_MAP_ROOT_BYTES};
use super::geometry::{
    index2size, numblocks, ARENA_SIZE, NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, POOL_SIZE,
    POOL_SIZE_MASK, SMALL_REQUEST_THRESHOLD,
};
use super::pool::PoolHeader;
use super::state::State;
use std::fmt::Write;

/// One row of the size-class table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClassStats {
    /// Pools of this class that hold at least one block.
    pub num_pools: usize,
    pub blocks_in_use: usize,
    /// Free blocks in those pools (including not yet carved ones).
    pub avail_blocks: usize,
}

/// The allocator's statistics, named as `sys._debugmallocstats()` names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MallocStats {
    pub classes: [ClassStats; NB_SMALL_SIZE_CLASSES],
    pub arenas_allocated_total: usize,
    pub arenas_reclaimed: usize,
    pub arenas_highwater_mark: usize,
    pub arenas_allocated_current: usize,
    pub bytes_in_allocated_blocks: usize,
    pub bytes_in_available_blocks: usize,
    /// Free pools plus pools not yet carved, over all arenas.
    pub unused_pools: usize,
    pub bytes_lost_to_pool_headers: usize,
    pub bytes_lost_to_quantization: usize,
    pub bytes_lost_to_arena_alignment: usize,
    /// Sum of the byte lines above; equals `arenas_allocated_current * ARENA_SIZE`.
    pub total: usize,
    pub arena_map_mid_nodes: usize,
    pub arena_map_bot_nodes: usize,
    pub bytes_lost_to_arena_map_root: usize,
    pub bytes_lost_to_arena_map_mid: usize,
    pub bytes_lost_to_arena_map_bot: usize,
    /// Live blocks from the system allocator (not part of CPython's table).
    pub large_blocks: usize,
    /// Bytes in those blocks.
    pub large_bytes: usize,
    /// `sys.getallocatedblocks()`: pool blocks in use plus system blocks.
    pub allocated_blocks: usize,
    /// Arenas plus system blocks: what the heap limit is checked against.
    pub obtained_bytes: usize,
    /// Frees of addresses this heap did not hand out (ignored).
    pub invalid_frees: usize,
}

impl State {
    /// Walks all arenas and carved pools.
    pub fn stats(&self) -> MallocStats {
        let mut classes = [ClassStats::default(); NB_SMALL_SIZE_CLASSES];
        let (mut narenas, mut unused_pools, mut alignment) = (0, 0, 0);
        for ao in self.arenas.iter().filter(|ao| !ao.address.is_null()) {
            narenas += 1;
            unused_pools += ao.nfreepools as usize;
            if ao.address.addr() & POOL_SIZE_MASK != 0 {
                alignment += POOL_SIZE;
            }
            let mut p = ao.first_pool;
            while p < ao.pool_address {
                let pool = p.cast::<PoolHeader>();
                // SAFETY: pools below pool_address are carved: header initialized.
                let (count, sz) = unsafe { ((*pool).ref_count as usize, (*pool).szidx as usize) };
                if count != 0 {
                    let c = &mut classes[sz];
                    c.num_pools += 1;
                    c.blocks_in_use += count;
                    c.avail_blocks += numblocks(sz) - count;
                }
                // SAFETY: p < pool_address <= address + ARENA_SIZE, so p +
                // POOL_SIZE stays within (or one past) the arena.
                p = unsafe { p.add(POOL_SIZE) };
            }
        }
        let mut s = MallocStats {
            classes,
            arenas_allocated_total: self.ntimes_arena_allocated,
            arenas_reclaimed: self.ntimes_arena_allocated - narenas,
            arenas_highwater_mark: self.narenas_highwater,
            arenas_allocated_current: narenas,
            bytes_in_allocated_blocks: 0,
            bytes_in_available_blocks: 0,
            unused_pools,
            bytes_lost_to_pool_headers: 0,
            bytes_lost_to_quantization: 0,
            bytes_lost_to_arena_alignment: alignment,
            total: 0,
            arena_map_mid_nodes: self.map.mid_count,
            arena_map_bot_nodes: self.map.bot_count,
            bytes_lost_to_arena_map_root: ARENA_MAP_ROOT_BYTES,
            bytes_lost_to_arena_map_mid: self.map.mid_count * ARENA_MAP_MID_BYTES,
            bytes_lost_to_arena_map_bot: self.map.bot_count * ARENA_MAP_BOT_BYTES,
            large_blocks: self.large.map.len(),
            large_bytes: self.large.bytes,
            allocated_blocks: self.large.map.len(),
            obtained_bytes: self.obtained_bytes(),
            invalid_frees: self.invalid_frees,
        };
        for (i, c) in s.classes.iter().enumerate() {
            let size = index2size(i);
            s.bytes_in_allocated_blocks += c.blocks_in_use * size;
            s.bytes_in_available_blocks += c.avail_blocks * size;
            s.bytes_lost_to_pool_headers += c.num_pools * POOL_OVERHEAD;
            s.bytes_lost_to_quantization += c.num_pools * ((POOL_SIZE - POOL_OVERHEAD) % size);
            s.allocated_blocks += c.blocks_in_use;
        }
        s.total = s.bytes_in_allocated_blocks
            + s.bytes_in_available_blocks
            + s.unused_pools * POOL_SIZE
            + s.bytes_lost_to_pool_headers
            + s.bytes_lost_to_quantization
            + s.bytes_lost_to_arena_alignment;
        debug_assert_eq!(s.total, narenas * ARENA_SIZE);
        s
    }
}

/// `value` with a comma every three digits.
fn with_commas(value: usize) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// One `name = value` line as CPython's `printone`: the name padded to 35
/// columns, `=`, the value with thousands separators right-aligned in 21.
pub fn printone(out: &mut String, msg: &str, value: usize) {
    let _ = writeln!(out, "{msg:<35}={:>21}", with_commas(value));
}

/// One free-list line as CPython's `_PyDebugAllocatorStats`, e.g.
/// `free_list_line("PyFloatObject", 100, 24)` gives
/// `"         100 free PyFloatObjects * 24 bytes each =                2,400"`.
/// For tuples the name is e.g. `"1-sized PyTupleObject"`.
pub fn free_list_line(block_name: &str, num_blocks: usize, sizeof_block: usize) -> String {
    let msg = format!("{num_blocks} free {block_name}s * {sizeof_block} bytes each");
    let mut out = String::new();
    printone(&mut out, &format!("{msg:>48} "), num_blocks * sizeof_block);
    out.pop(); // the newline
    out
}

/// The text `sys._debugmallocstats()` writes to fd 2: the allocator part from
/// `s`, a blank line, then `extra_lines` (the VM's free-list lines, e.g. from
/// [`free_list_line`]), each followed by a newline.
pub fn render_debug_malloc_stats(s: &MallocStats, extra_lines: &[String]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Small block threshold = {SMALL_REQUEST_THRESHOLD}, in {NB_SMALL_SIZE_CLASSES} size classes."
    );
    out.push('\n');
    out.push_str("class   size   num pools   blocks in use  avail blocks\n");
    out.push_str("-----   ----   ---------   -------------  ------------\n");
    for (i, c) in s
        .classes
        .iter()
        .enumerate()
        .filter(|(_, c)| c.num_pools != 0)
    {
        let _ = writeln!(
            out,
            "{i:5} {:6} {:11} {:15} {:13}",
            index2size(i),
            c.num_pools,
            c.blocks_in_use,
            c.avail_blocks
        );
    }
    out.push('\n');
    printone(
        &mut out,
        "# arenas allocated total",
        s.arenas_allocated_total,
    );
    printone(&mut out, "# arenas reclaimed", s.arenas_reclaimed);
    printone(&mut out, "# arenas highwater mark", s.arenas_highwater_mark);
    printone(
        &mut out,
        "# arenas allocated current",
        s.arenas_allocated_current,
    );
    let n = s.arenas_allocated_current;
    printone(
        &mut out,
        &format!("{n} arenas * {ARENA_SIZE} bytes/arena"),
        n * ARENA_SIZE,
    );
    out.push('\n');
    printone(
        &mut out,
        "# bytes in allocated blocks",
        s.bytes_in_allocated_blocks,
    );
    printone(
        &mut out,
        "# bytes in available blocks",
        s.bytes_in_available_blocks,
    );
    let u = s.unused_pools;
    printone(
        &mut out,
        &format!("{u} unused pools * {POOL_SIZE} bytes"),
        u * POOL_SIZE,
    );
    printone(
        &mut out,
        "# bytes lost to pool headers",
        s.bytes_lost_to_pool_headers,
    );
    printone(
        &mut out,
        "# bytes lost to quantization",
        s.bytes_lost_to_quantization,
    );
    printone(
        &mut out,
        "# bytes lost to arena alignment",
        s.bytes_lost_to_arena_alignment,
    );
    printone(&mut out, "Total", s.total);
    out.push_str("\narena map counts\n");
    printone(&mut out, "# arena map mid nodes", s.arena_map_mid_nodes);
    printone(&mut out, "# arena map bot nodes", s.arena_map_bot_nodes);
    out.push('\n');
    printone(
        &mut out,
        "# bytes lost to arena map root",
        s.bytes_lost_to_arena_map_root,
    );
    printone(
        &mut out,
        "# bytes lost to arena map mid",
        s.bytes_lost_to_arena_map_mid,
    );
    printone(
        &mut out,
        "# bytes lost to arena map bot",
        s.bytes_lost_to_arena_map_bot,
    );
    printone(
        &mut out,
        "Total",
        s.bytes_lost_to_arena_map_root
            + s.bytes_lost_to_arena_map_mid
            + s.bytes_lost_to_arena_map_bot,
    );
    out.push('\n');
    for line in extra_lines {
        out.push_str(line);
        out.push('\n');
    }
    out
}
