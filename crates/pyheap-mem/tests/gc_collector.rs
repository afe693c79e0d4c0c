//! The cycle collector through the public API, against the numbers CPython
//! 3.11 produces (reference §2, probes 011–031).

mod gc_common;

use gc_common::*;
use pyheap_mem::gc;

fn fresh() -> Types {
    let t = Types::new();
    gc::collect(2).unwrap();
    take_log();
    t
}

#[test]
fn two_cycle_and_n_cycle_are_collected_with_exact_counts() {
    let t = fresh();
    let a = t.new_plain(1);
    let b = t.new_plain(2);
    set_child(&a, 0, Some(&b));
    set_child(&b, 0, Some(&a));
    drop((a, b));
    assert_eq!(freed(), 0);
    assert_eq!(gc::collect(2), Ok(2));
    assert_eq!(freed(), 2);
    assert_eq!(gc::collect(2), Ok(0));

    let n = scale(100, 10);
    let first = t.new_plain(0);
    let mut prev = first.clone();
    for i in 1..n {
        let x = t.new_plain(i);
        set_child(&prev, 0, Some(&x));
        prev = x;
    }
    set_child(&prev, 0, Some(&first));
    drop((first, prev));
    assert_eq!(gc::collect(0), Ok(n));
    assert_eq!(freed(), 2 + n);
    finish(t);
}

#[test]
fn self_cycle_and_reachable_objects() {
    let t = fresh();
    let keep = t.new_plain(1);
    let inner = t.new_plain(2);
    set_child(&keep, 0, Some(&inner));
    set_child(&inner, 0, Some(&keep)); // cycle, but reachable from `keep`
    let lone = t.new_plain(3);
    set_child(&lone, 1, Some(&lone));
    drop((inner, lone));
    assert_eq!(gc::collect(2), Ok(1));
    assert_eq!(freed(), 1);
    drop(take_child(&keep, 0)); // inner dies by refcount, releasing keep's count
    drop(keep);
    assert_eq!(freed(), 3);
    assert_eq!(gc::collect(2), Ok(0));
    finish(t);
}

#[test]
fn long_chain_drop_does_not_overflow_the_stack() {
    let t = fresh();
    let n = scale(1_000_000, 600);
    let head = t.new_plain(0);
    let mut tail = head.clone();
    for i in 1..n {
        let x = t.new_plain(i);
        set_child(&tail, 0, Some(&x));
        tail = x;
    }
    drop(tail);
    drop(head);
    assert_eq!(freed(), n);
    assert_eq!(gc::get_count().0, 0, "count0 comes back down");
    finish(t);
}

#[test]
fn long_ring_is_collected_without_recursion() {
    let t = fresh();
    let n = scale(1_000_000, 600);
    let head = t.new_plain(0);
    let mut tail = head.clone();
    for i in 1..n {
        let x = t.new_plain(i);
        // Link backwards too, so rescued chains are long in move_unreachable.
        set_child(&x, 1, Some(&tail));
        set_child(&tail, 0, Some(&x));
        tail = x;
    }
    set_child(&tail, 0, Some(&head));
    drop(tail);
    // Still reachable from `head`: nothing collected, everything promoted.
    assert_eq!(gc::collect(0), Ok(0));
    assert_eq!(gc::generation_sizes()[1], n);
    drop(head);
    assert_eq!(gc::collect(2), Ok(n));
    assert_eq!(freed(), n);
    finish(t);
}

#[test]
fn resurrection_on_the_refcount_path_finalizes_once() {
    let t = fresh();
    let r = t.new_in(t.resurrect, 7);
    drop(r);
    assert_eq!(finalized(), vec![7]);
    assert_eq!(freed(), 0);
    let saved = SAVED.with(|s| s.borrow_mut().pop()).unwrap();
    assert!(saved.gc_is_finalized());
    assert!(saved.gc_is_tracked(), "a resurrected object stays tracked");
    assert_eq!(saved.refcnt(), 1);
    drop(saved);
    assert_eq!(finalized(), vec![7], "not finalized twice");
    assert_eq!(freed(), 1);
    finish(t);
}

#[test]
fn resurrection_in_a_collection_is_not_counted() {
    let t = fresh();
    let r = t.new_in(t.resurrect, 1);
    set_child(&r, 0, Some(&r));
    drop(r);
    assert_eq!(gc::collect(2), Ok(0));
    assert_eq!(finalized(), vec![1]);
    let saved = SAVED.with(|s| s.borrow()[0].clone());
    assert!(saved.gc_is_finalized());
    drop(saved);
    SAVED.with(|s| s.borrow_mut().clear());
    assert_eq!(gc::collect(2), Ok(1));
    assert_eq!(finalized(), vec![1], "finalizer not re-run");
    assert_eq!(freed(), 1);
    finish(t);
}

#[test]
fn finalizer_breaking_its_cycle_gives_zero_and_order_is_list_order() {
    let t = fresh();
    let a = t.new_in(t.breaker, 1);
    let b = t.new_in(t.fin, 2);
    set_child(&a, 0, Some(&b));
    set_child(&b, 0, Some(&a));
    drop((a, b));
    assert_eq!(gc::collect(2), Ok(0));
    assert_eq!(finalized(), vec![1, 2]);
    assert_eq!(freed(), 2);

    // Three finalizers in a cycle: creation order (probe 017).
    FINALIZED.with(|f| f.borrow_mut().clear());
    let x = t.new_in(t.fin, 1);
    let y = t.new_in(t.fin, 2);
    let z = t.new_in(t.fin, 3);
    set_child(&x, 0, Some(&y));
    set_child(&y, 0, Some(&z));
    set_child(&z, 0, Some(&x));
    drop((x, y, z));
    assert_eq!(gc::collect(2), Ok(3));
    assert_eq!(finalized(), vec![1, 2, 3]);
    finish(t);
}

#[test]
fn generation_promotion_and_counts() {
    let t = fresh();
    assert_eq!(gc::get_count(), (0, 0, 0));
    gc::collect(0).unwrap();
    assert_eq!(gc::get_count(), (0, 1, 0));
    gc::collect(0).unwrap();
    assert_eq!(gc::get_count(), (0, 2, 0));
    gc::collect(1).unwrap();
    assert_eq!(gc::get_count(), (0, 0, 1));
    gc::collect(2).unwrap();
    assert_eq!(gc::get_count(), (0, 0, 0));
    assert_eq!(gc::collect(3), Err(gc::InvalidGeneration));

    let o = t.new_plain(1);
    assert_eq!(gc::get_count(), (1, 0, 0));
    let where_ = |o: &pyheap_mem::Ref| -> Vec<bool> {
        (0..3)
            .map(|g| gc::get_objects(Some(g)).unwrap().iter().any(|x| x.is(o)))
            .collect()
    };
    assert_eq!(where_(&o), [true, false, false]);
    gc::collect(0).unwrap();
    assert_eq!(where_(&o), [false, true, false]);
    gc::collect(1).unwrap();
    assert_eq!(where_(&o), [false, false, true]);
    gc::collect(0).unwrap();
    assert_eq!(where_(&o), [false, false, true]);
    assert!(gc::get_objects(Some(3)).is_none());
    assert_eq!(gc::get_objects(None).unwrap().len(), 1);
    drop(o);
    assert_eq!(gc::get_count().0, 0);
    let s = gc::get_stats();
    assert!(s[0].collections >= 2 && s[1].collections >= 1 && s[2].collections >= 2);
    finish(t);
}

#[test]
fn freeze_and_unfreeze() {
    let t = fresh();
    let a = t.new_plain(1);
    let b = t.new_plain(2);
    gc::collect(0).unwrap();
    assert_eq!(gc::get_freeze_count(), 0);
    gc::freeze();
    assert_eq!(gc::get_freeze_count(), 2);
    assert_eq!(gc::get_count(), (0, 0, 0));
    assert_eq!(gc::get_objects(None).unwrap().len(), 0);
    // Frozen objects are not collected even when garbage.
    set_child(&a, 0, Some(&a));
    drop(a);
    assert_eq!(gc::collect(2), Ok(0));
    gc::unfreeze();
    assert_eq!(gc::get_freeze_count(), 0);
    assert_eq!(gc::generation_sizes()[2], 2);
    assert_eq!(gc::collect(2), Ok(1));
    drop(b);
    finish(t);
}

#[test]
fn automatic_collection_fires_past_threshold_0() {
    let t = fresh();
    // CPython's default threshold natively; a smaller one under Miri.
    let th = scale(700, 40);
    gc::set_threshold(th, None, None);
    gc::enable();
    let mut objs = Vec::new();
    let mut fired = Vec::new();
    for _ in 0..(2 * th + th / 2) {
        let before = take_log();
        assert!(before.is_empty());
        objs.push(t.new_plain(0));
        let log = take_log();
        if let Some(start) = log.iter().find(|l| l.starts_with("start")) {
            fired.push((objs.len() - 1, start.clone()));
        }
    }
    // Probe 024: [(700, 0), (1401, 0)] — the 701st allocation triggers.
    assert_eq!(
        fired,
        vec![
            (th, "start 0 0 0".to_string()),
            (2 * th + 1, "start 0 0 0".to_string())
        ]
    );
    gc::disable();
    gc::set_threshold(700, None, None);
    drop(objs);
    finish(t);
}

#[test]
fn the_25_percent_rule_defers_full_collections() {
    let t = fresh();
    // 100 long-lived objects survive a full collection.
    let old: Vec<_> = (0..100).map(|i| t.new_plain(i)).collect();
    gc::collect(2).unwrap();
    take_log();
    gc::set_threshold(1, Some(0), Some(0));
    gc::enable();
    let mut young = Vec::new();
    // Each automatic collection promotes few objects: far below 25 % of 100.
    for i in 0..12 {
        young.push(t.new_plain(i));
    }
    let log = take_log();
    assert!(!log.is_empty());
    assert!(log.iter().all(|l| !l.starts_with("start 2")), "{log:?}");
    assert!(log.iter().any(|l| l.starts_with("start 1")), "{log:?}");
    // Enough promotions (>= 25) make generation 2 eligible.
    for i in 0..60 {
        young.push(t.new_plain(i));
    }
    let log = take_log();
    assert!(log.iter().any(|l| l.starts_with("start 2")), "{log:?}");
    gc::disable();
    gc::set_threshold(700, Some(10), Some(10));
    drop((old, young));
    finish(t);
}

#[test]
fn explicit_collect_ignores_disabled_and_runs_callbacks() {
    let t = fresh();
    let l = t.new_plain(1);
    set_child(&l, 0, Some(&l));
    drop(l);
    assert!(!gc::isenabled());
    assert_eq!(gc::collect(2), Ok(1));
    gc::collect(0).unwrap();
    assert_eq!(
        take_log(),
        ["start 2 0 0", "stop 2 1 0", "start 0 0 0", "stop 0 0 0"]
    );
    finish(t);
}

#[test]
fn legacy_finalizer_goes_to_garbage() {
    let t = fresh();
    let x = t.new_in(t.legacy, 1);
    let y = t.new_plain(2); // reachable from x: uncollectable too, not in garbage
    set_child(&x, 0, Some(&x));
    set_child(&x, 1, Some(&y));
    drop(y);
    let xaddr = x.addr();
    drop(x);
    let before = gc::get_stats()[2].uncollectable;
    let r = gc::collect_result(2).unwrap();
    assert_eq!((r.collected, r.uncollectable), (0, 2));
    assert_eq!(gc::get_stats()[2].uncollectable - before, 2);
    let g: Vec<usize> = GARBAGE.with(|g| g.borrow().iter().map(|r| r.addr()).collect());
    assert_eq!(g, vec![xaddr]);
    assert!(
        finalized().is_empty(),
        "legacy finalizers are never called by the collector"
    );
    // Break the cycle by hand, then it is collectable... but tp_del runs on dealloc.
    let x = GARBAGE.with(|g| g.borrow_mut().pop()).unwrap();
    drop(take_child(&x, 0));
    drop(x);
    assert_eq!(finalized(), vec![1], "legacy del runs on the refcount path");
    assert_eq!(freed(), 2);
    finish(t);
}

#[test]
fn saveall_keeps_garbage_alive_in_gc_garbage() {
    let t = fresh();
    gc::set_debug(gc::DEBUG_SAVEALL);
    let a = t.new_plain(1);
    let b = t.new_plain(2);
    set_child(&a, 0, Some(&b));
    set_child(&b, 0, Some(&a));
    drop((a, b));
    assert_eq!(gc::collect(2), Ok(2));
    assert_eq!(GARBAGE.with(|g| g.borrow().len()), 2);
    assert_eq!(freed(), 0);
    gc::set_debug(0);
    GARBAGE.with(|g| g.borrow_mut().clear());
    assert_eq!(gc::collect(2), Ok(2));
    assert_eq!(freed(), 2);
    finish(t);
}

#[test]
fn debug_output_lines() {
    let t = fresh();
    gc::set_debug(gc::DEBUG_STATS | gc::DEBUG_COLLECTABLE);
    let l = t.new_plain(1);
    set_child(&l, 0, Some(&l));
    let addr = l.addr();
    drop(l);
    gc::collect(2).unwrap();
    gc::set_debug(0);
    let out = STDERR.with(|s| std::mem::take(&mut *s.borrow_mut()));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert_eq!(lines[0], "gc: collecting generation 2...");
    assert_eq!(lines[1], "gc: objects in each generation: 1 0 0");
    assert_eq!(lines[2], "gc: objects in permanent generation: 0");
    assert_eq!(lines[3], format!("gc: collectable <Node {addr:#x}>"));
    assert!(
        lines[4].starts_with("gc: done, 1 unreachable, 0 uncollectable, "),
        "{}",
        lines[4]
    );
    assert!(lines[4].ends_with("s elapsed"));
    finish(t);
}

#[test]
fn referents_and_referrers() {
    let t = fresh();
    let a = t.new_plain(1);
    let b = t.new_plain(2);
    let leaf = t.new_leaf();
    set_child(&a, 0, Some(&b));
    set_child(&a, 2, Some(&leaf));
    let refs = gc::get_referents(std::slice::from_ref(&a));
    assert_eq!(refs.len(), 2);
    assert!(refs[0].is(&b) && refs[1].is(&leaf));
    assert!(
        gc::get_referents(std::slice::from_ref(&leaf)).is_empty(),
        "non-GC contributes nothing"
    );
    let rr = gc::get_referrers(std::slice::from_ref(&b), &[]);
    assert_eq!(rr.len(), 1);
    assert!(rr[0].is(&a));
    assert!(gc::get_referrers(std::slice::from_ref(&b), std::slice::from_ref(&a)).is_empty());
    drop((refs, rr, a, b, leaf));
    finish(t);
}

#[test]
fn tuple_like_types_are_untracked_after_collection() {
    let t = fresh();
    let leaf = t.new_leaf();
    let outer = t.new_in(t.tuple, 2);
    {
        let inner = t.new_in(t.tuple, 1);
        set_child(&inner, 0, Some(&leaf));
        set_child(&outer, 0, Some(&inner));
    } // `inner` is only referenced from `outer`, like `((1, 2),)`
    let holder = t.new_in(t.tuple, 3);
    let lst = t.new_plain(4);
    set_child(&holder, 0, Some(&lst));
    gc::collect(2).unwrap();
    let inner = child(&outer, 0).unwrap();
    assert!(!inner.gc_is_tracked(), "only untracked items");
    assert!(holder.gc_is_tracked(), "a list item keeps it tracked");
    // `inner` was rescued by move_unreachable and re-appended after `outer`,
    // so `outer` was examined while `inner` was still tracked (§2.9).
    assert!(outer.gc_is_tracked());
    gc::collect(2).unwrap();
    assert!(!outer.gc_is_tracked(), "second collection");
    drop((leaf, inner, outer, holder, lst));
    finish(t);
}

#[test]
fn stress_mode_collects_at_every_allocation() {
    let t = fresh();
    gc::enable();
    gc::set_stress(true);
    let keep = t.new_plain(0);
    let n = scale(300, 30);
    for i in 0..n {
        let a = t.new_plain(i);
        set_child(&a, 0, Some(&a));
        set_child(&a, 1, Some(&keep));
    }
    // Every cycle but the last was collected by a later allocation.
    assert_eq!(freed(), n - 1);
    gc::set_stress(false);
    gc::disable();
    assert_eq!(gc::collect(2), Ok(1));
    assert_eq!(gc::validate(), Ok(1));
    drop(keep);
    finish(t);
}

#[test]
fn object_at_recognises_live_objects() {
    let t = fresh();
    let a = t.new_plain(1);
    assert!(pyheap_mem::object::register_type(&Types::ty_ref(t.plain)));
    assert_eq!(
        pyheap_mem::object::object_at(a.addr()).map(|p| p.addr()),
        Some(a.addr())
    );
    assert_eq!(pyheap_mem::object::object_at(a.addr() + 16), None);
    assert_eq!(pyheap_mem::object::object_at(0x10), None);
    let addr = a.addr();
    drop(a);
    assert_eq!(pyheap_mem::object::object_at(addr), None, "freed");
    pyheap_mem::object::unregister_type(&Types::ty_ref(t.plain));
    finish(t);
}
