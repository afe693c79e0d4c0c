//! `repr(float)` and the digit engine behind every float → text conversion
//! (CPython's `PyOS_double_to_string` / `format_float_short`).
//!
//! Read first: [`double_to_string`]. It gets exact decimal digits from
//! [`dtoa`] (Rust's float formatting is exact and rounds half-to-even, like
//! David Gay's dtoa that CPython uses), then lays them out: exponent or not,
//! zero padding, decimal point, `e+XX` exponent with at least two digits.
//!
//! Invariants: [`dtoa`] digits carry no trailing zeros, and the value equals
//! `0.DIGITS × 10**decpt`; a zero value gives `("0", 1)`; a value that
//! rounds to zero in fixed mode gives `("", -precision)` (like dtoa).

/// How many digits [`dtoa`] produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DtoaMode {
    /// Shortest digits that round-trip (dtoa mode 0; `repr`).
    Shortest,
    /// This many significant digits (mode 2; at least 1).
    Significant(usize),
    /// This many digits after the decimal point (mode 3).
    Fixed(usize),
}

/// Decimal digits and decimal-point position of a finite `x` (sign ignored).
pub fn dtoa(x: f64, mode: DtoaMode) -> (Vec<u8>, i64) {
    let x = x.abs();
    if x == 0.0 {
        return (b"0".to_vec(), 1);
    }
    match mode {
        DtoaMode::Shortest => {
            let (digits, decpt) = sci_digits(&format!("{:e}", x));
            // NOTE: when two shortest candidates exist, Rust may pick either;
            // dtoa picks the one nearest x (ties to even), which is the
            // correctly rounded n-digit value — use it when it round-trips.
            let n = digits.len();
            let s = format!("{:.*e}", n.saturating_sub(1), x);
            if s.parse::<f64>() == Ok(x) {
                let (d2, p2) = sci_digits(&s);
                if d2.len() <= n {
                    return (d2, p2);
                }
            }
            (digits, decpt)
        }
        DtoaMode::Significant(n) => {
            // A double has at most 767 significant decimal digits; more are zeros.
            let n = n.clamp(1, 800);
            sci_digits(&format!("{:.*e}", n - 1, x))
        }
        DtoaMode::Fixed(p) => {
            // At most 1074 fractional digits are non-zero.
            let p_eff = p.min(1100);
            let s = format!("{:.*}", p_eff, x);
            let (int_part, frac) = match s.find('.') {
                Some(i) => (&s[..i], &s[i + 1..]),
                None => (s.as_str(), ""),
            };
            let mut all: Vec<u8> = int_part.bytes().chain(frac.bytes()).collect();
            let lead = all.iter().take_while(|&&c| c == b'0').count();
            if lead == all.len() {
                return (Vec::new(), -(p as i64));
            }
            all.drain(..lead);
            let decpt = int_part.len() as i64 - lead as i64;
            while all.last() == Some(&b'0') {
                all.pop();
            }
            (all, decpt)
        }
    }
}

/// Parses Rust's `D.DDDDeX` output into stripped digits and `decpt = X + 1`.
fn sci_digits(s: &str) -> (Vec<u8>, i64) {
    let (mant, exp) = match s.find('e') {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, "0"),
    };
    let mut digits: Vec<u8> = mant.bytes().filter(|c| c.is_ascii_digit()).collect();
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    let exp: i64 = exp.parse().unwrap_or(0);
    (digits, exp + 1)
}

/// Flags of [`double_to_string`] (CPython's `Py_DTSF_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DtsFlags {
    /// Always emit a sign (`+` for non-negative).
    pub sign: bool,
    /// Append `.0` to integral fixed-notation output (`repr` and `''` type).
    pub add_dot_0: bool,
    /// `#`: keep the decimal point and (for `g`) trailing zeros.
    pub alt: bool,
    /// `z`: a result that reads as negative zero loses its sign.
    pub no_neg_0: bool,
}

/// `PyOS_double_to_string(x, code, precision, flags)`. `code` is one of
/// `e E f F g G r` (`r` = repr, precision ignored). Upper-case codes give
/// `E`, `INF`, `NAN`. NaN never shows a `-` sign. Returns the full text
/// including any sign.
pub fn double_to_string(x: f64, code: char, precision: usize, flags: DtsFlags) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let mut out = String::new();
    if !x.is_finite() {
        if x.is_sign_negative() && x.is_infinite() {
            out.push('-');
        } else if flags.sign {
            out.push('+');
        }
        out.push_str(match (x.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        });
        return out;
    }
    let (mode, mut precision) = match code {
        'e' => (DtoaMode::Significant(precision + 1), precision + 1),
        'f' => (DtoaMode::Fixed(precision), precision),
        'g' => {
            let p = precision.max(1);
            (DtoaMode::Significant(p), p)
        }
        _ => (DtoaMode::Shortest, 0),
    };
    let (digits, mut decpt) = dtoa(x, mode);
    let mut negative = x.is_sign_negative();
    if flags.no_neg_0 && negative && (digits.is_empty() || digits == b"0") {
        negative = false;
    }
    let digits_len = digits.len() as i64;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision as i64;
        }
        'f' => vdigits_end = decpt + precision as i64,
        'g' => {
            let limit = if flags.add_dot_0 {
                precision as i64 - 1
            } else {
                precision as i64
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision as i64;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
            precision = 0;
        }
    }
    let _ = precision;
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && flags.add_dot_0 {
        vdigits_end.max(decpt + 1)
    } else {
        vdigits_end.max(decpt)
    };
    if negative {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    let text = |d: &[u8]| String::from_utf8_lossy(d).into_owned();
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&text(&digits[..decpt as usize]));
        out.push('.');
        out.push_str(&text(&digits[decpt as usize..]));
    } else {
        out.push_str(&text(&digits));
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        let sign = if exp < 0 { '-' } else { '+' };
        out.push_str(&format!("{}{:02}", sign, exp.abs()));
    }
    out
}

/// `repr(x)` / `str(x)` for a float: shortest round-trip digits, exponent
/// form below 1e-4 or from 1e16 up (`1e+16`, `1e-05`), `.0` for integral
/// values (`1.0`), `inf`, `-inf`, `nan`, `-0.0`.
pub fn float_repr(x: f64) -> String {
    double_to_string(
        x,
        'r',
        0,
        DtsFlags {
            add_dot_0: true,
            ..DtsFlags::default()
        },
    )
}

/// `repr(complex(re, im))`: `1j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`.
/// The real part is omitted when it is +0.0; parts use `repr` digits but
/// without `.0` (CPython formats them with `'r'` and no ADD_DOT_0).
pub fn complex_repr(re: f64, im: f64) -> String {
    let plain = DtsFlags::default();
    let signed = DtsFlags {
        sign: true,
        ..DtsFlags::default()
    };
    if re == 0.0 && re.is_sign_positive() {
        format!("{}j", double_to_string(im, 'r', 0, plain))
    } else {
        format!(
            "({}{}j)",
            double_to_string(re, 'r', 0, plain),
            double_to_string(im, 'r', 0, signed)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprs() {
        // Expected values from python3.11 repr().
        let cases: &[(f64, &str)] = &[
            (1e16, "1e+16"),
            (1e-5, "1e-05"),
            (-0.0, "-0.0"),
            (1e300, "1e+300"),
            (123456789.0, "123456789.0"),
            (0.0001, "0.0001"),
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e15, "1000000000000000.0"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (1.0 / 3.0, "0.3333333333333333"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (-f64::NAN, "nan"),
            (0.0, "0.0"),
            (2.5, "2.5"),
            (1e22, "1e+22"),
            (0.0001234, "0.0001234"),
            (9999999999999998.0, "9999999999999998.0"),
            // Two shortest candidates (…23.2 and …23.3): dtoa picks the nearer/even one.
            (f64::from_bits(0x4319766c1fd6743d), "1791770295115023.2"),
        ];
        for &(x, want) in cases {
            assert_eq!(float_repr(x), want, "{:e}", x);
        }
    }

    #[test]
    fn complex_reprs() {
        assert_eq!(complex_repr(0.0, 1.0), "1j");
        assert_eq!(complex_repr(1.0, 2.0), "(1+2j)");
        assert_eq!(complex_repr(-0.0, -1.0), "(-0-1j)");
        assert_eq!(complex_repr(1.5, -0.0), "(1.5-0j)");
        assert_eq!(complex_repr(f64::NAN, f64::INFINITY), "(nan+infj)");
        assert_eq!(complex_repr(0.0, 1e16), "1e+16j");
        assert_eq!(complex_repr(0.0, 0.0), "0j");
    }

    #[test]
    fn fixed_zero_rounding() {
        assert_eq!(dtoa(0.001, DtoaMode::Fixed(2)), (Vec::new(), -2));
        assert_eq!(dtoa(9.99, DtoaMode::Fixed(1)), (b"1".to_vec(), 2));
    }
}
