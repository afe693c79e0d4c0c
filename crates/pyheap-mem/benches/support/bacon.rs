//! bacon_rajan_cc 0.4 (`Cc`): Bacon & Rajan's synchronous cycle collector —
//! reference counts plus a buffer of possible roots; `collect_cycles`
//! marks, scans and collects from those (recursively). No automatic
//! collection.

use std::cell::RefCell;

use bacon_rajan_cc::{collect_cycles, Cc, Trace, Tracer};

use super::{Collector, Heap};

pub struct Node {
    a: RefCell<Option<Cc<Node>>>,
    b: RefCell<Option<Cc<Node>>>,
}

impl Trace for Node {
    fn trace(&self, tracer: &mut Tracer) {
        self.a.trace(tracer);
        self.b.trace(tracer);
    }
}

#[derive(Default)]
pub struct BaconHeap;

impl Heap for BaconHeap {
    type H = Cc<Node>;
    #[inline]
    fn chain_node(&self, next: Option<Cc<Node>>) -> Cc<Node> {
        Cc::new(Node {
            a: RefCell::new(next),
            b: RefCell::new(None),
        })
    }
}

impl Collector for BaconHeap {
    fn empty_node(&self) -> Cc<Node> {
        self.chain_node(None)
    }
    fn set_edge(&self, node: &Cc<Node>, i: usize, to: &Cc<Node>) {
        let slot = if i == 0 { &node.a } else { &node.b };
        *slot.borrow_mut() = Some(to.clone());
    }
    fn set_auto_collect(&self, _on: bool) {}
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
