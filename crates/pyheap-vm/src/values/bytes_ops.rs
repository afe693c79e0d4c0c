//! bytes/bytearray methods whose rules differ from str's: ASCII-only
//! whitespace, case mapping and predicates, `splitlines` (only `\n`, `\r`,
//! `\r\n`), `hex()` and `fromhex()`.
//!
//! Read first: [`is_space`]. Methods with the same rules as str (find, count,
//! split with a separator, replace, partition, center/ljust/rjust,
//! startswith...) are the generic functions in [`super::text`], which work on
//! `&[u8]` too.

use super::{VResult, ValueErr};

/// `Py_ISSPACE` on a byte: space, `\t \n \r \x0b \x0c` (not `\x1c`-`\x1f`).
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// `b.split()` / `b.split(None, maxsplit)`.
pub fn split_whitespace(s: &[u8], maxsplit: i64) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let n = s.len();
    let mut i = 0;
    let mut left = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    while left > 0 {
        while i < n && is_space(s[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        let j = i;
        while i < n && !is_space(s[i]) {
            i += 1;
        }
        out.push(s[j..i].to_vec());
        left -= 1;
    }
    while i < n && is_space(s[i]) {
        i += 1;
    }
    if i < n {
        out.push(s[i..].to_vec());
    }
    out
}

/// `b.rsplit()` / `b.rsplit(None, maxsplit)`.
pub fn rsplit_whitespace(s: &[u8], maxsplit: i64) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = s.len();
    let mut left = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    while left > 0 {
        while i > 0 && is_space(s[i - 1]) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        let j = i;
        while i > 0 && !is_space(s[i - 1]) {
            i -= 1;
        }
        out.push(s[i..j].to_vec());
        left -= 1;
    }
    while i > 0 && is_space(s[i - 1]) {
        i -= 1;
    }
    if i > 0 {
        out.push(s[..i].to_vec());
    }
    out.reverse();
    out
}

/// `strip`/`lstrip`/`rstrip` for bytes: ASCII whitespace or any of `chars`.
pub fn strip<'a>(s: &'a [u8], chars: Option<&[u8]>, left: bool, right: bool) -> &'a [u8] {
    let hit = |b: u8| match chars {
        None => is_space(b),
        Some(cs) => cs.contains(&b),
    };
    let mut a = 0;
    let mut z = s.len();
    if left {
        while a < z && hit(s[a]) {
            a += 1;
        }
    }
    if right {
        while z > a && hit(s[z - 1]) {
            z -= 1;
        }
    }
    &s[a..z]
}

/// `b.splitlines(keepends)`: boundaries are `\n`, `\r` and `\r\n` only.
pub fn splitlines(s: &[u8], keepends: bool) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let n = s.len();
    let mut i = 0;
    while i < n {
        let j = i;
        while i < n && s[i] != b'\n' && s[i] != b'\r' {
            i += 1;
        }
        let mut eol = i;
        if i < n {
            i += if s[i] == b'\r' && i + 1 < n && s[i + 1] == b'\n' {
                2
            } else {
                1
            };
            if keepends {
                eol = i;
            }
        }
        out.push(s[j..eol].to_vec());
    }
    out
}

/// `b.lower()` (ASCII only).
pub fn lower(s: &[u8]) -> Vec<u8> {
    s.to_ascii_lowercase()
}
/// `b.upper()` (ASCII only).
pub fn upper(s: &[u8]) -> Vec<u8> {
    s.to_ascii_uppercase()
}
/// `b.swapcase()` (ASCII only).
pub fn swapcase(s: &[u8]) -> Vec<u8> {
    s.iter()
        .map(|&b| {
            if b.is_ascii_uppercase() {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            }
        })
        .collect()
}
/// `b.capitalize()`: first byte upper, rest lower (ASCII only).
pub fn capitalize(s: &[u8]) -> Vec<u8> {
    s.iter()
        .enumerate()
        .map(|(i, &b)| {
            if i == 0 {
                b.to_ascii_uppercase()
            } else {
                b.to_ascii_lowercase()
            }
        })
        .collect()
}
/// `b.title()`: a letter after a letter is lowered, otherwise uppered (ASCII).
pub fn title(s: &[u8]) -> Vec<u8> {
    let mut prev = false;
    s.iter()
        .map(|&b| {
            let r = if prev {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            };
            prev = b.is_ascii_alphabetic();
            r
        })
        .collect()
}

fn all_nonempty(s: &[u8], f: impl Fn(&u8) -> bool) -> bool {
    !s.is_empty() && s.iter().all(f)
}
/// `b.isspace()`.
pub fn is_space_all(s: &[u8]) -> bool {
    all_nonempty(s, |&b| is_space(b))
}
/// `b.isalpha()`.
pub fn is_alpha(s: &[u8]) -> bool {
    all_nonempty(s, u8::is_ascii_alphabetic)
}
/// `b.isalnum()`.
pub fn is_alnum(s: &[u8]) -> bool {
    all_nonempty(s, u8::is_ascii_alphanumeric)
}
/// `b.isdigit()`.
pub fn is_digit(s: &[u8]) -> bool {
    all_nonempty(s, u8::is_ascii_digit)
}
/// `b.islower()`: some lowercase letter and no uppercase one.
pub fn is_lower(s: &[u8]) -> bool {
    s.iter().any(u8::is_ascii_lowercase) && !s.iter().any(u8::is_ascii_uppercase)
}
/// `b.isupper()`.
pub fn is_upper(s: &[u8]) -> bool {
    s.iter().any(u8::is_ascii_uppercase) && !s.iter().any(u8::is_ascii_lowercase)
}
/// `b.istitle()`.
pub fn is_title(s: &[u8]) -> bool {
    let mut cased = false;
    let mut prev = false;
    for &b in s {
        if b.is_ascii_uppercase() {
            if prev {
                return false;
            }
            prev = true;
            cased = true;
        } else if b.is_ascii_lowercase() {
            if !prev {
                return false;
            }
            prev = true;
            cased = true;
        } else {
            prev = false;
        }
    }
    cased
}

/// `b.hex()` / `b.hex(sep, bytes_per_sep)`: `sep` must be one ASCII
/// character (ValueError `sep must be length 1.` / `sep must be ASCII.`);
/// positive `bytes_per_sep` groups from the right, negative from the left.
pub fn hex(s: &[u8], sep: Option<&[u32]>, bytes_per_sep: i64) -> VResult<String> {
    let sep = match sep {
        None => None,
        Some(cs) => {
            if cs.len() != 1 {
                return Err(ValueErr::value("sep must be length 1."));
            }
            if cs[0] > 0x7f {
                return Err(ValueErr::value("sep must be ASCII."));
            }
            Some(cs[0] as u8 as char)
        }
    };
    let group = bytes_per_sep.unsigned_abs() as usize;
    let mut out = String::with_capacity(s.len() * 3);
    let n = s.len();
    for (i, b) in s.iter().enumerate() {
        if let (Some(c), true) = (sep, group > 0 && i > 0) {
            let boundary = if bytes_per_sep > 0 {
                (n - i).is_multiple_of(group)
            } else {
                i.is_multiple_of(group)
            };
            if boundary {
                out.push(c);
            }
        }
        out.push_str(&format!("{:02x}", b));
    }
    Ok(out)
}

/// `bytes.fromhex(s)`: pairs of hex digits, ASCII whitespace allowed
/// between pairs. ValueError `non-hexadecimal number found in fromhex() arg
/// at position N`.
pub fn fromhex(s: &[u32]) -> VResult<Vec<u8>> {
    let err = |i: usize| {
        ValueErr::value(format!(
            "non-hexadecimal number found in fromhex() arg at position {}",
            i
        ))
    };
    let hexval = |c: u32| char::from_u32(c).and_then(|ch| ch.to_digit(16));
    let mut out = Vec::with_capacity(s.len() / 2);
    let mut i = 0;
    while i < s.len() {
        if s[i] < 0x80 && is_space(s[i] as u8) {
            i += 1;
            continue;
        }
        let hi = hexval(s[i]).ok_or_else(|| err(i))?;
        i += 1;
        let lo = s.get(i).and_then(|&c| hexval(c)).ok_or_else(|| err(i))?;
        i += 1;
        out.push((hi * 16 + lo) as u8);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::format_spec::str_to_cps;

    #[test]
    fn whitespace_and_lines() {
        // Expected values from python3.11.
        assert_eq!(
            split_whitespace(b" a\x1cb\x0bc\x85 ", -1),
            vec![b"a\x1cb".to_vec(), b"c\x85".to_vec()]
        );
        assert_eq!(
            splitlines(b"a\nb\r\nc\rd\x0be\x1cf", false),
            vec![
                b"a".to_vec(),
                b"b".to_vec(),
                b"c".to_vec(),
                b"d\x0be\x1cf".to_vec()
            ]
        );
        assert_eq!(strip(b"  ab \x1c", None, true, true), b"ab \x1c");
        assert_eq!(
            rsplit_whitespace(b" a b  c ", 1),
            vec![b" a b".to_vec(), b"c".to_vec()]
        );
        assert_eq!(
            crate::values::text::zfill(&str_to_cps("-5"), 4).unwrap(),
            str_to_cps("-005")
        );
    }

    #[test]
    fn case_and_predicates() {
        assert_eq!(
            title(b"hello wORLD 3rd\xe9x"),
            b"Hello World 3Rd\xe9X".to_vec()
        );
        assert_eq!(lower(b"\xe9A"), b"\xe9a".to_vec());
        assert_eq!(swapcase(b"aB\xc9"), b"Ab\xc9".to_vec());
        assert_eq!(capitalize(b"hELLO"), b"Hello".to_vec());
        assert!(is_alnum(b"Ab1") && !is_alpha(b"") && is_upper(b"AB") && is_title(b"Hello World"));
        assert!(is_space_all(b" \x0b") && !is_space_all(b"\x1c"));
    }

    #[test]
    fn hex_roundtrip() {
        let h = |sep: Option<&str>, n: i64| {
            let sep = sep.map(str_to_cps);
            hex(b"\xde\xad\xbe\xef\x01", sep.as_deref(), n)
        };
        assert_eq!(hex(b"\xde\xad\xbe\xef", None, 0).unwrap(), "deadbeef");
        assert_eq!(h(Some(":"), 1).unwrap(), "de:ad:be:ef:01");
        assert_eq!(h(Some(":"), 2).unwrap(), "de:adbe:ef01");
        assert_eq!(h(Some(":"), -2).unwrap(), "dead:beef:01");
        assert_eq!(h(Some(""), 1).unwrap_err().msg, "sep must be length 1.");
        assert_eq!(h(Some("::"), 1).unwrap_err().msg, "sep must be length 1.");
        let f = |s: &str| fromhex(&str_to_cps(s)).map_err(|e| e.msg);
        assert_eq!(f("de ad BE EF").unwrap(), b"\xde\xad\xbe\xef".to_vec());
        let pos = |n: usize| {
            format!(
                "non-hexadecimal number found in fromhex() arg at position {}",
                n
            )
        };
        assert_eq!(f("dea").unwrap_err(), pos(3));
        assert_eq!(f("zz").unwrap_err(), pos(0));
        assert_eq!(f(" 0 1").unwrap_err(), pos(2));
        assert_eq!(f("01 ").unwrap(), vec![1]);
        assert_eq!(f("0\t1").unwrap_err(), pos(1));
    }
}
