//! int ↔ text: `int(str, base)`, `str(int)`, `hex/oct/bin`, `format(int, spec)`,
//! plus CPython's 30-bit digit view of ints (for `sys.getsizeof` and layout).
//!
//! Read first: [`parse_int`] (CPython's `PyLong_FromUnicodeObject` rules:
//! surrounding whitespace, one sign, base prefixes, single underscores between
//! digits, Unicode decimal digits accepted), then [`int_to_decimal`] and
//! [`format_int`].
//!
//! Invariant (3.11 integer string conversion limit, `sys.int_info`): with a
//! limit `max_str_digits > 0`, converting to or from a decimal (any
//! non-power-of-two base) string with more than that many digits is a
//! ValueError; 0 disables the check. The default is [`DEFAULT_MAX_STR_DIGITS`].

use super::format_spec::{
    layout_number, pad, parse_format_spec, unknown_code, Align, FormatSpec, Grouping, NumberParts,
};
use super::text_repr::{repr_bytes, repr_str_truncated};
use super::unicode_db::{decimal_value, is_space};
use super::{PyExcKind, VResult, ValueErr};
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{ToPrimitive, Zero};

/// `sys.int_info.default_max_str_digits`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;
/// `sys.int_info.str_digits_check_threshold` (minimum non-zero limit).
pub const STR_DIGITS_CHECK_THRESHOLD: usize = 640;
/// `sys.int_info.bits_per_digit`.
pub const PYLONG_SHIFT: u32 = 30;

/// Error text when `str(int)` would exceed the limit.
pub fn to_str_limit_msg(limit: usize) -> String {
    format!(
        "Exceeds the limit ({}) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
        format_args!("{} digits", limit)
    )
}

/// Error text when `int(str)` input exceeds the limit.
pub fn from_str_limit_msg(limit: usize, digits: usize) -> String {
    format!(
        "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
        limit, digits
    )
}

enum ParseFail {
    Invalid,
    Limit(usize),
}

fn digit_value(c: u32) -> Option<u32> {
    match c {
        0x30..=0x39 => Some(c - 0x30),
        0x61..=0x7a => Some(c - 0x61 + 10),
        0x41..=0x5a => Some(c - 0x41 + 10),
        _ if c >= 0x80 => decimal_value(c),
        _ => None,
    }
}

fn parse_core(s: &[u32], base: u32, max_str_digits: usize) -> Result<BigInt, ParseFail> {
    let mut start = 0;
    let mut end = s.len();
    while start < end && is_space(s[start]) {
        start += 1;
    }
    while end > start && is_space(s[end - 1]) {
        end -= 1;
    }
    let s = &s[start..end];
    let mut pos = 0;
    let mut negative = false;
    if let Some(&c) = s.first() {
        if c == '-' as u32 || c == '+' as u32 {
            negative = c == '-' as u32;
            pos = 1;
        }
    }
    let lower = |i: usize| {
        s.get(i).map(|&c| {
            if (0x41..=0x5a).contains(&c) {
                c + 32
            } else {
                c
            }
        })
    };
    let mut base = base;
    let mut zeros_only = false;
    let mut had_prefix = false;
    if s.get(pos) == Some(&('0' as u32)) {
        let p = lower(pos + 1);
        let prefix_base = match p {
            Some(0x78) => 16,
            Some(0x6f) => 8,
            Some(0x62) => 2,
            _ => 0,
        };
        if base == 0 {
            if prefix_base != 0 {
                base = prefix_base;
                pos += 2;
                had_prefix = true;
            } else {
                base = 10;
                zeros_only = true;
            }
        } else if prefix_base == base {
            pos += 2;
            had_prefix = true;
        }
    } else if base == 0 {
        base = 10;
    }
    let over_limit = |n: usize| !base.is_power_of_two() && max_str_digits > 0 && n > max_str_digits;
    let mut nonzero_after_zero = false;
    // Digits with single underscores between them (one may follow a prefix).
    let mut digits: Vec<u8> = Vec::with_capacity(s.len());
    let mut prev_digit = false;
    let mut prefix_underscore_ok = had_prefix;
    let mut last_underscore = false;
    for &c in &s[pos..] {
        if c == '_' as u32 {
            if prev_digit {
                prev_digit = false;
            } else if prefix_underscore_ok && digits.is_empty() {
                prefix_underscore_ok = false;
            } else {
                return Err(ParseFail::Invalid);
            }
            last_underscore = true;
            continue;
        }
        let d = match digit_value(c) {
            Some(d) if d < base => d,
            // CPython counts the run of digits first: a too-long run is
            // reported even when junk follows it.
            _ if over_limit(digits.len()) => return Err(ParseFail::Limit(digits.len())),
            _ => return Err(ParseFail::Invalid),
        };
        if zeros_only && d != 0 {
            nonzero_after_zero = true;
        }
        digits.push(if d < 10 {
            b'0' + d as u8
        } else {
            b'a' + (d - 10) as u8
        });
        prev_digit = true;
        prefix_underscore_ok = false;
        last_underscore = false;
    }
    if digits.is_empty() || last_underscore {
        return Err(ParseFail::Invalid);
    }
    if over_limit(digits.len()) {
        return Err(ParseFail::Limit(digits.len()));
    }
    if nonzero_after_zero {
        return Err(ParseFail::Invalid);
    }
    let mag = BigUint::parse_bytes(&digits, base).ok_or(ParseFail::Invalid)?;
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    Ok(BigInt::from_biguint(sign, mag))
}

fn check_base(base: i64) -> VResult<u32> {
    if base == 0 || (2..=36).contains(&base) {
        Ok(base as u32)
    } else {
        Err(ValueErr::value("int() base must be >= 2 and <= 36, or 0"))
    }
}

/// `int(s, base)` for a str `s` (code points). `base` is the user's value
/// (validated here: 0 or 2..=36). Errors: ValueError
/// `invalid literal for int() with base B: <repr(s) cut to 200 chars>` or the
/// digit-limit message ([`from_str_limit_msg`]).
pub fn parse_int(s: &[u32], base: i64, max_str_digits: usize) -> VResult<BigInt> {
    let b = check_base(base)?;
    parse_core(s, b, max_str_digits).map_err(|f| match f {
        ParseFail::Invalid => {
            let r = super::format_spec::cps_to_string(&repr_str_truncated(s, 200));
            ValueErr::value(format!(
                "invalid literal for int() with base {}: {}",
                base, r
            ))
        }
        ParseFail::Limit(n) => ValueErr::value(from_str_limit_msg(max_str_digits, n)),
    })
}

/// `int(b, base)` for bytes/bytearray input: same rules; the message shows
/// `repr(b)` (e.g. `b'x'`), truncated to 200 characters.
pub fn parse_int_bytes(b: &[u8], base: i64, max_str_digits: usize) -> VResult<BigInt> {
    let base_u = check_base(base)?;
    // Bytes are decoded as Latin-1 for parsing; only ASCII can be valid.
    let cps: Vec<u32> = b
        .iter()
        .map(|&x| if x < 0x80 { x as u32 } else { 0xfffd })
        .collect();
    parse_core(&cps, base_u, max_str_digits).map_err(|f| match f {
        ParseFail::Invalid => {
            let r: String = repr_bytes(b).chars().take(200).collect();
            ValueErr::value(format!(
                "invalid literal for int() with base {}: {}",
                base, r
            ))
        }
        ParseFail::Limit(n) => ValueErr::value(from_str_limit_msg(max_str_digits, n)),
    })
}

/// `str(v)` / `repr(v)`: decimal text, or the 3.11 limit ValueError when the
/// number has more than `max_str_digits` digits (0 = unlimited).
pub fn int_to_decimal(v: &BigInt, max_str_digits: usize) -> VResult<String> {
    if max_str_digits > 0 {
        // Cheap pre-check: bits * log10(2) underestimates the digit count by < 1.
        let bits = v.bits();
        let est = (bits as f64 * std::f64::consts::LOG10_2) as u64;
        if est > max_str_digits as u64 + 1 {
            return Err(ValueErr::value(to_str_limit_msg(max_str_digits)));
        }
    }
    let s = v.to_string();
    let ndigits = s.len() - (v.sign() == Sign::Minus) as usize;
    if max_str_digits > 0 && ndigits > max_str_digits {
        return Err(ValueErr::value(to_str_limit_msg(max_str_digits)));
    }
    Ok(s)
}

/// `hex(v)`, `oct(v)`, `bin(v)`: `radix` 16, 8 or 2; sign before prefix
/// (`-0xff`). Power-of-two bases have no digit limit.
pub fn int_to_prefixed(v: &BigInt, radix: u32) -> String {
    let prefix = match radix {
        16 => "0x",
        8 => "0o",
        2 => "0b",
        _ => "",
    };
    let digits = v.magnitude().to_str_radix(radix);
    let sign = if v.sign() == Sign::Minus { "-" } else { "" };
    format!("{}{}{}", sign, prefix, digits)
}

/// `format(v, spec)` for an int (`int.__format__`), spec as code points.
/// Empty spec is `str(v)`. Types `b c d o x X n` and none format as an int;
/// `e E f F g G %` convert to float first (OverflowError
/// `int too large to convert to float`). `max_str_digits` applies to decimal output.
pub fn format_int(v: &BigInt, spec: &[u32], max_str_digits: usize) -> VResult<Vec<u32>> {
    if spec.is_empty() {
        return Ok(int_to_decimal(v, max_str_digits)?
            .chars()
            .map(|c| c as u32)
            .collect());
    }
    let f = parse_format_spec(spec, "int", Some('d'), true)?;
    let ty = f.ty.and_then(char::from_u32).unwrap_or('d');
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_int_as_int(v, &f, ty, max_str_digits),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = super::int_ops::bigint_to_f64(v)?;
            super::float_format::format_float_with(x, &f, "int")
        }
        _ => Err(unknown_code(f.ty.unwrap_or(0), "int")),
    }
}

fn format_int_as_int(
    v: &BigInt,
    f: &FormatSpec,
    ty: char,
    max_str_digits: usize,
) -> VResult<Vec<u32>> {
    if f.precision.is_some() {
        return Err(ValueErr::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if f.no_neg_0 {
        return Err(ValueErr::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    super::check_text_len(f.width.unwrap_or(0) as u64)?;
    if ty == 'c' {
        if f.sign.is_some() {
            return Err(ValueErr::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if f.alternate {
            return Err(ValueErr::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let code = match v.to_i64() {
            Some(c) => c,
            None => {
                return Err(ValueErr::overflow(
                    "Python int too large to convert to C long",
                ))
            }
        };
        if !(0..=0x10ffff).contains(&code) {
            return Err(ValueErr::overflow("%c arg not in range(0x110000)"));
        }
        let align = match f.align {
            Some(Align::AfterSign) | None => Align::Right,
            Some(a) => a,
        };
        return Ok(pad(&[code as u32], f.fill, align, f.width));
    }
    let (radix, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = if radix == 10 {
        let s = int_to_decimal(v, max_str_digits)?;
        s.trim_start_matches('-').to_string()
    } else {
        v.magnitude().to_str_radix(radix)
    };
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let parts = NumberParts {
        negative: v.sign() == Sign::Minus,
        prefix: if f.alternate {
            prefix.to_string()
        } else {
            String::new()
        },
        digits,
        rest: String::new(),
    };
    let group = if radix != 10 && f.grouping == Grouping::Underscore {
        4
    } else {
        3
    };
    Ok(layout_number(&parts, f, group))
}

/// Number of 30-bit digits CPython stores for `v` (`ob_size` magnitude):
/// 0 for zero. `sys.getsizeof(int)` is `24 + 4 * max(1, ndigits30(v))`.
pub fn ndigits30(v: &BigInt) -> usize {
    let bits = v.bits();
    bits.div_ceil(PYLONG_SHIFT as u64) as usize
}

/// `sys.getsizeof(v)` for an int (64-bit CPython 3.11): 24 + 4 per digit,
/// counting one digit for zero.
pub fn int_sizeof(v: &BigInt) -> usize {
    24 + 4 * ndigits30(v).max(1)
}

/// Little-endian 30-bit digits of `|v|` (empty for zero) and whether `v < 0`.
pub fn to_digits30(v: &BigInt) -> (Vec<u32>, bool) {
    let mut out = Vec::with_capacity(ndigits30(v));
    let mut acc: u64 = 0;
    let mut acc_bits = 0u32;
    for limb in v.magnitude().iter_u32_digits() {
        acc |= (limb as u64) << acc_bits;
        acc_bits += 32;
        while acc_bits >= PYLONG_SHIFT {
            out.push((acc & ((1 << PYLONG_SHIFT) - 1)) as u32);
            acc >>= PYLONG_SHIFT;
            acc_bits -= PYLONG_SHIFT;
        }
    }
    if acc_bits > 0 {
        out.push(acc as u32);
    }
    while out.last() == Some(&0) {
        out.pop();
    }
    (out, v.sign() == Sign::Minus)
}

/// Inverse of [`to_digits30`]: digits must each be < 2**30 (higher bits are ignored).
pub fn from_digits30(digits: &[u32], negative: bool) -> BigInt {
    let mut mag = BigUint::zero();
    for &d in digits.iter().rev() {
        mag = (mag << PYLONG_SHIFT) + BigUint::from(d & ((1 << PYLONG_SHIFT) - 1));
    }
    let sign = if negative && !mag.is_zero() {
        Sign::Minus
    } else {
        Sign::Plus
    };
    BigInt::from_biguint(sign, mag)
}

/// Kind of error raised here, for callers matching on it.
pub fn is_limit_error(e: &ValueErr) -> bool {
    e.kind == PyExcKind::ValueError && e.msg.starts_with("Exceeds the limit")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::format_spec::{cps_to_string, str_to_cps};

    fn p(s: &str, base: i64) -> Result<String, String> {
        parse_int(&str_to_cps(s), base, DEFAULT_MAX_STR_DIGITS)
            .map(|v| v.to_string())
            .map_err(|e| e.msg)
    }

    fn inv(s: &str, base: i64) -> String {
        format!(
            "invalid literal for int() with base {}: {}",
            base,
            cps_to_string(&crate::values::text_repr::repr_str(&str_to_cps(s)))
        )
    }

    #[test]
    fn parsing() {
        // Expected values from python3.11.
        assert_eq!(p(" 12 ", 10).unwrap(), "12");
        assert_eq!(p("-0x1f", 0).unwrap(), "-31");
        assert_eq!(p("0x1f", 16).unwrap(), "31");
        assert_eq!(p("1_000", 10).unwrap(), "1000");
        assert_eq!(p("0b1_0", 0).unwrap(), "2");
        assert_eq!(p("0_0", 0).unwrap(), "0");
        assert_eq!(p("00", 0).unwrap(), "0");
        assert_eq!(p("0o17", 0).unwrap(), "15");
        assert_eq!(p("0x_1f", 16).unwrap(), "31");
        assert_eq!(p("z", 36).unwrap(), "35");
        assert_eq!(p("Z", 36).unwrap(), "35");
        assert_eq!(p("\u{661}\u{662}", 10).unwrap(), "12");
        assert_eq!(p("\u{663}", 0).unwrap(), "3");
        assert_eq!(p("0X1F", 16).unwrap(), "31");
        assert_eq!(p("0B11", 2).unwrap(), "3");
        assert_eq!(p("0O7", 8).unwrap(), "7");
        assert_eq!(p("\u{3000}7\u{85}", 10).unwrap(), "7");
        for (s, b) in [
            ("1__0", 10),
            ("_1", 10),
            ("1_", 10),
            ("010", 0),
            ("0x", 16),
            ("", 10),
            ("  ", 10),
            ("+", 10),
            ("- 1", 10),
            ("abc", 10),
            ("1\x00", 10),
            ("0b102", 0),
            ("1e5", 10),
            ("+_1", 10),
            ("0_7", 0),
            ("07", 0),
            ("0O7", 16),
            ("0x__1", 16),
            ("0x1__f", 0),
        ] {
            assert_eq!(p(s, b).unwrap_err(), inv(s, b), "{:?}", s);
        }
        assert_eq!(
            p("12", 1).unwrap_err(),
            "int() base must be >= 2 and <= 36, or 0"
        );
        assert_eq!(
            p("12", 37).unwrap_err(),
            "int() base must be >= 2 and <= 36, or 0"
        );
        let long_bad = "x".repeat(300);
        let msg = p(&long_bad, 10).unwrap_err();
        assert_eq!(
            msg,
            format!(
                "invalid literal for int() with base 10: '{}",
                "x".repeat(199)
            )
        );
        assert_eq!(
            parse_int_bytes(b"x", 10, 4300).unwrap_err().msg,
            "invalid literal for int() with base 10: b'x'"
        );
    }

    #[test]
    fn digit_limit() {
        assert_eq!(
            p(&"9".repeat(4301), 10).unwrap_err(),
            from_str_limit_msg(4300, 4301)
        );
        assert_eq!(
            p(&"0".repeat(5000), 10).unwrap_err(),
            "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit"
        );
        assert_eq!(
            p("1_".repeat(4300).trim_end_matches('_'), 10)
                .map(|s| s.len())
                .unwrap(),
            4300
        );
        assert!(p(&format!("{}1", "1_".repeat(4300)), 10).is_err());
        assert!(p(&"1".repeat(4301), 16).is_ok());
        assert!(p(&format!("{}x", "1".repeat(4300)), 10)
            .unwrap_err()
            .starts_with("invalid literal"));
        let big = BigInt::from(10).pow(4300);
        assert_eq!(
            int_to_decimal(&big, 4300).unwrap_err().msg,
            "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        );
        assert_eq!(
            int_to_decimal(&-(BigInt::from(10).pow(4299)), 4300)
                .unwrap()
                .len(),
            4301
        );
        assert!(int_to_decimal(&big, 0).is_ok());
    }

    fn f(v: i64, spec: &str) -> Result<String, String> {
        format_int(&BigInt::from(v), &str_to_cps(spec), 4300)
            .map(|v| cps_to_string(&v))
            .map_err(|e| e.msg)
    }

    #[test]
    fn formatting() {
        assert_eq!(int_to_prefixed(&BigInt::from(-255), 16), "-0xff");
        assert_eq!(int_to_prefixed(&BigInt::from(8), 8), "0o10");
        assert_eq!(int_to_prefixed(&BigInt::from(-5), 2), "-0b101");
        assert_eq!(int_to_prefixed(&BigInt::from(0), 16), "0x0");
        let cases: &[(i64, &str, &str)] = &[
            (1234567, "x", "12d687"),
            (-255, "#X", "-0XFF"),
            (0, "#o", "0o0"),
            (1234567, "#b", "0b100101101011010000111"),
            (65, "c", "A"),
            (1234567, ",", "1,234,567"),
            (1234567, "_x", "12_d687"),
            (1234567, "_b", "1_0010_1101_0110_1000_0111"),
            (-255, "_b", "-1111_1111"),
            (0, "+d", "+0"),
            (65, " d", " 65"),
            (-255, "=+8d", "-    255"),
            (0, "=+8d", "+      0"),
            (-255, "08d", "-0000255"),
            (-255, "^8", "  -255  "),
            (-255, "*^9", "**-255***"),
            (-255, "08,d", "-000,255"),
            (0, "08,d", "0,000,000"),
            (1234567, "010,d", "01,234,567"),
            (-255, "#010x", "-0x00000ff"),
            (1234567, "e", "1.234567e+06"),
            (-255, ".2e", "-2.55e+02"),
            (1234567, "g", "1.23457e+06"),
            (-255, "%", "-25500.000000%"),
            (65, ".1%", "6500.0%"),
            (1234567, "n", "1234567"),
            (0, "z.2f", "0.00"),
            (-255, "0=8", "-0000255"),
            (65, "x<8", "65xxxxxx"),
            (1234567, "_o", "455_3207"),
            (65, "010_", "00_000_065"),
            (1234567, ",.2f", "1,234,567.00"),
            (1234567, "_.3e", "1.235e+06"),
            (65, "^5c", "  A  "),
            (65, "05c", "0000A"),
            (65, "=5c", "    A"),
            (65, "=^5", "=65=="),
            (65, "<=5", "<<<65"),
        ];
        for &(v, spec, want) in cases {
            assert_eq!(f(v, spec).as_deref(), Ok(want), "format({}, {:?})", v, spec);
        }
        let errs: &[(i64, &str, &str)] = &[
            (-255, "c", "%c arg not in range(0x110000)"),
            (65, "s", "Unknown format code 's' for object of type 'int'"),
            (
                65,
                ".2",
                "Precision not allowed in integer format specifier",
            ),
            (
                65,
                "z",
                "Negative zero coercion (z) not allowed in integer format specifier",
            ),
            (65, ",x", "Cannot specify ',' with 'x'."),
            (
                65,
                "+c",
                "Sign not allowed with integer format specifier 'c'",
            ),
            (
                65,
                "#c",
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ),
            (
                65,
                "z#c",
                "Negative zero coercion (z) not allowed in integer format specifier",
            ),
            (65, ",c", "Cannot specify ',' with 'c'."),
            (
                7,
                "z.4",
                "Precision not allowed in integer format specifier",
            ),
            (65, "_n", "Cannot specify '_' with 'n'."),
            (
                65,
                "\x01",
                "Unknown format code '\\x1' for object of type 'int'",
            ),
            (
                65,
                "1,,d",
                "Invalid format specifier '1,,d' for object of type 'int'",
            ),
            (
                65,
                "#+c",
                "Invalid format specifier '#+c' for object of type 'int'",
            ),
        ];
        for &(v, spec, want) in errs {
            assert_eq!(f(v, spec).unwrap_err(), want, "format({}, {:?})", v, spec);
        }
        let big = BigInt::from(10).pow(30);
        assert_eq!(
            format_int(&big, &str_to_cps("c"), 4300).unwrap_err().msg,
            "Python int too large to convert to C long"
        );
        assert_eq!(
            format_int(&BigInt::from(10).pow(400), &str_to_cps("e"), 4300)
                .unwrap_err()
                .msg,
            "int too large to convert to float"
        );
        assert_eq!(
            cps_to_string(&format_int(&(BigInt::from(1) << 1000), &str_to_cps("g"), 4300).unwrap()),
            "1.07151e+301"
        );
    }

    #[test]
    fn digits30() {
        assert_eq!(int_sizeof(&BigInt::from(0)), 28);
        assert_eq!(int_sizeof(&BigInt::from(1)), 28);
        assert_eq!(int_sizeof(&BigInt::from(1 << 30)), 32);
        assert_eq!(int_sizeof(&BigInt::from((1 << 30) - 1)), 28);
        assert_eq!(int_sizeof(&BigInt::from(-(1i64 << 60))), 36);
        let pos: BigInt = (BigInt::from(1) << 95usize) + BigInt::from(12345);
        let v: BigInt = -pos;
        let (d, neg) = to_digits30(&v);
        assert_eq!(d.len(), 4);
        assert!(neg);
        assert_eq!(d[0], 12345);
        assert_eq!(d[3], 1 << 5);
        assert_eq!(from_digits30(&d, neg), v);
        assert_eq!(to_digits30(&BigInt::from(0)).0.len(), 0);
    }
}
