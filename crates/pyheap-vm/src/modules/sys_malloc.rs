//! `sys._debugmallocstats()`: the allocator's statistics in CPython's layout,
//! written straight to file descriptor 2 (as CPython's C-level `fprintf`
//! does, so `os.dup2` redirections catch it).

use std::io::Write;

use crate::rt::{Kw, Obj, PyResult};
use crate::types::none;
use pyheap_mem::alloc;

/// The free-list lines CPython 3.11 prints after the allocator table:
/// dicts, floats, lists, then tuples of sizes 1 to 20.
///
/// NOTE: pyheap keeps no per-type free lists yet (objects go straight back
/// to the allocator), so every count is truly 0.
fn free_list_lines() -> Vec<String> {
    let mut v = vec![
        alloc::free_list_line("PyDictObject", 0, 48),
        alloc::free_list_line("PyFloatObject", 0, 24),
        alloc::free_list_line("PyListObject", 0, 40),
    ];
    for n in 1..=20usize {
        v.push(alloc::free_list_line(
            &format!("{n}-sized PyTupleObject"),
            0,
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
