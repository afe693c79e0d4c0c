//! CPython 3.11's `hash()` for the built-in value types (64-bit build).
//!
//! Read first: [`hash_bigint`] / [`hash_i64`] (numeric hashes are "value mod
//! P" with P = 2**61 - 1, so `hash(1) == hash(1.0) == hash(1+0j)`), then
//! [`hash_f64`], [`hash_tuple`] and [`HashKey`] + [`hash_bytes`] for str/bytes.
//!
//! Invariants: no function returns -1 (CPython reserves it for errors; every
//! algorithm maps it to -2, except tuples/frozensets which use their own
//! replacement constants). str and bytes hashes are SipHash-1-3 over the
//! string's PEP 393 storage bytes ([`hash_str`] builds them), and the empty
//! string/bytes hash to 0 (`sys.hash_info.cutoff == 0`, no small-string hash).

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// `sys.hash_info.modulus`: 2**61 - 1.
pub const HASH_MODULUS: u64 = (1u64 << 61) - 1;
/// `sys.hash_info.hash_bits` used by the numeric hash (61).
pub const HASH_BITS: u32 = 61;
/// `hash(float('inf'))`.
pub const HASH_INF: i64 = 314159;
/// `sys.hash_info.imag`: multiplier of the imaginary part's hash.
pub const HASH_IMAG: u64 = 1000003;

fn fix_minus_one(x: i64) -> i64 {
    if x == -1 {
        -2
    } else {
        x
    }
}

/// `hash(v)` for an int that fits in an i64.
pub fn hash_i64(v: i64) -> i64 {
    let mag = v.unsigned_abs() % HASH_MODULUS;
    let x = if v < 0 { -(mag as i64) } else { mag as i64 };
    fix_minus_one(x)
}

/// `hash(v)` for an arbitrary int: sign(v) * (|v| mod (2**61-1)), -1 → -2.
pub fn hash_bigint(v: &BigInt) -> i64 {
    if let Some(small) = v.to_i64() {
        return hash_i64(small);
    }
    // Reduce 64-bit limbs from the most significant end: x = x*2^64 + limb.
    let mut x: u128 = 0;
    for limb in v.magnitude().iter_u64_digits().rev() {
        x = ((x << 64) | limb as u128) % HASH_MODULUS as u128;
    }
    let mag = x as i64;
    fix_minus_one(if v.sign() == Sign::Minus { -mag } else { mag })
}

/// `_Py_HashPointer`: the identity-based hash (used for objects without
/// `__hash__` overrides and for NaNs): the address rotated right by 4 bits.
pub fn hash_pointer(addr: u64) -> i64 {
    fix_minus_one(addr.rotate_right(4) as i64)
}

/// C `frexp` for finite non-zero `v`: `(m, e)` with `v == m * 2**e`, `0.5 <= |m| < 1`.
pub fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let mut x = v;
    let mut adjust = 0;
    if x.abs() < f64::MIN_POSITIVE {
        x *= 2f64.powi(54);
        adjust = -54;
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    // Set the exponent field so that |m| lands in [0.5, 1).
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022 + adjust)
}

/// `hash(v)` for a float. NaN hashes by identity since 3.10: the caller passes
/// `nan_identity_hash` (normally [`hash_pointer`] of the float object).
pub fn hash_f64(v: f64, nan_identity_hash: i64) -> i64 {
    if v.is_nan() {
        return nan_identity_hash;
    }
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    // Consume the mantissa 28 bits at a time, keeping x reduced mod P.
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (HASH_BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    // Multiply by 2**e mod P, i.e. rotate within 61 bits.
    let bits = HASH_BITS as i32;
    let e = if e >= 0 {
        e % bits
    } else {
        bits - 1 - ((-1 - e) % bits)
    } as u32;
    if e != 0 {
        x = ((x << e) & HASH_MODULUS) | (x >> (HASH_BITS - e));
    }
    fix_minus_one((x as i64).wrapping_mul(sign))
}

/// `hash(complex(re, im))` given `hash(re)` and `hash(im)` (from [`hash_f64`]).
pub fn hash_complex(real_hash: i64, imag_hash: i64) -> i64 {
    let combined = (real_hash as u64).wrapping_add(HASH_IMAG.wrapping_mul(imag_hash as u64));
    fix_minus_one(combined as i64)
}

const XXPRIME_1: u64 = 11400714785074694791;
const XXPRIME_2: u64 = 14029467366897019727;
const XXPRIME_5: u64 = 2870177450012600261;

/// `hash(tuple)` (3.8+ xxHash-based) from the items' hashes, in order.
pub fn hash_tuple(item_hashes: &[i64]) -> i64 {
    let mut th = TupleHasher::new();
    for &h in item_hashes {
        th.push(h);
    }
    th.finish()
}

/// [`hash_tuple`] fed one item hash at a time (no vector of hashes).
pub struct TupleHasher {
    acc: u64,
    len: u64,
}

impl Default for TupleHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl TupleHasher {
    pub fn new() -> TupleHasher {
        TupleHasher {
            acc: XXPRIME_5,
            len: 0,
        }
    }

    #[inline]
    pub fn push(&mut self, h: i64) {
        let acc = self.acc.wrapping_add((h as u64).wrapping_mul(XXPRIME_2));
        self.acc = acc.rotate_left(31).wrapping_mul(XXPRIME_1);
        self.len += 1;
    }

    pub fn finish(&self) -> i64 {
        // Length mixed in so that hash(()) keeps its historical value.
        let acc = self.acc.wrapping_add(self.len ^ (XXPRIME_5 ^ 3527539));
        if acc == u64::MAX {
            return 1546275796;
        }
        acc as i64
    }
}

fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// `hash(frozenset)` from the members' hashes (order does not matter).
pub fn hash_frozenset(item_hashes: &[i64]) -> i64 {
    let mut hash: u64 = 0;
    for &h in item_hashes {
        hash ^= shuffle_bits(h as u64);
    }
    hash ^= (item_hashes.len() as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        return 590923713;
    }
    hash as i64
}

/// The 128-bit SipHash key CPython derives at startup from `PYTHONHASHSEED`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashKey {
    pub k0: u64,
    pub k1: u64,
}

/// CPython's fatal-error text for a bad `PYTHONHASHSEED`.
pub const BAD_HASHSEED_MSG: &str =
    "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]";

impl HashKey {
    /// Key for `PYTHONHASHSEED=0` (randomization disabled): all-zero key.
    pub const ZERO: HashKey = HashKey { k0: 0, k1: 0 };

    /// Key for an integer seed in 1..=4294967295: CPython fills its secret
    /// with `lcg_urandom(seed)` (x = x*214013 + 2531011 mod 2**32, byte =
    /// (x >> 16) & 0xff) and reads k0/k1 as little-endian u64s. Seed 0 → zero key.
    pub fn from_seed(seed: u32) -> HashKey {
        if seed == 0 {
            return HashKey::ZERO;
        }
        let mut buf = [0u8; 16];
        let mut x = seed;
        for b in buf.iter_mut() {
            x = x.wrapping_mul(214013).wrapping_add(2531011);
            *b = ((x >> 16) & 0xff) as u8;
        }
        HashKey::from_bytes(buf)
    }

    fn from_bytes(buf: [u8; 16]) -> HashKey {
        let mut a = [0u8; 8];
        let mut b = [0u8; 8];
        a.copy_from_slice(&buf[..8]);
        b.copy_from_slice(&buf[8..]);
        HashKey {
            k0: u64::from_le_bytes(a),
            k1: u64::from_le_bytes(b),
        }
    }

    /// A random key from the OS (`/dev/urandom`), falling back to a
    /// time/address-derived key if that cannot be read.
    pub fn random() -> HashKey {
        use std::io::Read;
        let mut buf = [0u8; 16];
        if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
            if f.read_exact(&mut buf).is_ok() {
                return HashKey::from_bytes(buf);
            }
        }
        // NOTE: fallback only; std's RandomState is itself OS-seeded.
        use std::hash::{BuildHasher, Hasher};
        let s = std::collections::hash_map::RandomState::new();
        let mut h = s.build_hasher();
        h.write_u64(0x5eed);
        let k0 = h.finish();
        h.write_u64(k0);
        HashKey { k0, k1: h.finish() }
    }

    /// Key from the value of the `PYTHONHASHSEED` environment variable:
    /// unset, empty or `"random"` → random; a decimal integer in
    /// [0, 4294967295] → [`HashKey::from_seed`]; anything else → `Err` with
    /// CPython's fatal-error message [`BAD_HASHSEED_MSG`].
    pub fn from_env_value(value: Option<&str>) -> Result<HashKey, String> {
        match value {
            None => Ok(HashKey::random()),
            Some(s) if s.is_empty() || s == "random" => Ok(HashKey::random()),
            Some(s) => {
                if !s.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(BAD_HASHSEED_MSG.to_string());
                }
                match s.parse::<u64>() {
                    Ok(n) if n <= u32::MAX as u64 => Ok(HashKey::from_seed(n as u32)),
                    _ => Err(BAD_HASHSEED_MSG.to_string()),
                }
            }
        }
    }
}

/// SipHash-1-3 (one compression round per block, three finalisation rounds).
pub fn siphash13(key: HashKey, data: &[u8]) -> u64 {
    let mut v0 = key.k0 ^ 0x736f6d6570736575;
    let mut v1 = key.k1 ^ 0x646f72616e646f6d;
    let mut v2 = key.k0 ^ 0x6c7967656e657261;
    let mut v3 = key.k1 ^ 0x7465646279746573;
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
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let m = u64::from_le_bytes(w);
        v3 ^= m;
        round!();
        v0 ^= m;
    }
    let rest = chunks.remainder();
    let mut last = (data.len() as u64 & 0xff) << 56;
    for (i, &b) in rest.iter().enumerate() {
        last |= (b as u64) << (8 * i);
    }
    v3 ^= last;
    round!();
    v0 ^= last;
    v2 ^= 0xff;
    round!();
    round!();
    round!();
    v0 ^ v1 ^ v2 ^ v3
}

/// `_Py_HashBytes`: `hash(bytes)` and the core of `hash(str)`. Empty → 0.
pub fn hash_bytes(key: HashKey, data: &[u8]) -> i64 {
    if data.is_empty() {
        return 0;
    }
    fix_minus_one(siphash13(key, data) as i64)
}

/// PEP 393 storage bytes of a string: 1, 2 or 4 little-endian bytes per code
/// point depending on the maximum code point (<0x100, <0x10000, else).
pub fn pep393_bytes(cps: &[u32]) -> Vec<u8> {
    let max = cps.iter().copied().max().unwrap_or(0);
    let mut out = Vec::new();
    if max < 0x100 {
        out.extend(cps.iter().map(|&c| c as u8));
    } else if max < 0x10000 {
        out.reserve(cps.len() * 2);
        for &c in cps {
            out.extend_from_slice(&(c as u16).to_le_bytes());
        }
    } else {
        out.reserve(cps.len() * 4);
        for &c in cps {
            out.extend_from_slice(&c.to_le_bytes());
        }
    }
    out
}

/// `hash(str)` for a string given as code points.
pub fn hash_str(key: HashKey, cps: &[u32]) -> i64 {
    hash_bytes(key, &pep393_bytes(cps))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cps(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    #[test]
    fn int_hashes() {
        assert_eq!(hash_i64(-1), -2);
        let p = BigInt::from(HASH_MODULUS);
        assert_eq!(hash_bigint(&p), 0);
        assert_eq!(hash_bigint(&(&p + BigInt::from(1))), 1);
        let neg: BigInt = -(&p + BigInt::from(1));
        assert_eq!(hash_bigint(&neg), -2);
        let big = BigInt::from(1) << 100;
        assert_eq!(hash_bigint(&big), 549755813888);
        assert_eq!(hash_bigint(&-big), -549755813888);
        assert_eq!(hash_i64((1 << 61) - 2), 2305843009213693950);
        assert_eq!(hash_i64(-((1 << 61) - 2)), -2305843009213693950);
        assert_eq!(hash_i64(i64::MIN), hash_bigint(&BigInt::from(i64::MIN)));
    }

    #[test]
    fn float_hashes() {
        assert_eq!(hash_f64(1.5, 0), 1152921504606846977);
        assert_eq!(hash_f64(-1.5, 0), -1152921504606846977);
        assert_eq!(hash_f64(0.1, 0), 230584300921369408);
        assert_eq!(hash_f64(1e300, 0), 1224995262755759164);
        assert_eq!(hash_f64(-0.0, 0), 0);
        assert_eq!(hash_f64(f64::INFINITY, 0), 314159);
        assert_eq!(hash_f64(f64::NEG_INFINITY, 0), -314159);
        assert_eq!(hash_f64(1e-300, 0), 482449582752280463);
        assert_eq!(hash_f64(-1.0, 0), -2);
        assert_eq!(hash_f64(f64::NAN, 77), 77);
        assert_eq!(hash_f64(5e-324, 0), hash_f64(5e-324, 1));
    }

    #[test]
    fn complex_hashes() {
        let h = |re: f64, im: f64| hash_complex(hash_f64(re, 0), hash_f64(im, 0));
        assert_eq!(h(1.0, 2.0), 2000007);
        assert_eq!(h(0.0, -1.0), -2000006);
        assert_eq!(h(1.5, -2.25), -576460752305423493);
    }

    #[test]
    fn tuple_and_frozenset_hashes() {
        assert_eq!(hash_tuple(&[]), 5740354900026072187);
        assert_eq!(hash_tuple(&[1]), -6644214454873602895);
        assert_eq!(hash_tuple(&[1, 2, 3]), 529344067295497451);
        assert_eq!(hash_tuple(&[-2]), 8078679518589016365);
        let e = hash_tuple(&[]);
        assert_eq!(hash_tuple(&[e, e]), 9028247024705308198);
        assert_eq!(hash_frozenset(&[]), 133146708735736);
        assert_eq!(hash_frozenset(&[1]), -558064481276695278);
        assert_eq!(hash_frozenset(&[3, 1, 2]), -272375401224217160);
        assert_eq!(hash_frozenset(&[-2, 5]), -4964422442656326050);
    }

    #[test]
    fn str_hashes_seed0() {
        let k = HashKey::from_env_value(Some("0")).unwrap();
        assert_eq!(hash_str(k, &cps("a")), 4644417185603328019);
        assert_eq!(hash_str(k, &cps("abc")), -4594863902769663758);
        assert_eq!(hash_bytes(k, b"abc"), -4594863902769663758);
        assert_eq!(hash_str(k, &[]), 0);
        assert_eq!(hash_str(k, &cps("\u{e9}t\u{e9}")), -1033370291238291217);
        assert_eq!(hash_str(k, &cps("\u{20ac}")), -5529981157763016009);
        assert_eq!(hash_str(k, &cps("\u{1f600}x")), -8926728262118538918);
    }

    #[test]
    fn str_hashes_seed123() {
        let k = HashKey::from_env_value(Some("123")).unwrap();
        assert_eq!(hash_str(k, &cps("a")), -4226623170815027173);
        assert_eq!(hash_str(k, &cps("abc")), -6019719312852672851);
        assert_eq!(hash_bytes(k, b"abc"), -6019719312852672851);
        assert_eq!(hash_str(k, &cps("\u{e9}t\u{e9}")), 3250357985751037496);
        assert_eq!(hash_str(k, &cps("\u{20ac}")), 1478577648940306351);
        assert_eq!(hash_str(k, &cps("\u{1f600}x")), 7236722439572505681);
    }

    #[test]
    fn hashseed_parsing() {
        assert!(HashKey::from_env_value(Some("4294967296")).is_err());
        assert!(HashKey::from_env_value(Some("-1")).is_err());
        assert!(HashKey::from_env_value(Some("4294967295")).is_ok());
        assert!(HashKey::from_env_value(None).is_ok());
    }
}
