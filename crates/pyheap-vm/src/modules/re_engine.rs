//! `_re`: the matching engine under `re` (written in Python, `py/re.py`),
//! on the `regex` crate.
//!
//! Read [`compile`] then [`search`]. Compiled patterns live in a per-thread
//! table and are named by an int handle. Positions crossing the boundary are
//! character indices (Python's), converted from the crate's byte offsets.
//! Python syntax the crate lacks (backreferences, lookaround) is rejected at
//! compile time with the crate's message.

use std::cell::RefCell;

use regex::{Regex, RegexBuilder};

use super::add_fn;
use crate::exc::{type_err, value_err};
use crate::objects::{int::new_int, list, str as pstr, tuple};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::none;

/// Python's flag bits (`re.I`, `re.M`, `re.S`, `re.X`).
const FLAG_I: i64 = 2;
const FLAG_M: i64 = 8;
const FLAG_S: i64 = 16;
const FLAG_X: i64 = 64;

/// One compiled pattern: unanchored, anchored at the start, and anchored at
/// both ends (for `search`, `match` and `fullmatch`).
struct Compiled {
    key: (String, i64),
    plain: Regex,
    start: Regex,
    full: Regex,
}

thread_local! {
    static TABLE: RefCell<Vec<Compiled>> = const { RefCell::new(Vec::new()) };
}

/// Rewrites the few escapes whose spelling differs (`\Z` is the crate's `\z`).
fn translate(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut it = p.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('Z') => out.push_str("\\z"),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn build(src: &str, flags: i64) -> Result<Regex, regex::Error> {
    RegexBuilder::new(src)
        .case_insensitive(flags & FLAG_I != 0)
        .multi_line(flags & FLAG_M != 0)
        .dot_matches_new_line(flags & FLAG_S != 0)
        .ignore_whitespace(flags & FLAG_X != 0)
        .build()
}

/// `_re.compile(pattern, flags)` → handle; a bad pattern raises ValueError
/// (re.py turns it into `re.error`).
fn compile(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let p = a
        .first()
        .and_then(pstr::as_str)
        .ok_or_else(|| type_err("pattern must be a str"))?;
    let flags = a.get(1).map(crate::ops::to_i64).transpose()?.unwrap_or(0);
    let key = (p.to_string(), flags);
    if let Some(i) = TABLE.with(|t| t.borrow().iter().position(|c| c.key == key)) {
        return Ok(new_int(i as i64));
    }
    let src = translate(p);
    let mk = |s: &str| build(s, flags).map_err(|e| value_err(&e.to_string()));
    let plain = mk(&src)?;
    let start = mk(&format!("\\A(?:{src})"))?;
    let full = mk(&format!("\\A(?:{src})\\z"))?;
    let i = TABLE.with(|t| {
        let mut t = t.borrow_mut();
        t.push(Compiled {
            key,
            plain,
            start,
            full,
        });
        t.len() - 1
    });
    Ok(new_int(i as i64))
}

fn handle(a: &[Obj]) -> PyResult<usize> {
    let h = a.first().map(crate::ops::to_i64).transpose()?.unwrap_or(-1);
    let ok = h >= 0 && TABLE.with(|t| (h as usize) < t.borrow().len());
    if ok {
        Ok(h as usize)
    } else {
        Err(value_err("bad pattern handle"))
    }
}

/// `_re.info(h)` → (number of groups, [(name, index), ...]).
fn info(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let h = handle(&a)?;
    let (n, names) = TABLE.with(|t| {
        let t = t.borrow();
        let r = &t[h].plain;
        let names: Vec<(String, usize)> = r
            .capture_names()
            .enumerate()
            .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
            .collect();
        (r.captures_len() - 1, names)
    });
    let names = names
        .into_iter()
        .map(|(s, i)| tuple::new_tuple(vec![pstr::new_string(s), new_int(i as i64)]))
        .collect();
    Ok(tuple::new_tuple(vec![
        new_int(n as i64),
        list::new_list(names),
    ]))
}

/// Byte offset ↔ char index conversion for one haystack.
struct Text<'a> {
    s: &'a str,
    ascii: bool,
}

impl Text<'_> {
    fn byte_of(&self, ci: usize) -> usize {
        if self.ascii {
            return ci.min(self.s.len());
        }
        self.s
            .char_indices()
            .nth(ci)
            .map_or(self.s.len(), |(b, _)| b)
    }
    fn char_of(&self, bi: usize) -> usize {
        if self.ascii {
            return bi;
        }
        self.s[..bi].chars().count()
    }
}

/// Spans of one match: [start0, end0, start1, end1, ...], -1 when a group
/// did not take part.
fn spans(text: &Text, caps: &regex::Captures, base: usize) -> Vec<i64> {
    let mut v = Vec::with_capacity(caps.len() * 2);
    for g in caps.iter() {
        match g {
            Some(m) => {
                v.push(text.char_of(base + m.start()) as i64);
                v.push(text.char_of(base + m.end()) as i64);
            }
            None => {
                v.push(-1);
                v.push(-1);
            }
        }
    }
    v
}

fn spans_obj(v: Vec<i64>) -> Obj {
    tuple::new_tuple(v.into_iter().map(new_int).collect())
}

/// Common argument decoding: (handle, string, pos, endpos) with pos/endpos
/// clamped as Python does.
fn args4(a: &[Obj]) -> PyResult<(usize, String, usize, usize)> {
    let h = handle(a)?;
    let s = a
        .get(1)
        .and_then(pstr::as_str)
        .ok_or_else(|| type_err("expected string or bytes-like object"))?
        .to_string();
    let n = s.chars().count() as i64;
    let pos = a
        .get(2)
        .map(crate::ops::to_i64)
        .transpose()?
        .unwrap_or(0)
        .clamp(0, n);
    let end = a
        .get(3)
        .map(crate::ops::to_i64)
        .transpose()?
        .unwrap_or(n)
        .clamp(0, n);
    Ok((h, s, pos as usize, (end as usize).max(pos as usize)))
}

/// `_re.search(h, string, pos, endpos, mode)` with mode 0 search, 1 match,
/// 2 fullmatch → spans tuple or None.
fn search(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let (h, s, pos, end) = args4(&a)?;
    let mode = a.get(4).map(crate::ops::to_i64).transpose()?.unwrap_or(0);
    let text = Text {
        s: &s,
        ascii: s.is_ascii(),
    };
    let (bp, be) = (text.byte_of(pos), text.byte_of(end));
    let found = TABLE.with(|t| {
        let t = t.borrow();
        let c = &t[h];
        let hay = &s[..be];
        match mode {
            1 => c.start.captures(&hay[bp..]).map(|m| spans(&text, &m, bp)),
            2 => c.full.captures(&hay[bp..]).map(|m| spans(&text, &m, bp)),
            _ => c.plain.captures_at(hay, bp).map(|m| spans(&text, &m, 0)),
        }
    });
    Ok(found.map(spans_obj).unwrap_or_else(none))
}

/// `_re.find_all(h, string, pos, endpos)` → list of spans tuples for all
/// non-overlapping matches.
fn find_all(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let (h, s, pos, end) = args4(&a)?;
    let text = Text {
        s: &s,
        ascii: s.is_ascii(),
    };
    let (bp, be) = (text.byte_of(pos), text.byte_of(end));
    let all: Vec<Vec<i64>> = TABLE.with(|t| {
        let t = t.borrow();
        let hay = &s[..be];
        let mut out = Vec::new();
        let mut at = bp;
        // NOTE: as Python 3.7+, an empty match may directly follow a
        // non-empty one; after an empty match the search resumes one
        // character later (Python would still accept a non-empty match at
        // the same place, a rare case this engine does not reproduce).
        while at <= hay.len() {
            let Some(m) = t[h].plain.captures_at(hay, at) else {
                break;
            };
            let Some(whole) = m.get(0) else { break };
            out.push(spans(&text, &m, 0));
            at = if whole.start() == whole.end() {
                next_char(hay, whole.end())
            } else {
                whole.end()
            };
        }
        out
    });
    Ok(list::new_list(all.into_iter().map(spans_obj).collect()))
}

fn next_char(s: &str, b: usize) -> usize {
    s[b..].chars().next().map_or(b + 1, |c| b + c.len_utf8())
}

pub fn init(m: &Obj) -> PyResult<()> {
    add_fn(m, "compile", compile)?;
    add_fn(m, "info", info)?;
    add_fn(m, "search", search)?;
    add_fn(m, "find_all", find_all)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{build, next_char, translate, Text};

    #[test]
    fn translate_rewrites_only_backslash_z() {
        assert_eq!(translate(r"a\Z"), r"a\z");
        assert_eq!(translate(r"a\\Z"), r"a\\Z");
        assert_eq!(translate(r"\d+\."), r"\d+\.");
    }

    #[test]
    fn char_and_byte_offsets_round_trip() {
        let s = "aéb€c";
        let t = Text { s, ascii: false };
        for ci in 0..=5 {
            assert_eq!(t.char_of(t.byte_of(ci)), ci);
        }
        assert_eq!(t.byte_of(2), 3);
        assert_eq!(next_char(s, 1), 3);
    }

    #[test]
    fn flags_map_to_builder_options() {
        let r = build("a.b", 2 | 16).expect("valid pattern");
        assert!(r.is_match("A\nB"));
        let m = build("^b", 8).expect("valid pattern");
        assert!(m.is_match("a\nb"));
        assert!(build("(", 0).is_err());
    }
}
