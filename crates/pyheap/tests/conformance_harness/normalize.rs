//! Address normalisation for comparing outputs.
//!
//! Read `normalize_addresses` first. Every hex literal `0x` + at least
//! `MIN_HEX_DIGITS` hex digits (not preceded by a letter, digit or `_`) is
//! replaced by `<addrN>`, numbered by order of first appearance within the one
//! text; the same address (compared case-insensitively, ignoring leading
//! zeros) always gets the same placeholder, so identity relations between
//! printed addresses still count while the addresses themselves do not.

/// Hex literals shorter than this are ordinary numbers, not addresses.
pub const MIN_HEX_DIGITS: usize = 6;

/// Replaces addresses in `text` by `<addr1>`, `<addr2>`, … (see module doc).
pub fn normalize_addresses(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut seen: Vec<String> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0; // bytes[..copied] are already in `out`
    let mut i = 0;
    while i + 1 < bytes.len() {
        if let Some(end) = hex_literal_end(bytes, i) {
            let key = canonical_key(&text[i + 2..end]);
            let index = match seen.iter().position(|k| *k == key) {
                Some(index) => index,
                None => {
                    seen.push(key);
                    seen.len() - 1
                }
            };
            out.push_str(&text[copied..i]);
            out.push_str(&format!("<addr{}>", index + 1));
            copied = end;
            i = end;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// If an address literal starts at `start`, the index just past its digits.
fn hex_literal_end(bytes: &[u8], start: usize) -> Option<usize> {
    if bytes[start] != b'0' || !matches!(bytes.get(start + 1), Some(b'x' | b'X')) {
        return None;
    }
    if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
        return None;
    }
    let digits = bytes[start + 2..]
        .iter()
        .take_while(|b| b.is_ascii_hexdigit())
        .count();
    (digits >= MIN_HEX_DIGITS).then_some(start + 2 + digits)
}

fn canonical_key(digits: &str) -> String {
    let trimmed = digits.trim_start_matches('0');
    trimmed.to_ascii_lowercase()
}
