//! `ItemCount`: a payload's item count that only pyheap-mem writes bounds the
//! trailing items without an allocator query; a count outside the payload is
//! ignored (the allocation then bounds them).

use std::cell::Cell;

use pyheap_mem::typed::{new_object, new_root_metatype, new_type_object, set_payload, Payload};
use pyheap_mem::{ItemCount, NoItems, Slot, TypeFlags, TypeSlots};

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

thread_local! {
    static FOREIGN: &'static ItemCount = Box::leak(Box::new(ItemCount::new()));
}

/// Points its count at something outside the payload.
struct Foreign {
    claimed: Cell<usize>,
}
impl Payload for Foreign {
    type Item = Slot;
    fn item_count(&self, _ty: &TypeSlots) -> usize {
        self.claimed.get()
    }
    fn fixed_item_count(&self) -> Option<&ItemCount> {
        Some(FOREIGN.with(|f| *f))
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
    drop(f);

    // The foreign count is ignored: never set, and the allocation clamps.
    let g = new_object(
        &foreign_t,
        Foreign {
            claimed: Cell::new(2),
        },
        2,
    )
    .unwrap();
    assert_eq!(FOREIGN.with(|c| c.get()), 0);
    assert_eq!(g.items::<Foreign>().len(), 2);
    g.payload::<Foreign>().unwrap().claimed.set(1000);
    // 16 (header) + 8 + 2 * 8 = 40 bytes, a 48-byte block: 3 items fit.
    assert_eq!(g.items::<Foreign>().len(), 3);
    g.payload::<Foreign>().unwrap().claimed.set(2);
    drop(g);
    drop((fixed_t, foreign_t));
    drop(meta);
}
