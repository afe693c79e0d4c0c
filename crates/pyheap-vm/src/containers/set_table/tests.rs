//! Set table tests: sizes from probe 076 / §7.5 and iteration orders printed
//! by CPython 3.11.7 (`python3`; ints hash to themselves, -1 → -2).

use super::*;
use crate::containers::test_support::{as_int, int, int_hash, Ops};

fn add(s: &SetTable, ops: &mut Ops, v: i64) -> AddOutcome {
    s.add(ops, int(v), int_hash(v)).unwrap()
}

fn set_of(ops: &mut Ops, vals: &[i64]) -> SetTable {
    let s = SetTable::new();
    for &v in vals {
        add(&s, ops, v);
    }
    s
}

/// A set display of constants: the compiler's frozenset (built by adds),
/// then `BUILD_SET 0; SET_UPDATE` (a merge into an empty set).
fn literal(ops: &mut Ops, vals: &[i64]) -> SetTable {
    let f = set_of(ops, vals);
    let s = SetTable::new();
    s.merge_from(ops, &f).unwrap();
    s
}

fn order(s: &SetTable) -> Vec<i64> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = s.next_entry(pos) {
        out.push(as_int(&s.entry_key(i).unwrap()).unwrap());
        pos = i + 1;
    }
    out
}

#[test]
fn layout() {
    assert_eq!(std::mem::size_of::<SetTable>(), 184);
    assert_eq!(SET_WEAKLIST_OFFSET, 192);
}

#[test]
fn sizes_by_add() {
    let mut ops = Ops::default();
    let s = SetTable::new();
    let mut seq = Vec::new();
    for i in 0..80 {
        seq.push(s.set_sizeof());
        assert_eq!(add(&s, &mut ops, i), AddOutcome::Added);
    }
    let changes: Vec<usize> = (1..80).filter(|&i| seq[i] != seq[i - 1]).collect();
    assert_eq!(changes, [5, 19, 77]);
    assert_eq!((seq[0], seq[5], seq[19], seq[77]), (216, 728, 2264, 8408));
    assert_eq!(add(&s, &mut ops, 3), AddOutcome::Present);
    assert_eq!(s.len(), 80);
    s.clear();
    assert_eq!((s.set_sizeof(), s.len()), (216, 0));
    assert!(order(&s).is_empty());
}

#[test]
fn iteration_orders_match_cpython() {
    let mut ops = Ops::default();
    assert_eq!(order(&literal(&mut ops, &[0, 8, 16])), [0, 8, 16]);
    assert_eq!(order(&literal(&mut ops, &[5, 3, 1, 9])), [1, 3, 5, 9]);
    let s = literal(&mut ops, &[-1, -2, 7, 15, 23]);
    assert_eq!(order(&s), [23, -1, 7, -2, 15]);
    assert_eq!(s.set_sizeof(), 472);
    assert_eq!(
        order(&literal(&mut ops, &[32, 64, 0, 96, 1, 33])),
        [32, 0, 64, 96, 1, 33]
    );
    let s = set_of(&mut ops, &[40, 8, 72, 0, 104, 3, 35]);
    assert_eq!(order(&s), [0, 3, 35, 40, 8, 72, 104]);
    let s = set_of(
        &mut ops,
        &[-5, 100, 3, 1000, 7, 15, -8, 64, 128, 256, 31, 63],
    );
    assert_eq!(
        order(&s),
        [64, 128, 256, 3, 100, 7, 1000, 15, -8, -5, 63, 31]
    );
    assert_eq!(s.set_sizeof(), 728);
    for v in [-5, 100, 3, 1000, 7, 15, -8, 64, 128, 256, 31, 63] {
        assert!(s.contains(&mut ops, &int(v), int_hash(v)).unwrap());
    }
    assert!(!s.contains(&mut ops, &int(4), 4).unwrap());
}

#[test]
fn dummy_reuse_discard_and_pop() {
    let mut ops = Ops::default();
    // s={0,1,2,3}; s.discard(1); s.add(9) → [0, 9, 2, 3]
    let s = literal(&mut ops, &[0, 1, 2, 3]);
    let k = s.discard(&mut ops, &int(1), 1).unwrap().unwrap();
    assert_eq!(as_int(&k), Some(1));
    assert!(s.discard(&mut ops, &int(1), 1).unwrap().is_none());
    add(&s, &mut ops, 9);
    assert_eq!(order(&s), [0, 9, 2, 3]);
    // s=set(range(10)); pop, pop → 0, 1; add(0); pop → 2.
    let s = SetTable::new();
    for i in 0..10 {
        add(&s, &mut ops, i);
    }
    assert_eq!(as_int(&s.pop().unwrap()), Some(0));
    assert_eq!(as_int(&s.pop().unwrap()), Some(1));
    assert_eq!(order(&s), (2..10).collect::<Vec<_>>());
    add(&s, &mut ops, 0);
    assert_eq!(as_int(&s.pop().unwrap()), Some(2));
    assert_eq!(order(&s), [0, 3, 4, 5, 6, 7, 8, 9]);
    // s=set(range(20)); discard every third; update(range(100,110)).
    let s = SetTable::new();
    for i in 0..20 {
        add(&s, &mut ops, i);
    }
    for i in (0..20).step_by(3) {
        drop(s.discard(&mut ops, &int(i), int_hash(i)).unwrap());
    }
    for i in 100..110 {
        add(&s, &mut ops, i);
    }
    assert_eq!(
        order(&s),
        [
            1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 100, 101, 102, 103, 104, 105, 106, 107,
            108, 109
        ]
    );
    assert_eq!(s.set_sizeof(), 2264);
    let empty = SetTable::new();
    assert!(empty.pop().is_none());
}

#[test]
fn merge_and_reserve_sizes() {
    let mut ops = Ops::default();
    // set(set(range(5))) 472, set(set(range(3))) 216, set(frozenset(range(10))) 728
    for (n, want) in [(5, 472), (3, 216), (10, 728)] {
        let src = set_of(&mut ops, &(0..n).collect::<Vec<_>>());
        let s = SetTable::new();
        s.merge_from(&mut ops, &src).unwrap();
        assert_eq!(s.set_sizeof(), want, "copy of {n}");
        assert_eq!(order(&s), (0..n).collect::<Vec<_>>());
    }
    // set(dict with 5 / 3 keys): reserve then add → 472 / 216.
    for (n, want) in [(5, 472), (3, 216)] {
        let s = SetTable::new();
        s.reserve_for(n as usize).unwrap();
        for i in 0..n {
            add(&s, &mut ops, i);
        }
        assert_eq!(s.set_sizeof(), want);
    }
    // a=set(range(3)); a.update({7,8,9}) → 472, [0,1,2,7,8,9]
    let a = set_of(&mut ops, &[0, 1, 2]);
    let b = set_of(&mut ops, &[7, 8, 9]);
    a.merge_from(&mut ops, &b).unwrap();
    assert_eq!(a.set_sizeof(), 472);
    assert_eq!(order(&a), [0, 1, 2, 7, 8, 9]);
    // {1,2,3,4,5} literal → 472; set(range(5)) by adds → 728.
    assert_eq!(literal(&mut ops, &[1, 2, 3, 4, 5]).set_sizeof(), 472);
    assert_eq!(set_of(&mut ops, &[0, 1, 2, 3, 4]).set_sizeof(), 728);
}

#[test]
fn refcounts_and_traverse() {
    let mut ops = Ops::default();
    let k = int(42);
    let s = SetTable::new();
    s.add(&mut ops, k.clone(), 42).unwrap();
    assert_eq!(k.refcnt(), 2);
    assert_eq!(s.add(&mut ops, k.clone(), 42).unwrap(), AddOutcome::Present);
    assert_eq!(k.refcnt(), 2);
    let mut seen = Vec::new();
    s.traverse(&mut |p| seen.push(p.addr()));
    assert_eq!(seen, [k.addr()]);
    for i in 0..20 {
        add(&s, &mut ops, i);
    }
    assert_eq!(k.refcnt(), 2);
    drop(s);
    assert_eq!(k.refcnt(), 1);
}

#[test]
fn eq_that_mutates_the_set_restarts() {
    use std::rc::Rc;
    let mut ops = Ops::default();
    let s = Rc::new(set_of(&mut ops, &[8, 16, 24]));
    let s2 = s.clone();
    // Inside __eq__: s.clear(); s.update(range(40)) (resizes to 128 slots).
    ops.on_eq = Some(Box::new(move || {
        let mut inner = Ops::default();
        s2.clear();
        for i in 0..40 {
            s2.add(&mut inner, int(i), i as isize).unwrap();
        }
    }));
    assert!(s.contains(&mut ops, &int(16), 16).unwrap());
    assert_eq!(s.len(), 40);
    // CPython's set_add_entry trusts a true __eq__ even if that __eq__
    // removed the stored key: the add reports "present" and the key is gone.
    let s2 = s.clone();
    ops.on_eq = Some(Box::new(move || {
        let mut inner = Ops::default();
        drop(s2.discard(&mut inner, &int(3), 3).unwrap());
    }));
    let before = s.len();
    assert_eq!(s.add(&mut ops, int(3), 3).unwrap(), AddOutcome::Present);
    assert_eq!(s.len(), before - 1);
    assert!(!s.contains(&mut ops, &int(3), 3).unwrap());
}

#[test]
fn growth_points_include_the_large_set_rule() {
    // python3: sizes change after 1, 5, 19, 77, 307, 1229, 4915, 19661, 78643
    // adds (above 50 000 elements the table only doubles: 2·used).
    let mut ops = Ops::default();
    let s = SetTable::new();
    let mut changes = Vec::new();
    let mut last = 0;
    for i in 0..80_000 {
        add(&s, &mut ops, i);
        if s.set_sizeof() != last {
            last = s.set_sizeof();
            changes.push((i + 1, last));
        }
    }
    assert_eq!(
        changes,
        [
            (1, 216),
            (5, 728),
            (19, 2264),
            (77, 8408),
            (307, 32984),
            (1229, 131288),
            (4915, 524504),
            (19661, 2097368),
            (78643, 4194520)
        ]
    );
}

#[test]
fn random_adds_and_discards_match_cpython() {
    use crate::containers::test_support::{checksum, Lcg};
    // /tmp/rnd.py (same LCG) on CPython 3.11.7:
    // 131288 1469 2123581908334739626 [-1982464, -1032192, -1376256, 0, 3, 65536, 6, 1581056, 8, 8200, 14, 15]
    let mut ops = Ops::default();
    let mut r = Lcg(11);
    let s = SetTable::new();
    let mut model = std::collections::HashSet::new();
    for _ in 0..3000 {
        let v = r.next();
        let k = ((v % 4000) as i64 - 2000) * [1, 8, 64, 1024][((v >> 16) % 4) as usize];
        if (v >> 24) % 100 < 30 {
            drop(s.discard(&mut ops, &int(k), int_hash(k)).unwrap());
            model.remove(&k);
        } else {
            add(&s, &mut ops, k);
            model.insert(k);
        }
    }
    let o = order(&s);
    assert_eq!((s.set_sizeof(), s.len()), (131288, 1469));
    assert_eq!(
        &o[..12],
        [-1982464, -1032192, -1376256, 0, 3, 65536, 6, 1581056, 8, 8200, 14, 15]
    );
    assert_eq!(checksum(&o), 2123581908334739626);
    for k in model {
        assert!(s.contains(&mut ops, &int(k), int_hash(k)).unwrap());
    }
}
