//! `str.encode` / `bytes.decode` for the built-in codecs utf-8, latin-1 and
//! ascii, with the common error handlers and CPython's exact
//! UnicodeEncodeError / UnicodeDecodeError texts.
//!
//! Read first: [`normalize_encoding`] (alias → codec), then [`encode`] and
//! [`decode`]. UTF-8 decoding reports errors over the "maximal invalid
//! subpart" exactly as CPython does (`invalid start byte`, `invalid
//! continuation byte`, `unexpected end of data`).
//!
//! Invariant: an error handler name is only validated when an error actually
//! happens (CPython: `'e'.encode('ascii', 'bogus')` succeeds).

use super::{PyExcKind, ValueErr};

/// A built-in codec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    Utf8,
    Latin1,
    Ascii,
}

impl Codec {
    /// The name used in error messages (`'utf-8' codec can't ...`).
    pub fn message_name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Latin1 => "latin-1",
            Codec::Ascii => "ascii",
        }
    }
}

/// Maps an encoding name to a codec the way `codecs.lookup` normalises it
/// (case-insensitive; `-`, ` ` and `_` equivalent). Unknown → LookupError
/// `unknown encoding: NAME`.
pub fn normalize_encoding(name: &str) -> Result<Codec, ValueErr> {
    let norm: String = name
        .trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .collect();
    match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => Ok(Codec::Utf8),
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "iso8859" | "8859"
        | "cp819" | "iso_ir_100" | "csisolatin1" | "iso_8859_1:1987" => Ok(Codec::Latin1),
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968"
        | "ansi_x3.4_1986" | "cp367" | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv:1991"
        | "iso_ir_6" => Ok(Codec::Ascii),
        _ => Err(ValueErr::new(
            PyExcKind::LookupError,
            format!("unknown encoding: {}", name),
        )),
    }
}

/// Details of a codec failure, for building the exception object
/// (`exc.encoding`, `exc.start`, `exc.end`, `exc.reason`); `err.msg` is `str(exc)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodecError {
    pub err: ValueErr,
    pub encoding: &'static str,
    pub start: usize,
    pub end: usize,
    pub reason: &'static str,
}

fn unknown_handler(errors: &str) -> CodecError {
    CodecError {
        err: ValueErr::new(
            PyExcKind::LookupError,
            format!("unknown error handler name '{}'", errors),
        ),
        encoding: "",
        start: 0,
        end: 0,
        reason: "",
    }
}

fn char_escape(c: u32) -> String {
    if c < 0x100 {
        format!("\\x{:02x}", c)
    } else if c < 0x10000 {
        format!("\\u{:04x}", c)
    } else {
        format!("\\U{:08x}", c)
    }
}

fn encode_error(
    codec: Codec,
    s: &[u32],
    start: usize,
    end: usize,
    reason: &'static str,
) -> CodecError {
    let name = codec.message_name();
    let msg = if end - start == 1 {
        let c = s[start];
        let shown = if (0x20..0x7f).contains(&c) {
            (c as u8 as char).to_string()
        } else {
            char_escape(c)
        };
        format!(
            "'{}' codec can't encode character '{}' in position {}: {}",
            name, shown, start, reason
        )
    } else {
        format!(
            "'{}' codec can't encode characters in position {}-{}: {}",
            name,
            start,
            end - 1,
            reason
        )
    };
    CodecError {
        err: ValueErr::new(PyExcKind::UnicodeEncodeError, msg),
        encoding: name,
        start,
        end,
        reason,
    }
}

fn is_surrogate(c: u32) -> bool {
    (0xd800..0xe000).contains(&c)
}

fn push_utf8(c: u32, out: &mut Vec<u8>) {
    if c < 0x80 {
        out.push(c as u8);
    } else if c < 0x800 {
        out.push(0xc0 | (c >> 6) as u8);
        out.push(0x80 | (c & 0x3f) as u8);
    } else if c < 0x10000 {
        out.push(0xe0 | (c >> 12) as u8);
        out.push(0x80 | ((c >> 6) & 0x3f) as u8);
        out.push(0x80 | (c & 0x3f) as u8);
    } else {
        out.push(0xf0 | (c >> 18) as u8);
        out.push(0x80 | ((c >> 12) & 0x3f) as u8);
        out.push(0x80 | ((c >> 6) & 0x3f) as u8);
        out.push(0x80 | (c & 0x3f) as u8);
    }
}

/// `s.encode(encoding, errors)` for a codec from [`normalize_encoding`].
/// Handlers: strict, ignore, replace (`?`), backslashreplace,
/// xmlcharrefreplace, surrogateescape (U+DC80..U+DCFF → byte), surrogatepass
/// (utf-8 only). Anything else is LookupError when first needed.
pub fn encode(s: &[u32], codec: Codec, errors: &str) -> Result<Vec<u8>, CodecError> {
    let mut out = Vec::with_capacity(s.len());
    let encodable = |c: u32| match codec {
        Codec::Utf8 => !is_surrogate(c),
        Codec::Latin1 => c < 0x100,
        Codec::Ascii => c < 0x80,
    };
    let reason = match codec {
        Codec::Utf8 => "surrogates not allowed",
        Codec::Latin1 => "ordinal not in range(256)",
        Codec::Ascii => "ordinal not in range(128)",
    };
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if encodable(c) {
            match codec {
                Codec::Utf8 => push_utf8(c, &mut out),
                _ => out.push(c as u8),
            }
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < s.len() && !encodable(s[end]) {
            end += 1;
        }
        match errors {
            "strict" => return Err(encode_error(codec, s, i, end, reason)),
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', end - i)),
            "backslashreplace" => {
                for &c in &s[i..end] {
                    out.extend_from_slice(char_escape(c).as_bytes());
                }
            }
            "xmlcharrefreplace" => {
                for &c in &s[i..end] {
                    out.extend_from_slice(format!("&#{};", c).as_bytes());
                }
            }
            "surrogateescape" => {
                for (k, &c) in s[i..end].iter().enumerate() {
                    if (0xdc80..=0xdcff).contains(&c) {
                        out.push((c - 0xdc00) as u8);
                    } else {
                        return Err(encode_error(codec, s, i + k, i + k + 1, reason));
                    }
                }
            }
            "surrogatepass" if codec == Codec::Utf8 => {
                for &c in &s[i..end] {
                    out.push(0xe0 | (c >> 12) as u8);
                    out.push(0x80 | ((c >> 6) & 0x3f) as u8);
                    out.push(0x80 | (c & 0x3f) as u8);
                }
            }
            "surrogatepass" => return Err(encode_error(codec, s, i, end, reason)),
            other => return Err(unknown_handler(other)),
        }
        i = end;
    }
    Ok(out)
}

fn decode_error(
    codec: Codec,
    b: &[u8],
    start: usize,
    end: usize,
    reason: &'static str,
) -> CodecError {
    let name = codec.message_name();
    let msg = if end - start == 1 {
        format!(
            "'{}' codec can't decode byte 0x{:02x} in position {}: {}",
            name, b[start], start, reason
        )
    } else {
        format!(
            "'{}' codec can't decode bytes in position {}-{}: {}",
            name,
            start,
            end - 1,
            reason
        )
    };
    CodecError {
        err: ValueErr::new(PyExcKind::UnicodeDecodeError, msg),
        encoding: name,
        start,
        end,
        reason,
    }
}

/// One UTF-8 step at `b[i..]`: Ok((code point, length)) or Err((bad length, reason)).
fn utf8_step(b: &[u8], i: usize) -> Result<(u32, usize), (usize, &'static str)> {
    let c0 = b[i];
    if c0 < 0x80 {
        return Ok((c0 as u32, 1));
    }
    let (len, lo, hi) = match c0 {
        0xc2..=0xdf => (2, 0x80, 0xbf),
        0xe0 => (3, 0xa0, 0xbf),
        0xed => (3, 0x80, 0x9f),
        0xe1..=0xef => (3, 0x80, 0xbf),
        0xf0 => (4, 0x90, 0xbf),
        0xf4 => (4, 0x80, 0x8f),
        0xf1..=0xf3 => (4, 0x80, 0xbf),
        _ => return Err((1, "invalid start byte")),
    };
    let mut cp = (c0 as u32) & (0x7f >> len);
    for k in 1..len {
        let Some(&c) = b.get(i + k) else {
            return Err((k, "unexpected end of data"));
        };
        let (l, h) = if k == 1 { (lo, hi) } else { (0x80, 0xbf) };
        if c < l || c > h {
            return Err((k, "invalid continuation byte"));
        }
        cp = (cp << 6) | (c as u32 & 0x3f);
    }
    Ok((cp, len))
}

/// `b.decode(encoding, errors)`. Handlers: strict, ignore, replace (U+FFFD
/// per invalid subpart), backslashreplace, surrogateescape (byte → U+DC80+),
/// surrogatepass (utf-8: encoded surrogates decode to lone surrogates).
pub fn decode(b: &[u8], codec: Codec, errors: &str) -> Result<Vec<u32>, CodecError> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let step = match codec {
            Codec::Latin1 => Ok((b[i] as u32, 1)),
            Codec::Ascii => {
                if b[i] < 0x80 {
                    Ok((b[i] as u32, 1))
                } else {
                    Err((1, "ordinal not in range(128)"))
                }
            }
            Codec::Utf8 => utf8_step(b, i),
        };
        match step {
            Ok((c, n)) => {
                out.push(c);
                i += n;
            }
            Err((n, reason)) => {
                let end = i + n;
                if errors == "surrogatepass" && codec == Codec::Utf8 && b[i] == 0xed {
                    if let (Some(&c1), Some(&c2)) = (b.get(i + 1), b.get(i + 2)) {
                        if (0xa0..=0xbf).contains(&c1) && (0x80..=0xbf).contains(&c2) {
                            out.push(0xd000 | ((c1 as u32 & 0x3f) << 6) | (c2 as u32 & 0x3f));
                            i += 3;
                            continue;
                        }
                    }
                }
                match errors {
                    "strict" | "surrogatepass" => {
                        return Err(decode_error(codec, b, i, end, reason))
                    }
                    "ignore" => {}
                    "replace" => out.push(0xfffd),
                    "backslashreplace" => {
                        for &x in &b[i..end] {
                            out.extend(format!("\\x{:02x}", x).chars().map(|c| c as u32));
                        }
                    }
                    "surrogateescape" => {
                        for &x in &b[i..end] {
                            out.push(0xdc00 + x as u32);
                        }
                    }
                    other => return Err(unknown_handler(other)),
                }
                i = end;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::format_spec::{cps_to_string, str_to_cps};

    fn enc(s: &[u32], codec: &str, errors: &str) -> Result<Vec<u8>, String> {
        let c = normalize_encoding(codec).map_err(|e| e.msg)?;
        encode(s, c, errors).map_err(|e| e.err.msg)
    }
    fn dec(b: &[u8], codec: &str, errors: &str) -> Result<String, String> {
        let c = normalize_encoding(codec).map_err(|e| e.msg)?;
        decode(b, c, errors)
            .map(|v| cps_to_string(&v))
            .map_err(|e| e.err.msg)
    }

    #[test]
    fn encoding() {
        // Expected values from python3.11.
        assert_eq!(
            enc(&[0xd800], "utf-8", "strict").unwrap_err(),
            "'utf-8' codec can't encode character '\\ud800' in position 0: surrogates not allowed"
        );
        assert_eq!(
            enc(&[0x61, 0xd800, 0xdc00, 0x62], "utf8", "strict").unwrap_err(),
            "'utf-8' codec can't encode characters in position 1-2: surrogates not allowed"
        );
        assert_eq!(
            enc(&str_to_cps("\u{e9}"), "ascii", "strict").unwrap_err(),
            "'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)"
        );
        assert_eq!(
            enc(&str_to_cps("\u{e9}\u{e9}"), "ascii", "strict").unwrap_err(),
            "'ascii' codec can't encode characters in position 0-1: ordinal not in range(128)"
        );
        assert_eq!(enc(&str_to_cps("a\u{20ac}"), "latin-1", "strict").unwrap_err(), "'latin-1' codec can't encode character '\\u20ac' in position 1: ordinal not in range(256)");
        let s = str_to_cps("\u{e9}\u{20ac}\u{1f600}");
        assert_eq!(enc(&s, "ascii", "replace").unwrap(), b"???");
        assert_eq!(
            enc(&s, "ascii", "backslashreplace").unwrap(),
            b"\\xe9\\u20ac\\U0001f600"
        );
        assert_eq!(
            enc(&s, "ascii", "xmlcharrefreplace").unwrap(),
            b"&#233;&#8364;&#128512;"
        );
        assert_eq!(
            enc(&[0x61, 0xdcff], "utf-8", "surrogateescape").unwrap(),
            b"a\xff"
        );
        assert_eq!(
            enc(&[0x61, 0xd800], "utf-8", "surrogatepass").unwrap(),
            b"a\xed\xa0\x80"
        );
        assert_eq!(
            enc(&str_to_cps("\u{e9}"), "ascii", "bogus").unwrap_err(),
            "unknown error handler name 'bogus'"
        );
        assert_eq!(enc(&str_to_cps("e"), "ascii", "bogus").unwrap(), b"e");
        assert_eq!(
            enc(&str_to_cps("e"), "bogus", "strict").unwrap_err(),
            "unknown encoding: bogus"
        );
        assert_eq!(enc(&str_to_cps("\u{e9}"), "ascii", "ignore").unwrap(), b"");
        assert_eq!(
            enc(&str_to_cps("h\u{e9}\u{1f600}"), "UTF-8", "strict").unwrap(),
            "h\u{e9}\u{1f600}".as_bytes()
        );
    }

    #[test]
    fn decoding() {
        let m = |b: &[u8]| dec(b, "utf-8", "strict").unwrap_err();
        assert_eq!(
            m(b"\xff"),
            "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
        );
        assert_eq!(
            m(b"a\xc3"),
            "'utf-8' codec can't decode byte 0xc3 in position 1: unexpected end of data"
        );
        assert_eq!(
            m(b"\xc3a"),
            "'utf-8' codec can't decode byte 0xc3 in position 0: invalid continuation byte"
        );
        assert_eq!(
            m(b"\xe2\x82"),
            "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"
        );
        assert_eq!(
            m(b"\xe2\x82a"),
            "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"
        );
        assert_eq!(
            m(b"\xed\xa0\x80"),
            "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"
        );
        assert_eq!(
            m(b"\xf0\x90"),
            "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"
        );
        assert_eq!(
            m(b"\xf4\x90\x80\x80"),
            "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte"
        );
        assert_eq!(
            m(b"\xc0\x80"),
            "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"
        );
        assert_eq!(
            m(b"\xe2\x28\xa1"),
            "'utf-8' codec can't decode byte 0xe2 in position 0: invalid continuation byte"
        );
        assert_eq!(
            dec(b"\xff\xfe", "utf-8", "replace").unwrap(),
            "\u{fffd}\u{fffd}"
        );
        assert_eq!(
            dec(b"\xe2\x82a\xf0\x90\x80", "utf-8", "replace").unwrap(),
            "\u{fffd}a\u{fffd}"
        );
        assert_eq!(
            dec(b"\xe0\x80\x80", "utf-8", "replace").unwrap(),
            "\u{fffd}\u{fffd}\u{fffd}"
        );
        let c = normalize_encoding("utf-8").unwrap();
        assert_eq!(
            decode(b"a\xffb", c, "surrogateescape").unwrap(),
            vec![0x61, 0xdcff, 0x62]
        );
        assert_eq!(dec(b"a\xffb", "utf-8", "ignore").unwrap(), "ab");
        assert_eq!(
            dec(b"a\xffb", "utf-8", "backslashreplace").unwrap(),
            "a\\xffb"
        );
        assert_eq!(
            dec(b"\xff", "ascii", "strict").unwrap_err(),
            "'ascii' codec can't decode byte 0xff in position 0: ordinal not in range(128)"
        );
        assert_eq!(dec(b"\xff", "latin-1", "strict").unwrap(), "\u{ff}");
        assert_eq!(
            decode(b"\xed\xa0\x80", c, "surrogatepass").unwrap(),
            vec![0xd800]
        );
        assert_eq!(
            dec("h\u{e9}\u{1f600}".as_bytes(), "utf8", "strict").unwrap(),
            "h\u{e9}\u{1f600}"
        );
        let e = decode(b"a\xc3", c, "strict").unwrap_err();
        assert_eq!((e.start, e.end, e.reason), (1, 2, "unexpected end of data"));
    }
}
