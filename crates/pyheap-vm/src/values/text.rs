//! str methods as pure functions on code points (`&[u32]`; Python strs may
//! hold lone surrogates, so code points are the faithful representation).
//!
//! Read first: [`adjust_indices`] (the `[start:end]` clamping every
//! search method shares), then the methods grouped as in CPython's
//! `unicodeobject.c`: layout ([`str_sizeof`]), searching ([`find`],
//! [`count`]), splitting ([`split`], [`split_whitespace`], [`splitlines`]),
//! case mapping ([`lower`], [`title`], ...), padding ([`center`], [`zfill`]),
//! predicates ([`is_title`], ...). Character properties come from
//! [`super::unicode_db`] (Unicode 14.0, CPython 3.11's database).
//!
//! Invariant: functions returning indices return code point indices; `-1`
//! means "not found" exactly where CPython returns -1.

use super::unicode_db as u;
use super::{check_text_len, VResult, ValueErr};

/// PEP 393 storage kind of a string (from its maximum code point).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pep393Kind {
    Ascii,
    Latin1,
    Ucs2,
    Ucs4,
}

/// The PEP 393 kind CPython picks for `s`.
pub fn pep393_kind(s: &[u32]) -> Pep393Kind {
    let max = s.iter().copied().max().unwrap_or(0);
    if max < 0x80 {
        Pep393Kind::Ascii
    } else if max < 0x100 {
        Pep393Kind::Latin1
    } else if max < 0x10000 {
        Pep393Kind::Ucs2
    } else {
        Pep393Kind::Ucs4
    }
}

/// `sys.getsizeof(s)` for a compact str without a cached UTF-8 copy:
/// 49+n (ASCII), 73+n (Latin-1), 74+2n (UCS-2), 76+4n (UCS-4).
/// NOTE: CPython grows non-ASCII strings once their UTF-8 form is cached
/// (e.g. after `str.encode()` or some C API use); the caller must add that.
pub fn str_sizeof(s: &[u32]) -> usize {
    let n = s.len();
    match pep393_kind(s) {
        Pep393Kind::Ascii => 49 + n,
        Pep393Kind::Latin1 => 73 + n,
        Pep393Kind::Ucs2 => 74 + 2 * n,
        Pep393Kind::Ucs4 => 76 + 4 * n,
    }
}

/// Clamps slice bounds like CPython's `ADJUST_INDICES`: negative values
/// count from the end, `end` is capped at `len`; `start` may exceed `len`.
pub fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let len_i = len as i64;
    let mut end = end.unwrap_or(len_i);
    if end > len_i {
        end = len_i;
    } else if end < 0 {
        end = (end + len_i).max(0);
    }
    let mut start = start.unwrap_or(0);
    if start < 0 {
        start = (start + len_i).max(0);
    }
    (start as usize, end as usize)
}

fn find_in<T: PartialEq>(hay: &[T], needle: &[T]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind_in<T: PartialEq>(hay: &[T], needle: &[T]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    if needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// `s.find(sub, start, end)`; -1 if absent.
pub fn find<T: PartialEq>(s: &[T], sub: &[T], start: Option<i64>, end: Option<i64>) -> i64 {
    let (st, en) = adjust_indices(start, end, s.len());
    if st > en || en - st < sub.len() {
        return -1;
    }
    find_in(&s[st..en], sub).map_or(-1, |i| (i + st) as i64)
}

/// `s.rfind(sub, start, end)`; -1 if absent.
pub fn rfind<T: PartialEq>(s: &[T], sub: &[T], start: Option<i64>, end: Option<i64>) -> i64 {
    let (st, en) = adjust_indices(start, end, s.len());
    if st > en || en - st < sub.len() {
        return -1;
    }
    rfind_in(&s[st..en], sub).map_or(-1, |i| (i + st) as i64)
}

/// `s.index(...)`: like [`find`] but ValueError `substring not found`.
pub fn index<T: PartialEq>(
    s: &[T],
    sub: &[T],
    start: Option<i64>,
    end: Option<i64>,
) -> VResult<usize> {
    let r = find(s, sub, start, end);
    if r < 0 {
        Err(ValueErr::value("substring not found"))
    } else {
        Ok(r as usize)
    }
}

/// `s.rindex(...)`: like [`rfind`] but ValueError `substring not found`.
pub fn rindex<T: PartialEq>(
    s: &[T],
    sub: &[T],
    start: Option<i64>,
    end: Option<i64>,
) -> VResult<usize> {
    let r = rfind(s, sub, start, end);
    if r < 0 {
        Err(ValueErr::value("substring not found"))
    } else {
        Ok(r as usize)
    }
}

/// `s.count(sub, start, end)`: non-overlapping occurrences; the empty
/// string occurs `len + 1` times in the slice.
pub fn count<T: PartialEq>(s: &[T], sub: &[T], start: Option<i64>, end: Option<i64>) -> usize {
    let (st, en) = adjust_indices(start, end, s.len());
    if st > en {
        return 0;
    }
    let hay = &s[st..en];
    if sub.is_empty() {
        return hay.len() + 1;
    }
    let mut n = 0;
    let mut i = 0;
    while let Some(p) = find_in(&hay[i..], sub) {
        n += 1;
        i += p + sub.len();
    }
    n
}

/// `s.startswith(prefix, start, end)` for one prefix (tuples: caller loops).
pub fn startswith<T: PartialEq>(
    s: &[T],
    prefix: &[T],
    start: Option<i64>,
    end: Option<i64>,
) -> bool {
    let (st, en) = adjust_indices(start, end, s.len());
    if en < prefix.len() || en - prefix.len() < st {
        return false;
    }
    s[st..st + prefix.len()] == *prefix
}

/// `s.endswith(suffix, start, end)` for one suffix.
pub fn endswith<T: PartialEq>(s: &[T], suffix: &[T], start: Option<i64>, end: Option<i64>) -> bool {
    let (st, en) = adjust_indices(start, end, s.len());
    if en < suffix.len() || en - suffix.len() < st {
        return false;
    }
    s[en - suffix.len()..en] == *suffix
}

fn empty_sep() -> ValueErr {
    ValueErr::value("empty separator")
}

fn maxcount(maxsplit: i64) -> usize {
    if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    }
}

/// `s.split()` / `s.split(None, maxsplit)`: runs of whitespace separate,
/// leading/trailing whitespace ignored; `maxsplit < 0` = unlimited.
pub fn split_whitespace(s: &[u32], maxsplit: i64) -> Vec<Vec<u32>> {
    let mut out = Vec::new();
    let n = s.len();
    let mut i = 0;
    let mut left = maxcount(maxsplit);
    while left > 0 {
        while i < n && u::is_space(s[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        let j = i;
        while i < n && !u::is_space(s[i]) {
            i += 1;
        }
        out.push(s[j..i].to_vec());
        left -= 1;
    }
    if i < n {
        while i < n && u::is_space(s[i]) {
            i += 1;
        }
        if i != n {
            out.push(s[i..].to_vec());
        }
    }
    out
}

/// `s.rsplit()` / `s.rsplit(None, maxsplit)`.
pub fn rsplit_whitespace(s: &[u32], maxsplit: i64) -> Vec<Vec<u32>> {
    let mut out = Vec::new();
    let mut i = s.len();
    let mut left = maxcount(maxsplit);
    while left > 0 {
        while i > 0 && u::is_space(s[i - 1]) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        let j = i;
        while i > 0 && !u::is_space(s[i - 1]) {
            i -= 1;
        }
        out.push(s[i..j].to_vec());
        left -= 1;
    }
    if i > 0 {
        while i > 0 && u::is_space(s[i - 1]) {
            i -= 1;
        }
        if i != 0 {
            out.push(s[..i].to_vec());
        }
    }
    out.reverse();
    out
}

/// `s.split(sep, maxsplit)`. ValueError `empty separator`.
pub fn split<T: PartialEq + Clone>(s: &[T], sep: &[T], maxsplit: i64) -> VResult<Vec<Vec<T>>> {
    if sep.is_empty() {
        return Err(empty_sep());
    }
    let mut out = Vec::new();
    let mut left = maxcount(maxsplit);
    let mut i = 0;
    while left > 0 {
        match find_in(&s[i..], sep) {
            Some(p) => {
                out.push(s[i..i + p].to_vec());
                i += p + sep.len();
                left -= 1;
            }
            None => break,
        }
    }
    out.push(s[i..].to_vec());
    Ok(out)
}

/// `s.rsplit(sep, maxsplit)`. ValueError `empty separator`.
pub fn rsplit<T: PartialEq + Clone>(s: &[T], sep: &[T], maxsplit: i64) -> VResult<Vec<Vec<T>>> {
    if sep.is_empty() {
        return Err(empty_sep());
    }
    let mut out = Vec::new();
    let mut left = maxcount(maxsplit);
    let mut end = s.len();
    while left > 0 {
        match rfind_in(&s[..end], sep) {
            Some(p) => {
                out.push(s[p + sep.len()..end].to_vec());
                end = p;
                left -= 1;
            }
            None => break,
        }
    }
    out.push(s[..end].to_vec());
    out.reverse();
    Ok(out)
}

/// Line boundaries of `str.splitlines`.
pub fn is_linebreak(c: u32) -> bool {
    matches!(c, 0x0a..=0x0d | 0x1c..=0x1e | 0x85 | 0x2028 | 0x2029)
}

/// `s.splitlines(keepends)`; `\r\n` is one boundary.
pub fn splitlines(s: &[u32], keepends: bool) -> Vec<Vec<u32>> {
    let mut out = Vec::new();
    let n = s.len();
    let mut i = 0;
    while i < n {
        let j = i;
        while i < n && !is_linebreak(s[i]) {
            i += 1;
        }
        let mut eol = i;
        if i < n {
            if s[i] == 0x0d && i + 1 < n && s[i + 1] == 0x0a {
                i += 2;
            } else {
                i += 1;
            }
            if keepends {
                eol = i;
            }
        }
        out.push(s[j..eol].to_vec());
    }
    out
}

/// `sep.join(items)` once the caller has checked every item is a str.
pub fn join<T: Clone>(sep: &[T], items: &[&[T]]) -> Vec<T> {
    let mut out = Vec::new();
    for (k, it) in items.iter().enumerate() {
        if k > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(it);
    }
    out
}

/// `strip`/`lstrip`/`rstrip`: removes whitespace (`chars == None`) or any of
/// `chars` from the chosen ends; returns the remaining slice.
pub fn strip<'a>(s: &'a [u32], chars: Option<&[u32]>, left: bool, right: bool) -> &'a [u32] {
    let strip_it = |c: u32| match chars {
        None => u::is_space(c),
        Some(cs) => cs.contains(&c),
    };
    let mut a = 0;
    let mut b = s.len();
    if left {
        while a < b && strip_it(s[a]) {
            a += 1;
        }
    }
    if right {
        while b > a && strip_it(s[b - 1]) {
            b -= 1;
        }
    }
    &s[a..b]
}

/// `s.replace(old, new, count)`; `count < 0` = all. An empty `old` inserts
/// `new` before every character and at the end.
/// MemoryError if the result would exceed [`super::MAX_TEXT_LEN`].
pub fn replace<T: PartialEq + Clone>(s: &[T], old: &[T], new: &[T], count: i64) -> VResult<Vec<T>> {
    let mut left = maxcount(count);
    if new.len() > old.len() {
        let matches = if old.is_empty() {
            s.len() + 1
        } else {
            self::count(s, old, None, None)
        };
        let n = matches.min(left) as u64;
        check_text_len(s.len() as u64 + n.saturating_mul((new.len() - old.len()) as u64))?;
    }
    let mut out = Vec::with_capacity(s.len());
    if old.is_empty() {
        for c in s {
            if left > 0 {
                out.extend_from_slice(new);
                left -= 1;
            }
            out.push(c.clone());
        }
        if left > 0 {
            out.extend_from_slice(new);
        }
        return Ok(out);
    }
    let mut i = 0;
    while left > 0 {
        match find_in(&s[i..], old) {
            Some(p) => {
                out.extend_from_slice(&s[i..i + p]);
                out.extend_from_slice(new);
                i += p + old.len();
                left -= 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&s[i..]);
    Ok(out)
}

/// Result of `partition`/`rpartition`: (head, sep, tail).
pub type Parts<T> = (Vec<T>, Vec<T>, Vec<T>);

/// `s.partition(sep)`. ValueError `empty separator`.
pub fn partition<T: PartialEq + Clone>(s: &[T], sep: &[T]) -> VResult<Parts<T>> {
    if sep.is_empty() {
        return Err(empty_sep());
    }
    Ok(match find_in(s, sep) {
        Some(p) => (s[..p].to_vec(), sep.to_vec(), s[p + sep.len()..].to_vec()),
        None => (s.to_vec(), Vec::new(), Vec::new()),
    })
}

/// `s.rpartition(sep)`. ValueError `empty separator`.
pub fn rpartition<T: PartialEq + Clone>(s: &[T], sep: &[T]) -> VResult<Parts<T>> {
    if sep.is_empty() {
        return Err(empty_sep());
    }
    Ok(match rfind_in(s, sep) {
        Some(p) => (s[..p].to_vec(), sep.to_vec(), s[p + sep.len()..].to_vec()),
        None => (Vec::new(), Vec::new(), s.to_vec()),
    })
}

const CAPITAL_SIGMA: u32 = 0x3a3;

/// Lower-cases `s[i]`, applying the final-sigma rule for U+03A3.
fn push_lower_at(s: &[u32], i: usize, out: &mut Vec<u32>) {
    if s[i] != CAPITAL_SIGMA {
        u::push_lower(s[i], out);
        return;
    }
    // Final form if preceded by a cased letter and not followed by one,
    // skipping case-ignorable characters both ways.
    let mut j = i;
    let mut before = false;
    while j > 0 {
        j -= 1;
        let c = s[j];
        if u::is_case_ignorable(c) {
            continue;
        }
        before = u::is_cased(c);
        break;
    }
    let mut after = false;
    let mut k = i + 1;
    while k < s.len() {
        let c = s[k];
        k += 1;
        if u::is_case_ignorable(c) {
            continue;
        }
        after = u::is_cased(c);
        break;
    }
    out.push(if before && !after { 0x3c2 } else { 0x3c3 });
}

/// `s.lower()` (full mappings, final sigma).
pub fn lower(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        push_lower_at(s, i, &mut out);
    }
    out
}

/// `s.upper()` (full mappings: `'ß'` → `'SS'`).
pub fn upper(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        u::push_upper(c, &mut out);
    }
    out
}

/// `s.casefold()`.
pub fn casefold(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        u::push_fold(c, &mut out);
    }
    out
}

/// `s.capitalize()`: first character title-cased (3.8+), the rest lower-cased.
pub fn capitalize(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    if let Some(&c) = s.first() {
        u::push_title(c, &mut out);
    }
    for i in 1..s.len() {
        push_lower_at(s, i, &mut out);
    }
    out
}

/// `s.title()`: a character after a cased one is lower-cased, otherwise title-cased.
pub fn title(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    let mut prev_cased = false;
    for i in 0..s.len() {
        let c = s[i];
        if prev_cased {
            push_lower_at(s, i, &mut out);
        } else {
            u::push_title(c, &mut out);
        }
        prev_cased = u::is_cased(c);
    }
    out
}

/// `s.swapcase()`: upper → lower, lower → upper, others (incl. title case) kept.
pub fn swapcase(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        let c = s[i];
        if u::is_upper(c) {
            push_lower_at(s, i, &mut out);
        } else if u::is_lower(c) {
            u::push_upper(c, &mut out);
        } else {
            out.push(c);
        }
    }
    out
}

fn pad_sides<T: Clone>(s: &[T], left: usize, right: usize, fill: T) -> Vec<T> {
    let mut out = Vec::with_capacity(s.len() + left + right);
    out.extend(std::iter::repeat_n(fill.clone(), left));
    out.extend_from_slice(s);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

/// `s.center(width, fill)` with CPython's odd-width bias
/// (`left = marg/2 + (marg & width & 1)`).
pub fn center<T: Clone>(s: &[T], width: i64, fill: T) -> VResult<Vec<T>> {
    if width <= s.len() as i64 {
        return Ok(s.to_vec());
    }
    check_text_len(width as u64)?;
    let marg = width as usize - s.len();
    let left = marg / 2 + (marg & width as usize & 1);
    Ok(pad_sides(s, left, marg - left, fill))
}

/// `s.ljust(width, fill)`.
pub fn ljust<T: Clone>(s: &[T], width: i64, fill: T) -> VResult<Vec<T>> {
    if width <= s.len() as i64 {
        return Ok(s.to_vec());
    }
    check_text_len(width as u64)?;
    Ok(pad_sides(s, 0, width as usize - s.len(), fill))
}

/// `s.rjust(width, fill)`.
pub fn rjust<T: Clone>(s: &[T], width: i64, fill: T) -> VResult<Vec<T>> {
    if width <= s.len() as i64 {
        return Ok(s.to_vec());
    }
    check_text_len(width as u64)?;
    Ok(pad_sides(s, width as usize - s.len(), 0, fill))
}

/// `s.zfill(width)`: zeros on the left, after a leading `+`/`-`.
pub fn zfill(s: &[u32], width: i64) -> VResult<Vec<u32>> {
    if width <= s.len() as i64 {
        return Ok(s.to_vec());
    }
    check_text_len(width as u64)?;
    let fill = width as usize - s.len();
    let mut out = pad_sides(s, fill, 0, '0' as u32);
    if matches!(s.first(), Some(&c) if c == '+' as u32 || c == '-' as u32) {
        out[0] = out[fill];
        out[fill] = '0' as u32;
    }
    Ok(out)
}

/// `s.expandtabs(tabsize)`: columns reset after `\n` and `\r`; a tabsize
/// <= 0 removes tabs.
pub fn expandtabs(s: &[u32], tabsize: i64) -> VResult<Vec<u32>> {
    let tabs = s.iter().filter(|&&c| c == '\t' as u32).count() as u64;
    check_text_len((s.len() as u64).saturating_add(tabs.saturating_mul(tabsize.max(0) as u64)))?;
    let mut out = Vec::with_capacity(s.len());
    let mut col: i64 = 0;
    for &c in s {
        if c == '\t' as u32 {
            if tabsize > 0 {
                let n = tabsize - col % tabsize;
                out.extend(std::iter::repeat_n(' ' as u32, n as usize));
                col += n;
            }
        } else {
            out.push(c);
            col += 1;
            if c == '\n' as u32 || c == '\r' as u32 {
                col = 0;
            }
        }
    }
    Ok(out)
}

fn all_nonempty(s: &[u32], f: impl Fn(u32) -> bool) -> bool {
    !s.is_empty() && s.iter().all(|&c| f(c))
}

/// `s.isspace()`.
pub fn is_space(s: &[u32]) -> bool {
    all_nonempty(s, u::is_space)
}
/// `s.isalpha()`.
pub fn is_alpha(s: &[u32]) -> bool {
    all_nonempty(s, u::is_alpha)
}
/// `s.isalnum()`.
pub fn is_alnum(s: &[u32]) -> bool {
    all_nonempty(s, u::is_alnum)
}
/// `s.isdecimal()`.
pub fn is_decimal(s: &[u32]) -> bool {
    all_nonempty(s, u::is_decimal)
}
/// `s.isdigit()`.
pub fn is_digit(s: &[u32]) -> bool {
    all_nonempty(s, u::is_digit)
}
/// `s.isnumeric()`.
pub fn is_numeric(s: &[u32]) -> bool {
    all_nonempty(s, u::is_numeric)
}
/// `s.isascii()` (true for the empty string).
pub fn is_ascii(s: &[u32]) -> bool {
    s.iter().all(|&c| c < 0x80)
}
/// `s.isprintable()` (true for the empty string).
pub fn is_printable(s: &[u32]) -> bool {
    s.iter().all(|&c| u::is_printable(c))
}
/// `s.isidentifier()` (no keyword check).
pub fn is_identifier(s: &[u32]) -> bool {
    match s.split_first() {
        None => false,
        Some((&first, rest)) => u::is_id_start(first) && rest.iter().all(|&c| u::is_id_continue(c)),
    }
}
/// `s.islower()`: some cased character, none upper or title case.
pub fn is_lower(s: &[u32]) -> bool {
    let mut cased = false;
    for &c in s {
        if u::is_upper(c) || u::is_title(c) {
            return false;
        }
        if u::is_lower(c) {
            cased = true;
        }
    }
    cased
}
/// `s.isupper()`: some cased character, none lower or title case.
pub fn is_upper(s: &[u32]) -> bool {
    let mut cased = false;
    for &c in s {
        if u::is_lower(c) || u::is_title(c) {
            return false;
        }
        if u::is_upper(c) {
            cased = true;
        }
    }
    cased
}
/// `s.istitle()`.
pub fn is_title(s: &[u32]) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for &c in s {
        if u::is_upper(c) || u::is_title(c) {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if u::is_lower(c) {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::format_spec::{cps_to_string, str_to_cps};

    fn c(s: &str) -> Vec<u32> {
        str_to_cps(s)
    }
    fn st(v: &[u32]) -> String {
        cps_to_string(v)
    }
    fn sv(v: Vec<Vec<u32>>) -> Vec<String> {
        v.iter().map(|x| st(x)).collect()
    }

    #[test]
    fn sizes() {
        assert_eq!(str_sizeof(&c("")), 49);
        assert_eq!(str_sizeof(&c("a")), 50);
        assert_eq!(str_sizeof(&c("\u{e9}")), 74);
        assert_eq!(str_sizeof(&c("\u{20ac}")), 76);
        assert_eq!(str_sizeof(&c("\u{1f600}")), 80);
    }

    #[test]
    fn splitting() {
        // Expected values from python3.11.
        let s = c("  a b\tc\n\nd  ");
        assert_eq!(sv(split_whitespace(&s, -1)), ["a", "b", "c", "d"]);
        assert_eq!(sv(split_whitespace(&s, 1)), ["a", "b\tc\n\nd  "]);
        assert_eq!(sv(rsplit_whitespace(&s, 1)), ["  a b\tc", "d"]);
        assert_eq!(
            sv(split(&c("a,b,,c"), &c(","), -1).unwrap()),
            ["a", "b", "", "c"]
        );
        assert_eq!(sv(rsplit(&c("a,b,,c"), &c(","), 1).unwrap()), ["a,b,", "c"]);
        assert!(split_whitespace(&[], -1).is_empty());
        assert_eq!(sv(split(&[], &c(","), -1).unwrap()), [""]);
        assert_eq!(split(&c("a"), &[], -1).unwrap_err().msg, "empty separator");
        assert_eq!(
            sv(splitlines(
                &c("a\nb\r\nc\rd\x0be\x1cf\u{2028}g\u{85}"),
                false
            )),
            ["a", "b", "c", "d", "e", "f", "g"]
        );
        assert_eq!(sv(splitlines(&c("a\nb\r\n"), true)), ["a\n", "b\r\n"]);
        let (a, b, d) = partition(&c("hello"), &c("l")).unwrap();
        assert_eq!(
            (st(&a), st(&b), st(&d)),
            ("he".into(), "l".into(), "lo".into())
        );
        let (a, b, d) = rpartition(&c("hello"), &c("l")).unwrap();
        assert_eq!(
            (st(&a), st(&b), st(&d)),
            ("hel".into(), "l".into(), "o".into())
        );
        let (a, _, d) = rpartition(&c("hello"), &c("z")).unwrap();
        assert_eq!((st(&a), st(&d)), ("".into(), "hello".into()));
    }

    #[test]
    fn searching() {
        let h = c("hello");
        assert_eq!(find(&h, &c("l"), Some(-2), None), 3);
        assert_eq!(rfind(&h, &c("l"), None, None), 3);
        assert_eq!(find(&h, &[], Some(5), None), 5);
        assert_eq!(find(&h, &[], Some(6), None), -1);
        assert_eq!(count(&h, &[], None, None), 6);
        assert_eq!(count(&c("aaa"), &c("aa"), None, None), 1);
        assert_eq!(
            index(&h, &c("z"), None, None).unwrap_err().msg,
            "substring not found"
        );
        assert_eq!(count(&c("abc"), &[], Some(1), Some(2)), 2);
        assert_eq!(find(&c("abc"), &[], Some(4), Some(2)), -1);
        assert!(startswith(&h, &c("he"), None, None));
        assert!(!startswith(&c("abc"), &[], Some(4), None));
        assert!(startswith(&c("abc"), &[], Some(3), None));
        assert!(endswith(&h, &c("llo"), None, None));
        assert!(!endswith(&h, &c("hell"), None, Some(-2)));
    }

    #[test]
    fn transforms() {
        assert_eq!(st(strip(&c("xxhixx"), Some(&c("x")), true, true)), "hi");
        assert_eq!(st(strip(&c("\u{3000} hi \x1c"), None, true, true)), "hi");
        assert_eq!(
            st(&replace(&c("aaaa"), &c("a"), &c("b"), 2).unwrap()),
            "bbaa"
        );
        assert_eq!(
            st(&replace(&c("abc"), &[], &c("-"), -1).unwrap()),
            "-a-b-c-"
        );
        assert_eq!(st(&replace(&c("abc"), &[], &c("-"), 2).unwrap()), "-a-bc");
        assert_eq!(st(&replace(&[], &[], &c("x"), -1).unwrap()), "x");
        assert_eq!(
            st(&lower(&c("\u{391}\u{3a3} \u{391}\u{3a3}\u{391} \u{3a3}"))),
            "\u{3b1}\u{3c2} \u{3b1}\u{3c3}\u{3b1} \u{3c3}"
        );
        assert_eq!(
            st(&title(&c("hello wORLD \u{1c6}x 3rd o'neil"))),
            "Hello World \u{1c5}x 3Rd O'Neil"
        );
        assert_eq!(
            st(&capitalize(&c("\u{1c6}emal \u{df}x"))),
            "\u{1c5}emal \u{df}x"
        );
        assert_eq!(st(&swapcase(&c("Stra\u{df}e \u{1c5}"))), "sTRASSE \u{1c5}");
        assert_eq!(st(&upper(&c("\u{fb01}"))), "FI");
        assert_eq!(st(&casefold(&c("\u{3a3}\u{391}"))), "\u{3c3}\u{3b1}");
        assert_eq!(st(&center(&c("ab"), 7, '*' as u32).unwrap()), "***ab**");
        assert_eq!(st(&center(&c("abc"), 6, ' ' as u32).unwrap()), " abc  ");
        assert_eq!(st(&zfill(&c("-42"), 6).unwrap()), "-00042");
        assert_eq!(st(&zfill(&c("+x"), 4).unwrap()), "+00x");
        assert_eq!(st(&zfill(&[], 3).unwrap()), "000");
        assert_eq!(
            center(&c("a"), 1 << 40, ' ' as u32).unwrap_err().kind,
            crate::values::PyExcKind::MemoryError
        );
        assert_eq!(
            st(&expandtabs(&c("a\tbc\td\n\tx"), 8).unwrap()),
            "a       bc      d\n        x"
        );
        assert_eq!(st(&expandtabs(&c("a\tb"), 3).unwrap()), "a  b");
        assert_eq!(st(&expandtabs(&c("a\tb"), 0).unwrap()), "ab");
    }

    #[test]
    fn predicates() {
        assert!(is_title(&c("Hello World")));
        assert!(!is_title(&c("Hello world")));
        assert!(is_title(&c("\u{1c5}a")));
        assert!(is_upper(&c("HELLO1")));
        assert!(!is_upper(&c("1")));
        assert!(is_identifier(&c("_a1")));
        assert!(!is_identifier(&c("1a")));
        assert!(!is_identifier(&[]));
        assert!(is_printable(&[]) && !is_printable(&c("\n")));
        assert!(is_numeric(&c("\u{bd}")) && !is_decimal(&c("\u{bd}")));
    }
}
