//! `str`: PEP 393 sizes, the 1-char Latin-1 cache, the empty singleton and
//! the interning table.
//!
//! Read [`new_str`] and [`intern`] first. Layout: the object block has
//! exactly CPython's size (`48 + n + 1` ASCII, `72 + n + 1` Latin-1,
//! `72 + 2(n+1)` UCS-2, `72 + 4(n+1)` UCS-4); the text itself is kept as
//! UTF-8 in the payload's box (NOTE: an approximation — the block bytes after
//! the payload are padding, so `getsizeof` and addresses match CPython while
//! the characters live in the Rust heap).
//!
//! CPython's UTF-8 cache: a non-ASCII str gets a UTF-8 copy (`utf8_len + 1`
//! bytes, counted by `getsizeof`) the first time C code asks for
//! `PyUnicode_AsUTF8` — in 3.11, observably, when it becomes a type's name
//! (`type(name, ...)`, a class statement, `cls.__name__ = name`); encoding,
//! hashing, printing, interning do not. [`materialize_utf8`] records that;
//! ASCII strs are their own UTF-8 and never grow.
//! NOTE: the flag is only the observable half: pyheap's text is UTF-8
//! already (see above), so no second copy is allocated.
//!
//! Invariant: strings are immutable except for the UTF-8 flag; `info` packs
//! `nchars << 2 | utf8_materialised << 1 | interned`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use pyheap_mem::{new_object, Payload, TypeSlots};

use crate::rt::Obj;
use crate::types::t;

pub struct StrObj {
    pub s: Box<str>,
    pub hash: Cell<isize>,
    pub info: Cell<usize>,
}

impl Payload for StrObj {
    type Item = u8;
}

pub fn set_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<StrObj>(s, 16)
}

thread_local! {
    /// The interned strings (NOTE: holds a counted reference, so interned
    /// strings are immortal here and report one more reference than CPython).
    static INTERNED: std::mem::ManuallyDrop<RefCell<HashMap<Box<str>, Obj>>> = std::mem::ManuallyDrop::new(RefCell::new(HashMap::new()));
}

/// CPython's `sizeof` of a str with `n` characters and max code point `maxc`.
pub fn str_sizeof(n: usize, maxc: u32) -> usize {
    if maxc < 128 {
        48 + n + 1
    } else if maxc < 256 {
        72 + n + 1
    } else if maxc < 65536 {
        72 + 2 * (n + 1)
    } else {
        72 + 4 * (n + 1)
    }
}

/// Allocates a new str object (no caching).
pub fn alloc_str_of(ty: &Obj, s: &str) -> Obj {
    let n = s.chars().count();
    let maxc = s.chars().map(|c| c as u32).max().unwrap_or(0);
    let size = str_sizeof(n, maxc);
    let payload = StrObj {
        s: s.into(),
        hash: Cell::new(-1),
        info: Cell::new(n << INFO_NCHARS_SHIFT),
    };
    let o = new_object(ty, payload, size.saturating_sub(48))
        .unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&o);
    o
}

/// A Python str (empty and 1-char Latin-1 strings are shared singletons).
pub fn new_str(s: &str) -> Obj {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (None, _) => t().empty_str.clone(),
        (Some(c), None) if (c as u32) < 256 => t().latin1[c as usize].clone(),
        _ => alloc_str_of(&t().str_, s),
    }
}

pub fn new_string(s: String) -> Obj {
    new_str(&s)
}

/// The interned str equal to `s`.
pub fn intern(s: &str) -> Obj {
    if let Some(o) = INTERNED.with(|m| m.borrow().get(s).cloned()) {
        return o;
    }
    let o = new_str(s);
    intern_obj(o)
}

/// Interns an exact str object (`sys.intern`).
pub fn intern_obj(o: Obj) -> Obj {
    let Some(p) = o.payload::<StrObj>() else {
        return o;
    };
    // NOTE: only the object stored in the table carries the interned flag
    // (a later intern of equal text returns that object), so a flagged
    // object is its own answer without hashing the text.
    if p.info.get() & INFO_INTERNED != 0 {
        return o;
    }
    let s: &str = &p.s;
    if let Some(x) = INTERNED.with(|m| m.borrow().get(s).cloned()) {
        return x;
    }
    p.info.set(p.info.get() | INFO_INTERNED);
    let key: Box<str> = s.into();
    INTERNED.with(|m| m.borrow_mut().insert(key, o.clone()));
    o
}

pub fn is_interned(o: &Obj) -> bool {
    o.payload::<StrObj>()
        .is_some_and(|p| p.info.get() & INFO_INTERNED != 0)
}

const INFO_INTERNED: usize = 1;
const INFO_UTF8: usize = 2;
const INFO_NCHARS_SHIFT: u32 = 2;

/// `PyUnicode_AsUTF8` on `o`: a non-ASCII str keeps a UTF-8 copy from now
/// on, which `sys.getsizeof` counts (see the module doc).
pub fn materialize_utf8(o: &Obj) {
    if let Some(p) = o.payload::<StrObj>() {
        p.info.set(p.info.get() | INFO_UTF8);
    }
}

/// The text of a str (or str subclass) object.
pub fn as_str(o: &Obj) -> Option<&str> {
    o.payload::<StrObj>().map(|p| &*p.s)
}

pub fn is_str(o: &Obj) -> bool {
    o.payload::<StrObj>().is_some()
}

/// Number of code points.
pub fn char_len(o: &Obj) -> usize {
    o.payload::<StrObj>()
        .map_or(0, |p| p.info.get() >> INFO_NCHARS_SHIFT)
}

/// `__sizeof__` of a str object.
pub fn sizeof(o: &Obj) -> usize {
    let Some(p) = o.payload::<StrObj>() else {
        return 0;
    };
    let s: &str = &p.s;
    let n = char_len(o);
    let base = str_sizeof(n, s.chars().map(|c| c as u32).max().unwrap_or(0));
    // The UTF-8 cache of a non-ASCII str (`s.len() > n` exactly then).
    if p.info.get() & INFO_UTF8 != 0 && s.len() > n {
        return base + s.len() + 1;
    }
    base
}

/// Cached str hash.
pub fn str_hash(o: &Obj) -> isize {
    let Some(p) = o.payload::<StrObj>() else {
        return 0;
    };
    let h = p.hash.get();
    if h != -1 {
        return h;
    }
    let h = crate::hashing::hash_str(&p.s);
    p.hash.set(h);
    h
}

/// Character at code-point index `i` (0-based, in range).
pub fn char_at(o: &Obj, i: usize) -> Option<char> {
    let s = as_str(o)?;
    if s.len() == char_len(o) {
        s.as_bytes().get(i).map(|b| *b as char)
    } else {
        s.chars().nth(i)
    }
}

/// Byte range of code points `[a, b)`.
pub fn substr(o: &Obj, a: usize, b: usize) -> String {
    let Some(s) = as_str(o) else {
        return String::new();
    };
    if s.len() == char_len(o) {
        return s.get(a..b.max(a)).unwrap_or("").to_string();
    }
    s.chars().skip(a).take(b.saturating_sub(a)).collect()
}
