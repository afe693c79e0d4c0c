//! String hashing: SipHash-1-3 over the PEP 393 representation, keyed like
//! CPython from `PYTHONHASHSEED` (unset or "random" → random key; a number →
//! the LCG-derived key; 0 → all-zero key).
//!
//! Read [`hash_str`] first. NOTE: kept here until `crate::values` exposes the
//! same function; then this file forwards to it.

use std::cell::Cell;

thread_local! {
    static KEY: Cell<Option<(u64, u64)>> = const { Cell::new(None) };
}

fn key() -> (u64, u64) {
    KEY.with(|k| {
        if let Some(v) = k.get() {
            return v;
        }
        let seed = std::env::var("PYTHONHASHSEED").ok();
        let bytes: [u8; 24] = match seed.as_deref().map(str::parse::<u64>) {
            Some(Ok(0)) => [0; 24],
            Some(Ok(s)) => {
                let mut x = s as u32;
                let mut b = [0u8; 24];
                for byte in b.iter_mut() {
                    x = x.wrapping_mul(214013).wrapping_add(2531011);
                    *byte = ((x >> 16) & 0xff) as u8;
                }
                b
            }
            _ => {
                let mut b = [0u8; 24];
                let t = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(1);
                let mut x = t ^ (std::process::id() as u64) << 32;
                for byte in b.iter_mut() {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    *byte = x as u8;
                }
                b
            }
        };
        let k0 = u64::from_le_bytes(bytes[0..8].try_into().unwrap_or([0; 8]));
        let k1 = u64::from_le_bytes(bytes[8..16].try_into().unwrap_or([0; 8]));
        k.set(Some((k0, k1)));
        (k0, k1)
    })
}

fn siphash13(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut v0 = k0 ^ 0x736f6d6570736575;
    let mut v1 = k1 ^ 0x646f72616e646f6d;
    let mut v2 = k0 ^ 0x6c7967656e657261;
    let mut v3 = k1 ^ 0x7465646279746573;
    macro_rules! round {
        () => {
            v0 = v0.wrapping_add(v1);
            v1 = v1.rotate_left(13);
            v1 ^= v0;
            v0 = v0.rotate_left(32);
            v2 = v2.wrapping_add(v3);
            v3 = v3.rotate_left(16);
            v3 ^= v2;
            v0 = v0.wrapping_add(v3);
            v3 = v3.rotate_left(21);
            v3 ^= v0;
            v2 = v2.wrapping_add(v1);
            v1 = v1.rotate_left(17);
            v1 ^= v2;
            v2 = v2.rotate_left(32);
        };
    }
    let len = data.len();
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let m = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        v3 ^= m;
        round!();
        v0 ^= m;
    }
    let rem = chunks.remainder();
    let mut b: u64 = (len as u64) << 56;
    for (i, x) in rem.iter().enumerate() {
        b |= (*x as u64) << (8 * i);
    }
    v3 ^= b;
    round!();
    v0 ^= b;
    v2 ^= 0xff;
    round!();
    round!();
    round!();
    v0 ^ v1 ^ v2 ^ v3
}

/// CPython's hash of a str.
pub fn hash_str(s: &str) -> isize {
    if s.is_empty() {
        return 0;
    }
    let maxc = s.chars().map(|c| c as u32).max().unwrap_or(0);
    let mut buf = Vec::with_capacity(s.len() * 2);
    for c in s.chars() {
        let c = c as u32;
        if maxc < 256 {
            buf.push(c as u8);
        } else if maxc < 65536 {
            buf.extend_from_slice(&(c as u16).to_le_bytes());
        } else {
            buf.extend_from_slice(&c.to_le_bytes());
        }
    }
    hash_bytes(&buf)
}

/// CPython's hash of a bytes value.
pub fn hash_bytes(b: &[u8]) -> isize {
    if b.is_empty() {
        return 0;
    }
    let (k0, k1) = key();
    let h = siphash13(k0, k1, b) as i64;
    if h == -1 {
        -2
    } else {
        h as isize
    }
}

/// CPython 3.11 tuple hash (xxHash-based).
pub fn tuple_hash(hashes: &[isize]) -> isize {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for h in hashes {
        let lane = *h as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((hashes.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64 as isize
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
