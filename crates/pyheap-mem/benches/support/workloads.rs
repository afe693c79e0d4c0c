//! The four workloads, generic over the contender. Each `*_routine` runs on
//! the contender's worker thread: it does the untimed setup once and returns
//! the closure criterion's `iter_custom` calls with an iteration count; the
//! closure returns only the time spent in the measured part (see
//! [`super::clock`] for which clock).

use std::hint::black_box;
use std::time::Duration;

use super::clock::Stopwatch;
use super::{Collector, Heap, XorShift};

/// A timed routine: `iters` iterations in, measured time out.
pub type Routine = Box<dyn FnMut(u64) -> Duration>;

/// Builds a chain of `n` nodes (each new node owns the previous head).
pub fn build_chain<C: Heap>(c: &C, n: usize) -> Option<C::H> {
    let mut head = None;
    for _ in 0..n {
        head = Some(c.chain_node(head));
    }
    head
}

/// (1) Allocate a chain of `n` nodes and drop it; both are timed.
pub fn chain_routine<C: Heap + 'static>(c: C, n: usize) -> Routine {
    Box::new(move |iters| {
        let t = Stopwatch::start();
        for _ in 0..iters {
            let head = build_chain(&c, n);
            drop(black_box(head));
        }
        t.elapsed()
    })
}

/// (2) Build `n` two-node cycles (automatic collection off, untimed), then
/// time dropping the only outside handle of each and one full collection.
pub fn cycles_routine<C: Collector + 'static>(c: C, n: usize) -> Routine {
    Box::new(move |iters| {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            c.set_auto_collect(false);
            let mut outside = Vec::with_capacity(n);
            for _ in 0..n {
                let a = c.empty_node();
                let b = c.empty_node();
                c.set_edge(&a, 0, &b);
                c.set_edge(&b, 0, &a);
                drop(b);
                outside.push(a);
            }
            let t = Stopwatch::start();
            drop(black_box(outside));
            let freed = c.collect();
            total += t.elapsed();
            c.set_auto_collect(true);
            if let Some(freed) = freed {
                assert_eq!(freed, 2 * n, "every cycle member must be collected");
            }
        }
        total
    })
}

/// Builds `n` nodes, each with two edges to uniformly random earlier nodes
/// (node 0 has none), from a fixed seed.
pub fn build_graph<C: Collector>(c: &C, n: usize) -> Vec<C::H> {
    let mut rng = XorShift::new(0x9E37_79B9_7F4A_7C15);
    let mut nodes: Vec<C::H> = Vec::with_capacity(n);
    for i in 0..n {
        let node = c.empty_node();
        if i > 0 {
            let j = rng.below(i);
            c.set_edge(&node, 0, &nodes[j]);
            let k = rng.below(i);
            c.set_edge(&node, 1, &nodes[k]);
        }
        nodes.push(node);
    }
    nodes
}

/// (3) One full collection of a live `n`-node graph; nothing is freed. The
/// graph is built once per worker (automatic collection off), untimed.
pub fn graph_routine<C: Collector + 'static>(c: C, n: usize) -> Routine {
    c.set_auto_collect(false);
    let nodes = build_graph(&c, n);
    Box::new(move |iters| {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            c.make_candidates(&nodes);
            let t = Stopwatch::start();
            let freed = c.collect();
            total += t.elapsed();
            if let Some(freed) = freed {
                assert_eq!(freed, 0, "a live graph must survive");
            }
        }
        black_box(&nodes);
        total
    })
}

/// (4) `pairs` clone + drop pairs of one handle.
pub fn clone_drop_routine<C: Heap + 'static>(c: C, pairs: u64) -> Routine {
    let h = c.chain_node(None);
    Box::new(move |iters| {
        let t = Stopwatch::start();
        for _ in 0..iters {
            for _ in 0..pairs {
                let extra = black_box(h.clone());
                drop(extra);
            }
        }
        let d = t.elapsed();
        black_box(&c);
        d
    })
}
