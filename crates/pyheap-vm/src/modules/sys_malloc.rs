//! `sys._debugmallocstats()`: the allocator's statistics in CPython's layout,
//! written straight to file descriptor 2 (as CPython's C-level `fprintf`
//! does, so `os.dup2` redirections catch it).

use std::io::Write;

use crate::rt::{Kw, Obj, PyResult};
use crate::types::{none, t};
use pyheap_mem::{alloc, freelist};

/// The free-list lines CPython 3.11 prints after the allocator table:
/// dicts, floats, lists, then tuples of sizes 1 to 20, with the blocks
/// parked on pyheap-mem's per-type free lists.
fn free_list_lines() -> Vec<String> {
    let tt = t();
    let mut v = vec![
        alloc::free_list_line("PyDictObject", freelist::parked(&tt.dict, 0), 48),
        alloc::free_list_line("PyFloatObject", freelist::parked(&tt.float, 0), 24),
        alloc::free_list_line("PyListObject", freelist::parked(&tt.list, 0), 40),
    ];
    for n in 1..=20usize {
        v.push(alloc::free_list_line(
            &format!("{n}-sized PyTupleObject"),
            freelist::parked(&tt.tuple, n),
            24 + 8 * n,
        ));
    }
    v
}

pub fn debugmallocstats(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let text = alloc::render_debug_malloc_stats(&alloc::stats(), &free_list_lines());
    crate::modules::io::flush_raw_stdout();
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
    Ok(none())
}

/// `sys.getallocatedblocks()`: the allocator's blocks in use (pool blocks
/// plus blocks of requests too large for a pool), as CPython counts them.
pub fn getallocatedblocks(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    if !a.is_empty() {
        return Err(crate::exc::type_err(&format!(
            "sys.getallocatedblocks() takes no arguments ({} given)",
            a.len()
        )));
    }
    Ok(crate::objects::int::new_int_usize(alloc::allocated_blocks()))
}
