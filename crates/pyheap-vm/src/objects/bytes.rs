//! `bytes` (data inline after a 32-byte header: `33 + n` bytes, as CPython)
//! and `bytearray` (56 bytes + a separately allocated buffer).

use std::cell::{Cell, RefCell};

use pyheap_mem::{new_object, Payload, TypeSlots};

use crate::rt::Obj;
use crate::types::t;

pub struct BytesObj {
    pub size: usize,
    pub hash: Cell<isize>,
}

impl Payload for BytesObj {
    type Item = Cell<u8>;
    fn item_count(&self, _ty: &TypeSlots) -> usize {
        self.size + 1
    }
}

pub fn set_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<BytesObj>(s, 16)
}

/// NOTE: the buffer lives in the Rust heap; `allocated` mirrors CPython's
/// growth rule so `__sizeof__` reports `56 + allocated`.
pub struct ByteArrayObj {
    pub data: RefCell<Vec<u8>>,
    pub allocated: Cell<usize>,
}

impl Payload for ByteArrayObj {
    type Item = pyheap_mem::typed::NoItems;
}

pub fn set_bytearray_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<ByteArrayObj>(s, 16)
}

pub fn alloc_bytes(b: &[u8]) -> Obj {
    alloc_bytes_of(&t().bytes, b)
}

/// A bytes object of type `ty` (bytes or a subclass, whose instances are
/// tracked GC objects as in CPython).
pub fn alloc_bytes_of(ty: &Obj, b: &[u8]) -> Obj {
    let o = match new_object(
        ty,
        BytesObj {
            size: b.len(),
            hash: Cell::new(-1),
        },
        b.len() + 1,
    ) {
        Ok(o) => o,
        Err(_) => return crate::exc::memory_error_obj(),
    };
    for (c, v) in o.items::<BytesObj>().iter().zip(b) {
        c.set(*v);
    }
    crate::gcapi::track(&o);
    o
}

pub fn new_bytes(b: &[u8]) -> Obj {
    match b.len() {
        0 => t().empty_bytes.clone(),
        1 => t().byte_chars[b[0] as usize].clone(),
        _ => alloc_bytes(b),
    }
}

/// Content of a bytes or bytearray object.
pub fn bytes_data(o: &Obj) -> Option<Vec<u8>> {
    if o.payload::<BytesObj>().is_some() {
        let items = o.items::<BytesObj>();
        let n = items.len().saturating_sub(1);
        return Some(items[..n].iter().map(|c| c.get()).collect());
    }
    o.payload::<ByteArrayObj>().map(|b| b.data.borrow().clone())
}

/// Byte `i` of a bytes or bytearray object (without copying the content).
pub fn byte_at(o: &Obj, i: usize) -> Option<u8> {
    if o.payload::<BytesObj>().is_some() {
        let items = o.items::<BytesObj>();
        let n = items.len().saturating_sub(1);
        return items[..n].get(i).map(|c| c.get());
    }
    o.payload::<ByteArrayObj>()
        .and_then(|b| b.data.borrow().get(i).copied())
}

/// True for bytearray objects (and subclass instances).
pub fn is_bytearray(o: &Obj) -> bool {
    o.payload::<ByteArrayObj>().is_some()
}

pub fn is_bytes(o: &Obj) -> bool {
    o.payload::<BytesObj>().is_some()
}

pub fn new_bytearray(b: Vec<u8>) -> Obj {
    let alloc = if b.is_empty() { 0 } else { b.len() + 1 };
    new_object(
        &t().bytearray,
        ByteArrayObj {
            data: RefCell::new(b),
            allocated: Cell::new(alloc),
        },
        0,
    )
    .unwrap_or_else(|_| crate::exc::memory_error_obj())
}

/// CPython's bytearray growth when appending one byte.
pub fn bytearray_grow(o: &Obj, newsize: usize) {
    if let Some(p) = o.payload::<ByteArrayObj>() {
        let alloc = p.allocated.get();
        if newsize + 1 > alloc {
            let new_alloc = if newsize as f64 <= alloc as f64 * 1.125 {
                newsize + (newsize >> 3) + if newsize < 9 { 3 } else { 6 }
            } else {
                newsize + 1
            };
            p.allocated.set(new_alloc);
        }
    }
}
