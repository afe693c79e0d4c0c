//! int arithmetic with CPython semantics on `BigInt`: floor division and
//! modulo, `divmod`, `**` (negative exponent → float), three-argument `pow`,
//! true division (correctly rounded), int → float, bit operations,
//! `to_bytes`/`from_bytes`, `round(int, ndigits)`.
//!
//! Read first: [`floor_divmod`] (quotient rounds toward −∞, remainder takes the
//! divisor's sign), then [`true_div`] and [`bigint_to_f64`], which both round
//! the exact value to the nearest double, ties to even, like CPython.
//!
//! Invariant: every function returns CPython's exception type and message on
//! failure; none panics (huge results are refused with MemoryError beyond
//! [`MAX_RESULT_BITS`], an approximation of CPython running out of memory).

use super::{PyExcKind, VResult, ValueErr};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// Results larger than this many bits are refused with MemoryError.
/// NOTE: CPython would attempt the allocation; this bound (2**33 bits = 1 GiB)
/// keeps pyheap from hanging or aborting instead.
pub const MAX_RESULT_BITS: u64 = 1 << 33;

fn memory_error() -> ValueErr {
    ValueErr::new(PyExcKind::MemoryError, "")
}

/// `a // b`. ZeroDivisionError `integer division or modulo by zero`.
pub fn floor_div(a: &BigInt, b: &BigInt) -> VResult<BigInt> {
    if b.is_zero() {
        return Err(ValueErr::zero_div("integer division or modulo by zero"));
    }
    Ok(a.div_floor(b))
}

/// `a % b` (result has the sign of `b`). ZeroDivisionError `integer modulo by zero`.
pub fn floor_mod(a: &BigInt, b: &BigInt) -> VResult<BigInt> {
    if b.is_zero() {
        return Err(ValueErr::zero_div("integer modulo by zero"));
    }
    Ok(a.mod_floor(b))
}

/// `divmod(a, b)`. ZeroDivisionError `integer division or modulo by zero`.
pub fn floor_divmod(a: &BigInt, b: &BigInt) -> VResult<(BigInt, BigInt)> {
    if b.is_zero() {
        return Err(ValueErr::zero_div("integer division or modulo by zero"));
    }
    Ok(a.div_mod_floor(b))
}

/// `m * 2**e` for `m < 2**54`, exact whenever the result is representable.
pub fn ldexp(m: f64, e: i64) -> f64 {
    let mut x = m;
    let mut e = e;
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
        if x == 0.0 {
            return x;
        }
    }
    x * 2f64.powi(e as i32)
}

/// Rounds `q * 2**shift` to the nearest double (with `sticky` = some nonzero bits below `q`
/// were dropped) to a double, half-even, honouring subnormals.
pub fn round_to_f64(q: &BigUint, shift: i64, sticky: bool) -> f64 {
    const MANT: i64 = 53;
    const MIN_EXP: i64 = -1021;
    let q_bits = q.bits() as i64;
    let extra = q_bits.max(MIN_EXP - shift) - MANT;
    if extra <= 0 {
        // Exact: q fits in the mantissa.
        let m = q.to_f64().unwrap_or(0.0);
        return ldexp(m, shift);
    }
    let keep: BigUint = q >> (extra as usize);
    let mask: BigUint = (BigUint::one() << (extra as usize)) - 1u32;
    let low: BigUint = q & &mask;
    let half: BigUint = BigUint::one() << ((extra - 1) as usize);
    let mut m = keep.to_u64().unwrap_or(0);
    let round_up = low > half || (low == half && (sticky || m & 1 == 1));
    if round_up {
        m += 1;
    }
    ldexp(m as f64, shift + extra)
}

/// `float(v)`: nearest double (ties to even). OverflowError
/// `int too large to convert to float`.
pub fn bigint_to_f64(v: &BigInt) -> VResult<f64> {
    let mag = v.magnitude();
    let bits = mag.bits() as i64;
    let x = if bits <= 64 {
        mag.to_u64().unwrap_or(0) as f64
    } else {
        let shift = bits - 64;
        let top: BigUint = mag >> (shift as usize);
        let sticky = mag.trailing_zeros().unwrap_or(0) < shift as u64;
        round_to_f64(&top, shift, sticky)
    };
    if x.is_infinite() {
        return Err(ValueErr::overflow("int too large to convert to float"));
    }
    Ok(if v.sign() == Sign::Minus { -x } else { x })
}

/// `a / b` for ints: the correctly rounded quotient. ZeroDivisionError
/// `division by zero`; OverflowError `integer division result too large for a
/// float`. Zero results carry the sign `(a < 0) != (b < 0)` (`0 / -5 == -0.0`).
pub fn true_div(a: &BigInt, b: &BigInt) -> VResult<f64> {
    if b.is_zero() {
        return Err(ValueErr::zero_div("division by zero"));
    }
    let negate = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let sign = |x: f64| if negate { -x } else { x };
    let (na, nb) = (a.magnitude(), b.magnitude());
    if na.is_zero() {
        return Ok(sign(0.0));
    }
    const LIMIT: u64 = 1 << 53;
    if let (Some(x), Some(y)) = (na.to_u64(), nb.to_u64()) {
        if x <= LIMIT && y <= LIMIT {
            return Ok(sign(x as f64 / y as f64));
        }
    }
    let diff = na.bits() as i64 - nb.bits() as i64;
    if diff > 1024 {
        return Err(ValueErr::overflow(
            "integer division result too large for a float",
        ));
    }
    if diff < -1021 - 53 - 1 {
        return Ok(sign(0.0));
    }
    let shift = diff.max(-1021) - 53 - 2;
    let mut sticky = false;
    let scaled: BigUint = if shift >= 0 {
        sticky = na.trailing_zeros().unwrap_or(0) < shift as u64;
        na >> (shift as usize)
    } else {
        na << ((-shift) as usize)
    };
    let (q, r) = scaled.div_rem(nb);
    sticky |= !r.is_zero();
    let x = round_to_f64(&q, shift, sticky);
    if x.is_infinite() {
        return Err(ValueErr::overflow(
            "integer division result too large for a float",
        ));
    }
    Ok(sign(x))
}

/// Result of `int ** int`.
#[derive(Clone, Debug, PartialEq)]
pub enum IntPow {
    Int(BigInt),
    /// Negative exponent: CPython computes `float(base) ** float(exp)`.
    Float(f64),
}

/// `base ** exp` (two-argument). A negative exponent converts both operands
/// to float (OverflowError `int too large to convert to float`) and gives a
/// float; `0 ** -n` is ZeroDivisionError `0.0 cannot be raised to a negative power`.
pub fn int_pow(base: &BigInt, exp: &BigInt) -> VResult<IntPow> {
    if exp.sign() == Sign::Minus {
        let b = bigint_to_f64(base)?;
        let e = bigint_to_f64(exp)?;
        if b == 0.0 {
            return Err(ValueErr::zero_div(
                "0.0 cannot be raised to a negative power",
            ));
        }
        return Ok(IntPow::Float(b.powf(e)));
    }
    if base.is_zero() || base.is_one() || exp.is_zero() {
        return Ok(IntPow::Int(if exp.is_zero() {
            BigInt::one()
        } else {
            base.clone()
        }));
    }
    if *base == BigInt::from(-1) {
        return Ok(IntPow::Int(if exp.is_odd() {
            base.clone()
        } else {
            BigInt::one()
        }));
    }
    let e = match exp.to_u64() {
        Some(e) => e,
        None => return Err(memory_error()),
    };
    let est = base.bits().saturating_mul(e);
    if est > MAX_RESULT_BITS {
        return Err(memory_error());
    }
    Ok(IntPow::Int(num_traits::pow::Pow::pow(base, e)))
}

/// `pow(base, exp, m)`. Result has the sign of `m` (or is 0). Errors:
/// ValueError `pow() 3rd argument cannot be 0`; for negative `exp`, the
/// inverse of `base` mod `m` is used — ValueError `base is not invertible for
/// the given modulus` when it does not exist.
pub fn int_pow_mod(base: &BigInt, exp: &BigInt, m: &BigInt) -> VResult<BigInt> {
    if m.is_zero() {
        return Err(ValueErr::value("pow() 3rd argument cannot be 0"));
    }
    let negative_mod = m.sign() == Sign::Minus;
    let modulus = m.abs();
    if modulus.is_one() {
        return Ok(BigInt::zero());
    }
    let mut b = base.mod_floor(&modulus);
    let mut e = exp.clone();
    if e.sign() == Sign::Minus {
        b = mod_inverse(&b, &modulus)
            .ok_or_else(|| ValueErr::value("base is not invertible for the given modulus"))?;
        e = -e;
    }
    let mut r = b.modpow(&e, &modulus);
    if negative_mod && !r.is_zero() {
        r -= &modulus;
    }
    Ok(r)
}

/// Inverse of `a` modulo `m` (`m > 1`), if gcd(a, m) == 1.
pub fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let e = a.extended_gcd(m);
    if !e.gcd.is_one() {
        return None;
    }
    Some(e.x.mod_floor(m))
}

/// `int.bit_length()`.
pub fn bit_length(v: &BigInt) -> u64 {
    v.bits()
}

/// `int.bit_count()`: popcount of `|v|`.
pub fn bit_count(v: &BigInt) -> u64 {
    v.magnitude().count_ones()
}

/// `int.to_bytes(length, byteorder, signed=...)`; `big_endian` from byteorder
/// (the caller validates the string: ValueError `byteorder must be either
/// 'little' or 'big'`). Errors: ValueError `length argument must be
/// non-negative`; OverflowError `can't convert negative int to unsigned`,
/// `int too big to convert`.
pub fn to_bytes(v: &BigInt, length: i64, big_endian: bool, signed: bool) -> VResult<Vec<u8>> {
    if length < 0 {
        return Err(ValueErr::value("length argument must be non-negative"));
    }
    if length as u64 > super::MAX_TEXT_LEN as u64 * 4 {
        return Err(memory_error());
    }
    if !signed && v.sign() == Sign::Minus {
        return Err(ValueErr::overflow("can't convert negative int to unsigned"));
    }
    let length = length as u64;
    let needed_bits = if signed {
        if v.sign() == Sign::Minus {
            // Two's complement of -x needs bits(x - 1) + 1 bits.
            (v.magnitude() - 1u32).bits() + 1
        } else {
            v.bits() + 1
        }
    } else {
        v.bits()
    };
    if needed_bits > length.saturating_mul(8) {
        return Err(ValueErr::overflow("int too big to convert"));
    }
    let mut le = v.to_signed_bytes_le();
    let fill = if v.sign() == Sign::Minus { 0xff } else { 0 };
    le.resize(length as usize, fill);
    le.truncate(length as usize);
    if big_endian {
        le.reverse();
    }
    Ok(le)
}

/// `int.from_bytes(bytes, byteorder, signed=...)`.
pub fn from_bytes(b: &[u8], big_endian: bool, signed: bool) -> BigInt {
    match (big_endian, signed) {
        (true, true) => BigInt::from_signed_bytes_be(b),
        (false, true) => BigInt::from_signed_bytes_le(b),
        (true, false) => BigInt::from_bytes_be(Sign::Plus, b),
        (false, false) => BigInt::from_bytes_le(Sign::Plus, b),
    }
}

/// `round(v, ndigits)`: for `ndigits >= 0` the value itself; otherwise the
/// nearest multiple of `10**-ndigits`, ties to even.
pub fn round_int(v: &BigInt, ndigits: &BigInt) -> VResult<BigInt> {
    if ndigits.sign() != Sign::Minus {
        return Ok(v.clone());
    }
    let n = match (-ndigits).to_u64() {
        Some(n) if n <= 1 << 24 => n,
        // 10**n exceeds any int we can hold: the result is 0.
        _ => return Ok(BigInt::zero()),
    };
    if (n as f64) > (v.bits() as f64) * std::f64::consts::LOG10_2 + 2.0 {
        return Ok(BigInt::zero());
    }
    let pow10 = num_traits::pow::Pow::pow(&BigInt::from(10), n);
    let (q, r) = v.div_mod_floor(&pow10);
    let twice = &r * 2;
    let q = if twice > pow10 || (twice == pow10 && q.is_odd()) {
        q + 1
    } else {
        q
    };
    Ok(q * pow10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(v: i64) -> BigInt {
        BigInt::from(v)
    }
    fn p2(n: usize) -> BigInt {
        BigInt::one() << n
    }

    #[test]
    fn division() {
        // Expected values from python3.11.
        assert_eq!(floor_div(&b(7), &b(-2)).unwrap(), b(-4));
        assert_eq!(floor_mod(&b(7), &b(-2)).unwrap(), b(-1));
        assert_eq!(floor_div(&b(-7), &b(2)).unwrap(), b(-4));
        assert_eq!(floor_mod(&b(-7), &b(2)).unwrap(), b(1));
        assert_eq!(
            floor_div(&b(1), &b(0)).unwrap_err().msg,
            "integer division or modulo by zero"
        );
        assert_eq!(
            floor_mod(&b(1), &b(0)).unwrap_err().msg,
            "integer modulo by zero"
        );
        assert_eq!(
            floor_divmod(&b(1), &b(0)).unwrap_err().msg,
            "integer division or modulo by zero"
        );
        assert_eq!(true_div(&b(1), &b(0)).unwrap_err().msg, "division by zero");
        let z = true_div(&b(0), &b(-5)).unwrap();
        assert!(z == 0.0 && z.is_sign_negative());
        let big = num_traits::pow::Pow::pow(&b(10), 400u32);
        assert_eq!(
            true_div(&big, &b(3)).unwrap_err().msg,
            "integer division result too large for a float"
        );
        assert_eq!(true_div(&b(1), &big).unwrap(), 0.0);
        assert!(true_div(&b(-1), &big).unwrap().is_sign_negative());
        assert_eq!(true_div(&(p2(70) + b(1)), &p2(70)).unwrap(), 1.0);
        let t = true_div(&p2(1100), &num_traits::pow::Pow::pow(&b(3), 600u32)).unwrap();
        assert_eq!(t, 7.24840412057269e+44);
        // Subnormal result and exact halfway cases.
        assert_eq!(true_div(&b(1), &p2(1074)).unwrap(), 5e-324);
        assert_eq!(true_div(&b(1), &p2(1075)).unwrap(), 0.0);
        assert_eq!(true_div(&b(3), &p2(1076)).unwrap(), 5e-324);
        assert_eq!(
            true_div(&(p2(60) + b(1)), &b(3)).unwrap(),
            3.843071682022823e+17
        );
    }

    #[test]
    fn to_float() {
        assert_eq!(bigint_to_f64(&(p2(53) + b(1))).unwrap(), 9007199254740992.0);
        assert_eq!(
            bigint_to_f64(&(p2(54) + b(3))).unwrap(),
            1.8014398509481988e16
        );
        assert_eq!(
            bigint_to_f64(&(p2(1024) - p2(970) - b(1))).unwrap(),
            1.7976931348623157e308
        );
        assert_eq!(
            bigint_to_f64(&(p2(1024) - p2(970))).unwrap_err().msg,
            "int too large to convert to float"
        );
        assert_eq!(bigint_to_f64(&b(-3)).unwrap(), -3.0);
        // Round-half-even at the 65-bit boundary with a sticky bit far below.
        assert_eq!(
            bigint_to_f64(&(p2(100) + p2(47) + b(1))).unwrap(),
            1.2676506002282297e+30
        );
    }

    #[test]
    fn powers() {
        assert_eq!(
            int_pow(&b(0), &b(-1)).unwrap_err().msg,
            "0.0 cannot be raised to a negative power"
        );
        assert_eq!(int_pow(&b(2), &b(-2)).unwrap(), IntPow::Float(0.25));
        assert_eq!(int_pow(&b(-8), &b(-1)).unwrap(), IntPow::Float(-0.125));
        assert_eq!(int_pow(&b(3), &b(4)).unwrap(), IntPow::Int(b(81)));
        let big = num_traits::pow::Pow::pow(&b(10), 400u32);
        assert_eq!(
            int_pow(&big, &b(-1)).unwrap_err().msg,
            "int too large to convert to float"
        );
        assert_eq!(
            int_pow(&b(2), &-big).unwrap_err().msg,
            "int too large to convert to float"
        );
        assert_eq!(int_pow_mod(&b(3), &b(2), &b(-5)).unwrap(), b(-1));
        assert_eq!(int_pow_mod(&b(3), &b(-1), &b(7)).unwrap(), b(5));
        assert_eq!(
            int_pow_mod(&b(2), &b(-1), &b(4)).unwrap_err().msg,
            "base is not invertible for the given modulus"
        );
        assert_eq!(
            int_pow_mod(&b(2), &b(3), &b(0)).unwrap_err().msg,
            "pow() 3rd argument cannot be 0"
        );
        assert_eq!(int_pow_mod(&b(2), &b(-1), &b(1)).unwrap(), b(0));
        assert_eq!(int_pow_mod(&b(2), &b(-1), &b(-7)).unwrap(), b(-3));
    }

    #[test]
    fn bits() {
        assert_eq!(bit_length(&b(7)), 3);
        assert_eq!(bit_count(&b(-7)), 3);
    }

    #[test]
    fn bytes_and_round() {
        assert_eq!(to_bytes(&b(255), 1, true, false).unwrap(), vec![0xff]);
        assert_eq!(
            to_bytes(&b(256), 1, true, false).unwrap_err().msg,
            "int too big to convert"
        );
        assert_eq!(
            to_bytes(&b(-1), 1, true, false).unwrap_err().msg,
            "can't convert negative int to unsigned"
        );
        assert_eq!(to_bytes(&b(-1), 2, false, true).unwrap(), vec![0xff, 0xff]);
        assert_eq!(
            to_bytes(&b(128), 1, true, true).unwrap_err().msg,
            "int too big to convert"
        );
        assert_eq!(to_bytes(&b(-128), 1, true, true).unwrap(), vec![0x80]);
        assert_eq!(
            to_bytes(&b(-129), 1, true, true).unwrap_err().msg,
            "int too big to convert"
        );
        assert_eq!(
            to_bytes(&b(1), -1, true, false).unwrap_err().msg,
            "length argument must be non-negative"
        );
        assert_eq!(to_bytes(&b(0), 0, true, false).unwrap(), Vec::<u8>::new());
        assert_eq!(from_bytes(&[0xff, 0x01], false, true), b(511));
        assert_eq!(from_bytes(&[0xff, 0x01], true, false), b(65281));
        assert_eq!(round_int(&b(1250), &b(-2)).unwrap(), b(1200));
        assert_eq!(round_int(&b(1350), &b(-2)).unwrap(), b(1400));
        assert_eq!(round_int(&b(-1250), &b(-2)).unwrap(), b(-1200));
        assert_eq!(round_int(&b(5), &b(-1)).unwrap(), b(0));
        assert_eq!(round_int(&b(15), &b(-1)).unwrap(), b(20));
        assert_eq!(round_int(&b(12), &b(-5)).unwrap(), b(0));
        assert_eq!(round_int(&b(12), &b(3)).unwrap(), b(12));
    }
}
