//! `repr()` and `ascii()` of str and bytes, exactly as CPython 3.11 writes them.
//!
//! Read first: [`repr_str`]. Quote choice: single quotes unless the text
//! contains `'` and no `"`. Escapes: the quote and backslash, `\t \n \r`,
//! `\xNN` for other C0 controls and DEL, and for non-ASCII characters that
//! are not printable (per [`super::unicode_db::is_printable`], Unicode 14):
//! `\xNN` (< 0x100), `\uNNNN` (< 0x10000) or `\UNNNNNNNN`. Hex is lower-case.

use super::unicode_db::is_printable;

fn choose_quote(has_single: bool, has_double: bool) -> u32 {
    if has_single && !has_double {
        '"' as u32
    } else {
        '\'' as u32
    }
}

fn push_ascii(out: &mut Vec<u32>, s: &str) {
    out.extend(s.bytes().map(u32::from));
}

fn push_escape(out: &mut Vec<u32>, c: u32) {
    if c < 0x100 {
        push_ascii(out, &format!("\\x{:02x}", c));
    } else if c < 0x10000 {
        push_ascii(out, &format!("\\u{:04x}", c));
    } else {
        push_ascii(out, &format!("\\U{:08x}", c));
    }
}

fn repr_impl(s: &[u32], ascii_only: bool) -> Vec<u32> {
    let has_single = s.contains(&('\'' as u32));
    let has_double = s.contains(&('"' as u32));
    let quote = choose_quote(has_single, has_double);
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(quote);
    for &c in s {
        if c == quote || c == '\\' as u32 {
            out.push('\\' as u32);
            out.push(c);
        } else if c == '\t' as u32 {
            push_ascii(&mut out, "\\t");
        } else if c == '\n' as u32 {
            push_ascii(&mut out, "\\n");
        } else if c == '\r' as u32 {
            push_ascii(&mut out, "\\r");
        } else if c < 0x20 || c == 0x7f {
            push_escape(&mut out, c);
        } else if c < 0x7f || (!ascii_only && is_printable(c)) {
            out.push(c);
        } else {
            push_escape(&mut out, c);
        }
    }
    out.push(quote);
    out
}

/// `repr(s)` for a str given as code points.
pub fn repr_str(s: &[u32]) -> Vec<u32> {
    repr_impl(s, false)
}

/// `ascii(s)`: like `repr` but every non-ASCII character is escaped.
pub fn ascii_str(s: &[u32]) -> String {
    repr_impl(s, true)
        .into_iter()
        .map(|c| c as u8 as char)
        .collect()
}

/// `repr(s)` truncated to at most `limit` code points, as CPython's
/// `%.200R` does in error messages (the closing quote may be cut off).
pub fn repr_str_truncated(s: &[u32], limit: usize) -> Vec<u32> {
    let mut r = repr_str(s);
    r.truncate(limit);
    r
}

/// `repr(b)` for bytes (`b'...'`); `prefix` is `"b"` for bytes; bytearray's
/// caller wraps it as `bytearray(b'...')`.
pub fn repr_bytes(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if c as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(c as char),
            _ => out.push_str(&format!("\\x{:02x}", c)),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::format_spec::{cps_to_string, str_to_cps};

    fn r(s: &str) -> String {
        cps_to_string(&repr_str(&str_to_cps(s)))
    }

    #[test]
    fn str_reprs() {
        // Expected values from python3.11 repr().
        assert_eq!(r("abc"), "'abc'");
        assert_eq!(r("it's"), "\"it's\"");
        assert_eq!(r("'\""), "'\\'\"'");
        assert_eq!(r("a\nb\t\r\\"), "'a\\nb\\t\\r\\\\'");
        assert_eq!(
            r("\x00\x1f\x7f\u{80}\u{a0}\u{ad}"),
            "'\\x00\\x1f\\x7f\\x80\\xa0\\xad'"
        );
        assert_eq!(r("\u{e9}\u{20ac}\u{1f600}"), "'\u{e9}\u{20ac}\u{1f600}'");
        assert_eq!(
            r("\u{2028}\u{feff}\u{e0001}"),
            "'\\u2028\\ufeff\\U000e0001'"
        );
        assert_eq!(cps_to_string(&repr_str(&[0xd800])), "'\\ud800'");
        assert_eq!(
            ascii_str(&str_to_cps("\u{e9}\u{20ac}\u{1f600}")),
            "'\\xe9\\u20ac\\U0001f600'"
        );
    }

    #[test]
    fn bytes_reprs() {
        assert_eq!(repr_bytes(b"abc"), "b'abc'");
        assert_eq!(repr_bytes(b"it's"), "b\"it's\"");
        assert_eq!(repr_bytes(b"'\""), "b'\\'\"'");
        assert_eq!(repr_bytes(b"\x00\n\x7f\xff\\"), "b'\\x00\\n\\x7f\\xff\\\\'");
    }
}
