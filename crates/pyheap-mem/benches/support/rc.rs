//! `std::rc::Rc` as the baseline for the acyclic workloads. The node has the
//! same two edges as every other contender's, without interior mutability
//! (a chain is built front to back, so none is needed): Rc's best case.

use std::rc::Rc;

use super::Heap;

pub struct Node {
    next: Option<Rc<Node>>,
    _other: Option<Rc<Node>>,
}

#[derive(Default)]
pub struct RcHeap;

impl Heap for RcHeap {
    type H = Rc<Node>;
    #[inline]
    fn chain_node(&self, next: Option<Rc<Node>>) -> Rc<Node> {
        Rc::new(Node { next, _other: None })
    }
}
