//! gcmodule 0.3 (`Cc`, thread-local object space): CPython's algorithm —
//! every `Cc` of a traced type is in a list and `collect_thread_cycles`
//! scans all of them. No automatic collection.

use std::cell::RefCell;

use gcmodule::{collect_thread_cycles, Cc, Trace, Tracer};

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
pub struct GcmoduleHeap;

impl Heap for GcmoduleHeap {
    type H = Cc<Node>;
    #[inline]
    fn chain_node(&self, next: Option<Cc<Node>>) -> Cc<Node> {
        Cc::new(Node {
            a: RefCell::new(next),
            b: RefCell::new(None),
        })
    }
}

impl Collector for GcmoduleHeap {
    fn empty_node(&self) -> Cc<Node> {
        self.chain_node(None)
    }
    fn set_edge(&self, node: &Cc<Node>, i: usize, to: &Cc<Node>) {
        let slot = if i == 0 { &node.a } else { &node.b };
        *slot.borrow_mut() = Some(to.clone());
    }
    fn set_auto_collect(&self, _on: bool) {}
    fn collect(&self) -> Option<usize> {
        Some(collect_thread_cycles())
    }
}
