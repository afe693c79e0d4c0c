//! Shared code of the pyheap-mem benchmarks: one "contender" per memory
//! manager (pyheap-mem, `std::rc::Rc`, dumpster, rust-cc, gcmodule,
//! bacon_rajan_cc), the four workloads written once against them, and a
//! worker thread that keeps a contender's thread-local state alive between
//! criterion's calls.
//!
//! Read [`Heap`] and [`Collector`] first (what a contender must provide), then
//! [`workloads`] (what is timed), then [`worker::Worker`].
//!
//! Every node type has the same shape: two owned edge slots. A chain uses
//! edge 0; a graph uses both.

// NOTE: this module is compiled into two bench targets (the criterion
// benchmarks and the stack-overflow probe); each uses only part of it.
#![allow(dead_code)]

pub mod bacon;
pub mod clock;
pub mod dumpster_gc;
pub mod gcmod;
pub mod pyheap;
pub mod rc;
pub mod rustcc;
pub mod worker;
pub mod workloads;

/// A reference-counted heap: enough for the acyclic workloads (chain, clone/drop).
pub trait Heap {
    /// A strong handle; `Clone` is an increment, `Drop` a decrement.
    type H: Clone;
    /// A node whose edge 0 owns `next`.
    fn chain_node(&self, next: Option<Self::H>) -> Self::H;
}

/// A heap with a cycle collector: enough for the cyclic workloads.
pub trait Collector: Heap {
    /// A node with both edges empty.
    fn empty_node(&self) -> Self::H;
    /// Stores a new strong reference to `to` in edge `i` (0 or 1) of `node`.
    fn set_edge(&self, node: &Self::H, i: usize, to: &Self::H);
    /// Turns automatic (allocation- or drop-triggered) collection on or off;
    /// a no-op for collectors that only run when asked.
    fn set_auto_collect(&self, on: bool);
    /// One full collection; the number of objects it freed when the
    /// collector reports it.
    fn collect(&self) -> Option<usize>;
    /// Collectors that only scan "possible roots" (objects whose count was
    /// decremented without reaching zero) scan nothing in a heap that was
    /// only ever incremented. This makes every node in `nodes` such a
    /// candidate, so a following [`Collector::collect`] traverses the whole
    /// graph as a full collection of a tracing collector does. No-op for
    /// collectors that scan every tracked object anyway.
    fn make_candidates(&self, _nodes: &[Self::H]) {}
}

/// xorshift64*: small, deterministic, good enough to pick random earlier nodes.
pub struct XorShift(u64);

impl XorShift {
    pub fn new(seed: u64) -> XorShift {
        XorShift(seed | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A value in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}
