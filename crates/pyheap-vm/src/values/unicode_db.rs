//! Per-character Unicode properties with CPython 3.11's answers (Unicode
//! 14.0.0), backed by tables generated from python3 (`unicode_tables.rs`).
//!
//! Read first: [`in_table`] (binary search over sorted inclusive ranges); the
//! predicates below are one-liners over it. Case mappings return the full
//! (possibly multi-character) mapping as CPython's `str.lower()` etc. use.
//! Surrogates (0xD800..=0xDFFF) are valid inputs: they have no properties
//! except being non-printable.

use super::unicode_tables as t;

/// True if `c` lies in one of the sorted, non-overlapping inclusive `ranges`.
pub fn in_table(ranges: &[(u32, u32)], c: u32) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `chr(c).isprintable()`.
pub fn is_printable(c: u32) -> bool {
    in_table(t::PRINTABLE, c)
}
/// `chr(c).isalpha()`.
pub fn is_alpha(c: u32) -> bool {
    in_table(t::ALPHA, c)
}
/// `chr(c).isdecimal()`.
pub fn is_decimal(c: u32) -> bool {
    in_table(t::DECIMAL, c)
}
/// `chr(c).isdigit()`.
pub fn is_digit(c: u32) -> bool {
    in_table(t::DIGIT, c)
}
/// `chr(c).isnumeric()`.
pub fn is_numeric(c: u32) -> bool {
    in_table(t::NUMERIC, c)
}
/// `chr(c).isalnum()`: alpha, decimal, digit or numeric.
pub fn is_alnum(c: u32) -> bool {
    is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c)
}
/// `chr(c).isspace()` (Py_UNICODE_ISSPACE; includes \x1c-\x1f).
pub fn is_space(c: u32) -> bool {
    if c < 128 {
        return matches!(c, 0x09..=0x0d | 0x1c..=0x20);
    }
    in_table(t::SPACE, c)
}
/// Py_UNICODE_ISLOWER.
pub fn is_lower(c: u32) -> bool {
    in_table(t::LOWER, c)
}
/// Py_UNICODE_ISUPPER.
pub fn is_upper(c: u32) -> bool {
    in_table(t::UPPER, c)
}
/// Py_UNICODE_ISTITLE (category Lt).
pub fn is_title(c: u32) -> bool {
    in_table(t::TITLE, c)
}
/// Cased character (used by `title()`/`capitalize()`/final sigma).
pub fn is_cased(c: u32) -> bool {
    in_table(t::CASED, c)
}
/// Case-ignorable character (final sigma rule).
pub fn is_case_ignorable(c: u32) -> bool {
    in_table(t::CASE_IGNORABLE, c)
}
/// May start an identifier (XID_Start or '_').
pub fn is_id_start(c: u32) -> bool {
    in_table(t::ID_START, c)
}
/// May continue an identifier (XID_Continue).
pub fn is_id_continue(c: u32) -> bool {
    in_table(t::ID_CONTINUE, c)
}

/// Decimal digit value of `c` (`unicodedata.decimal`), if `c` is in Nd.
pub fn decimal_value(c: u32) -> Option<u32> {
    if (0x30..=0x39).contains(&c) {
        return Some(c - '0' as u32);
    }
    if !is_decimal(c) {
        return None;
    }
    let idx = t::DECIMAL_ZEROS.partition_point(|&z| z <= c);
    let zero = *t::DECIMAL_ZEROS.get(idx.checked_sub(1)?)?;
    let v = c - zero;
    if v < 10 {
        Some(v)
    } else {
        None
    }
}

fn lookup(map: &'static [(u32, &'static [u32])], c: u32) -> Option<&'static [u32]> {
    map.binary_search_by_key(&c, |&(k, _)| k)
        .ok()
        .map(|i| map[i].1)
}

/// Appends the full lowercase mapping of `c` (no final-sigma context).
pub fn push_lower(c: u32, out: &mut Vec<u32>) {
    match lookup(t::LOWER_MAP, c) {
        Some(m) => out.extend_from_slice(m),
        None => out.push(c),
    }
}
/// Appends the full uppercase mapping of `c`.
pub fn push_upper(c: u32, out: &mut Vec<u32>) {
    match lookup(t::UPPER_MAP, c) {
        Some(m) => out.extend_from_slice(m),
        None => out.push(c),
    }
}
/// Appends the full titlecase mapping of `c`.
pub fn push_title(c: u32, out: &mut Vec<u32>) {
    match lookup(t::TITLE_MAP, c) {
        Some(m) => out.extend_from_slice(m),
        None => push_upper(c, out),
    }
}
/// Appends the full case folding of `c` (`str.casefold`).
pub fn push_fold(c: u32, out: &mut Vec<u32>) {
    match lookup(t::FOLD_MAP, c) {
        Some(m) => out.extend_from_slice(m),
        None => push_lower(c, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties() {
        assert!(is_printable(' ' as u32));
        assert!(!is_printable(0x7f));
        assert!(!is_printable(0xa0));
        assert!(is_printable(0xe9));
        assert!(!is_printable(0xd800));
        assert!(is_space(0x1c) && is_space(0x85) && is_space(0x3000) && !is_space(0x200b));
        assert_eq!(decimal_value(0x0663), Some(3));
        assert_eq!(decimal_value(0xff19), Some(9));
        assert_eq!(decimal_value(0x00b2), None); // superscript two: digit, not decimal
        assert!(is_digit(0xb2) && is_numeric(0xbd) && !is_digit(0xbd));
        assert!(is_id_start('_' as u32) && !is_id_start('1' as u32) && is_id_continue('1' as u32));
        assert!(is_title(0x1c5) && is_upper(0x1c4) && is_lower(0x1c6));
    }

    #[test]
    fn case_maps() {
        let mut v = Vec::new();
        push_lower(0x130, &mut v); // 'İ'.lower() == 'i̇'
        assert_eq!(v, vec![0x69, 0x307]);
        v.clear();
        push_upper(0xdf, &mut v); // 'ß'.upper() == 'SS'
        assert_eq!(v, vec![0x53, 0x53]);
        v.clear();
        push_title(0x1c6, &mut v); // 'ǆ'.title() == 'ǅ'
        assert_eq!(v, vec![0x1c5]);
        v.clear();
        push_fold(0xdf, &mut v);
        assert_eq!(v, vec![0x73, 0x73]);
        v.clear();
        push_title(0xfb01, &mut v); // 'ﬁ'.title() == 'Fi'
        assert_eq!(v, vec![0x46, 0x69]);
    }
}
