//! Per-type free lists (`freelist.rs`): LIFO reuse per type and key, the
//! parked block's header as CPython leaves it, capacity, the generation-0
//! count, the allocator's view, clearing by a full collection, and heap
//! types kept alive by their parked blocks.

use std::cell::Cell;

use pyheap_mem::alloc::{self, AddrError};
use pyheap_mem::freelist::{self, FreeListSpec};
use pyheap_mem::typed::{
    new_object, new_object_no_freelist, new_root_metatype, new_type_object, set_payload, NoItems,
    Payload, Slot,
};
use pyheap_mem::{gc, Ref, TypeFlags, TypeSlots};

struct TypeData;
impl Payload for TypeData {
    type Item = NoItems;
}

struct Float {
    _v: f64,
}
impl Payload for Float {
    type Item = NoItems;
}

struct List {
    _len: Cell<usize>,
}
impl Payload for List {
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

/// NOTE: fields drop in declaration order: `meta` last, after its instances.
struct Types {
    float: Ref,
    list: Ref,
    tuple: Ref,
    meta: Ref,
}

fn make_type<T: Payload>(meta: &Ref, basicsize: usize, flags: TypeFlags) -> Ref {
    let t = new_type_object(meta, TypeSlots::new(basicsize, 0, flags), TypeData, 0).unwrap();
    assert!(set_payload::<T>(t.as_type_slots().unwrap(), 16));
    t
}

fn types() -> Types {
    let meta = new_root_metatype(TypeSlots::new(0, 0, TypeFlags::IS_TYPE), TypeData, 0).unwrap();
    let float = make_type::<Float>(&meta, 24, TypeFlags::default());
    let list = make_type::<List>(&meta, 40, TypeFlags::HAVE_GC);
    let tuple = make_type::<Tuple>(&meta, 24, TypeFlags::HAVE_GC);
    let float_spec = FreeListSpec {
        link_offset: Some(8),
        ..FreeListSpec::single(3)
    };
    assert!(freelist::enable(&float, float_spec));
    assert!(!freelist::enable(&float, float_spec), "enabled once");
    assert!(freelist::enable(&list, FreeListSpec::single(2)));
    assert!(freelist::enable(
        &tuple,
        FreeListSpec {
            capacity: 2,
            min_key: 1,
            max_park_key: 3,
            max_pop_key: 2,
            link_offset: Some(24),
        }
    ));
    Types {
        float,
        list,
        tuple,
        meta,
    }
}

fn float(t: &Types, v: f64) -> Ref {
    new_object(&t.float, Float { _v: v }, 0).unwrap()
}
fn list(t: &Types) -> Ref {
    new_object(&t.list, List { _len: Cell::new(0) }, 0).unwrap()
}
fn tuple(t: &Types, n: usize) -> Ref {
    new_object(&t.tuple, Tuple { len: Cell::new(n) }, n).unwrap()
}

fn word(addr: usize) -> Result<usize, AddrError> {
    alloc::read_live_word(addr)
}

/// Runs `f` with fresh types, then clears the lists and releases the heap
/// (Miri checks for leaks at the end of the test).
fn with_types(f: impl FnOnce(&Types)) {
    let t = types();
    f(&t);
    freelist::clear_all();
    drop(t);
    // SAFETY: every object of this thread's heap was dropped above.
    unsafe { alloc::release_thread_heap() };
}

#[test]
fn float_blocks_are_reused_lifo_with_the_link_in_the_type_word() {
    with_types(|t| {
        let a = float(t, 1.0);
        let b = float(t, 2.0);
        let (ia, ib) = (a.addr(), b.addr());
        let blocks = alloc::allocated_blocks();
        drop(a);
        drop(b);
        assert_eq!(
            alloc::allocated_blocks(),
            blocks,
            "parked blocks stay allocated"
        );
        assert_eq!(freelist::parked(&t.float, 0), 2);
        // Count 0 stays readable; the type word links to the block parked before.
        assert_eq!(word(ib), Ok(0));
        assert_eq!(word(ib + 8), Ok(ia));
        assert_eq!(word(ia + 8), Ok(0));
        let c = float(t, 3.0);
        assert_eq!(c.addr(), ib, "most recently parked first");
        assert!(c.has_type(&t.float), "the type word is restored");
        assert_eq!(c.refcnt(), 1);
        let d = float(t, 4.0);
        assert_eq!(d.addr(), ia);
        assert_eq!(freelist::parked(&t.float, 0), 0);
    });
}

#[test]
fn capacity_is_respected_and_overflow_goes_back_to_the_allocator() {
    with_types(|t| {
        let fs: Vec<Ref> = (0..4).map(|i| float(t, i as f64)).collect();
        let addrs: Vec<usize> = fs.iter().map(Ref::addr).collect();
        drop(fs); // drops in order 0, 1, 2, 3: the 4th does not fit
        assert_eq!(freelist::parked(&t.float, 0), 3);
        assert_eq!(word(addrs[3]), Err(AddrError::Freed));
        assert_eq!(word(addrs[2]), Ok(0));
    });
}

#[test]
fn tuples_are_keyed_by_length_and_the_largest_key_is_never_popped() {
    with_types(|t| {
        let two = tuple(t, 2);
        let three = tuple(t, 3);
        let sub = float(t, 9.0);
        two.items::<Tuple>()[0].set(Some(sub.clone()));
        two.items::<Tuple>()[1].set(Some(sub.clone()));
        let (i2, i3) = (two.addr(), three.addr());
        drop(two);
        assert_eq!(sub.refcnt(), 1, "the payload's items were released");
        drop(three);
        assert_eq!(freelist::parked(&t.tuple, 2), 1);
        assert_eq!(freelist::parked(&t.tuple, 3), 1);
        // Item 0 holds the link (null: first parked of its length).
        assert_eq!(word(i2 + 24), Ok(0));
        let again3 = tuple(t, 3);
        assert_ne!(again3.addr(), i3, "key 3 is parked but not popped");
        let again2 = tuple(t, 2);
        assert_eq!(again2.addr(), i2);
        assert!(again2.items::<Tuple>().iter().all(|s| s.peek().is_none()));
        let one = tuple(t, 1);
        assert_ne!(one.addr(), i3);
    });
}

#[test]
fn gc_objects_skip_the_generation_0_count_and_stay_untracked() {
    with_types(|t| {
        gc::disable();
        let l = list(t);
        l.gc_track();
        let il = l.addr();
        let before = gc::get_count().0;
        drop(l);
        assert_eq!(gc::get_count().0, before, "parking skips the decrement");
        // The GC header below the object reads as untracked.
        assert_eq!(word(il - 16), Ok(0));
        let m = list(t);
        assert_eq!(m.addr(), il);
        assert!(!m.gc_is_tracked());
        assert_eq!(gc::get_count().0, before, "popping skips the increment");
        drop(m);
        gc::enable();
    });
}

#[test]
fn no_freelist_allocation_bypasses_the_list() {
    with_types(|t| {
        let l = list(t);
        let il = l.addr();
        drop(l);
        let m = new_object_no_freelist(&t.list, List { _len: Cell::new(0) }, 0).unwrap();
        assert_ne!(m.addr(), il);
        assert_eq!(freelist::parked(&t.list, 0), 1);
        drop(m);
        assert_eq!(freelist::parked(&t.list, 0), 2);
    });
}

#[test]
fn a_full_collection_clears_the_lists() {
    with_types(|t| {
        let a = float(t, 1.0);
        let l = list(t);
        let (ia, il) = (a.addr(), l.addr());
        drop(a);
        drop(l);
        gc::collect(1).unwrap();
        assert_eq!(
            freelist::parked(&t.float, 0),
            1,
            "younger collections keep them"
        );
        gc::collect(2).unwrap();
        assert_eq!(freelist::parked(&t.float, 0), 0);
        assert_eq!(freelist::parked(&t.list, 0), 0);
        assert_eq!(word(ia), Err(AddrError::Freed));
        assert_eq!(word(il), Err(AddrError::Freed));
    });
}

#[test]
fn parked_blocks_keep_their_heap_type_alive() {
    with_types(|t| {
        let heap = make_type::<Float>(&t.meta, 24, TypeFlags::default());
        heap.as_type_slots().unwrap().flags.set(TypeFlags::HEAPTYPE);
        assert!(freelist::enable(&heap, FreeListSpec::single(4)));
        let base = heap.refcnt();
        let x = new_object(&heap, Float { _v: 0.5 }, 0).unwrap();
        assert_eq!(heap.refcnt(), base + 1);
        drop(x);
        assert_eq!(heap.refcnt(), base + 1, "the parked block holds the type");
        let y = new_object(&heap, Float { _v: 0.5 }, 0).unwrap();
        assert_eq!(heap.refcnt(), base + 1, "reuse takes over that reference");
        drop(y);
        freelist::clear(&heap);
        assert_eq!(heap.refcnt(), base);
    });
}
