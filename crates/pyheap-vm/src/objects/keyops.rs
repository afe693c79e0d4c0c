//! The interpreter's [`KeyOps`] for the container tables
//! (`crate::containers`): Python hashing and `==`, plus the exact-str
//! shortcuts the dict "unicode" tables rely on.
//!
//! Read [`VmOps::eq`] first: exact str pairs compare by content without
//! running code; everything else goes through `ops::eq`, which may run a
//! Python `__eq__` that mutates the table being searched (the tables
//! re-validate after each call).

use pyheap_mem::{MemoryError, Ref};

use crate::containers::KeyOps;
use crate::objects::str as pstr;
use crate::rt::PyErr;
use crate::types::t;

impl From<MemoryError> for PyErr {
    fn from(_: MemoryError) -> Self {
        crate::exc::memory_error()
    }
}

/// Stateless key operations; construct with `VmOps`.
pub struct VmOps;

/// True when `o` is exactly a `str`.
pub fn is_exact_str(o: &Ref) -> bool {
    o.has_type(&t().str_)
}

impl KeyOps for VmOps {
    type Err = PyErr;
    fn hash(&mut self, key: &Ref) -> Result<isize, PyErr> {
        crate::ops::hash(key)
    }
    fn eq(&mut self, a: &Ref, b: &Ref) -> Result<bool, PyErr> {
        if is_exact_str(a) && is_exact_str(b) {
            return Ok(pstr::as_str(a) == pstr::as_str(b));
        }
        crate::ops::eq(a, b)
    }
    fn is_exact_str(&self, key: &Ref) -> bool {
        is_exact_str(key)
    }
    fn cached_str_hash(&self, key: &Ref) -> Option<isize> {
        // NOTE: computing a str hash runs no Python code, so an uncached hash
        // is computed (and cached) here; every key a table stores has had its
        // hash computed before insertion anyway, as in CPython.
        is_exact_str(key).then(|| pstr::str_hash(key))
    }
}
