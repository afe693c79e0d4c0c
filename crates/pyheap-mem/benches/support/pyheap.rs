//! pyheap-mem as a contender: a node is an object of a static-like type
//! (not `HEAPTYPE`, so instances do not hold their type) whose typed payload
//! is two [`Slot`]s. The GC variant has `HAVE_GC`, a `traverse` and a `clear`
//! and is tracked right after creation, as a CPython container would be.

use std::mem::ManuallyDrop;

use pyheap_mem::gc;
use pyheap_mem::typed::{new_object, new_root_metatype, new_type_object, set_payload};
use pyheap_mem::{NoItems, ObjPtr, Payload, Ref, Slot, TypeFlags, TypeSlots};

use super::{Collector, Heap};

struct TypeData;
impl Payload for TypeData {
    type Item = NoItems;
}

/// The node payload: two owned edges.
pub struct Node {
    edges: [Slot; 2],
}
impl Payload for Node {
    type Item = NoItems;
}

fn node_traverse(obj: &Ref, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(n) = obj.payload::<Node>() {
        for e in &n.edges {
            if let Some(p) = e.peek() {
                visit(p);
            }
        }
    }
}

fn node_clear(obj: &Ref) {
    if let Some(n) = obj.payload::<Node>() {
        for e in &n.edges {
            drop(e.take());
        }
    }
}

/// pyheap-mem with GC-tracked nodes (`gc: true`) or plain refcounted ones.
/// Automatic collection is as the collector has it (on, CPython's
/// thresholds) unless [`Pyheap::without_auto_collect`] is used.
pub struct Pyheap {
    // NOTE: the type objects are never released (like CPython's static
    // types): nodes do not own a reference to them, and a benchmark's nodes
    // may be dropped after the contender.
    node_type: ManuallyDrop<Ref>,
    gc: bool,
}

impl Pyheap {
    /// Creates the metatype and the node type on the current thread.
    pub fn new(gc: bool) -> Pyheap {
        let meta = new_root_metatype(TypeSlots::new(0, 0, TypeFlags::IS_TYPE), TypeData, 0)
            .expect("metatype");
        let flags = if gc {
            TypeFlags::HAVE_GC
        } else {
            TypeFlags::default()
        };
        let size = 16 + std::mem::size_of::<Node>();
        let slots = TypeSlots::new(size, 0, flags);
        if gc {
            slots.traverse.set(Some(node_traverse));
            slots.clear.set(Some(node_clear));
        }
        let node_type = new_type_object(&meta, slots, TypeData, 0).expect("node type");
        let declared = node_type
            .as_type_slots()
            .is_some_and(|s| set_payload::<Node>(s, 16));
        assert!(declared, "node payload declared");
        // The metatype references itself; it lives as long as the thread.
        std::mem::forget(meta);
        Pyheap {
            node_type: ManuallyDrop::new(node_type),
            gc,
        }
    }

    /// GC-tracked nodes with automatic collection off for the thread
    /// (`gc.disable()`), so only explicit collections run.
    pub fn without_auto_collect() -> Pyheap {
        gc::disable();
        Pyheap::new(true)
    }

    fn node(&self, first: Option<Ref>) -> Ref {
        let node = Node {
            edges: [Slot::new(first), Slot::new(None)],
        };
        let obj = new_object(&self.node_type, node, 0).expect("allocation");
        if self.gc {
            obj.gc_track();
        }
        obj
    }
}

impl Heap for Pyheap {
    type H = Ref;
    #[inline]
    fn chain_node(&self, next: Option<Ref>) -> Ref {
        self.node(next)
    }
}

impl Collector for Pyheap {
    fn empty_node(&self) -> Ref {
        self.node(None)
    }
    fn set_edge(&self, node: &Ref, i: usize, to: &Ref) {
        if let Some(n) = node.payload::<Node>() {
            n.edges[i].set(Some(to.clone()));
        }
    }
    fn set_auto_collect(&self, on: bool) {
        if on {
            gc::enable();
        } else {
            gc::disable();
        }
    }
    fn collect(&self) -> Option<usize> {
        let r = gc::collect_result(gc::NUM_GENERATIONS - 1).expect("valid generation");
        Some(r.collected + r.uncollectable)
    }
}
