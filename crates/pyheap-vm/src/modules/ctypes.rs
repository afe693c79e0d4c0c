//! The `_ctypes` module: the native half of pyheap's `ctypes` subset, for
//! memory inspection only (the Python half is `py/ctypes.py`).
//!
//! Read [`read_mem`] first. Every read goes through pyheap-mem's checked
//! readers (`alloc::read_word`), so a Python program can ask about any
//! address without crashing the process:
//! - inside pyheap's heap (arenas, live large blocks): the bytes there, live
//!   or freed, little-endian;
//! - anywhere else: `ValueError: ctypes: address 0x... is not inside
//!   pyheap's heap`.
//!
//! NOTE: CPython would read (or crash on) any address; pyheap deliberately
//! refuses foreign memory instead, since it cannot read it safely. Writes
//! are not supported at all.
//!
//! `PyObj_FromPtr(addr)` returns the live object whose header is at `addr`
//! (`pyheap_mem::object::object_ref_at`); a freed block or an address that is
//! not an object header raises `ValueError` instead of crashing.

use super::add_fn;
use crate::exc::{type_err, value_err};
use crate::objects::int::{as_i64, new_int};
use crate::rt::{Kw, Obj, PyResult};

fn addr_arg(a: &[Obj], i: usize, f: &str) -> PyResult<usize> {
    let o = a
        .get(i)
        .ok_or_else(|| type_err(&format!("{f}() missing required argument (pos {})", i + 1)))?;
    let v = crate::ops::index(o)?;
    match as_i64(&v) {
        Some(n) if n >= 0 => Ok(n as usize),
        Some(n) if n < 0 => Err(value_err(&format!(
            "ctypes: address {n} is not inside pyheap's heap"
        ))),
        _ => Err(crate::exc::new_err(
            &crate::types::t().overflow_error,
            "int too long to convert",
        )),
    }
}

/// Reads `size` bytes (1..=8) at `addr` as a little-endian unsigned value.
pub fn read_mem(addr: usize, size: usize) -> PyResult<u64> {
    let outside = || {
        value_err(&format!(
            "ctypes: address {addr:#x} is not inside pyheap's heap"
        ))
    };
    let start = addr & !7;
    let end = addr.checked_add(size).ok_or_else(outside)?;
    let mut bytes = Vec::with_capacity(16);
    let mut w = start;
    while w < end {
        let word = pyheap_mem::alloc::read_word(w).map_err(|_| outside())?;
        bytes.extend_from_slice(&(word as u64).to_le_bytes());
        w += 8;
    }
    let off = addr - start;
    let mut buf = [0u8; 8];
    let n = size.min(8);
    buf[..n].copy_from_slice(&bytes[off..off + n]);
    Ok(u64::from_le_bytes(buf))
}

/// `_read(addr, size, kind)`: kind `"i"` signed int, `"u"` unsigned int,
/// `"d"` double, `"c"` one byte as `bytes`.
fn read(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let addr = addr_arg(&a, 0, "_read")?;
    let size = a.get(1).map(crate::ops::to_i64).transpose()?.unwrap_or(8);
    if !(1..=8).contains(&size) {
        return Err(value_err("_read(): size must be 1..8"));
    }
    let size = size as usize;
    let kind = a
        .get(2)
        .and_then(|k| crate::objects::str::as_str(k).map(|s| s.to_string()))
        .unwrap_or_else(|| "i".to_string());
    let raw = read_mem(addr, size)?;
    Ok(match kind.as_str() {
        "u" => crate::objects::int::new_int_usize(raw as usize),
        "d" => crate::objects::float::new_float(f64::from_bits(raw)),
        "c" => crate::objects::bytes::new_bytes(&[raw as u8]),
        _ => {
            let shift = 64 - 8 * size as u32;
            new_int(((raw << shift) as i64) >> shift)
        }
    })
}

/// `PyObj_FromPtr(addr)`: the object whose header is at `addr`.
fn pyobj_from_ptr(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let addr = addr_arg(&a, 0, "PyObj_FromPtr")?;
    if addr == 0 {
        return Err(value_err("PyObject is NULL"));
    }
    if !pyheap_mem::alloc::is_heap_address(addr) {
        return Err(value_err(&format!(
            "ctypes: address {addr:#x} is not inside pyheap's heap"
        )));
    }
    pyheap_mem::object::object_ref_at(addr).ok_or_else(|| {
        value_err(&format!(
            "ctypes: no live object at address {addr:#x} (freed memory or not an object header)"
        ))
    })
}

/// Fills `_ctypes`.
pub fn init(m: &Obj) -> PyResult<()> {
    add_fn(m, "_read", read)?;
    add_fn(m, "PyObj_FromPtr", pyobj_from_ptr)?;
    super::set_attr(m, "__version__", crate::objects::str::new_str("1.1.0"))?;
    Ok(())
}
