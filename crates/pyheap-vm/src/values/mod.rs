//! Pure algorithms for numbers, text, hashing and formatting (no heap objects).
//!
//! Everything here is a plain Rust function over Rust values (`i64`, `f64`,
//! `BigInt`, `&[u32]` code points, `&[u8]` bytes) that reproduces CPython
//! 3.11.7's observable behaviour: the same results, the same exception type
//! and the same message text. The interpreter wraps these in heap objects.
//!
//! Read first: [`ValueErr`] (the error convention), then the file for the
//! concept you need:
//! - [`hash`] — `hash()` of int/float/complex/tuple/frozenset/str/bytes.
//! - [`int_text`] — `int(str, base)`, `str(int)`, `hex/oct/bin`, int format specs.
//! - [`int_ops`] — floor div/mod, pow, shifts, true division, int→float.
//! - [`float_repr`] — `repr(float)` and the digit engine used by all float formatting.
//! - [`float_format`] — format specs (`format(x, '.2f')`) and `%`-pieces for floats.
//! - [`float_parse`] — `float(str)`.
//! - [`float_ops`] — `round`, `//`, `%`, `divmod`, `**`, `as_integer_ratio`, `hex`.
//! - [`text`] — str methods on code points; [`text_repr`] — `repr(str)`/`repr(bytes)`;
//!   [`unicode_db`] — character properties; [`codecs`] — utf-8/latin-1/ascii.
//! - [`bytes_ops`] — bytes methods with ASCII-only rules, `hex`/`fromhex`.
//! - [`format_spec`] — the format mini-language; [`format_template`] — `str.format`
//!   parsing; [`percent_format`] — the `%` operator engine.
//!
//! Callers holding Rust `&str` strings can use [`str_api`] wrappers.
//!
//! Invariant: no function here panics on any input a Python program can produce.

use std::fmt;

pub mod bytes_ops;
pub mod codecs;
pub mod float_format;
pub mod float_ops;
pub mod float_parse;
pub mod float_repr;
pub mod format_spec;
pub mod format_template;
pub mod hash;
pub mod int_ops;
pub mod int_text;
pub mod percent_format;
pub mod str_api;
pub mod text;
pub mod text_repr;
pub mod unicode_db;
mod unicode_tables;

/// The Python exception class a failed operation raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PyExcKind {
    ValueError,
    TypeError,
    OverflowError,
    ZeroDivisionError,
    IndexError,
    KeyError,
    LookupError,
    MemoryError,
    UnicodeEncodeError,
    UnicodeDecodeError,
}

/// A Python exception to raise: its class and CPython's exact message
/// (the text `str(exc)` shows).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueErr {
    pub kind: PyExcKind,
    pub msg: String,
}

impl ValueErr {
    /// Builds an error of `kind` with message `msg`.
    pub fn new(kind: PyExcKind, msg: impl Into<String>) -> ValueErr {
        ValueErr {
            kind,
            msg: msg.into(),
        }
    }
    pub fn value(msg: impl Into<String>) -> ValueErr {
        ValueErr::new(PyExcKind::ValueError, msg)
    }
    pub fn type_err(msg: impl Into<String>) -> ValueErr {
        ValueErr::new(PyExcKind::TypeError, msg)
    }
    pub fn overflow(msg: impl Into<String>) -> ValueErr {
        ValueErr::new(PyExcKind::OverflowError, msg)
    }
    pub fn zero_div(msg: impl Into<String>) -> ValueErr {
        ValueErr::new(PyExcKind::ZeroDivisionError, msg)
    }
}

impl fmt::Display for ValueErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.msg)
    }
}

/// Largest string (in code points) these functions agree to build.
/// NOTE: CPython would try to allocate and raise MemoryError on failure;
/// pyheap refuses up front so that a Python program cannot abort the process.
pub const MAX_TEXT_LEN: usize = 1 << 28;

/// MemoryError (empty message, as CPython's `PyErr_NoMemory`) if a result of
/// `n` code points would exceed [`MAX_TEXT_LEN`].
pub fn check_text_len(n: u64) -> VResult<()> {
    if n > MAX_TEXT_LEN as u64 {
        Err(ValueErr::new(PyExcKind::MemoryError, ""))
    } else {
        Ok(())
    }
}

/// Result alias used throughout `values`.
pub type VResult<T> = Result<T, ValueErr>;
