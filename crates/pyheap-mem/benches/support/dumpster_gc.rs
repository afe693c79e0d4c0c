//! dumpster 2.1 (`unsync::Gc`): a reference count plus a "dirty" set of
//! handles dropped to a non-zero count; `collect` searches the graph from
//! those. Automatic collection is governed by a collect condition.

use std::cell::RefCell;

use dumpster::unsync::{
    collect, default_collect_condition, set_collect_condition, CollectInfo, Gc,
};
use dumpster::Trace;

use super::{Collector, Heap};

#[derive(Trace)]
pub struct Node {
    a: RefCell<Option<Gc<Node>>>,
    b: RefCell<Option<Gc<Node>>>,
}

#[derive(Default)]
pub struct DumpsterHeap;

fn never_collect(_: &CollectInfo) -> bool {
    false
}

impl Heap for DumpsterHeap {
    type H = Gc<Node>;
    #[inline]
    fn chain_node(&self, next: Option<Gc<Node>>) -> Gc<Node> {
        Gc::new(Node {
            a: RefCell::new(next),
            b: RefCell::new(None),
        })
    }
}

impl Collector for DumpsterHeap {
    fn empty_node(&self) -> Gc<Node> {
        self.chain_node(None)
    }
    fn set_edge(&self, node: &Gc<Node>, i: usize, to: &Gc<Node>) {
        let slot = if i == 0 { &node.a } else { &node.b };
        *slot.borrow_mut() = Some(to.clone());
    }
    fn set_auto_collect(&self, on: bool) {
        set_collect_condition(if on {
            default_collect_condition
        } else {
            never_collect
        });
    }
    fn collect(&self) -> Option<usize> {
        collect();
        None
    }
    fn make_candidates(&self, nodes: &[Gc<Node>]) {
        for n in nodes {
            drop(n.clone());
        }
    }
}
