//! Which contenders survive allocating and dropping a 1,000,000-node chain
//! on an ordinary 8 MiB main-thread stack? A stack overflow aborts the whole
//! process, so each contender runs in a child process (this same binary,
//! re-executed with `--probe NAME`) and the parent reports how it ended.
//!
//! Run with `cargo bench -p pyheap-mem --bench chain_overflow_probe`. It
//! prints a table and never fails: a benchmark is not a test.

mod support;

use std::process::Command;

use support::bacon::BaconHeap;
use support::dumpster_gc::DumpsterHeap;
use support::gcmod::GcmoduleHeap;
use support::pyheap::Pyheap;
use support::rc::RcHeap;
use support::rustcc::RustCcHeap;
use support::workloads::build_chain;
use support::Heap;

const NODES: usize = 1_000_000;
const CONTENDERS: [&str; 8] = [
    "pyheap-mem",
    "pyheap-mem-noauto",
    "pyheap-mem-nogc",
    "Rc",
    "dumpster",
    "rust-cc",
    "gcmodule",
    "bacon_rajan_cc",
];

fn chain_on_this_thread<C: Heap>(c: &C) {
    let head = build_chain(c, NODES);
    drop(std::hint::black_box(head));
}

fn probe(name: &str) {
    match name {
        "pyheap-mem" => chain_on_this_thread(&Pyheap::new(true)),
        "pyheap-mem-noauto" => chain_on_this_thread(&Pyheap::without_auto_collect()),
        "pyheap-mem-nogc" => chain_on_this_thread(&Pyheap::new(false)),
        "Rc" => chain_on_this_thread(&RcHeap),
        "dumpster" => chain_on_this_thread(&DumpsterHeap),
        "rust-cc" => chain_on_this_thread(&RustCcHeap),
        "gcmodule" => chain_on_this_thread(&GcmoduleHeap),
        "bacon_rajan_cc" => chain_on_this_thread(&BaconHeap),
        other => {
            eprintln!("unknown contender {other}");
            std::process::exit(2);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--probe") {
        if let Some(name) = args.get(i + 1) {
            probe(name);
            return;
        }
    }
    // `cargo bench` passes `--bench` and any filter; a filter that names
    // something else skips the probe.
    let filters: Vec<&String> = args[1..].iter().filter(|a| !a.starts_with("--")).collect();
    if !filters.is_empty()
        && !filters
            .iter()
            .any(|f| "chain_overflow_probe".contains(f.as_str()))
    {
        return;
    }
    let exe = match std::env::current_exe() {
        Ok(p) => p,
        Err(e) => {
            println!("chain_overflow_probe: cannot find own executable: {e}");
            return;
        }
    };
    println!("chain_overflow_probe: alloc + drop of a {NODES}-node chain on the main thread (8 MiB stack)");
    for name in CONTENDERS {
        let out = Command::new(&exe).args(["--probe", name]).output();
        let verdict = match out {
            Ok(o) if o.status.success() => "ok".to_string(),
            Ok(o) => {
                let err = String::from_utf8_lossy(&o.stderr);
                if err.contains("overflowed its stack") {
                    "STACK OVERFLOW".to_string()
                } else {
                    format!(
                        "failed ({}): {}",
                        o.status,
                        err.lines().next().unwrap_or("")
                    )
                }
            }
            Err(e) => format!("could not run: {e}"),
        };
        println!("  {name:<16} {verdict}");
    }
}
