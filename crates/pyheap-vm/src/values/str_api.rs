//! `&str` conveniences over the code-point APIs, for callers that store
//! Python strs as Rust strings (which cannot hold lone surrogates).
//!
//! Read first: [`cps`] / [`string`] (the two conversions); every other
//! function here is `string(f(&cps(s)))` around the function it names, with
//! the same contract and errors. Results that could only contain lone
//! surrogates in CPython get U+FFFD here (documented approximation).

use super::format_spec::{cps_to_string, str_to_cps};
use super::hash::HashKey;
use super::VResult;
use num_bigint::BigInt;

/// Code points of `s`.
pub fn cps(s: &str) -> Vec<u32> {
    str_to_cps(s)
}

/// Rust string of code points (lone surrogates → U+FFFD).
pub fn string(v: &[u32]) -> String {
    cps_to_string(v)
}

/// `hash(s)`: SipHash-1-3 over the PEP 393 bytes of `s`.
pub fn hash_str(key: HashKey, s: &str) -> i64 {
    super::hash::hash_str(key, &cps(s))
}

/// `repr(s)`.
pub fn repr_str(s: &str) -> String {
    string(&super::text_repr::repr_str(&cps(s)))
}

/// `ascii(s)`.
pub fn ascii_str(s: &str) -> String {
    super::text_repr::ascii_str(&cps(s))
}

/// `int(s, base)`; see [`super::int_text::parse_int`].
pub fn parse_int(s: &str, base: i64, max_str_digits: usize) -> VResult<BigInt> {
    super::int_text::parse_int(&cps(s), base, max_str_digits)
}

/// `float(s)`; see [`super::float_parse::parse_float`].
pub fn parse_float(s: &str) -> VResult<f64> {
    super::float_parse::parse_float(&cps(s))
}

/// `complex(s)`; see [`super::float_parse::parse_complex`].
pub fn parse_complex(s: &str) -> VResult<(f64, f64)> {
    super::float_parse::parse_complex(&cps(s))
}

/// `format(v, spec)` for an int; see [`super::int_text::format_int`].
pub fn format_int(v: &BigInt, spec: &str, max_str_digits: usize) -> VResult<String> {
    super::int_text::format_int(v, &cps(spec), max_str_digits).map(|r| string(&r))
}

/// `format(x, spec)` for a float; see [`super::float_format::format_float`].
pub fn format_float(x: f64, spec: &str) -> VResult<String> {
    super::float_format::format_float(x, &cps(spec)).map(|r| string(&r))
}

/// `format(complex(re, im), spec)`; see [`super::float_format::format_complex`].
pub fn format_complex(re: f64, im: f64, spec: &str) -> VResult<String> {
    super::float_format::format_complex(re, im, &cps(spec)).map(|r| string(&r))
}

/// `format(s, spec)` for a str; see [`super::format_spec::format_str`].
pub fn format_str(s: &str, spec: &str) -> VResult<String> {
    super::format_spec::format_str(&cps(s), &cps(spec)).map(|r| string(&r))
}

/// `s.lower()`.
pub fn lower(s: &str) -> String {
    string(&super::text::lower(&cps(s)))
}
/// `s.upper()`.
pub fn upper(s: &str) -> String {
    string(&super::text::upper(&cps(s)))
}
/// `s.casefold()`.
pub fn casefold(s: &str) -> String {
    string(&super::text::casefold(&cps(s)))
}
/// `s.title()`.
pub fn title(s: &str) -> String {
    string(&super::text::title(&cps(s)))
}
/// `s.capitalize()`.
pub fn capitalize(s: &str) -> String {
    string(&super::text::capitalize(&cps(s)))
}
/// `s.swapcase()`.
pub fn swapcase(s: &str) -> String {
    string(&super::text::swapcase(&cps(s)))
}

/// `sys.getsizeof(s)` of a compact str; see [`super::text::str_sizeof`].
pub fn str_sizeof(s: &str) -> usize {
    super::text::str_sizeof(&cps(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrappers() {
        let k = HashKey::from_seed(0);
        assert_eq!(hash_str(k, "abc"), -4594863902769663758);
        assert_eq!(repr_str("it's"), "\"it's\"");
        assert_eq!(format_float(1234.5, ",.2f").unwrap(), "1,234.50");
        assert_eq!(format_int(&BigInt::from(255), "#x", 4300).unwrap(), "0xff");
        assert_eq!(format_str("ab", "^6").unwrap(), "  ab  ");
        assert_eq!(parse_int(" 1_000 ", 10, 4300).unwrap(), BigInt::from(1000));
        assert_eq!(title("hello world"), "Hello World");
        assert_eq!(str_sizeof("\u{e9}"), 74);
    }
}
