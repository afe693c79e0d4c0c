//! Test-only key type and [`KeyOps`] implementation: a tiny metatype with an
//! "int" type (Python's small-int hash) and a "str" type (cached hash).

use std::cell::Cell;

use pyheap_mem::typed::{new_object, new_root_metatype, new_type_object, set_payload};
use pyheap_mem::{MemoryError, NoItems, Payload, Ref, TypeFlags, TypeSlots};

use super::KeyOps;

pub struct TypeData;
impl Payload for TypeData {
    type Item = NoItems;
}

/// Payload of the test keys.
pub enum Val {
    Int(i64),
    Str(String, isize),
}
impl Payload for Val {
    type Item = NoItems;
}

pub struct Types {
    pub _meta: Ref,
    pub int_t: Ref,
    pub str_t: Ref,
}

thread_local! {
    // Leaked on purpose: dropping type objects during thread-local teardown
    // would touch pyheap-mem's own (already destroyed) thread-locals.
    static TYPES: std::mem::ManuallyDrop<Types> = std::mem::ManuallyDrop::new(make_types());
}

fn make_types() -> Types {
    let meta =
        new_root_metatype(TypeSlots::new(0, 0, TypeFlags::IS_TYPE), TypeData, 0).expect("metatype");
    let mk = || {
        let t = new_type_object(
            &meta,
            TypeSlots::new(32, 0, TypeFlags::default()),
            TypeData,
            0,
        )
        .expect("type");
        assert!(set_payload::<Val>(t.as_type_slots().expect("slots"), 16));
        t
    };
    let int_t = mk();
    let str_t = mk();
    Types {
        _meta: meta,
        int_t,
        str_t,
    }
}

/// Python's hash of a small int.
pub fn int_hash(n: i64) -> isize {
    if n == -1 {
        -2
    } else {
        n as isize
    }
}

pub fn int(n: i64) -> Ref {
    TYPES.with(|t| new_object(&t.int_t, Val::Int(n), 0).expect("int"))
}

/// A test str with a deterministic cached hash (FNV-1a, never -1).
pub fn string(s: &str) -> Ref {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x100000001b3);
    }
    let mut h = h as isize;
    if h == -1 {
        h = -2;
    }
    TYPES.with(|t| new_object(&t.str_t, Val::Str(s.to_string(), h), 0).expect("str"))
}

pub fn as_int(r: &Ref) -> Option<i64> {
    match r.payload::<Val>()? {
        Val::Int(n) => Some(*n),
        Val::Str(..) => None,
    }
}

pub fn as_str(r: &Ref) -> Option<String> {
    match r.payload::<Val>()? {
        Val::Str(s, _) => Some(s.clone()),
        Val::Int(_) => None,
    }
}

/// The test error: only memory errors happen.
#[derive(Debug)]
pub struct TestErr;
impl From<MemoryError> for TestErr {
    fn from(_: MemoryError) -> Self {
        TestErr
    }
}

/// Test key operations; counts `eq` calls and can run a hook inside `eq`
/// (to mutate a table re-entrantly, like a Python `__eq__` would).
#[derive(Default)]
pub struct Ops {
    pub eq_calls: Cell<usize>,
    pub on_eq: Option<Box<dyn FnMut()>>,
}

impl KeyOps for Ops {
    type Err = TestErr;
    fn hash(&mut self, key: &Ref) -> Result<isize, TestErr> {
        match key.payload::<Val>() {
            Some(Val::Int(n)) => Ok(int_hash(*n)),
            Some(Val::Str(_, h)) => Ok(*h),
            None => Err(TestErr),
        }
    }
    fn eq(&mut self, a: &Ref, b: &Ref) -> Result<bool, TestErr> {
        self.eq_calls.set(self.eq_calls.get() + 1);
        if let Some(mut hook) = self.on_eq.take() {
            hook();
        }
        Ok(match (a.payload::<Val>(), b.payload::<Val>()) {
            (Some(Val::Int(x)), Some(Val::Int(y))) => x == y,
            (Some(Val::Str(x, _)), Some(Val::Str(y, _))) => x == y,
            _ => false,
        })
    }
    fn is_exact_str(&self, key: &Ref) -> bool {
        matches!(key.payload::<Val>(), Some(Val::Str(..)))
    }
    fn cached_str_hash(&self, key: &Ref) -> Option<isize> {
        match key.payload::<Val>() {
            Some(Val::Str(_, h)) => Some(*h),
            _ => None,
        }
    }
}

/// A 64-bit LCG shared with the python3 scripts that produced the expected
/// values in the randomized tests (`x = x·6364136223846793005 +
/// 1442695040888963407`, output `x >> 33`).
pub struct Lcg(pub u64);
impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Order checksum used by those scripts: `c = (c·1000003 + k) mod (2^61 − 1)`.
pub fn checksum(keys: &[i64]) -> i64 {
    let p: i128 = (1 << 61) - 1;
    let mut c: i128 = 0;
    for &k in keys {
        c = (c * 1000003 + k as i128).rem_euclid(p);
    }
    c as i64
}
