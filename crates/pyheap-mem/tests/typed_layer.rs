//! The typed-payload layer: type objects, payloads, trailing items, slots and
//! separately allocated arrays, end to end through the safe API.

use std::cell::Cell;

use pyheap_mem::arrays::RecordBlock;
use pyheap_mem::typed::{
    new_object, new_object_placed, new_root_metatype, new_type_object, set_payload, NoItems,
    Payload, Slot,
};
use pyheap_mem::{RefArray, TypeFlags, TypeSlots};

struct TypeData {
    name: &'static str,
}
impl Payload for TypeData {
    type Item = NoItems;
}

struct Tuple {
    len: Cell<usize>,
}
impl Payload for Tuple {
    type Item = Slot;
    fn item_count(&self, _ty: &TypeSlots) -> usize {
        self.len.get()
    }
}

thread_local! {
    static DROPS: Cell<usize> = const { Cell::new(0) };
}
struct Counted;
impl Drop for Counted {
    fn drop(&mut self) {
        DROPS.with(|d| d.set(d.get() + 1));
    }
}
impl Payload for Counted {
    type Item = NoItems;
}

#[test]
fn payloads_items_and_drops() {
    scenario();
    // SAFETY: every object of this thread's heap was dropped by scenario().
    unsafe { pyheap_mem::alloc::release_thread_heap() };
}

fn scenario() {
    let meta = new_root_metatype(
        TypeSlots::new(0, 0, TypeFlags::IS_TYPE),
        TypeData { name: "type" },
        0,
    )
    .unwrap();
    assert!(meta.has_type(&meta));
    assert_eq!(meta.payload::<TypeData>().unwrap().name, "type");

    let tuple_t = new_type_object(
        &meta,
        TypeSlots::new(24, 8, TypeFlags::default()),
        TypeData { name: "tuple" },
        0,
    )
    .unwrap();
    assert!(set_payload::<Tuple>(tuple_t.as_type_slots().unwrap(), 16));
    let counted_t = new_type_object(
        &meta,
        TypeSlots::new(16, 0, TypeFlags::default()),
        TypeData { name: "c" },
        0,
    )
    .unwrap();
    assert!(set_payload::<Counted>(
        counted_t.as_type_slots().unwrap(),
        16
    ));

    let c = new_object(&counted_t, Counted, 0).unwrap();
    let t = new_object(&tuple_t, Tuple { len: Cell::new(3) }, 3).unwrap();
    assert_eq!(t.items::<Tuple>().len(), 3);
    t.items::<Tuple>()[1].set(Some(c.clone()));
    assert_eq!(c.refcnt(), 2);
    assert!(
        t.payload::<Counted>().is_none(),
        "type confusion must be refused"
    );
    drop(c);
    assert_eq!(DROPS.with(|d| d.get()), 0);
    drop(t);
    assert_eq!(
        DROPS.with(|d| d.get()),
        1,
        "dropping the tuple drops its items"
    );

    let arr = RefArray::empty();
    arr.resize(4).unwrap();
    let c2 = new_object(&counted_t, Counted, 0).unwrap();
    assert!(arr.set(3, Some(c2)));
    assert!(arr.get(3).is_some());
    assert!(!arr.set(4, None));
    assert!(arr.move_within(3, 0, 1));
    assert!(arr.peek(3).is_none() && arr.peek(0).is_some());
    drop(arr);
    assert_eq!(DROPS.with(|d| d.get()), 2);

    let block = RecordBlock::new(8, 3, 5, 0b110).unwrap();
    assert_eq!(block.heap_bytes(), 32 + 8 + 5 * 24);
    assert!(block.set_int(0, 0, 42));
    assert!(!block.set_int(0, 1, 1), "reference words refuse integers");
    let c3 = new_object(&counted_t, Counted, 0).unwrap();
    assert!(block.replace_ref(4, 2, Some(c3)).is_ok());
    assert_eq!(block.int(0, 0), Some(42));
    drop(block);
    assert_eq!(DROPS.with(|d| d.get()), 3);

    // A placed object (CPython's static singletons): at its page offset,
    // items clamped to its block, freed like any other object.
    let blocks = pyheap_mem::alloc::allocated_blocks();
    let p = new_object_placed(&tuple_t, Tuple { len: Cell::new(2) }, 2, 0xf00).unwrap();
    assert_eq!(p.addr() % 4096, 0xf00);
    assert_eq!(p.items::<Tuple>().len(), 2);
    let c4 = new_object(&counted_t, Counted, 0).unwrap();
    p.items::<Tuple>()[0].set(Some(c4));
    assert_eq!(pyheap_mem::alloc::allocated_blocks(), blocks + 1);
    assert!(pyheap_mem::object::register_type(&tuple_t));
    assert!(pyheap_mem::object::object_at(p.addr()).is_some());
    pyheap_mem::object::unregister_type(&tuple_t);
    drop(p);
    assert_eq!(DROPS.with(|d| d.get()), 4);
    assert!(pyheap_mem::alloc::block_of(0xf00 + 4096).is_none());
}
