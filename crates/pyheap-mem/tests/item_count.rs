//! `ItemCount`: a payload's item count that only pyheap-mem writes bounds the
//! trailing items without an allocator query; a count outside the payload is
//! ignored (the allocation then bounds them).

use std::cell::Cell;

use pyheap_mem::typed::{new_object, new_root_metatype, new_type_object, set_payload, Payload};
use pyheap_mem::{ItemCount, NoItems, Ref, Slot, TypeFlags, TypeSlots};

struct TypeData;
impl Payload for TypeData {
    type Item = NoItems;
}

/// Claims more items than it has, but keeps an ItemCount.
struct Fixed {
    count: ItemCount,
    claimed: Cell<usize>,
}
impl Payload for Fixed {
    type Item = Slot;
    fn item_count(&self, _ty: &TypeSlots) -> usize {
        self.claimed.get()
    }
    fn fixed_item_count(&self) -> Option<&ItemCount> {
        Some(&self.count)
    }
}

/// Points its count at another object's (set) count.
struct Foreign {
    other: Ref,
    claimed: Cell<usize>,
}
impl Payload for Foreign {
    type Item = Slot;
    fn item_count(&self, _ty: &TypeSlots) -> usize {
        self.claimed.get()
    }
    fn fixed_item_count(&self) -> Option<&ItemCount> {
        self.other.payload::<Fixed>().map(|p| &p.count)
    }
}

#[test]
fn item_count_bounds_items() {
    scenario();
    // SAFETY: every object of this thread's heap was dropped by scenario().
    unsafe { pyheap_mem::alloc::release_thread_heap() };
}

fn scenario() {
    let meta = new_root_metatype(TypeSlots::new(0, 0, TypeFlags::IS_TYPE), TypeData, 0).unwrap();
    let fixed_t = new_type_object(
        &meta,
        TypeSlots::new(32, 8, TypeFlags::default()),
        TypeData,
        0,
    )
    .unwrap();
    assert!(set_payload::<Fixed>(fixed_t.as_type_slots().unwrap(), 16));
    let foreign_t = new_type_object(
        &meta,
        TypeSlots::new(24, 8, TypeFlags::default()),
        TypeData,
        0,
    )
    .unwrap();
    assert!(set_payload::<Foreign>(
        foreign_t.as_type_slots().unwrap(),
        16
    ));

    let f = new_object(
        &fixed_t,
        Fixed {
            count: ItemCount::new(),
            claimed: Cell::new(3),
        },
        3,
    )
    .unwrap();
    let p = f.payload::<Fixed>().unwrap();
    assert_eq!(p.count.get(), 3);
    assert_eq!(f.items::<Fixed>().len(), 3);
    f.items::<Fixed>()[2].set(Some(meta.clone()));
    // A larger claim is bounded by the count new_object set.
    p.claimed.set(1000);
    assert_eq!(f.items::<Fixed>().len(), 3);
    p.claimed.set(1);
    assert_eq!(f.items::<Fixed>().len(), 1);
    p.claimed.set(3);

    // Another object's count (3) is ignored: it is not set by new_object
    // (still 3 afterwards), and the allocation clamps the items: the payload
    // ends at 32, so 2 items make a 48-byte request, a 48-byte block.
    let g = new_object(
        &foreign_t,
        Foreign {
            other: f.clone(),
            claimed: Cell::new(2),
        },
        2,
    )
    .unwrap();
    assert_eq!(p.count.get(), 3);
    assert_eq!(g.items::<Foreign>().len(), 2);
    g.payload::<Foreign>().unwrap().claimed.set(1000);
    assert_eq!(g.items::<Foreign>().len(), 2);
    g.payload::<Foreign>().unwrap().claimed.set(2);
    drop(g);
    drop(f);
    drop((fixed_t, foreign_t));
    drop(meta);
}
