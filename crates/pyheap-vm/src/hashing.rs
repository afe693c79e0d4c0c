//! String, bytes and tuple hashing for the object layer: thin wrappers over
//! [`crate::values::hash`] (SipHash-1-3 over the PEP 393 representation,
//! keyed like CPython from `PYTHONHASHSEED`; 3.11's xxHash-based tuple hash).
//!
//! Read [`hash_str`] first. The key is derived once per thread from the
//! environment; an invalid `PYTHONHASHSEED` falls back to a random key.

use std::cell::Cell;

use crate::values::hash::{self as vh, HashKey};

thread_local! {
    static KEY: Cell<Option<HashKey>> = const { Cell::new(None) };
}

fn key() -> HashKey {
    KEY.with(|k| {
        if let Some(v) = k.get() {
            return v;
        }
        let seed = std::env::var("PYTHONHASHSEED").ok();
        let key = HashKey::from_env_value(seed.as_deref()).unwrap_or_else(|_| HashKey::random());
        k.set(Some(key));
        key
    })
}

/// CPython's hash of a str.
pub fn hash_str(s: &str) -> isize {
    if s.is_empty() {
        return 0;
    }
    // NOTE: an ASCII str's PEP 393 storage is its UTF-8 bytes, so the common
    // case hashes without building a buffer.
    if s.is_ascii() {
        return vh::hash_bytes(key(), s.as_bytes()) as isize;
    }
    let maxc = s.chars().map(|c| c as u32).max().unwrap_or(0);
    let mut buf = Vec::with_capacity(s.len() * 2);
    for c in s.chars().map(|c| c as u32) {
        if maxc < 0x100 {
            buf.push(c as u8);
        } else if maxc < 0x10000 {
            buf.extend_from_slice(&(c as u16).to_le_bytes());
        } else {
            buf.extend_from_slice(&c.to_le_bytes());
        }
    }
    vh::hash_bytes(key(), &buf) as isize
}

/// CPython's hash of a bytes value.
pub fn hash_bytes(b: &[u8]) -> isize {
    vh::hash_bytes(key(), b) as isize
}

/// CPython 3.11 tuple hash (xxHash-based) from the items' hashes.
pub fn tuple_hash(hashes: &[isize]) -> isize {
    let hs: Vec<i64> = hashes.iter().map(|&h| h as i64).collect();
    vh::hash_tuple(&hs) as isize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_hash_like_cpython() {
        assert_eq!(hash_str(""), 0);
        assert_eq!(hash_bytes(b""), 0);
        // CPython 3.11: hash(()) == 5740354900026072187
        assert_eq!(tuple_hash(&[]), 5740354900026072187);
        // hash((1, 2)) == -3550055125485641917
        assert_eq!(tuple_hash(&[1, 2]), -3550055125485641917);
    }
}
