//! Dict table tests against CPython 3.11.7 numbers (probe 075, §7.4) and
//! orders printed by `python3`.

use super::*;
use crate::containers::test_support::{as_int, int, int_hash, string, Ops};
use crate::containers::KeyOps;

fn set_int(d: &DictTable, ops: &mut Ops, k: i64, v: i64) {
    let old = d.insert(ops, int(k), int_hash(k), int(v)).unwrap();
    drop(old);
}

fn set_str(d: &DictTable, ops: &mut Ops, k: &str) {
    let key = string(k);
    let h = ops.hash(&key).unwrap();
    drop(d.insert(ops, key, h, int(0)).unwrap());
}

fn keys(d: &DictTable) -> Vec<i64> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(ix) = d.next_entry(pos) {
        out.push(as_int(&d.entry_key(ix).unwrap()).unwrap());
        pos = ix + 1;
    }
    out
}

#[test]
fn log2_keysize_quirk() {
    assert_eq!(calculate_log2_keysize(0), 3);
    assert_eq!(calculate_log2_keysize(3), 4);
    assert_eq!(calculate_log2_keysize(8), 3);
    assert_eq!(calculate_log2_keysize(15), 4);
    assert_eq!(calculate_log2_keysize(30), 5);
    assert_eq!(calculate_log2_keysize(33), 6);
    assert_eq!(estimate_log2_keysize(6), 4);
    assert_eq!(estimate_log2_keysize(11), 5);
    assert_eq!(estimate_log2_keysize(22), 6);
    // 2^16 slots use 4-byte indices: dict.fromkeys(range(43690)) is 1310800.
    assert_eq!(64 + keys_object_bytes(16, false), 1310800);
}

#[test]
fn int_key_sizes_follow_growth() {
    let mut ops = Ops::default();
    let d = DictTable::new();
    let mut seq = Vec::new();
    for i in 0..23 {
        seq.push(d.dict_sizeof());
        set_int(&d, &mut ops, i, i);
    }
    assert_eq!(
        seq,
        [
            64, 224, 224, 224, 224, 224, 352, 352, 352, 352, 352, 632, 632, 632, 632, 632, 632,
            632, 632, 632, 632, 632, 1168
        ]
    );
    assert_eq!(keys(&d), (0..23).collect::<Vec<_>>());
    for i in 0..23 {
        assert_eq!(
            as_int(&d.get(&mut ops, &int(i), int_hash(i)).unwrap().unwrap()),
            Some(i)
        );
    }
    assert!(d.get(&mut ops, &int(99), 99).unwrap().is_none());
}

#[test]
fn str_key_sizes_and_conversion() {
    let mut ops = Ops::default();
    let d = DictTable::new();
    let mut seq = Vec::new();
    for i in 0..23 {
        seq.push(d.dict_sizeof());
        set_str(&d, &mut ops, &format!("k{i}"));
    }
    assert_eq!(
        seq,
        [
            64, 184, 184, 184, 184, 184, 272, 272, 272, 272, 272, 464, 464, 464, 464, 464, 464,
            464, 464, 464, 464, 464, 832
        ]
    );
    assert!(d.is_unicode());
    // Literals: BUILD_CONST_KEY_MAP/BUILD_MAP n presize up to 15 items; the
    // 3.11 compiler builds bigger displays with BUILD_MAP 0 + MAP_ADD.
    let sizes: Vec<usize> = [1, 5, 6, 10, 11, 21, 22]
        .iter()
        .map(|&n| {
            let d = DictTable::presized(if n <= 15 { n } else { 0 }, true).unwrap();
            for i in 0..n {
                set_str(&d, &mut ops, &format!("k{i}"));
            }
            d.dict_sizeof()
        })
        .collect();
    assert_eq!(sizes, [184, 184, 272, 272, 464, 464, 832]);
    // {"a": 1} then d[1] = 1 → 352; 5 str keys then an int key → 352.
    for n in [1, 3, 5] {
        let d = DictTable::new();
        for i in 0..n {
            set_str(&d, &mut ops, &format!("k{i}"));
        }
        set_int(&d, &mut ops, 1, 1);
        assert!(!d.is_unicode());
        assert_eq!(d.dict_sizeof(), 352, "{n} str keys + int");
        assert_eq!(d.len(), n + 1);
        let k0 = string("k0");
        let h = ops.hash(&k0).unwrap();
        assert!(d.get(&mut ops, &k0, h).unwrap().is_some());
    }
    // Overwriting a str key keeps the unicode table; int then str stays general.
    let d = DictTable::new();
    set_int(&d, &mut ops, 1, 1);
    set_str(&d, &mut ops, "a");
    assert_eq!(d.dict_sizeof(), 224);
}

#[test]
fn deletion_never_shrinks_and_clear() {
    let mut ops = Ops::default();
    let d = DictTable::new();
    for i in 0..100 {
        set_int(&d, &mut ops, i, i);
    }
    for i in 0..99 {
        let (k, _v) = d.pop(&mut ops, &int(i), int_hash(i)).unwrap().unwrap();
        assert_eq!(as_int(&k), Some(i));
    }
    assert!(d.pop(&mut ops, &int(5), 5).unwrap().is_none());
    assert_eq!(d.dict_sizeof(), 4688);
    assert_eq!(keys(&d), [99]);
    d.clear();
    assert_eq!(d.dict_sizeof(), 64);
    assert!(d.is_empty_keys() && d.is_empty());
}

#[test]
fn order_after_deletes_and_reinserts() {
    // python3: d={}; for i in range(10): d[i]=i; del 2,5,7; set 5,100,2,-1,64
    let mut ops = Ops::default();
    let d = DictTable::new();
    for i in 0..10 {
        set_int(&d, &mut ops, i, i);
    }
    for i in [2, 5, 7] {
        drop(d.pop(&mut ops, &int(i), int_hash(i)).unwrap());
    }
    for i in [5, 100, 2, -1, 64] {
        set_int(&d, &mut ops, i, 0);
    }
    assert_eq!(keys(&d), [0, 1, 3, 4, 6, 8, 9, 5, 100, 2, -1, 64]);
    assert_eq!(d.dict_sizeof(), 632);
    // Colliding keys keep insertion order.
    let d = DictTable::new();
    for i in [0, 8, 16, 24, 32, 1, 9] {
        set_int(&d, &mut ops, i, i);
    }
    assert_eq!(keys(&d), [0, 8, 16, 24, 32, 1, 9]);
    for i in [0, 8, 16, 24, 32, 1, 9] {
        assert!(d.lookup(&mut ops, &int(i), int_hash(i)).unwrap().is_some());
    }
    // Replacing a value keeps the position and returns the old value.
    let old = d.insert(&mut ops, int(16), 16, int(-7)).unwrap().unwrap();
    assert_eq!(as_int(&old), Some(16));
    assert_eq!(keys(&d), [0, 8, 16, 24, 32, 1, 9]);
}

#[test]
fn popitem_is_lifo_and_keeps_size() {
    let ops = Ops::default();
    let d = DictTable::new();
    let mut m = Ops::default();
    for i in 0..10 {
        set_int(&d, &mut m, i, i);
    }
    let (k, _) = d.popitem(&ops).unwrap();
    assert_eq!(as_int(&k), Some(9));
    let (k, _) = d.popitem(&ops).unwrap();
    assert_eq!(as_int(&k), Some(8));
    assert_eq!(d.dict_sizeof(), 352);
    assert_eq!(keys(&d), (0..8).collect::<Vec<_>>());
    // d = {0..5}; popitem; d[6] = 6 → [0,1,2,3,4,6], 352.
    let d = DictTable::new();
    for i in 0..6 {
        set_int(&d, &mut m, i, i);
    }
    drop(d.popitem(&ops));
    set_int(&d, &mut m, 6, 6);
    assert_eq!(keys(&d), [0, 1, 2, 3, 4, 6]);
    assert_eq!(d.dict_sizeof(), 352);
}

#[test]
fn copy_and_merge_sizes() {
    // python3: for n: d={i:i for i in range(n)}; sizes of d.copy(), dict(d),
    // then after deleting n//2 keys.
    let mut ops = Ops::default();
    let cases = [
        (1, 224, 224, 224, 224),
        (5, 224, 224, 224, 352),
        (6, 352, 352, 352, 352),
        (11, 632, 632, 352, 352),
        (22, 1168, 1168, 632, 632),
    ];
    for (n, copy, merged, copy_del, merged_del) in cases {
        let d = DictTable::new();
        for i in 0..n {
            set_int(&d, &mut ops, i, i);
        }
        assert_eq!(d.copy(&mut ops).unwrap().dict_sizeof(), copy, "copy {n}");
        let e = DictTable::new();
        assert!(e.merge_from(&mut ops, &d, true).unwrap());
        assert_eq!(e.dict_sizeof(), merged, "merge {n}");
        assert_eq!(keys(&e), (0..n).collect::<Vec<_>>());
        for i in 0..n / 2 {
            drop(d.pop(&mut ops, &int(i), int_hash(i)).unwrap());
        }
        let c = d.copy(&mut ops).unwrap();
        assert_eq!(c.dict_sizeof(), copy_del, "copy after del {n}");
        assert_eq!(keys(&c), keys(&d));
        let e = DictTable::new();
        assert!(e.merge_from(&mut ops, &d, true).unwrap());
        assert_eq!(e.dict_sizeof(), merged_del, "merge after del {n}");
    }
    // dict(a=1) → 184 ; {1: 1}.copy() → 224.
    let d = DictTable::new();
    set_str(&d, &mut ops, "a");
    assert_eq!(d.dict_sizeof(), 184);
    let d = DictTable::new();
    set_int(&d, &mut ops, 1, 1);
    assert_eq!(d.copy(&mut ops).unwrap().dict_sizeof(), 224);
}

#[test]
fn fromkeys_presizing() {
    // dict.fromkeys(set(range(n))) → 352/352/632/1168 for n = 3/6/11/22.
    let ops = Ops::default();
    let mut m = Ops::default();
    for (n, want) in [(3, 352), (6, 352), (11, 632), (22, 1168)] {
        let d = DictTable::new();
        d.dictresize(&ops, estimate_log2_keysize(n), false).unwrap();
        for i in 0..n as i64 {
            set_int(&d, &mut m, i, 0);
        }
        assert_eq!(d.dict_sizeof(), want);
    }
    // dict.fromkeys(range(10)) inserts one by one → 352.
    let d = DictTable::new();
    for i in 0..10 {
        set_int(&d, &mut m, i, 0);
    }
    assert_eq!(d.dict_sizeof(), 352);
}

#[test]
fn traverse_and_refcounts() {
    let mut ops = Ops::default();
    let d = DictTable::new();
    let k = int(7);
    let v = int(8);
    drop(d.insert(&mut ops, k.clone(), 7, v.clone()).unwrap());
    assert_eq!((k.refcnt(), v.refcnt()), (2, 2));
    let mut seen = Vec::new();
    d.traverse(&mut |p| seen.push(p.addr()));
    assert_eq!(seen, [v.addr(), k.addr()]);
    let c = d.copy(&mut ops).unwrap();
    assert_eq!(k.refcnt(), 3);
    drop(c);
    d.clear();
    assert_eq!((k.refcnt(), v.refcnt()), (1, 1));
    // Unicode tables visit values only.
    let s = string("x");
    let h = ops.hash(&s).unwrap();
    drop(d.insert(&mut ops, s.clone(), h, v.clone()).unwrap());
    let mut seen = Vec::new();
    d.traverse(&mut |p| seen.push(p.addr()));
    assert_eq!(seen, [v.addr()]);
}

#[test]
fn identity_skips_eq() {
    let mut ops = Ops::default();
    let d = DictTable::new();
    let keys: Vec<Ref> = (0..5).map(|i| int(i * 8)).collect();
    for (i, k) in keys.iter().enumerate() {
        drop(
            d.insert(&mut ops, k.clone(), (i * 8) as isize, int(0))
                .unwrap(),
        );
    }
    let before = ops.eq_calls.get();
    for (i, k) in keys.iter().enumerate() {
        assert_eq!(d.lookup(&mut ops, k, (i * 8) as isize).unwrap(), Some(i));
    }
    assert_eq!(ops.eq_calls.get(), before, "identical keys need no __eq__");
    // An equal but distinct key needs eq.
    assert_eq!(d.lookup(&mut ops, &int(16), 16).unwrap(), Some(2));
    assert!(ops.eq_calls.get() > before);
}

#[test]
fn eq_that_rebuilds_the_dict_restarts_lookup() {
    use std::rc::Rc;
    let d = Rc::new(DictTable::new());
    let mut ops = Ops::default();
    set_int(&d, &mut ops, 0, 0);
    set_int(&d, &mut ops, 8, 8);
    let d2 = d.clone();
    // Inside __eq__: d.clear(); d[5] = 5; d[8] = 99 (entry index moves to 1).
    ops.on_eq = Some(Box::new(move || {
        let mut inner = Ops::default();
        d2.clear();
        set_int(&d2, &mut inner, 5, 5);
        set_int(&d2, &mut inner, 8, 99);
    }));
    let v = d.get(&mut ops, &int(8), 8).unwrap().unwrap();
    assert_eq!(as_int(&v), Some(99));
    assert_eq!(keys(&d), [5, 8]);

    // Inside __eq__ during an insert: the dict is cleared; the insert lands
    // in a fresh table.
    let d2 = d.clone();
    ops.on_eq = Some(Box::new(move || d2.clear()));
    let old = d.insert(&mut ops, int(8), 8, int(1)).unwrap();
    assert!(old.is_none());
    assert_eq!(keys(&d), [8]);
    assert_eq!(d.len(), 1);
}

#[test]
fn growth_points_with_wide_indices() {
    // python3: sizes change after 1, 6, 11, 22, 43, 86, 171, … inserts.
    let mut ops = Ops::default();
    let d = DictTable::new();
    let mut changes = Vec::new();
    let mut last = 0;
    for i in 0..3000 {
        set_int(&d, &mut ops, i, i);
        if d.dict_sizeof() != last {
            last = d.dict_sizeof();
            changes.push((i + 1, last));
        }
    }
    assert_eq!(
        changes,
        [
            (1, 224),
            (6, 352),
            (11, 632),
            (22, 1168),
            (43, 2264),
            (86, 4688),
            (171, 9304),
            (342, 18512),
            (683, 36952),
            (1366, 73808),
            (2731, 147544)
        ]
    );
    for i in (0..3000).step_by(7) {
        assert_eq!(
            as_int(&d.get(&mut ops, &int(i), int_hash(i)).unwrap().unwrap()),
            Some(i)
        );
    }
    let d = DictTable::new();
    let mut last = 0;
    let mut changes = Vec::new();
    for i in 0..3000 {
        set_str(&d, &mut ops, &i.to_string());
        if d.dict_sizeof() != last {
            last = d.dict_sizeof();
            changes.push((i + 1, last));
        }
    }
    assert_eq!(
        changes,
        [
            (1, 184),
            (6, 272),
            (11, 464),
            (22, 832),
            (43, 1584),
            (86, 3328),
            (171, 6576),
            (342, 13056),
            (683, 26032),
            (1366, 51968),
            (2731, 103856)
        ]
    );
}

#[test]
fn random_inserts_and_deletes_match_cpython() {
    use crate::containers::test_support::{checksum, Lcg};
    // /tmp/rnd.py (same LCG) on CPython 3.11.7:
    // 36952 390 1265133580124769464 [131, 249, 96, 154, 198, -68, -92, -119, 299, 227, -2, 14]
    let mut ops = Ops::default();
    let mut r = Lcg(7);
    let d = DictTable::new();
    let mut model = std::collections::HashMap::new();
    for step in 0..3000i64 {
        let v = r.next();
        let k = (v % 600) as i64 - 300;
        if (v >> 20) % 100 < 35 {
            drop(d.pop(&mut ops, &int(k), int_hash(k)).unwrap());
            model.remove(&k);
        } else {
            set_int(&d, &mut ops, k, step);
            model.insert(k, step);
        }
    }
    let ks = keys(&d);
    assert_eq!((d.dict_sizeof(), d.len()), (36952, 390));
    assert_eq!(
        &ks[..12],
        [131, 249, 96, 154, 198, -68, -92, -119, 299, 227, -2, 14]
    );
    assert_eq!(checksum(&ks), 1265133580124769464);
    for (k, v) in model {
        assert_eq!(
            as_int(&d.get(&mut ops, &int(k), int_hash(k)).unwrap().unwrap()),
            Some(v)
        );
    }
}
