//! Criterion benchmarks: pyheap-mem against `Rc` and the Rust cycle-collector
//! crates on four workloads (see BENCHMARKS.md for the results):
//!
//! 1. `chain`: allocate and drop a 1,000,000-node acyclic chain;
//! 2. `cycles`: drop 100,000 two-node cycles, then one collection (setup untimed);
//! 3. `graph`: one full collection of a live 1,000,000-node graph, two edges
//!    per node to random earlier nodes (nothing is freed; setup untimed);
//! 4. `clone_drop`: 10,000,000 clone + drop pairs of one handle.
//!
//! Each benchmark runs on its own worker thread (see `support::worker`);
//! `iter_custom` hands the worker the iteration count and gets back only the
//! measured time: the worker thread's CPU time, or wall-clock time with
//! `PYHEAP_BENCH_CLOCK=wall` (see `support::clock`). Throughput is in
//! elements (nodes, objects or pairs), so criterion's "elem/s" is the figure
//! to compare; `benches/report.py` turns the saved estimates into the tables
//! of BENCHMARKS.md.

mod support;

use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode, Throughput,
};

use support::bacon::BaconHeap;
use support::clock::clock_name;
use support::dumpster_gc::DumpsterHeap;
use support::gcmod::GcmoduleHeap;
use support::pyheap::Pyheap;
use support::rc::RcHeap;
use support::rustcc::RustCcHeap;
use support::worker::{Worker, BIG_STACK, NORMAL_STACK};
use support::workloads::{
    chain_routine, clone_drop_routine, cycles_routine, graph_routine, Routine,
};

const CHAIN_NODES: usize = 1_000_000;
const CYCLES: usize = 100_000;
const GRAPH_NODES: usize = 1_000_000;
const PAIRS: u64 = 10_000_000;

/// Registers one contender in `group`. The worker (and any setup it does)
/// starts only if criterion's filter selects this benchmark.
///
/// NOTE: the group's measurement type is criterion's `WallTime`, but with
/// `iter_custom` criterion only stores and formats the durations the worker
/// returns, which are CPU time unless `PYHEAP_BENCH_CLOCK=wall`.
fn contender(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    stack: usize,
    make: impl FnOnce() -> Routine + Send + 'static,
) {
    let mut make = Some(make);
    let mut worker: Option<Worker> = None;
    group.bench_function(name, |b| {
        let w = worker.get_or_insert_with(|| {
            let make = make.take().expect("worker built once");
            Worker::spawn(stack, make)
        });
        b.iter_custom(|iters| w.run(iters));
    });
}

fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
    elements: u64,
    measure: Duration,
) -> BenchmarkGroup<'a, WallTime> {
    println!("{name}: timing with {}", clock_name());
    let mut g = c.benchmark_group(name);
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(100));
    g.measurement_time(measure);
    g.throughput(Throughput::Elements(elements));
    g
}

fn chain(c: &mut Criterion) {
    let n = CHAIN_NODES;
    let mut g = group(c, "chain", n as u64, Duration::from_secs(2));
    contender(&mut g, "pyheap-mem", NORMAL_STACK, move || {
        chain_routine(Pyheap::new(true), n)
    });
    contender(&mut g, "pyheap-mem-noauto", NORMAL_STACK, move || {
        chain_routine(Pyheap::without_auto_collect(), n)
    });
    contender(&mut g, "pyheap-mem-nogc", NORMAL_STACK, move || {
        chain_routine(Pyheap::new(false), n)
    });
    contender(&mut g, "Rc", BIG_STACK, move || chain_routine(RcHeap, n));
    contender(&mut g, "dumpster", BIG_STACK, move || {
        chain_routine(DumpsterHeap, n)
    });
    contender(&mut g, "rust-cc", BIG_STACK, move || {
        chain_routine(RustCcHeap, n)
    });
    contender(&mut g, "gcmodule", BIG_STACK, move || {
        chain_routine(GcmoduleHeap, n)
    });
    contender(&mut g, "bacon_rajan_cc", BIG_STACK, move || {
        chain_routine(BaconHeap, n)
    });
    g.finish();
}

fn cycles(c: &mut Criterion) {
    let n = CYCLES;
    let mut g = group(c, "cycles", 2 * n as u64, Duration::from_secs(1));
    contender(&mut g, "pyheap-mem", NORMAL_STACK, move || {
        cycles_routine(Pyheap::new(true), n)
    });
    contender(&mut g, "dumpster", BIG_STACK, move || {
        cycles_routine(DumpsterHeap, n)
    });
    contender(&mut g, "rust-cc", BIG_STACK, move || {
        cycles_routine(RustCcHeap, n)
    });
    contender(&mut g, "gcmodule", BIG_STACK, move || {
        cycles_routine(GcmoduleHeap, n)
    });
    contender(&mut g, "bacon_rajan_cc", BIG_STACK, move || {
        cycles_routine(BaconHeap, n)
    });
    g.finish();
}

fn graph(c: &mut Criterion) {
    let n = GRAPH_NODES;
    // NOTE: dumpster needs several seconds per collection of the 1M-node
    // graph (about 7 µs per node here), which would make this benchmark take
    // minutes; by default it runs on a tenth of the graph in its own group,
    // `graph_100k` (throughput is per node either way). Set
    // PYHEAP_BENCH_DUMPSTER_FULL=1 to run it on the full graph.
    let dumpster_full = std::env::var_os("PYHEAP_BENCH_DUMPSTER_FULL").is_some();
    let mut g = group(c, "graph", n as u64, Duration::from_secs(2));
    contender(&mut g, "pyheap-mem", NORMAL_STACK, move || {
        graph_routine(Pyheap::new(true), n)
    });
    if dumpster_full {
        contender(&mut g, "dumpster", BIG_STACK, move || {
            graph_routine(DumpsterHeap, n)
        });
    }
    contender(&mut g, "rust-cc", BIG_STACK, move || {
        graph_routine(RustCcHeap, n)
    });
    contender(&mut g, "gcmodule", BIG_STACK, move || {
        graph_routine(GcmoduleHeap, n)
    });
    contender(&mut g, "bacon_rajan_cc", BIG_STACK, move || {
        graph_routine(BaconHeap, n)
    });
    g.finish();
    if !dumpster_full {
        let small = n / 10;
        let mut g = group(c, "graph_100k", small as u64, Duration::from_secs(2));
        contender(&mut g, "dumpster", BIG_STACK, move || {
            graph_routine(DumpsterHeap, small)
        });
        g.finish();
    }
}

fn clone_drop(c: &mut Criterion) {
    let mut g = group(c, "clone_drop", PAIRS, Duration::from_secs(1));
    contender(&mut g, "pyheap-mem", NORMAL_STACK, || {
        clone_drop_routine(Pyheap::new(true), PAIRS)
    });
    contender(&mut g, "Rc", NORMAL_STACK, || {
        clone_drop_routine(RcHeap, PAIRS)
    });
    contender(&mut g, "dumpster", NORMAL_STACK, || {
        clone_drop_routine(DumpsterHeap, PAIRS)
    });
    contender(&mut g, "rust-cc", NORMAL_STACK, || {
        clone_drop_routine(RustCcHeap, PAIRS)
    });
    contender(&mut g, "gcmodule", NORMAL_STACK, || {
        clone_drop_routine(GcmoduleHeap, PAIRS)
    });
    contender(&mut g, "bacon_rajan_cc", NORMAL_STACK, || {
        clone_drop_routine(BaconHeap, PAIRS)
    });
    g.finish();
}

criterion_group!(benches, chain, cycles, graph, clone_drop);
criterion_main!(benches);
