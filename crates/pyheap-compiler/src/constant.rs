//! Compile-time constants (`co_consts` entries) and their unit-wide identity.
//!
//! Read [`Constant`] first. Invariants:
//! * Every `Constant` carries an `id` that is unique per *distinct value* in
//!   one compilation unit (one `compile()` call): two constants with equal
//!   [`ConstKey`]s anywhere in the unit — in any nested code unit, or as an
//!   element of a constant tuple/frozenset — have the same `id`. The VM must
//!   create exactly **one heap object per id per compilation** (e.g. a
//!   `Vec<Option<Obj>>` of length `CodeUnit::unit_const_count`, filled
//!   lazily while converting code units), which reproduces CPython 3.11's
//!   constant sharing (`a = 257; b = 257` → `a is b`). Tuple/frozenset
//!   elements are shared the same way (CPython's `merge_consts_recursive`).
//! * `Code` constants are never merged: each has its own id.
//! * Equality for dedup is CPython's `_PyCode_ConstantKey`: (type, value)
//!   recursively; `0.0` vs `-0.0` distinct, `1` / `1.0` / `True` distinct,
//!   floats compared by bit pattern (so NaN constants with equal bits merge).
//! * `Str` constants that are identifier-like (only ASCII letters, digits,
//!   `_`; any length, including the empty string) must be interned by the VM,
//!   recursively inside tuples/frozensets: see [`ConstValue::should_intern`].
//! * `FrozenSet` elements are in source (insertion) order; the VM builds the
//!   frozenset by adding them in that order.

use std::fmt::Write as _;

use num_bigint::BigInt;

use crate::bytecode::CodeUnit;

/// A constant value with its unit-wide identity (see module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct Constant {
    /// Unit-wide id: equal values share an id; `< CodeUnit::unit_const_count`.
    pub id: u32,
    pub value: ConstValue,
}

/// The value of a constant.
#[derive(Debug, Clone, PartialEq)]
pub enum ConstValue {
    None,
    Bool(bool),
    Int(BigInt),
    Float(f64),
    Complex {
        re: f64,
        im: f64,
    },
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<Constant>),
    /// Elements in source (insertion) order, already deduplicated under
    /// Python `==` (`{1, 1.0}` keeps only `1`), see `fold::make_frozenset`.
    FrozenSet(Vec<Constant>),
    Ellipsis,
    Code(Box<CodeUnit>),
}

/// Hashable dedup key of a constant (CPython's `_PyCode_ConstantKey`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ConstKey {
    None,
    Bool(bool),
    Int(BigInt),
    Float(u64),
    Complex(u64, u64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<ConstKey>),
    FrozenSet(Vec<ConstKey>),
    Ellipsis,
    /// Code objects are keyed by their id (never merged).
    Code(u32),
}

impl ConstValue {
    /// The dedup key. `code_id` is used only for `Code` values.
    pub fn key(&self, code_id: u32) -> ConstKey {
        match self {
            ConstValue::None => ConstKey::None,
            ConstValue::Bool(b) => ConstKey::Bool(*b),
            ConstValue::Int(i) => ConstKey::Int(i.clone()),
            ConstValue::Float(f) => ConstKey::Float(f.to_bits()),
            ConstValue::Complex { re, im } => ConstKey::Complex(re.to_bits(), im.to_bits()),
            ConstValue::Str(s) => ConstKey::Str(s.clone()),
            ConstValue::Bytes(b) => ConstKey::Bytes(b.clone()),
            ConstValue::Tuple(items) => {
                ConstKey::Tuple(items.iter().map(|c| c.value.key(c.id)).collect())
            }
            ConstValue::FrozenSet(items) => {
                ConstKey::FrozenSet(items.iter().map(|c| c.value.key(c.id)).collect())
            }
            ConstValue::Ellipsis => ConstKey::Ellipsis,
            ConstValue::Code(_) => ConstKey::Code(code_id),
        }
    }

    /// True for a `Str` the VM must intern: only ASCII letters, digits and
    /// `_` (CPython's `all_name_chars`), any length.
    pub fn should_intern(&self) -> bool {
        match self {
            ConstValue::Str(s) => is_identifier_like(s),
            _ => false,
        }
    }

    /// Python `repr()` of the constant (code objects render as
    /// `<code object NAME, file "F", line N>` without an address).
    pub fn python_repr(&self) -> String {
        let mut out = String::new();
        write_repr(self, &mut out);
        out
    }
}

impl Constant {
    /// Python `repr()` of the value.
    pub fn python_repr(&self) -> String {
        self.value.python_repr()
    }
}

/// `all_name_chars` from CPython's codeobject.c.
pub fn is_identifier_like(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Render a `co_consts`-style tuple: `(a, b)`, `(a,)`, `()`.
pub fn repr_tuple(items: &[Constant]) -> String {
    let mut out = String::new();
    write_tuple(items, &mut out);
    out
}

fn write_tuple(items: &[Constant], out: &mut String) {
    out.push('(');
    for (i, c) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(&c.value, out);
    }
    if items.len() == 1 {
        out.push(',');
    }
    out.push(')');
}

fn write_repr(v: &ConstValue, out: &mut String) {
    match v {
        ConstValue::None => out.push_str("None"),
        ConstValue::Bool(true) => out.push_str("True"),
        ConstValue::Bool(false) => out.push_str("False"),
        ConstValue::Int(i) => {
            let _ = write!(out, "{i}");
        }
        ConstValue::Float(f) => out.push_str(&float_repr(*f)),
        ConstValue::Complex { re, im } => out.push_str(&complex_repr(*re, *im)),
        ConstValue::Str(s) => out.push_str(&str_repr(s)),
        ConstValue::Bytes(b) => out.push_str(&bytes_repr(b)),
        ConstValue::Tuple(items) => write_tuple(items, out),
        ConstValue::FrozenSet(items) => {
            if items.is_empty() {
                out.push_str("frozenset()");
            } else {
                out.push_str("frozenset({");
                for (i, c) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_repr(&c.value, out);
                }
                out.push_str("})");
            }
        }
        ConstValue::Ellipsis => out.push_str("Ellipsis"),
        ConstValue::Code(code) => {
            let _ = write!(
                out,
                "<code object {}, file \"{}\", line {}>",
                code.name, code.filename, code.first_line
            );
        }
    }
}

/// Python's `repr(float)` (shortest round-trip digits, `repr` layout rules).
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    // `{:e}` gives the shortest round-trip digits: "d.ddde<exp>".
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = match sci.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (sci.as_str(), 0),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if f < 0.0 { "-" } else { "" };
    let ndigits = digits.len() as i32;
    if (-4..16).contains(&exp) {
        // Fixed notation.
        let body = if exp >= 0 {
            let int_len = exp + 1;
            if ndigits <= int_len {
                format!("{}{}.0", digits, "0".repeat((int_len - ndigits) as usize))
            } else {
                let (a, b) = digits.split_at(int_len as usize);
                format!("{a}.{b}")
            }
        } else {
            format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1);
        let mant = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}.{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{mant}e{esign}{:02}", exp.abs())
    }
}

fn complex_part(f: f64) -> String {
    // Complex parts use repr but without a trailing ".0" for integral values.
    let r = float_repr(f);
    match r.strip_suffix(".0") {
        Some(s) => s.to_string(),
        None => r,
    }
}

/// Python's `repr(complex)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let im_s = complex_part(im);
    if re == 0.0 && re.is_sign_positive() {
        return format!("{im_s}j");
    }
    let re_s = complex_part(re);
    let im_signed = if im_s.starts_with('-') || im.is_nan() && im_s.starts_with('-') {
        im_s
    } else {
        format!("+{im_s}")
    };
    format!("({re_s}{im_signed}j)")
}

/// Python's `repr(str)`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let cp = c as u32;
                if cp < 0x100 {
                    let _ = write!(out, "\\x{cp:02x}");
                } else if cp < 0x10000 {
                    let _ = write!(out, "\\u{cp:04x}");
                } else {
                    let _ = write!(out, "\\U{cp:08x}");
                }
            }
        }
    }
    out.push(quote);
    out
}

/// Approximation of `str.isprintable` for one character: control characters,
/// separators other than space, and unassigned/private/surrogate code points
/// are not printable. NOTE: without the Unicode database we treat the common
/// non-printable ranges only.
fn is_printable(c: char) -> bool {
    let cp = c as u32;
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(cp, 0xAD | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x206F | 0xFEFF | 0xE000..=0xF8FF | 0xFFF0..=0xFFFB | 0xFFFE | 0xFFFF)
}

/// Python's `repr(bytes)`.
pub fn bytes_repr(b: &[u8]) -> String {
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
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_reprs_match_python() {
        let cases = [
            (1.5, "1.5"),
            (1.0, "1.0"),
            (0.5, "0.5"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-2.5e-10, "-2.5e-10"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1.2345e100, "1.2345e+100"),
            (-0.0, "-0.0"),
            (f64::INFINITY, "inf"),
        ];
        for (f, want) in cases {
            assert_eq!(float_repr(f), want, "{f}");
        }
    }

    #[test]
    fn complex_and_str_reprs() {
        assert_eq!(complex_repr(0.0, 1.0), "1j");
        assert_eq!(complex_repr(1.0, 2.0), "(1+2j)");
        assert_eq!(complex_repr(-0.0, 1.5), "(-0+1.5j)");
        assert_eq!(complex_repr(1.0, -2.0), "(1-2j)");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a\nb\u{1}é"), "'a\\nb\\x01é'");
        assert_eq!(bytes_repr(b"a'\x00"), "b\"a'\\x00\"");
    }

    #[test]
    fn keys_distinguish_type_and_sign() {
        let k = |v: ConstValue| v.key(0);
        assert_ne!(k(ConstValue::Float(0.0)), k(ConstValue::Float(-0.0)));
        assert_ne!(k(ConstValue::Int(1.into())), k(ConstValue::Bool(true)));
        assert_ne!(k(ConstValue::Int(1.into())), k(ConstValue::Float(1.0)));
        assert_eq!(
            k(ConstValue::Float(f64::NAN)),
            k(ConstValue::Float(f64::NAN))
        );
    }
}
