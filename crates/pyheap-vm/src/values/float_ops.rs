//! float arithmetic corner cases with CPython 3.11 semantics: `/`, `//`, `%`,
//! `divmod`, `**`, `round`, `int(x)`, `as_integer_ratio`, `is_integer`,
//! `hex`/`fromhex`.
//!
//! Read first: [`float_divmod`] (CPython's `_float_div_mod`: the remainder
//! takes the divisor's sign, the quotient is snapped to an integral value),
//! then [`float_pow`], whose result may be complex ([`FloatPow::Complex`]).
//!
//! Invariant: the float results are bit-identical to CPython's on the same
//! platform (same libm calls, same order of operations).

use super::int_ops::round_to_f64;
use super::{VResult, ValueErr};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Zero};

/// `x / y`. ZeroDivisionError `float division by zero`.
pub fn float_div(x: f64, y: f64) -> VResult<f64> {
    if y == 0.0 {
        return Err(ValueErr::zero_div("float division by zero"));
    }
    Ok(x / y)
}

/// `x % y` (sign of `y`). ZeroDivisionError `float modulo`.
pub fn float_mod(x: f64, y: f64) -> VResult<f64> {
    if y == 0.0 {
        return Err(ValueErr::zero_div("float modulo"));
    }
    let mut m = x % y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    Ok(m)
}

fn div_mod_core(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `x // y`. ZeroDivisionError `float floor division by zero`.
pub fn float_floordiv(x: f64, y: f64) -> VResult<f64> {
    if y == 0.0 {
        return Err(ValueErr::zero_div("float floor division by zero"));
    }
    Ok(div_mod_core(x, y).0)
}

/// `divmod(x, y)`. ZeroDivisionError `float divmod()`.
pub fn float_divmod(x: f64, y: f64) -> VResult<(f64, f64)> {
    if y == 0.0 {
        return Err(ValueErr::zero_div("float divmod()"));
    }
    Ok(div_mod_core(x, y))
}

/// Result of `float ** float`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FloatPow {
    Float(f64),
    /// Negative base with a non-integral exponent: CPython delegates to
    /// complex power; the value is `complex(re, im)` as CPython computes it.
    Complex(f64, f64),
}

fn is_odd_integer(x: f64) -> bool {
    x.is_finite() && (x % 2.0).abs() == 1.0
}

/// `x ** y` for floats (CPython's `float_pow`). Errors: ZeroDivisionError
/// `0.0 cannot be raised to a negative power`; OverflowError whose `str()` is
/// `(34, 'Numerical result out of range')` (CPython raises
/// `OverflowError(34, 'Numerical result out of range')`, i.e. with errno args).
pub fn float_pow(iv: f64, iw: f64) -> VResult<FloatPow> {
    use FloatPow::Float;
    if iw == 0.0 {
        return Ok(Float(1.0));
    }
    if iv.is_nan() {
        return Ok(Float(iv));
    }
    if iw.is_nan() {
        return Ok(Float(if iv == 1.0 { 1.0 } else { iw }));
    }
    if iw.is_infinite() {
        let a = iv.abs();
        return Ok(Float(if a == 1.0 {
            1.0
        } else if (iw > 0.0) == (a > 1.0) {
            iw.abs()
        } else {
            0.0
        }));
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return Ok(Float(if iw > 0.0 {
            if odd {
                iv
            } else {
                iv.abs()
            }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        }));
    }
    if iv == 0.0 {
        let odd = is_odd_integer(iw);
        if iw < 0.0 {
            return Err(ValueErr::zero_div(
                "0.0 cannot be raised to a negative power",
            ));
        }
        return Ok(Float(if odd { iv } else { 0.0 }));
    }
    let mut base = iv;
    let mut negate = false;
    if base < 0.0 {
        if iw != iw.floor() {
            return Ok(complex_pow_real(iv, iw));
        }
        base = -base;
        negate = is_odd_integer(iw);
    }
    if base == 1.0 {
        return Ok(Float(if negate { -1.0 } else { 1.0 }));
    }
    let r = base.powf(iw);
    if r.is_infinite() {
        return Err(ValueErr::overflow("(34, 'Numerical result out of range')"));
    }
    Ok(Float(if negate { -r } else { r }))
}

/// CPython's `_Py_c_pow` for a real base and real exponent (polar form).
fn complex_pow_real(a: f64, b: f64) -> FloatPow {
    let vabs = a.hypot(0.0);
    let len = vabs.powf(b);
    let at = 0.0f64.atan2(a);
    let phase = at * b;
    FloatPow::Complex(len * phase.cos(), len * phase.sin())
}

/// `int(x)` / `math.trunc(x)`: truncation toward zero. OverflowError
/// `cannot convert float infinity to integer`, ValueError `cannot convert
/// float NaN to integer`.
pub fn f64_to_bigint(x: f64) -> VResult<BigInt> {
    if x.is_nan() {
        return Err(ValueErr::value("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(ValueErr::overflow(
            "cannot convert float infinity to integer",
        ));
    }
    let t = x.trunc();
    if t.abs() < 9.0e18 {
        return Ok(BigInt::from(t as i64));
    }
    let (m, e) = decompose(t);
    let mag = BigInt::from(m) << (e as usize);
    Ok(if t < 0.0 { -mag } else { mag })
}

/// `|x| == m * 2**e` with integer `m` (< 2**53) for finite non-zero `x`.
fn decompose(x: f64) -> (u64, i64) {
    let bits = x.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    }
}

/// `x.as_integer_ratio()`: lowest terms, positive denominator. OverflowError
/// `cannot convert Infinity to integer ratio`, ValueError `cannot convert NaN
/// to integer ratio`.
pub fn as_integer_ratio(x: f64) -> VResult<(BigInt, BigInt)> {
    if x.is_nan() {
        return Err(ValueErr::value("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(ValueErr::overflow(
            "cannot convert Infinity to integer ratio",
        ));
    }
    if x == 0.0 {
        return Ok((BigInt::zero(), BigInt::one()));
    }
    let (mut m, mut e) = decompose(x);
    let tz = m.trailing_zeros() as i64;
    m >>= tz;
    e += tz;
    let sign = if x < 0.0 { Sign::Minus } else { Sign::Plus };
    let num = BigInt::from_biguint(sign, BigUint::from(m));
    if e >= 0 {
        Ok((num << (e as usize), BigInt::one()))
    } else {
        Ok((num, BigInt::one() << ((-e) as usize)))
    }
}

/// `x.is_integer()`.
pub fn is_integer(x: f64) -> bool {
    x.is_finite() && x == x.floor()
}

/// `round(x)` (no ndigits): nearest int, ties to even; errors as [`f64_to_bigint`].
pub fn round_to_int(x: f64) -> VResult<BigInt> {
    let mut r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        r = 2.0 * (x / 2.0).round();
    }
    f64_to_bigint(r)
}

/// `round(x, ndigits)`: `x` correctly rounded (ties to even on the exact
/// binary value) to `ndigits` decimal places, as a float. NaN/inf and
/// ndigits > 323 return `x`; ndigits < -308 returns a zero with `x`'s sign.
/// OverflowError `rounded value too large to represent`.
pub fn round_float(x: f64, ndigits: i64) -> VResult<f64> {
    if !x.is_finite() || ndigits > 323 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0 * x);
    }
    if x == 0.0 {
        return Ok(x);
    }
    // Exact: x = num / den with den a power of two.
    let (num, den) = as_integer_ratio(x)?;
    let ten = BigInt::from(10);
    let k = ndigits.unsigned_abs() as u32;
    let p = num_traits::pow::Pow::pow(&ten, k);
    // q = round_half_even(x * 10**ndigits), computed exactly.
    let (n, d) = if ndigits >= 0 {
        (&num * &p, den)
    } else {
        (num, den * &p)
    };
    let (q, r) = n.div_mod_floor(&d);
    let twice = r * 2;
    let q = if twice > d || (twice == d && q.is_odd()) {
        q + 1
    } else {
        q
    };
    let result = if ndigits >= 0 {
        super::int_ops::true_div(&q, &p)
    } else {
        super::int_ops::bigint_to_f64(&(q * p))
    };
    match result {
        Ok(v) if v.is_finite() => Ok(if v == 0.0 { 0.0f64.copysign(x) } else { v }),
        _ => Err(ValueErr::overflow("rounded value too large to represent")),
    }
}

/// `x.hex()`: `0x1.8000000000000p+0`, `-0x0.0p+0`, `0x0.0000000000001p-1022`, `inf`, `nan`.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{}0x0.0p+0", sign);
    }
    let bits = x.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (lead, e) = if exp == 0 {
        (0, -1022)
    } else {
        (1, exp - 1023)
    };
    let esign = if e < 0 { '-' } else { '+' };
    format!("{}0x{}.{:013x}p{}{}", sign, lead, frac, esign, e.abs())
}

/// `float.fromhex(s)`. ValueError `invalid hexadecimal floating-point string`;
/// OverflowError `hexadecimal value too large to represent as a float`.
pub fn float_fromhex(s: &str) -> VResult<f64> {
    let invalid = || ValueErr::value("invalid hexadecimal floating-point string");
    let t = s.trim_matches(|c: char| c.is_whitespace());
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" || lower == "nan" {
        let v = if lower == "nan" {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return Ok(if neg { -v } else { v });
    }
    let rest = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mant, exp) = match rest.find('p') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (ip, fp) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    if ip.is_empty() && fp.is_empty() {
        return Err(invalid());
    }
    let all_hex = |s: &str| s.bytes().all(|b| b.is_ascii_hexdigit());
    if !all_hex(ip) || !all_hex(fp) {
        return Err(invalid());
    }
    let mut e: i64 = match exp {
        None => 0,
        Some(es) => {
            let digits = es.strip_prefix(['+', '-']).unwrap_or(es);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid());
            }
            // Clamp absurd exponents; they only decide overflow/underflow.
            let v: i64 = digits.parse::<i64>().unwrap_or(i64::MAX / 4).min(1 << 40);
            if es.starts_with('-') {
                -v
            } else {
                v
            }
        }
    };
    let digits = format!("{}{}", ip, fp);
    let m = BigUint::parse_bytes(digits.as_bytes(), 16).unwrap_or_default();
    e -= 4 * fp.len() as i64;
    let v = if m.is_zero() {
        0.0
    } else {
        let top = m.bits() as i64 + e;
        if top > 1025 {
            f64::INFINITY
        } else if top < -1100 {
            0.0
        } else {
            round_to_f64(&m, e, false)
        }
    };
    if v.is_infinite() {
        return Err(ValueErr::overflow(
            "hexadecimal value too large to represent as a float",
        ));
    }
    Ok(if neg { -v } else { v })
}

/// Helper for callers comparing ints and floats: `x` as an exact BigInt if it
/// is integral and finite.
pub fn exact_int(x: f64) -> Option<BigInt> {
    if is_integer(x) {
        f64_to_bigint(x).ok()
    } else {
        None
    }
}

/// Exact comparison of an int with a float (CPython's `float_richcompare`
/// never rounds the int): `None` when `x` is NaN.
pub fn compare_int_float(i: &BigInt, x: f64) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = f64_to_bigint(x.floor()).ok()?;
    if x == x.floor() {
        return Some(i.cmp(&fl));
    }
    // x lies strictly between fl and fl + 1.
    Some(if *i <= fl {
        Ordering::Less
    } else {
        Ordering::Greater
    })
}

#[cfg(test)]
#[allow(clippy::approx_constant)]
mod tests {
    use super::*;

    #[test]
    fn division() {
        // Expected values from python3.11.
        assert_eq!(
            float_div(1.0, 0.0).unwrap_err().msg,
            "float division by zero"
        );
        assert_eq!(
            float_floordiv(1.0, 0.0).unwrap_err().msg,
            "float floor division by zero"
        );
        assert_eq!(float_mod(1.0, 0.0).unwrap_err().msg, "float modulo");
        assert_eq!(float_divmod(1.0, 0.0).unwrap_err().msg, "float divmod()");
        assert_eq!(float_floordiv(7.5, -2.0).unwrap(), -4.0);
        assert_eq!(float_mod(7.5, -2.0).unwrap(), -0.5);
        assert_eq!(float_mod(-7.5, 2.0).unwrap(), 0.5);
        let z = float_mod(-0.0, 5.0).unwrap();
        assert!(z == 0.0 && z.is_sign_positive());
        assert!(float_mod(0.0, -5.0).unwrap().is_sign_negative());
        assert_eq!(float_divmod(-7.5, 2.0).unwrap(), (-4.0, 0.5));
        let inf = f64::INFINITY;
        assert!(float_mod(inf, 3.0).unwrap().is_nan());
        assert_eq!(float_mod(3.0, inf).unwrap(), 3.0);
        assert_eq!(float_mod(-3.0, inf).unwrap(), inf);
        assert!(float_floordiv(inf, 3.0).unwrap().is_nan());
        assert_eq!(float_floordiv(3.0, inf).unwrap(), 0.0);
        assert_eq!(float_floordiv(-3.0, inf).unwrap(), -1.0);
        assert_eq!(float_divmod(3.0, -inf).unwrap(), (-1.0, -inf));
    }

    #[test]
    fn powers() {
        assert_eq!(
            float_pow(0.0, -1.0).unwrap_err().msg,
            "0.0 cannot be raised to a negative power"
        );
        assert_eq!(
            float_pow(-0.0, -1.0).unwrap_err().msg,
            "0.0 cannot be raised to a negative power"
        );
        assert_eq!(
            float_pow(-8.0, 1.0 / 3.0).unwrap(),
            FloatPow::Complex(1.0000000000000002, 1.7320508075688772)
        );
        assert_eq!(
            float_pow(-2.0, 0.5).unwrap(),
            FloatPow::Complex(8.659560562354934e-17, 1.4142135623730951)
        );
        assert_eq!(
            float_pow(10.0, 400.0).unwrap_err().msg,
            "(34, 'Numerical result out of range')"
        );
        assert_eq!(
            float_pow(0.0, f64::NEG_INFINITY).unwrap(),
            FloatPow::Float(f64::INFINITY)
        );
        assert_eq!(float_pow(1.0, f64::NAN).unwrap(), FloatPow::Float(1.0));
        assert_eq!(float_pow(f64::NAN, 0.0).unwrap(), FloatPow::Float(1.0));
        assert_eq!(
            float_pow(-1.0, f64::INFINITY).unwrap(),
            FloatPow::Float(1.0)
        );
        assert_eq!(float_pow(2.0, -1075.0).unwrap(), FloatPow::Float(0.0));
        assert_eq!(float_pow(-8.0, 3.0).unwrap(), FloatPow::Float(-512.0));
        assert_eq!(
            float_pow(-8.0, -3.0).unwrap(),
            FloatPow::Float(-0.001953125)
        );
    }

    #[test]
    fn rounding() {
        assert_eq!(round_to_int(2.5).unwrap(), BigInt::from(2));
        assert_eq!(round_to_int(-0.5).unwrap(), BigInt::from(0));
        assert_eq!(round_to_int(3.5).unwrap(), BigInt::from(4));
        assert_eq!(round_to_int(-2.6).unwrap(), BigInt::from(-3));
        assert_eq!(
            round_to_int(f64::INFINITY).unwrap_err().msg,
            "cannot convert float infinity to integer"
        );
        assert_eq!(
            round_to_int(f64::NAN).unwrap_err().msg,
            "cannot convert float NaN to integer"
        );
        assert_eq!(round_float(2.675, 2).unwrap(), 2.67);
        assert_eq!(round_float(1.5, 0).unwrap(), 2.0);
        assert_eq!(round_float(2.5, 0).unwrap(), 2.0);
        assert_eq!(round_float(f64::INFINITY, 2).unwrap(), f64::INFINITY);
        assert_eq!(round_float(1e300, -400).unwrap(), 0.0);
        assert_eq!(round_float(123.456, -1).unwrap(), 120.0);
        assert!(round_float(-0.0, 1).unwrap().is_sign_negative());
        assert!(round_float(-0.4, 0).unwrap().is_sign_negative());
        assert_eq!(round_float(5e-324, 400).unwrap(), 5e-324);
        assert_eq!(round_float(0.5, 400).unwrap(), 0.5);
        assert_eq!(round_float(0.125, 2).unwrap(), 0.12);
        assert_eq!(
            round_float(1.7976931348623157e308, -308).unwrap_err().msg,
            "rounded value too large to represent"
        );
        assert_eq!(
            f64_to_bigint(1e300).unwrap().to_string(),
            "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160"
        );
        assert_eq!(
            f64_to_bigint(-1e20).unwrap().to_string(),
            "-100000000000000000000"
        );
        assert_eq!(f64_to_bigint(-2.7).unwrap(), BigInt::from(-2));
    }

    #[test]
    fn int_float_compare() {
        use std::cmp::Ordering::*;
        let big = BigInt::from(1u64 << 53) + BigInt::from(1);
        // 2**53 + 1 > float(2**53 + 1) == 2**53 (python3: True).
        assert_eq!(compare_int_float(&big, 9007199254740992.0), Some(Greater));
        assert_eq!(compare_int_float(&BigInt::from(-3), -2.5), Some(Less));
        assert_eq!(compare_int_float(&BigInt::from(-2), -2.5), Some(Greater));
        assert_eq!(compare_int_float(&BigInt::from(2), 2.0), Some(Equal));
        assert_eq!(compare_int_float(&BigInt::from(2), f64::NAN), None);
        assert_eq!(
            compare_int_float(&(BigInt::from(1) << 2000usize), f64::INFINITY),
            Some(Less)
        );
    }

    #[test]
    fn ratios_and_hex() {
        assert_eq!(
            as_integer_ratio(1.5).unwrap(),
            (BigInt::from(3), BigInt::from(2))
        );
        assert_eq!(
            as_integer_ratio(0.1).unwrap(),
            (
                BigInt::from(3602879701896397u64),
                BigInt::from(36028797018963968u64)
            )
        );
        assert_eq!(
            as_integer_ratio(f64::INFINITY).unwrap_err().msg,
            "cannot convert Infinity to integer ratio"
        );
        assert_eq!(
            as_integer_ratio(f64::NAN).unwrap_err().msg,
            "cannot convert NaN to integer ratio"
        );
        assert_eq!(
            as_integer_ratio(-0.0).unwrap(),
            (BigInt::from(0), BigInt::from(1))
        );
        assert!(is_integer(1.0) && !is_integer(f64::INFINITY) && !is_integer(1.5));
        assert_eq!(float_hex(1.5), "0x1.8000000000000p+0");
        assert_eq!(float_hex(0.1), "0x1.999999999999ap-4");
        assert_eq!(float_hex(-0.0), "-0x0.0p+0");
        assert_eq!(float_hex(f64::INFINITY), "inf");
        assert_eq!(float_hex(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(float_hex(1.0), "0x1.0000000000000p+0");
        assert_eq!(float_fromhex("0x1.8p1").unwrap(), 3.0);
        assert_eq!(
            float_fromhex("zz").unwrap_err().msg,
            "invalid hexadecimal floating-point string"
        );
        assert_eq!(float_fromhex(&float_hex(0.1)).unwrap(), 0.1);
        assert_eq!(float_fromhex("0x0.0000000000001p-1022").unwrap(), 5e-324);
        assert_eq!(float_fromhex("-0x1p-1075").unwrap(), -0.0);
        assert_eq!(
            float_fromhex("0x1p1024").unwrap_err().msg,
            "hexadecimal value too large to represent as a float"
        );
    }
}
