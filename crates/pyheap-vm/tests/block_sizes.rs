//! Every builtin object kind sits in the allocator block CPython's pymalloc
//! would give it: for an allocation request of `r` bytes (pre-header +
//! object), a pool block of `round_up_16(r)` bytes when `r <= 512`, else a
//! system block. Freed-address reuse (`id()` of a new object equal to a dead
//! one's) depends on it, so a wrong block size is observable.
//!
//! The objects and their requests come from the conformance case
//! `objects/block_size_catalogue.py`; the requests are CPython's, read from
//! that case's `.out`. This test runs the catalogue and looks up each
//! object's block with
//! `pyheap_mem::alloc::block_of` at its allocation start (`id` minus the
//! pre-header). Read [`every_object_sits_in_cpythons_block`] first.

use pyheap_mem::header::pre_header_size;
use pyheap_vm::objects::{dict, str as pstr, tuple};

const CATALOGUE: &str = include_str!("../../../tests/conformance/objects/block_size_catalogue.py");
/// CPython's output for the catalogue: `label: type request=N` lines.
const CPYTHON_OUT: &str =
    include_str!("../../../tests/conformance/objects/block_size_catalogue.out");

/// What CPython's output says of the object labelled `label`.
enum Expected {
    Request(usize),
    /// A recorded gap (`request=None`: pyheap cannot use CPython's block;
    /// the catalogue says why, `objects/gap_object_blocks` shows it).
    Gap,
}

fn cpython_request(label: &str) -> Option<Expected> {
    CPYTHON_OUT.lines().find_map(|l| {
        let (l_label, rest) = l.split_once(": ")?;
        if l_label != label {
            return None;
        }
        match rest.rsplit_once("request=")?.1 {
            "None" => Some(Expected::Gap),
            n => n.parse().ok().map(Expected::Request),
        }
    })
}

/// pymalloc's block for a request of `r` bytes; `None` for system blocks.
fn pymalloc_block(r: usize) -> Option<usize> {
    (1..=512).contains(&r).then(|| r.div_ceil(16) * 16)
}

#[test]
fn every_object_sits_in_cpythons_block() {
    pyheap_vm::init_runtime(vec!["block_sizes".into()], String::new());
    let g = pyheap_vm::main_dict();
    let (code, _arena) =
        pyheap_vm::compile_source_with_arena(CATALOGUE, "<catalogue>", pyheap_compiler::Mode::Exec)
            .unwrap_or_else(|_| panic!("catalogue does not compile"));
    let _ = dict::set_str(&g, "__name__", pstr::new_str("catalogue"));
    if let Err(e) = pyheap_vm::eval::run_code(&code, &g, None) {
        panic!(
            "catalogue raised: {}",
            pyheap_vm::traceback::format_exception(&e.exc)
        );
    }
    let items = dict::get_str(&g, "ITEMS").expect("ITEMS");
    let items = pyheap_vm::objects::list::list_items(&items);
    assert!(items.len() > 90, "catalogue too short: {}", items.len());
    let mut bad = Vec::new();
    let mut gaps = 0;
    for it in &items {
        let parts = tuple::tuple_items(it);
        let label = pstr::as_str(&parts[0]).unwrap_or("?").to_string();
        let obj = &parts[1];
        let request = match cpython_request(&label) {
            Some(Expected::Request(r)) => r,
            Some(Expected::Gap) => {
                gaps += 1;
                continue;
            }
            None => {
                bad.push(format!(
                    "{label}: not in the catalogue's .out (regenerate it)"
                ));
                continue;
            }
        };
        let start = obj.addr() - pre_header_size(obj.type_slots().flags.get());
        let Some(block) = pyheap_mem::alloc::block_of(start) else {
            bad.push(format!("{label}: no block at its allocation start"));
            continue;
        };
        let ok = block.start == start
            && block.live
            && match pymalloc_block(request) {
                Some(size) => block.size == size,
                None => block.size >= request && block.size > 512,
            };
        if !ok {
            bad.push(format!(
                "{label}: request {request} wants a {} block, pyheap's is {} bytes{}",
                pymalloc_block(request)
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| "system".into()),
                block.size,
                if block.start == start {
                    ""
                } else {
                    " (object not at the block start)"
                }
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
    assert!(gaps <= 3, "more recorded gaps than the three known: {gaps}");
}
