//! Runs one workload of one contender outside criterion, for profilers:
//!
//! ```text
//! cargo bench -p pyheap-mem --bench profile_workloads --no-run
//! perf stat  target/release/deps/profile_workloads-* graph pyheap-mem 5
//! valgrind --tool=callgrind target/release/deps/profile_workloads-* cycles pyheap-mem 1
//! ```
//!
//! Arguments: workload (`chain`, `cycles`, `graph`, `clone_drop`),
//! contender (as in the criterion benchmark names), repetitions. Prints the
//! measured time per repetition. Without arguments (as under `cargo bench`)
//! it does nothing.

mod support;

use std::time::Duration;

use support::bacon::BaconHeap;
use support::dumpster_gc::DumpsterHeap;
use support::gcmod::GcmoduleHeap;
use support::pyheap::Pyheap;
use support::rc::RcHeap;
use support::rustcc::RustCcHeap;
use support::worker::{Worker, BIG_STACK, NORMAL_STACK};
use support::workloads::{
    chain_routine, clone_drop_routine, cycles_routine, graph_routine, Routine,
};
use support::{Collector, Heap};

fn acyclic<C: Heap + 'static>(workload: &str, c: C, size: usize) -> Option<Routine> {
    match workload {
        "chain" => Some(chain_routine(c, size)),
        "clone_drop" => Some(clone_drop_routine(c, size as u64)),
        _ => None,
    }
}

fn any<C: Collector + 'static>(workload: &str, c: C, size: usize) -> Option<Routine> {
    match workload {
        "cycles" => Some(cycles_routine(c, size)),
        "graph" => Some(graph_routine(c, size)),
        _ => acyclic(workload, c, size),
    }
}

fn make(workload: &str, contender: &str, size: usize) -> Option<Routine> {
    match contender {
        "pyheap-mem" => any(workload, Pyheap::new(true), size),
        "pyheap-mem-noauto" => acyclic(workload, Pyheap::without_auto_collect(), size),
        "pyheap-mem-nogc" => acyclic(workload, Pyheap::new(false), size),
        "Rc" => acyclic(workload, RcHeap, size),
        "dumpster" => any(workload, DumpsterHeap, size),
        "rust-cc" => any(workload, RustCcHeap, size),
        "gcmodule" => any(workload, GcmoduleHeap, size),
        "bacon_rajan_cc" => any(workload, BaconHeap, size),
        _ => None,
    }
}

fn default_size(workload: &str) -> usize {
    match workload {
        "cycles" => 100_000,
        "clone_drop" => 10_000_000,
        _ => 1_000_000,
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let [workload, contender, rest @ ..] = args.as_slice() else {
        return;
    };
    let reps: u64 = rest.first().and_then(|r| r.parse().ok()).unwrap_or(1);
    let size = rest
        .get(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| default_size(workload));
    let stack = if contender.starts_with("pyheap-mem") {
        NORMAL_STACK
    } else {
        BIG_STACK
    };
    let (w, c) = (workload.clone(), contender.clone());
    let worker = Worker::spawn(stack, move || {
        make(&w, &c, size).unwrap_or_else(|| {
            eprintln!("unknown workload/contender: {w} {c}");
            std::process::exit(2)
        })
    });
    let mut total = Duration::ZERO;
    for _ in 0..reps {
        total += worker.run(1);
    }
    println!(
        "{workload} {contender} size={size}: {:.3} ms per repetition ({:.2} ns per element; {})",
        total.as_secs_f64() * 1e3 / reps as f64,
        total.as_secs_f64() * 1e9 / (reps as f64 * size as f64),
        support::clock::clock_name()
    );
}
