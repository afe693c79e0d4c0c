//! Per-type traverse tests for dict, set/frozenset and instances: each
//! traverse must visit exactly the references the object owns (a missing
//! edge leaks cycles, an extra one frees live objects). Read
//! [`traverse_matches_owned_references`] first.

use pyheap_mem::ObjPtr;

use crate::objects::{dict, set};
use crate::rt::Obj;

fn visited(o: &Obj, f: fn(&Obj, &mut dyn FnMut(ObjPtr))) -> Vec<usize> {
    let mut out = Vec::new();
    f(o, &mut |p| out.push(p.addr()));
    out
}

fn addrs(v: &[Obj]) -> Vec<usize> {
    v.iter().map(|o| o.addr()).collect()
}

/// Runs `src` in a fresh module dict and returns that dict.
fn run(src: &str) -> Obj {
    let g = dict::new_dict();
    let (code, _arena) = crate::compile_source_with_arena(src, "<test>", crate::Mode::Exec)
        .unwrap_or_else(|_| panic!("compile failed"));
    if crate::eval::run_code(&code, &g, None).is_err() {
        panic!("test source raised");
    }
    g
}

fn int_of(g: &Obj, name: &str) -> i64 {
    dict::get_str(g, name)
        .and_then(|v| crate::objects::int::as_i64(&v))
        .unwrap_or(-1)
}

#[test]
fn traverse_matches_owned_references() {
    crate::init_runtime(vec!["test".into()], String::new());
    let g = run(concat!(
        "L = [1]\n",
        "gen = {1: L, (2, 3): [4], 'k': 5}\n",
        "del gen[1]\n",
        "uni = {'a': L, 'b': 'x'}\n",
        "s = {(1, 2), 'x', 3, 4.5}\n",
        "f = frozenset([(6,), 'y'])\n",
        "class A: pass\n",
        "o = A(); o.p = L; o.q = 'v'\n",
        "m = A(); m.r = L; m.__dict__\n",
    ));
    let get = |n: &str| dict::get_str(&g, n).unwrap_or_else(dict::new_dict);

    // General dict: value then key for each live entry, deleted ones skipped.
    let gen = get("gen");
    let mut want = Vec::new();
    for (k, v) in dict::items(&gen) {
        want.push(v.addr());
        want.push(k.addr());
    }
    assert_eq!(visited(&gen, dict::traverse), want);
    assert_eq!(want.len(), 4);

    // Unicode dict: values only (str keys cannot be in a cycle).
    let uni = get("uni");
    let vals: Vec<Obj> = dict::items(&uni).into_iter().map(|(_, v)| v).collect();
    assert_eq!(visited(&uni, dict::traverse), addrs(&vals));

    // Sets and frozensets: every key, in table order.
    for name in ["s", "f"] {
        let s = get(name);
        assert_eq!(visited(&s, set::traverse), addrs(&set::items(&s)));
    }

    // Instance with inline values: the values (key order), then its class.
    let o = get("o");
    let a = get("A");
    let want = vec![
        crate::objects::instance::get_attr(&o, "p").map_or(0, |x| x.addr()),
        crate::objects::instance::get_attr(&o, "q").map_or(0, |x| x.addr()),
        a.addr(),
    ];
    assert_eq!(
        visited(&o, crate::objects::instance::subtype_traverse),
        want
    );

    // Materialised __dict__: the dict, then the class.
    let m = get("m");
    let md = m.managed_dict().unwrap_or_else(dict::new_dict);
    assert_eq!(
        visited(&m, crate::objects::instance::subtype_traverse),
        vec![md.addr(), a.addr()]
    );
}

#[test]
fn collector_frees_container_cycles_and_keeps_live_objects() {
    crate::init_runtime(vec!["test".into()], String::new());
    let g = run(concat!(
        "import gc, weakref\n",
        "class N: pass\n",
        "gc.collect()\n",
        "d = {}; d['self'] = d; d[1] = N()\n",
        "s = set(); n = N(); n.s = s; s.add(n)\n",
        "a, b = N(), N(); a.o = b; b.o = a\n",
        "live = N()\n",
        "holder = {(1, 2): live}\n",
        "w = weakref.ref(live)\n",
        "del d, s, n, a, b, live\n",
        "freed = gc.collect()\n",
        "alive = int(w() is not None)\n",
        "c, e = N(), N(); c.o = e; e.o = c; c.__dict__; e.__dict__\n",
        "del c, e\n",
        "freed2 = gc.collect()\n",
    ));
    // dict + its N (2), set + N (2), A<->B with inline values (2).
    assert_eq!(int_of(&g, "freed"), 6);
    assert_eq!(int_of(&g, "alive"), 1);
    // Two instances and their materialised dicts.
    assert_eq!(int_of(&g, "freed2"), 4);
}
