//! `float(str)` / `float(bytes)`: CPython 3.11's accepted syntax and error.
//!
//! Read first: [`parse_float`]. Steps (as `PyFloat_FromString`): strip
//! Unicode whitespace, map Unicode decimal digits to ASCII, check the
//! underscore rule (only between two digits), then accept
//! `[sign] (digits[.digits] | .digits) [(e|E) [sign] digits]` or
//! `[sign] (inf | infinity | nan)` in any case. The value is correctly
//! rounded (Rust's `str::parse::<f64>` is, like CPython's dtoa).
//! Error: ValueError `could not convert string to float: <repr(original)>`.

use super::format_spec::cps_to_string;
use super::text_repr::{repr_bytes, repr_str};
use super::unicode_db::{decimal_value, is_space};
use super::{VResult, ValueErr};

/// Parses ASCII text already stripped of whitespace, underscores removed.
/// Returns None if it is not a valid float literal.
fn parse_ascii(s: &[u8]) -> Option<f64> {
    let (neg, body) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower: Vec<u8> = body.iter().map(|b| b.to_ascii_lowercase()).collect();
    let special = match lower.as_slice() {
        b"inf" | b"infinity" => Some(f64::INFINITY),
        b"nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Some(if neg { -v } else { v });
    }
    // Validate the decimal grammar ourselves (Rust's parser is more lenient
    // in places, e.g. it accepts "inf" spellings we already handled).
    let mut i = 0;
    let n = body.len();
    let int_start = i;
    while i < n && body[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < n && body[i] == b'.' {
        i += 1;
        let f0 = i;
        while i < n && body[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - f0;
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    if i < n && (body[i] == b'e' || body[i] == b'E') {
        i += 1;
        if i < n && (body[i] == b'+' || body[i] == b'-') {
            i += 1;
        }
        let e0 = i;
        while i < n && body[i].is_ascii_digit() {
            i += 1;
        }
        if i == e0 {
            return None;
        }
    }
    if i != n {
        return None;
    }
    let text = std::str::from_utf8(s).ok()?;
    text.parse::<f64>().ok()
}

/// Core over code points; None on any syntax error.
fn parse_cps(s: &[u32]) -> Option<f64> {
    parse_ascii(&normalize(s)?)
}

/// Strips whitespace, maps Unicode decimal digits to ASCII and removes
/// underscores that sit between two digits (any other underscore → None).
fn normalize(s: &[u32]) -> Option<Vec<u8>> {
    let mut start = 0;
    let mut end = s.len();
    while start < end && is_space(s[start]) {
        start += 1;
    }
    while end > start && is_space(s[end - 1]) {
        end -= 1;
    }
    let mut ascii: Vec<u8> = Vec::with_capacity(end - start);
    for &c in &s[start..end] {
        if c < 0x80 {
            ascii.push(c as u8);
        } else {
            ascii.push(b'0' + decimal_value(c)? as u8);
        }
    }
    // Underscores only between two digits.
    let mut cleaned = Vec::with_capacity(ascii.len());
    for (i, &b) in ascii.iter().enumerate() {
        if b == b'_' {
            let prev_ok = i > 0 && ascii[i - 1].is_ascii_digit();
            let next_ok = ascii.get(i + 1).is_some_and(|c| c.is_ascii_digit());
            if !prev_ok || !next_ok {
                return None;
            }
        } else {
            cleaned.push(b);
        }
    }
    Some(cleaned)
}

/// Longest prefix of `s` that C `strtod` (CPython's `_PyOS_ascii_strtod`)
/// accepts: `[sign](infinity|inf|nan|digits[.digits][e[sign]digits])`.
/// Returns the value and the prefix length, or None if no number starts here.
fn float_prefix(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        i += 1;
    }
    let rest: Vec<u8> = s[i..]
        .iter()
        .take(8)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    for word in [&b"infinity"[..], b"inf", b"nan"] {
        if rest.starts_with(word) {
            let end = i + word.len();
            return Some((parse_ascii(&s[..end])?, end));
        }
    }
    let d0 = i;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
    }
    let mut nd = i - d0;
    if i < s.len() && s[i] == b'.' {
        let f0 = i + 1;
        let mut j = f0;
        while j < s.len() && s[j].is_ascii_digit() {
            j += 1;
        }
        nd += j - f0;
        if nd > 0 {
            i = j;
        }
    }
    if nd == 0 {
        return None;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        let mut j = i + 1;
        if j < s.len() && (s[j] == b'+' || s[j] == b'-') {
            j += 1;
        }
        let e0 = j;
        while j < s.len() && s[j].is_ascii_digit() {
            j += 1;
        }
        if j > e0 {
            i = j;
        }
    }
    Some((parse_ascii(&s[..i])?, i))
}

fn parse_complex_ascii(s: &[u8]) -> Option<(f64, f64)> {
    let is_sp = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let n = s.len();
    let mut i = 0;
    let mut bracket = false;
    if i < n && s[i] == b'(' {
        bracket = true;
        i += 1;
        while i < n && is_sp(s[i]) {
            i += 1;
        }
    }
    let is_j = |i: usize| i < n && (s[i] == b'j' || s[i] == b'J');
    let (mut x, mut y) = (0.0, 0.0);
    if let Some((z, len)) = float_prefix(&s[i..]) {
        i += len;
        if i < n && (s[i] == b'+' || s[i] == b'-') {
            x = z;
            match float_prefix(&s[i..]) {
                Some((v, l)) => {
                    y = v;
                    i += l;
                }
                None => {
                    y = if s[i] == b'+' { 1.0 } else { -1.0 };
                    i += 1;
                }
            }
            if !is_j(i) {
                return None;
            }
            i += 1;
        } else if is_j(i) {
            i += 1;
            y = z;
        } else {
            x = z;
        }
    } else {
        if i < n && (s[i] == b'+' || s[i] == b'-') {
            y = if s[i] == b'+' { 1.0 } else { -1.0 };
            i += 1;
        } else {
            y = 1.0;
        }
        if !is_j(i) {
            return None;
        }
        i += 1;
    }
    while i < n && is_sp(s[i]) {
        i += 1;
    }
    if bracket {
        if i >= n || s[i] != b')' {
            return None;
        }
        i += 1;
        while i < n && is_sp(s[i]) {
            i += 1;
        }
    }
    if i != n {
        return None;
    }
    Some((x, y))
}

/// `complex(s)` for a str: `(re, im)`. Accepts `<float>`, `<float>j`,
/// `<float><signed-float>j`, the legacy `<float><sign>j`, `<sign>j`, `j`,
/// optionally in parentheses, with surrounding whitespace, Unicode digits and
/// underscores between digits. ValueError `complex() arg is a malformed string`.
pub fn parse_complex(s: &[u32]) -> VResult<(f64, f64)> {
    normalize(s)
        .and_then(|a| parse_complex_ascii(&a))
        .ok_or_else(|| ValueErr::value("complex() arg is a malformed string"))
}

/// `float(s)` for a str given as code points.
pub fn parse_float(s: &[u32]) -> VResult<f64> {
    parse_cps(s).ok_or_else(|| {
        ValueErr::value(format!(
            "could not convert string to float: {}",
            cps_to_string(&repr_str(s))
        ))
    })
}

/// `float(b)` for bytes/bytearray; the message shows `repr(b)`.
pub fn parse_float_bytes(b: &[u8]) -> VResult<f64> {
    // Non-ASCII bytes are never valid; map them to a non-digit.
    let cps: Vec<u32> = b
        .iter()
        .map(|&x| if x < 0x80 { x as u32 } else { 0xfffd })
        .collect();
    parse_cps(&cps).ok_or_else(|| {
        ValueErr::value(format!(
            "could not convert string to float: {}",
            repr_bytes(b)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::format_spec::str_to_cps;

    fn p(s: &str) -> Result<f64, String> {
        parse_float(&str_to_cps(s)).map_err(|e| e.msg)
    }

    #[test]
    fn valid() {
        // Expected values from python3.11 float().
        let cases: &[(&str, f64)] = &[
            (" 1.5 ", 1.5),
            ("1_0.5", 10.5),
            ("1e1_0", 1e10),
            ("+1.5", 1.5),
            ("-.5", -0.5),
            ("5.", 5.0),
            ("inf", f64::INFINITY),
            ("-Infinity", f64::NEG_INFINITY),
            ("\u{661}.\u{662}", 1.2),
            ("\u{a0}1\u{2003}", 1.0),
            ("1e500", f64::INFINITY),
            ("-1e500", f64::NEG_INFINITY),
            ("1e-400", 0.0),
            ("0.1e1", 1.0),
            ("00012", 12.0),
            ("\u{661}e\u{661}", 10.0),
            ("1.7976931348623159e308", f64::INFINITY),
            ("4.9e-324", 5e-324),
            ("2.4703282292062328e-324", 5e-324),
            ("2.4703282292062327e-324", 0.0),
        ];
        for &(s, want) in cases {
            assert_eq!(p(s), Ok(want), "{:?}", s);
        }
        assert!(p("+nan").unwrap().is_nan());
        assert!(p("nAn").unwrap().is_nan());
        assert!(p("-nan").unwrap().is_nan());
        assert_eq!(parse_float_bytes(b"1.5"), Ok(1.5));
    }

    #[test]
    fn invalid() {
        for s in [
            "1__0",
            "_1",
            "1_",
            "1._5",
            "1_.5",
            "1e_10",
            "1_e10",
            ".",
            "e5",
            "1e",
            "1e+",
            "infinit",
            "nan(1)",
            "0x1p3",
            "1.5j",
            "1 2",
            "",
            "  ",
            "1.2.3",
            "- 1",
            "++1",
            "infinity_",
            "i_nf",
            "\x00",
            "1\x00",
        ] {
            let want = format!(
                "could not convert string to float: {}",
                cps_to_string(&repr_str(&str_to_cps(s)))
            );
            assert_eq!(p(s), Err(want), "{:?}", s);
        }
        assert_eq!(
            parse_float_bytes(b"x").unwrap_err().msg,
            "could not convert string to float: b'x'"
        );
    }

    #[test]
    fn complex_strings() {
        // Expected values from python3.11 complex().
        let c = |s: &str| parse_complex(&str_to_cps(s)).map_err(|e| e.msg);
        assert_eq!(c("1+2j"), Ok((1.0, 2.0)));
        assert_eq!(c("  (1+2j)  "), Ok((1.0, 2.0)));
        assert_eq!(c("1"), Ok((1.0, 0.0)));
        assert_eq!(c("j"), Ok((0.0, 1.0)));
        assert_eq!(c("-j"), Ok((0.0, -1.0)));
        assert_eq!(c("+1.5e3-2.5J"), Ok((1500.0, -2.5)));
        assert_eq!(c("(1)"), Ok((1.0, 0.0)));
        assert_eq!(c("1_0+2_0j"), Ok((10.0, 20.0)));
        assert_eq!(c("-1e-3j"), Ok((0.0, -0.001)));
        assert_eq!(c("\u{661}+\u{662}j"), Ok((1.0, 2.0)));
        let (re, im) = c("inf+nanj").unwrap();
        assert!(re.is_infinite() && im.is_nan());
        assert!(c("nanj").unwrap().1.is_nan());
        for bad in [
            "1 + 2j", "(1+2j", "1+2", "1e+j", ".j", "()", "", "infj+1", "1+-2j", "1++2j",
        ] {
            assert_eq!(
                c(bad),
                Err("complex() arg is a malformed string".to_string()),
                "{:?}",
                bad
            );
        }
    }
}
