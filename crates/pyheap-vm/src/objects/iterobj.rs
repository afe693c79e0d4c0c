//! Payloads of the builtin iterator types, each the size of CPython's
//! object so that an iterator occupies the same pymalloc block as in
//! CPython (freed-address reuse depends on it; checked for every type by
//! `tests/block_sizes.rs`).
//!
//! Read [`IterRef`] first: the iterator code (`iters.rs`,
//! `iter_protocol.rs`) reads and writes every layout through it, with the
//! field names of the widest one.
//!
//! | payload | bytes | CPython object | types |
//! |---|---|---|---|
//! | [`SeqIterObj`] | 16 | index + sequence | list, list-reverse, tuple, str, bytes, bytearray, sequence (`iterator`), `reversed` |
//! | [`PairIterObj`] | 16 | two references | `callable_iterator`, `map`, `filter` |
//! | [`IterObj`] | 32 | (larger or non-GC objects, basicsize set separately) | dict/set iterators, range iterators, `enumerate`, `zip`, `super` |
//!
//! Invariants: a `SeqIterObj`'s `i` is the next index (for str iterators the
//! byte offset of the next code point); a `PairIterObj` has no counters
//! (reading `i`/`n` gives 0; writing them is a logic error, ignored).

use std::cell::Cell;

use pyheap_mem::{new_object, ObjPtr, Payload, Slot, TypeSlots};

use crate::rt::Obj;

macro_rules! iter_payload {
    ($t:ty, $setter:ident) => {
        impl Payload for $t {
            type Item = pyheap_mem::typed::NoItems;
        }
        pub fn $setter(s: &TypeSlots) -> bool {
            pyheap_mem::set_payload::<$t>(s, 16)
        }
    };
}

/// Two references and two counters (the widest layout).
pub struct IterObj {
    pub a: Slot,
    pub b: Slot,
    pub i: Cell<i64>,
    pub n: Cell<i64>,
}
iter_payload!(IterObj, set_iter_payload);

/// The iterated sequence and an index.
pub struct SeqIterObj {
    pub a: Slot,
    pub i: Cell<i64>,
}
iter_payload!(SeqIterObj, set_seqiter_payload);
const _: () = assert!(std::mem::size_of::<SeqIterObj>() == 16);

/// Two references (function and iterator, or callable and sentinel).
pub struct PairIterObj {
    pub a: Slot,
    pub b: Slot,
}
iter_payload!(PairIterObj, set_pairiter_payload);
const _: () = assert!(std::mem::size_of::<PairIterObj>() == 16);

/// An iterator's state, whichever payload its type declared.
#[derive(Clone, Copy)]
pub enum IterRef<'a> {
    Full(&'a IterObj),
    Seq(&'a SeqIterObj),
    Pair(&'a PairIterObj),
}

impl IterRef<'_> {
    fn a_slot(&self) -> &Slot {
        match self {
            IterRef::Full(p) => &p.a,
            IterRef::Seq(p) => &p.a,
            IterRef::Pair(p) => &p.a,
        }
    }
    fn b_slot(&self) -> Option<&Slot> {
        match self {
            IterRef::Full(p) => Some(&p.b),
            IterRef::Seq(_) => None,
            IterRef::Pair(p) => Some(&p.b),
        }
    }
    pub fn a(&self) -> Option<Obj> {
        self.a_slot().get()
    }
    pub fn set_a(&self, v: Option<Obj>) {
        self.a_slot().set(v)
    }
    pub fn take_a(&self) -> Option<Obj> {
        self.a_slot().take()
    }
    pub fn b(&self) -> Option<Obj> {
        self.b_slot().and_then(|s| s.get())
    }
    pub fn set_b(&self, v: Option<Obj>) {
        match self.b_slot() {
            Some(s) => s.set(v),
            None => debug_assert!(v.is_none(), "set_b on a sequence iterator"),
        }
    }
    pub fn i(&self) -> i64 {
        match self {
            IterRef::Full(p) => p.i.get(),
            IterRef::Seq(p) => p.i.get(),
            IterRef::Pair(_) => 0,
        }
    }
    pub fn set_i(&self, v: i64) {
        match self {
            IterRef::Full(p) => p.i.set(v),
            IterRef::Seq(p) => p.i.set(v),
            IterRef::Pair(_) => debug_assert!(v == 0, "set_i on a pair iterator"),
        }
    }
    pub fn n(&self) -> i64 {
        match self {
            IterRef::Full(p) => p.n.get(),
            _ => 0,
        }
    }
    pub fn set_n(&self, v: i64) {
        match self {
            IterRef::Full(p) => p.n.set(v),
            _ => debug_assert!(v == 0, "set_n on a 16-byte iterator"),
        }
    }
}

/// The state of a builtin iterator object (None for anything else).
pub fn iter_state(o: &Obj) -> Option<IterRef<'_>> {
    // NOTE: one read of the payload info decides the kind (this runs for
    // every step of a builtin iterator).
    let info = o.type_slots().payload.get()?;
    if info.is::<IterObj>() {
        return o.payload::<IterObj>().map(IterRef::Full);
    }
    if info.is::<SeqIterObj>() {
        return o.payload::<SeqIterObj>().map(IterRef::Seq);
    }
    if info.is::<PairIterObj>() {
        return o.payload::<PairIterObj>().map(IterRef::Pair);
    }
    None
}

pub fn iter_traverse(o: &Obj, v: &mut dyn FnMut(ObjPtr)) {
    if let Some(p) = iter_state(o) {
        for s in [Some(p.a_slot()), p.b_slot()].into_iter().flatten() {
            if let Some(x) = s.peek() {
                v(x);
            }
        }
    }
}

pub fn iter_clear(o: &Obj) {
    if let Some(p) = iter_state(o) {
        drop((p.take_a(), p.b_slot().and_then(|s| s.take())));
    }
}

fn alloc<T: Payload>(ty: &Obj, p: T) -> Obj {
    let o = new_object(ty, p, 0).unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&o);
    o
}

/// A new iterator of type `ty` (GC-tracked), in the payload `ty` declared:
/// a sequence iterator keeps `a` and `i`, a pair iterator `a` and `b`.
pub fn new_iter(ty: &Obj, a: Option<Obj>, b: Option<Obj>, i: i64, n: i64) -> Obj {
    let info = ty.as_type_slots().and_then(|s| s.payload.get());
    match info {
        Some(p) if p.is::<SeqIterObj>() => {
            debug_assert!(b.is_none() && n == 0);
            alloc(
                ty,
                SeqIterObj {
                    a: Slot::new(a),
                    i: Cell::new(i),
                },
            )
        }
        Some(p) if p.is::<PairIterObj>() => {
            debug_assert!(i == 0 && n == 0);
            alloc(
                ty,
                PairIterObj {
                    a: Slot::new(a),
                    b: Slot::new(b),
                },
            )
        }
        _ => alloc(
            ty,
            IterObj {
                a: Slot::new(a),
                b: Slot::new(b),
                i: Cell::new(i),
                n: Cell::new(n),
            },
        ),
    }
}
