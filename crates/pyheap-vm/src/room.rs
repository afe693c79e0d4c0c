//! Buffers whose size a Python program chooses. Read [`vec_zeroed`] first.
//!
//! Rust's `Vec::with_capacity`/`vec![0; n]`/`String::with_capacity` abort
//! the process when the system refuses; a Python program asking for
//! `bytes(2**62)` must get `MemoryError` instead. Every VM buffer sized by
//! program input goes through these helpers: they check the request against
//! `isize::MAX` and `-X heaplimit` ([`crate::exc::check_heap_room`]) and then
//! reserve with `try_reserve`, turning refusal into `MemoryError`.

use crate::exc::{check_heap_room, memory_error};
use crate::rt::PyResult;

/// An empty `Vec` with room for `n` items.
pub fn vec_with_capacity<T>(n: usize) -> PyResult<Vec<T>> {
    check_heap_room(n.saturating_mul(std::mem::size_of::<T>()))?;
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| memory_error())?;
    Ok(v)
}

/// `n` zero bytes.
pub fn vec_zeroed(n: usize) -> PyResult<Vec<u8>> {
    let mut v = vec_with_capacity(n)?;
    v.resize(n, 0);
    Ok(v)
}

/// An empty `String` with room for `n` bytes.
pub fn string_with_capacity(n: usize) -> PyResult<String> {
    check_heap_room(n)?;
    let mut s = String::new();
    s.try_reserve_exact(n).map_err(|_| memory_error())?;
    Ok(s)
}

/// Room for `extra` more bytes in `s`.
pub fn reserve_str(s: &mut String, extra: usize) -> PyResult<()> {
    check_heap_room(s.len().saturating_add(extra))?;
    s.try_reserve(extra).map_err(|_| memory_error())
}

/// Room for `extra` more bytes in `v`.
pub fn reserve_bytes(v: &mut Vec<u8>, extra: usize) -> PyResult<()> {
    check_heap_room(v.len().saturating_add(extra))?;
    v.try_reserve(extra).map_err(|_| memory_error())
}
