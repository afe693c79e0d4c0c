//! `TypeSlots::slot_items` / `ref_items`: the collector walks a tuple-like
//! type's `Slot` items and a list-like type's `RefArray` itself (cycles
//! found, untracking by the item rule, referents in traverse order), and
//! `Ref::managed_peek_each` sees the managed storage.
//! Small enough for Miri.

mod gc_common;

use pyheap_mem::gc;
use pyheap_mem::typed::{new_object, new_root_metatype, new_type_object, set_payload, Payload};
use std::cell::Cell;

use pyheap_mem::{ItemCount, NoItems, ObjPtr, Ref, RefArray, Slot, TypeFlags, TypeSlots};

struct TypeData;
impl Payload for TypeData {
    type Item = NoItems;
}

/// A tuple: fixed item count, `Slot` items.
struct Tup {
    size: ItemCount,
}
impl Payload for Tup {
    type Item = Slot;
    fn item_count(&self, _ty: &TypeSlots) -> usize {
        self.size.get()
    }
    fn fixed_item_count(&self) -> Option<&ItemCount> {
        Some(&self.size)
    }
}

/// A list: `len` used entries of a separately allocated array.
struct List {
    len: Cell<usize>,
    items: RefArray,
}
impl Payload for List {
    type Item = NoItems;
}

fn list_items(o: &Ref) -> Option<(&RefArray, usize)> {
    o.payload::<List>().map(|l| (&l.items, l.len.get()))
}

fn list_traverse(o: &Ref, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some((a, n)) = list_items(o) {
        for i in (0..n).rev() {
            if let Some(p) = a.peek(i) {
                visit(p);
            }
        }
    }
}

fn list_clear(o: &Ref) {
    if let Some(l) = o.payload::<List>() {
        l.len.set(0);
        l.items.clear();
    }
}

/// An atom (not GC) and a managed-dict instance (GC, no own references).
struct Empty;
impl Payload for Empty {
    type Item = NoItems;
}

fn tup_items(o: &Ref) -> &[Slot] {
    o.items::<Tup>()
}

fn tup_traverse(o: &Ref, visit: &mut dyn FnMut(ObjPtr)) {
    for s in tup_items(o).iter().rev() {
        if let Some(p) = s.peek() {
            visit(p);
        }
    }
}

fn tup_clear(o: &Ref) {
    for s in tup_items(o) {
        drop(s.take());
    }
}

fn inst_traverse(o: &Ref, visit: &mut dyn FnMut(ObjPtr)) {
    o.managed_peek_each(&mut *visit);
}

fn inst_clear(o: &Ref) {
    o.managed_values_free();
    drop(o.set_managed_dict(None));
}

#[test]
fn slot_items_walk() {
    scenario();
    // SAFETY: every object of this thread's heap was dropped by scenario().
    unsafe { pyheap_mem::alloc::release_thread_heap() };
}

fn scenario() {
    gc_common::install_hooks();
    gc::disable();
    let meta = new_root_metatype(TypeSlots::new(0, 0, TypeFlags::IS_TYPE), TypeData, 0).unwrap();
    let gc_flags = TypeFlags::HAVE_GC | TypeFlags::UNTRACK_AFTER_COLLECTION;
    let tup_t = new_type_object(&meta, TypeSlots::new(24, 8, gc_flags), TypeData, 0).unwrap();
    let s = tup_t.as_type_slots().unwrap();
    assert!(set_payload::<Tup>(s, 16));
    s.traverse.set(Some(tup_traverse));
    s.clear.set(Some(tup_clear));
    s.slot_items.set(Some(tup_items));
    let atom_t = new_type_object(
        &meta,
        TypeSlots::new(16, 0, TypeFlags::default()),
        TypeData,
        0,
    )
    .unwrap();
    assert!(set_payload::<Empty>(atom_t.as_type_slots().unwrap(), 16));
    let inst_flags = TypeFlags::HAVE_GC | TypeFlags::MANAGED_DICT;
    let inst_t = new_type_object(&meta, TypeSlots::new(16, 0, inst_flags), TypeData, 0).unwrap();
    let s = inst_t.as_type_slots().unwrap();
    assert!(set_payload::<Empty>(s, 16));
    s.traverse.set(Some(inst_traverse));
    s.clear.set(Some(inst_clear));

    let list_t = new_type_object(
        &meta,
        TypeSlots::new(40, 0, TypeFlags::HAVE_GC),
        TypeData,
        0,
    )
    .unwrap();
    let s = list_t.as_type_slots().unwrap();
    assert!(set_payload::<List>(s, 16));
    s.traverse.set(Some(list_traverse));
    s.clear.set(Some(list_clear));
    s.ref_items.set(Some(list_items));

    let tup = |items: &[Option<&Ref>]| {
        let t = new_object(
            &tup_t,
            Tup {
                size: ItemCount::new(),
            },
            items.len(),
        )
        .unwrap();
        for (s, v) in t.items::<Tup>().iter().zip(items) {
            s.set(v.cloned());
        }
        t.gc_track();
        t
    };
    let atom = new_object(&atom_t, Empty, 0).unwrap();
    gc::collect(2).unwrap();

    // Referents: last item first, empty slots skipped.
    let inst = new_object(&inst_t, Empty, 0).unwrap();
    inst.gc_track();
    let t3 = tup(&[Some(&atom), None, Some(&inst)]);
    let refs: Vec<usize> = gc::get_referents(std::slice::from_ref(&t3))
        .iter()
        .map(Ref::addr)
        .collect();
    assert_eq!(refs, vec![inst.addr(), atom.addr()]);

    // Untracking: atoms and empty slots only, or an untracked tuple; not a
    // GC instance.
    let only_atoms = tup(&[Some(&atom), None]);
    let nested = tup(&[Some(&only_atoms)]);
    gc::collect(0).unwrap();
    assert!(!only_atoms.gc_is_tracked());
    assert!(!nested.gc_is_tracked());
    assert!(t3.gc_is_tracked());

    // Managed storage: the dict word, then the values in order.
    inst.managed_values_alloc(3).unwrap();
    assert!(inst.set_managed_value(0, Some(atom.clone())).is_ok());
    assert!(inst.set_managed_value(2, Some(t3.clone())).is_ok());
    let mut seen = Vec::new();
    inst.managed_peek_each(|p| seen.push(p.addr()));
    assert_eq!(seen, vec![atom.addr(), t3.addr()]);
    let d = tup(&[Some(&atom)]);
    assert!(inst.set_managed_dict(Some(d.clone())).is_ok());
    let mut seen = Vec::new();
    inst.managed_peek_each(|p| seen.push(p.addr()));
    assert_eq!(seen, vec![d.addr(), atom.addr(), t3.addr()]);
    drop(d);

    // A cycle through the tuple and the instance's values is collected.
    drop((t3, inst));
    assert_eq!(gc::collect(2), Ok(3));

    // A two-tuple cycle through slot items, one reachable tuple kept.
    let a = tup(&[None, Some(&atom)]);
    let b = tup(&[Some(&a)]);
    a.items::<Tup>()[0].set(Some(b.clone()));
    let keep = tup(&[Some(&a), Some(&atom)]);
    drop((a, b));
    assert_eq!(gc::collect(0), Ok(0));
    drop(keep);
    assert_eq!(gc::collect(2), Ok(2));

    // A cycle through a list's array (an empty entry is skipped).
    let l = new_object(
        &list_t,
        List {
            len: Cell::new(0),
            items: RefArray::empty(),
        },
        0,
    )
    .unwrap();
    l.gc_track();
    let lp = l.payload::<List>().unwrap();
    lp.items.resize(4).unwrap();
    let inner = tup(&[Some(&l), Some(&atom)]);
    assert!(lp.items.set(0, None));
    assert!(lp.items.set(1, Some(inner.clone())));
    lp.len.set(2);
    let refs: Vec<usize> = gc::get_referents(std::slice::from_ref(&l))
        .iter()
        .map(Ref::addr)
        .collect();
    assert_eq!(refs, vec![inner.addr()]);
    drop(inner);
    assert_eq!(gc::collect(0), Ok(0));
    drop(l);
    assert_eq!(gc::collect(2), Ok(2));

    drop((only_atoms, nested, atom));
    gc::collect(2).unwrap();
    drop((tup_t, atom_t, inst_t, list_t));
    drop(meta);
}
