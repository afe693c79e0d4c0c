//! `retype` (`__class__` assignment): refused across layouts, and the heap
//! types' reference counts follow the instance. Miri-runnable.

use pyheap_mem::retype::{retype, LayoutDiffers};
use pyheap_mem::typed::{
    new_object, new_root_metatype, new_type_object, set_payload, NoItems, Payload,
};
use pyheap_mem::{TypeFlags, TypeSlots};

struct TypeData;
impl Payload for TypeData {
    type Item = NoItems;
}

struct Inst(#[allow(dead_code)] u64);
impl Payload for Inst {
    type Item = NoItems;
}

struct Other(#[allow(dead_code)] u64);
impl Payload for Other {
    type Item = NoItems;
}

#[test]
fn retype_checks_layout_and_moves_type_references() {
    scenario();
    // SAFETY: every object of this thread's heap was dropped by scenario().
    unsafe { pyheap_mem::alloc::release_thread_heap() };
}

fn scenario() {
    let meta = new_root_metatype(TypeSlots::new(0, 0, TypeFlags::IS_TYPE), TypeData, 0).unwrap();
    let heap_type = |size: usize| {
        new_type_object(
            &meta,
            TypeSlots::new(size, 0, TypeFlags::HEAPTYPE),
            TypeData,
            0,
        )
        .unwrap()
    };
    let a = heap_type(24);
    let b = heap_type(24);
    let c = heap_type(24);
    assert!(set_payload::<Inst>(a.as_type_slots().unwrap(), 16));
    assert!(set_payload::<Inst>(b.as_type_slots().unwrap(), 16));
    assert!(set_payload::<Other>(c.as_type_slots().unwrap(), 16));
    let (ra, rb) = (a.refcnt(), b.refcnt());

    let x = new_object(&a, Inst(7), 0).unwrap();
    assert_eq!(a.refcnt(), ra + 1, "an instance references its heap type");
    assert_eq!(retype(&x, &c), Err(LayoutDiffers), "other payload type");
    assert_eq!(retype(&x, &x), Err(LayoutDiffers), "not a type");
    assert!(x.has_type(&a));

    retype(&x, &b).unwrap();
    assert!(x.has_type(&b));
    assert!(x.payload::<Inst>().is_some());
    assert_eq!((a.refcnt(), b.refcnt()), (ra, rb + 1));
    // Back again; then the old type may go while the instance lives on.
    retype(&x, &a).unwrap();
    retype(&x, &b).unwrap();
    drop(a);
    assert_eq!(b.refcnt(), rb + 1);
    drop(x);
    assert_eq!(b.refcnt(), rb);
}
