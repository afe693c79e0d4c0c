//! Weak references: list order and sharing (§4.1), callbacks on the
//! refcount path (LIFO), and inside a collection (§2.5, the §2.8 table).

mod gc_common;

use gc_common::*;
use pyheap_mem::gc;
use pyheap_mem::weakref::{self, WeakrefKind};

fn fresh() -> Types {
    let t = Types::new();
    gc::collect(2).unwrap();
    take_log();
    t
}

#[test]
fn sharing_and_list_order() {
    let t = fresh();
    let o = t.new_plain(0);
    let cb1 = t.new_plain(1);
    let cb2 = t.new_plain(2);
    let c1 = t.weakref(&o, Some(cb1.clone()), WeakrefKind::Ref);
    let p = t.weakref(&o, None, WeakrefKind::Proxy);
    let r = t.weakref(&o, None, WeakrefKind::Ref);
    let c2 = t.weakref(&o, Some(cb2.clone()), WeakrefKind::Ref);
    assert!(
        t.weakref(&o, None, WeakrefKind::Ref).is(&r),
        "ref(x) is ref(x)"
    );
    assert!(t.weakref(&o, None, WeakrefKind::Proxy).is(&p));
    let sub = t.weakref(&o, None, WeakrefKind::Other);
    let order = weakref::get_weakrefs(&o);
    let expect = [&r, &p, &sub, &c2, &c1];
    assert_eq!(order.len(), expect.len());
    for (a, b) in order.iter().zip(expect) {
        assert!(a.is(b));
    }
    assert_eq!(weakref::get_weakref_count(&o), 5);
    assert!(weakref::referent(&r).unwrap().is(&o));
    assert!(weakref::callback(&c1).unwrap().is(&cb1));
    drop(order);
    drop(c2); // a dying weakref unlinks itself
    assert_eq!(weakref::get_weakref_count(&o), 4);
    drop(o);
    assert!(weakref::referent(&r).is_none());
    assert!(
        weakref::callback(&c1).is_none(),
        "callback released after the call"
    );
    drop((c1, p, r, sub, cb1, cb2));
    finish(t);
}

#[test]
fn callbacks_on_dealloc_run_newest_first_after_clearing_all() {
    let t = fresh();
    let o = t.new_plain(0);
    let rs: Vec<_> = (1..=3)
        .map(|i| t.weakref(&o, Some(t.new_plain(i)), WeakrefKind::Ref))
        .collect();
    drop(o);
    assert_eq!(
        take_log(),
        [
            "cb3 referent_alive=false",
            "cb2 referent_alive=false",
            "cb1 referent_alive=false"
        ]
    );
    assert!(rs.iter().all(|r| weakref::referent(r).is_none()));
    drop(rs);
    finish(t);
}

#[test]
fn dead_weakref_callback_is_not_called() {
    let t = fresh();
    let o = t.new_plain(0);
    let r = t.weakref(&o, Some(t.new_plain(5)), WeakrefKind::Ref);
    drop(r);
    drop(o);
    assert!(take_log().is_empty());
    finish(t);
}

#[test]
fn collection_weakref_counts_match_the_reference_table() {
    let t = fresh();

    // 1. Self-cycle + reachable weakref with callback → 1; callback once, ref dead.
    let a = t.new_plain(0);
    set_child(&a, 0, Some(&a));
    let wr = t.weakref(&a, Some(t.new_plain(1)), WeakrefKind::Ref);
    drop(a);
    assert_eq!(gc::collect(2), Ok(1));
    assert_eq!(
        take_log(),
        ["start 2 0 0", "cb1 referent_alive=false", "stop 2 1 0"]
    );
    assert!(weakref::referent(&wr).is_none());
    drop(wr);

    // 2. Weakref held only by a holder its callback empties → 2.
    let b = t.new_plain(0);
    set_child(&b, 0, Some(&b));
    let wr = t.weakref(&b, Some(t.new_plain(99)), WeakrefKind::Ref);
    HOLDER.with(|h| h.borrow_mut().push(wr));
    drop(b);
    assert_eq!(gc::collect(2), Ok(2));
    assert_eq!(
        take_log(),
        ["start 2 0 0", "cb99 referent_alive=false", "stop 2 2 0"]
    );

    // 3. The weakref is trash itself (stored on its referent) → 3, no callback.
    let c = t.new_plain(0);
    set_child(&c, 0, Some(&c));
    let wr = t.weakref(&c, Some(t.new_plain(3)), WeakrefKind::Ref);
    set_child(&c, 1, Some(&wr));
    drop(wr);
    drop(c);
    assert_eq!(gc::collect(2), Ok(3));
    assert_eq!(take_log(), ["start 2 0 0", "stop 2 3 0"]);
    finish(t);
}

#[test]
fn weakrefs_are_cleared_before_finalizers_run() {
    let t = fresh();
    let w = t.new_in(t.fin, 1);
    set_child(&w, 0, Some(&w));
    let r = t.weakref(&w, None, WeakrefKind::Ref);
    drop(w);
    assert_eq!(gc::collect(2), Ok(1));
    assert_eq!(finalized(), vec![1]);
    assert!(weakref::referent(&r).is_none());
    drop(r);
    finish(t);
}

#[test]
fn weakref_to_weakref_and_referent_cycles() {
    let t = fresh();
    let o = t.new_plain(0);
    let r = t.weakref(&o, None, WeakrefKind::Ref);
    // The referent keeps its own weakref alive: a cycle through the callback-less ref.
    set_child(&o, 0, Some(&r));
    set_child(&o, 1, Some(&o));
    drop((o, r));
    assert_eq!(gc::collect(2), Ok(2));
    finish(t);
}

#[test]
fn weakrefs_made_by_a_finalizer_get_their_callbacks_on_dealloc() {
    // CPython: `__del__` runs first, then every weakref (including one the
    // finalizer made) is cleared and called back, newest first.
    let t = fresh();
    let o = t.new_in(t.weak_fin, 1);
    let r = t.weakref(&o, Some(t.new_plain(2)), WeakrefKind::Ref);
    drop(o);
    assert_eq!(finalized(), vec![1]);
    assert_eq!(
        take_log(),
        ["cb8 referent_alive=false", "cb2 referent_alive=false"]
    );
    assert!(weakref::referent(&r).is_none());
    drop(r);
    finish(t);
}
