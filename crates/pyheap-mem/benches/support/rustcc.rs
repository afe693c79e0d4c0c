//! rust-cc 0.6 (`Cc`): reference counts plus a buffer of possible cycle
//! roots (handles dropped to a non-zero count); `collect_cycles` traces from
//! those. Default features (auto-collect, finalization).

use std::cell::RefCell;

use rust_cc::config::config;
use rust_cc::{collect_cycles, Cc, Finalize, Trace};

use super::{Collector, Heap};

#[derive(Trace, Finalize)]
pub struct Node {
    a: RefCell<Option<Cc<Node>>>,
    b: RefCell<Option<Cc<Node>>>,
}

#[derive(Default)]
pub struct RustCcHeap;

impl Heap for RustCcHeap {
    type H = Cc<Node>;
    #[inline]
    fn chain_node(&self, next: Option<Cc<Node>>) -> Cc<Node> {
        Cc::new(Node {
            a: RefCell::new(next),
            b: RefCell::new(None),
        })
    }
}

impl Collector for RustCcHeap {
    fn empty_node(&self) -> Cc<Node> {
        self.chain_node(None)
    }
    fn set_edge(&self, node: &Cc<Node>, i: usize, to: &Cc<Node>) {
        let slot = if i == 0 { &node.a } else { &node.b };
        *slot.borrow_mut() = Some(to.clone());
    }
    fn set_auto_collect(&self, on: bool) {
        config(|c| c.set_auto_collect(on)).expect("rust-cc config");
    }
    fn collect(&self) -> Option<usize> {
        collect_cycles();
        None
    }
    fn make_candidates(&self, nodes: &[Cc<Node>]) {
        for n in nodes {
            drop(n.clone());
        }
    }
}
