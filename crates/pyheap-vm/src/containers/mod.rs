//! CPython 3.11 container tables (dict, set, list growth) over pyheap-mem storage.
//!
//! Read [`KeyOps`] first: every table is generic over it, so this module
//! never depends on the interpreter. Then, per concept:
//! - [`list_growth`]: list capacities (`list_resize` and each creation path);
//! - [`dict_table`]: the compact dict keys object (combined tables);
//! - [`shared_keys`]: a class's shared keys for split instance dicts;
//! - [`set_table`]: the set/frozenset hash table with its inline 8 slots.
//!
//! Re-entrancy contract: [`KeyOps::hash`] and [`KeyOps::eq`] may run Python
//! code that mutates the very table being searched. Tables are used through
//! `&self` (all state lives in `Cell`s and by-value storage accessors), no
//! borrow of the storage is held across those calls, and every lookup
//! re-validates (and restarts if needed) after each `eq`, as CPython does.
//! References removed from a table are returned to (or dropped last by) the
//! caller after the table is consistent again, so finalizers that run on
//! release see a valid table.

pub mod dict_table;
pub mod list_growth;
pub mod set_table;
pub mod shared_keys;

#[cfg(test)]
mod test_support;

use pyheap_mem::Ref;

/// Key operations the tables need; implemented by the interpreter.
///
/// `Err` is the interpreter's exception type; tables also fail with
/// [`pyheap_mem::MemoryError`] when storage cannot be allocated, hence the
/// `From<MemoryError>` bound.
pub trait KeyOps {
    /// The interpreter's error (a raised exception).
    type Err: From<pyheap_mem::MemoryError>;
    /// `hash(key)`; may run a Python `__hash__`. Never returns -1 on success.
    fn hash(&mut self, key: &Ref) -> Result<isize, Self::Err>;
    /// `a == b` as `PyObject_RichCompareBool(a, b, Py_EQ)` minus the identity
    /// shortcut (tables check identity themselves). May run Python code that
    /// mutates the table being searched.
    fn eq(&mut self, a: &Ref, b: &Ref) -> Result<bool, Self::Err>;
    /// True when `key` is exactly a `str` (not a subclass).
    fn is_exact_str(&self, key: &Ref) -> bool;
    /// The cached hash of an exact `str`, if computed (must not run code).
    fn cached_str_hash(&self, key: &Ref) -> Option<isize>;
}

/// A key that may live in a "unicode" dict table: an exact `str` whose hash
/// is already cached (unicode tables store no hashes; they read this cache).
pub(crate) fn is_unicode_key<K: KeyOps>(ops: &K, key: &Ref) -> bool {
    ops.is_exact_str(key) && ops.cached_str_hash(key).is_some()
}
