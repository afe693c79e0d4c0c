//! `memoryview` over `bytes` and `bytearray` (one-dimensional, format `'B'`),
//! with CPython 3.11's object structure: every view points at a
//! `managedbuffer` (the exporter's buffer, shared by all views made from it,
//! including slices and `memoryview(view)`), and only the managed buffer
//! holds a reference to the exporter.
//!
//! Read [`memoryview_new`] first, then [`release_view`].
//!
//! Sizes: a view is `144 + 3 * 8` bytes (`tp_basicsize` 144, `ob_size` 3 =
//! shape/strides/suboffsets for one dimension) plus the GC header = 184; a
//! managed buffer is 112 + 16.
//!
//! Invariants: `exports` of a managed buffer counts its unreleased views;
//! when it drops to 0 the buffer releases the exporter (its slot empties)
//! and, for a bytearray, the export mark that makes resizing raise
//! `BufferError`. A released view keeps its managed buffer (as CPython) but
//! refuses every operation with `ValueError`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use pyheap_mem::{new_object, ObjPtr, Payload, Slot, TypeFlags, TypeSlots};

use crate::exc::{index_err, new_err, type_err, value_err};
use crate::objects::bytes::{bytes_data, ByteArrayObj, BytesObj};
use crate::objects::int::new_int_usize;
use crate::objects::{list, str as pstr};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{add_getset, add_method, add_static, none, py_bool, t, tname};

/// `_PyManagedBufferObject`: the exporter and the number of live views.
pub struct ManagedBufferObj {
    obj: Slot,
    exports: Cell<usize>,
}

impl Payload for ManagedBufferObj {
    type Item = pyheap_mem::typed::NoItems;
}

/// A one-dimensional view: items `start + i * step` for `i < len` of the
/// exporter's bytes.
///
/// NOTE: padded to CPython's object size (144-byte `tp_basicsize` plus the
/// 3-word `ob_array` of one dimension = 168 bytes from the object address),
/// so a view occupies the same block as in CPython; the padding stands for
/// the `Py_buffer` fields CPython keeps inline and pyheap does not need.
#[repr(C)]
pub struct MemoryViewObj {
    mbuf: Slot,
    start: usize,
    step: isize,
    len: usize,
    readonly: bool,
    released: Cell<bool>,
    _inline_buffer: [u64; 14],
}

const _: () = assert!(16 + std::mem::size_of::<MemoryViewObj>() == MEMORYVIEW_SIZE);

impl Payload for MemoryViewObj {
    type Item = pyheap_mem::typed::NoItems;
}

const MEMORYVIEW_BASICSIZE: usize = 144;
const MEMORYVIEW_SIZE: usize = MEMORYVIEW_BASICSIZE + 3 * 8;
const MANAGEDBUFFER_SIZE: usize = 112;

thread_local! {
    static TYPES: std::mem::ManuallyDrop<RefCell<Option<(Obj, Obj)>>> =
        const { std::mem::ManuallyDrop::new(RefCell::new(None)) };
    /// Addresses of bytearrays with live exports → count (resizing them raises).
    static EXPORTED: RefCell<HashMap<usize, usize>> = RefCell::new(HashMap::new());
}

fn set_view_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<MemoryViewObj>(s, 16)
}

fn set_mbuf_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<ManagedBufferObj>(s, 16)
}

fn view_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(p) = o.payload::<MemoryViewObj>().and_then(|v| v.mbuf.peek()) {
        visit(p);
    }
}

fn mbuf_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(p) = o.payload::<ManagedBufferObj>().and_then(|m| m.obj.peek()) {
        visit(p);
    }
}

fn mbuf_clear(o: &Obj) {
    if let Some(m) = o.payload::<ManagedBufferObj>() {
        let old = m.obj.take();
        if let Some(x) = &old {
            unmark_export(x, m.exports.replace(0));
        }
        drop(old);
    }
}

/// A released view's deallocation releases its export (`memory_dealloc`).
fn view_dealloc(o: &Obj) {
    release_view(o);
}

/// `(memoryview type, managedbuffer type)`, created on first use.
fn types() -> (Obj, Obj) {
    if let Some(p) = TYPES.with(|c| c.borrow().clone()) {
        return p;
    }
    let tt = t();
    let view = crate::types::new_builtin_type(
        &tt.type_,
        "memoryview",
        Some(&tt.object),
        MEMORYVIEW_BASICSIZE,
        TypeFlags::HAVE_GC,
        Some(set_view_payload),
    );
    let mbuf = crate::types::new_builtin_type(
        &tt.type_,
        "managedbuffer",
        Some(&tt.object),
        MANAGEDBUFFER_SIZE,
        TypeFlags::HAVE_GC,
        Some(set_mbuf_payload),
    );
    if let Some(s) = view.as_type_slots() {
        s.traverse.set(Some(view_traverse));
        s.dealloc.set(Some(view_dealloc));
        s.itemsize.set(8);
    }
    if let Some(s) = mbuf.as_type_slots() {
        s.traverse.set(Some(mbuf_traverse));
        s.clear.set(Some(mbuf_clear));
        s.dealloc.set(Some(mbuf_clear));
    }
    crate::types::finish_builtin(&view);
    crate::types::finish_builtin(&mbuf);
    TYPES.with(|c| *c.borrow_mut() = Some((view.clone(), mbuf.clone())));
    register(&view);
    (view, mbuf)
}

/// The `memoryview` type object.
pub fn type_obj() -> Obj {
    types().0
}

fn view(o: &Obj) -> Option<&MemoryViewObj> {
    o.payload::<MemoryViewObj>()
}

pub fn is_memoryview(o: &Obj) -> bool {
    view(o).is_some()
}

fn mark_export(x: &Obj) {
    if x.payload::<ByteArrayObj>().is_some() {
        EXPORTED.with(|e| *e.borrow_mut().entry(x.addr()).or_insert(0) += 1);
    }
}

fn unmark_export(x: &Obj, n: usize) {
    if n == 0 || x.payload::<ByteArrayObj>().is_none() {
        return;
    }
    EXPORTED.with(|e| {
        let mut e = e.borrow_mut();
        if let Some(c) = e.get_mut(&x.addr()) {
            *c = c.saturating_sub(n);
            if *c == 0 {
                e.remove(&x.addr());
            }
        }
    });
}

/// `BufferError` when `o` (a bytearray) has live exports and must not be
/// resized (`bytearray.append`, `extend`, …).
pub fn check_resizable(o: &Obj) -> PyResult<()> {
    if EXPORTED.with(|e| e.borrow().contains_key(&o.addr())) {
        return Err(new_err(
            &t().buffer_error,
            "Existing exports of data: object cannot be re-sized",
        ));
    }
    Ok(())
}

/// A new view on the managed buffer `mbuf` (counts one export).
fn new_view(mbuf: &Obj, start: usize, step: isize, len: usize, readonly: bool) -> Obj {
    if let Some(m) = mbuf.payload::<ManagedBufferObj>() {
        m.exports.set(m.exports.get() + 1);
        if let Some(x) = m.obj.get() {
            mark_export(&x);
        }
    }
    let o = new_object(
        &types().0,
        MemoryViewObj {
            mbuf: Slot::new(Some(mbuf.clone())),
            start,
            step,
            len,
            readonly,
            released: Cell::new(false),
            _inline_buffer: [0; 14],
        },
        0,
    )
    .unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&o);
    o
}

/// `memoryview(obj)`.
fn memoryview_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let src = args
        .get(1)
        .cloned()
        .or_else(|| crate::builtins::kwarg(&kw, "object"))
        .ok_or_else(|| type_err("memoryview() missing required argument 'object' (pos 1)"))?;
    if let Some(v) = view(&src) {
        check_live(v)?;
        let mbuf = v.mbuf.get().ok_or_else(released_err)?;
        return Ok(new_view(&mbuf, v.start, v.step, v.len, v.readonly));
    }
    let (len, readonly) = if let Some(b) = src.payload::<BytesObj>() {
        (b.size, true)
    } else if let Some(b) = src.payload::<ByteArrayObj>() {
        (b.data.borrow().len(), false)
    } else {
        return Err(type_err(&format!(
            "memoryview: a bytes-like object is required, not '{}'",
            tname(&src)
        )));
    };
    let mbuf = new_object(
        &types().1,
        ManagedBufferObj {
            obj: Slot::new(Some(src)),
            exports: Cell::new(0),
        },
        0,
    )
    .unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&mbuf);
    Ok(new_view(&mbuf, 0, 1, len, readonly))
}

fn released_err() -> crate::rt::PyErr {
    value_err("operation forbidden on released memoryview object")
}

fn check_live(v: &MemoryViewObj) -> PyResult<()> {
    if v.released.get() {
        return Err(released_err());
    }
    Ok(())
}

/// Releases the view's export (idempotent): the last one releases the
/// exporter (`memory_release` → `mbuf_release`).
pub fn release_view(o: &Obj) {
    let Some(v) = view(o) else {
        return;
    };
    if v.released.replace(true) {
        return;
    }
    let Some(mbuf) = v.mbuf.get() else {
        return;
    };
    if let Some(m) = mbuf.payload::<ManagedBufferObj>() {
        let n = m.exports.get().saturating_sub(1);
        m.exports.set(n);
        if let Some(x) = m.obj.get() {
            unmark_export(&x, 1);
        }
        if n == 0 {
            drop(m.obj.take());
        }
    }
}

/// The exporter of a live view.
fn exporter(v: &MemoryViewObj) -> PyResult<Obj> {
    check_live(v)?;
    v.mbuf
        .get()
        .and_then(|m| m.payload::<ManagedBufferObj>().and_then(|p| p.obj.get()))
        .ok_or_else(released_err)
}

/// Byte `i` of the view (0 <= i < len), read from the exporter.
fn byte_at(x: &Obj, v: &MemoryViewObj, i: usize) -> PyResult<u8> {
    let pos = v.start as isize + i as isize * v.step;
    let oob = || index_err("index out of bounds on dimension 1");
    let pos = usize::try_from(pos).map_err(|_| oob())?;
    if x.payload::<BytesObj>().is_some() {
        return x
            .items::<BytesObj>()
            .get(pos)
            .map(|c| c.get())
            .ok_or_else(oob);
    }
    if let Some(b) = x.payload::<ByteArrayObj>() {
        return b.data.borrow().get(pos).copied().ok_or_else(oob);
    }
    Err(oob())
}

fn view_bytes(o: &Obj) -> PyResult<Vec<u8>> {
    let v = view(o).ok_or_else(|| type_err("descriptor requires a 'memoryview' object"))?;
    let x = exporter(v)?;
    if v.step == 1 {
        let all = bytes_data(&x).unwrap_or_default();
        return Ok(all
            .get(v.start..v.start + v.len)
            .map(<[u8]>::to_vec)
            .unwrap_or_default());
    }
    (0..v.len).map(|i| byte_at(&x, v, i)).collect()
}

/// Content of a view (for `bytes(view)`, `bytearray(view)`, `b"".join`).
pub fn data(o: &Obj) -> Option<PyResult<Vec<u8>>> {
    view(o).map(|_| view_bytes(o))
}

/// `view.__sizeof__()`: `tp_basicsize` + 3 words per dimension.
pub fn sizeof(o: &Obj) -> Option<usize> {
    view(o).map(|_| MEMORYVIEW_SIZE)
}

/// `len(view)`.
pub fn len(o: &Obj) -> Option<PyResult<usize>> {
    view(o).map(|v| check_live(v).map(|_| v.len))
}

/// `view[key]`: an int for an index, a new view for a slice.
pub fn getitem(o: &Obj, key: &Obj) -> Option<PyResult<Obj>> {
    let v = view(o)?;
    Some(getitem_impl(o, v, key))
}

fn getitem_impl(_o: &Obj, v: &MemoryViewObj, key: &Obj) -> PyResult<Obj> {
    check_live(v)?;
    if key.has_type(&t().slice) {
        let (start, _, step, n) = crate::seq::slice_indices(key, v.len)?;
        let mbuf = v.mbuf.get().ok_or_else(released_err)?;
        let first = v.start as isize + start * v.step;
        let first = usize::try_from(first).unwrap_or(0);
        return Ok(new_view(&mbuf, first, v.step * step, n, v.readonly));
    }
    let i = item_index(v, key)?;
    let x = exporter(v)?;
    Ok(new_int_usize(byte_at(&x, v, i)? as usize))
}

fn item_index(v: &MemoryViewObj, key: &Obj) -> PyResult<usize> {
    if crate::objects::int::int_value(key).is_none() && !crate::types::is_heap_type(&key.type_ref())
    {
        return Err(type_err("memoryview: invalid slice key"));
    }
    let i = crate::ops::to_i64(&crate::ops::index(key)?)?;
    let n = v.len as i64;
    let j = if i < 0 { i + n } else { i };
    if !(0..n).contains(&j) {
        return Err(index_err("index out of bounds on dimension 1"));
    }
    Ok(j as usize)
}

/// `view[i] = byte` (slice assignment is not supported).
pub fn setitem(o: &Obj, key: &Obj, val: Option<Obj>) -> Option<PyResult<()>> {
    let v = view(o)?;
    Some(setitem_impl(v, key, val))
}

fn setitem_impl(v: &MemoryViewObj, key: &Obj, val: Option<Obj>) -> PyResult<()> {
    check_live(v)?;
    if v.readonly {
        return Err(type_err("cannot modify read-only memory"));
    }
    let Some(val) = val else {
        return Err(type_err("cannot delete memory"));
    };
    if key.has_type(&t().slice) {
        return Err(new_err(
            &t().not_implemented_error,
            "memoryview slice assignment is not supported by pyheap",
        ));
    }
    let i = item_index(v, key)?;
    let b = crate::ops::to_i64(&val)?;
    if !(0..256).contains(&b) {
        return Err(value_err("memoryview: invalid value for format 'B'"));
    }
    let x = exporter(v)?;
    let pos = (v.start as isize + i as isize * v.step) as usize;
    if let Some(ba) = x.payload::<ByteArrayObj>() {
        if let Some(slot) = ba.data.borrow_mut().get_mut(pos) {
            *slot = b as u8;
        }
    }
    Ok(())
}

/// `repr(view)`.
pub fn repr(o: &Obj) -> Option<String> {
    let v = view(o)?;
    Some(if v.released.get() {
        format!("<released memory at {:#x}>", o.addr())
    } else {
        format!("<memory at {:#x}>", o.addr())
    })
}

/// `iter(view)`: the items as ints (iterates a snapshot list).
pub fn iter(o: &Obj) -> Option<PyResult<Obj>> {
    view(o)?;
    Some(mv_tolist(vec![o.clone()], vec![]).and_then(|l| crate::ops::iter(&l)))
}

fn self_view(a: &[Obj]) -> PyResult<(Obj, &MemoryViewObj)> {
    let o = a
        .first()
        .ok_or_else(|| type_err("descriptor needs an argument"))?;
    let v = view(o).ok_or_else(|| {
        type_err(&format!(
            "descriptor requires a 'memoryview' object but received a '{}'",
            tname(o)
        ))
    })?;
    Ok((o.clone(), v))
}

fn mv_tobytes(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let (o, _) = self_view(&a)?;
    Ok(crate::objects::bytes::new_bytes(&view_bytes(&o)?))
}

fn mv_tolist(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let (o, _) = self_view(&a)?;
    let items = view_bytes(&o)?
        .into_iter()
        .map(|b| new_int_usize(b as usize))
        .collect();
    Ok(list::new_list(items))
}

fn mv_hex(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let (o, _) = self_view(&a)?;
    let s: String = view_bytes(&o)?.iter().map(|b| format!("{b:02x}")).collect();
    Ok(pstr::new_string(s))
}

fn mv_release(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let (o, _) = self_view(&a)?;
    release_view(&o);
    Ok(none())
}

fn mv_enter(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let (o, v) = self_view(&a)?;
    check_live(v)?;
    Ok(o)
}

fn mv_exit(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let (o, _) = self_view(&a)?;
    release_view(&o);
    Ok(none())
}

fn mv_len(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let (_, v) = self_view(&a)?;
    check_live(v)?;
    Ok(new_int_usize(v.len))
}

fn get_view(o: &Obj) -> PyResult<&MemoryViewObj> {
    let v = view(o).ok_or_else(|| type_err("descriptor requires a 'memoryview' object"))?;
    check_live(v)?;
    Ok(v)
}

fn g_obj(o: &Obj) -> PyResult<Obj> {
    exporter(get_view(o)?)
}
fn g_nbytes(o: &Obj) -> PyResult<Obj> {
    Ok(new_int_usize(get_view(o)?.len))
}
fn g_readonly(o: &Obj) -> PyResult<Obj> {
    Ok(py_bool(get_view(o)?.readonly))
}
fn g_format(o: &Obj) -> PyResult<Obj> {
    get_view(o)?;
    Ok(pstr::new_str("B"))
}
fn g_itemsize(o: &Obj) -> PyResult<Obj> {
    get_view(o)?;
    Ok(new_int_usize(1))
}
fn g_ndim(o: &Obj) -> PyResult<Obj> {
    get_view(o)?;
    Ok(new_int_usize(1))
}
fn g_shape(o: &Obj) -> PyResult<Obj> {
    let n = get_view(o)?.len;
    Ok(crate::objects::tuple::new_tuple(vec![new_int_usize(n)]))
}
fn g_strides(o: &Obj) -> PyResult<Obj> {
    let s = get_view(o)?.step;
    Ok(crate::objects::tuple::new_tuple(vec![
        crate::objects::int::new_int(s as i64),
    ]))
}
fn g_contiguous(o: &Obj) -> PyResult<Obj> {
    let v = get_view(o)?;
    Ok(py_bool(v.step == 1 || v.len <= 1))
}

fn register(ty: &Obj) {
    add_static(ty, "__new__", memoryview_new);
    add_method(ty, "tobytes", mv_tobytes);
    add_method(ty, "tolist", mv_tolist);
    add_method(ty, "hex", mv_hex);
    add_method(ty, "release", mv_release);
    add_method(ty, "__enter__", mv_enter);
    add_method(ty, "__exit__", mv_exit);
    add_method(ty, "__len__", mv_len);
    add_getset(ty, "obj", g_obj, None);
    add_getset(ty, "nbytes", g_nbytes, None);
    add_getset(ty, "readonly", g_readonly, None);
    add_getset(ty, "format", g_format, None);
    add_getset(ty, "itemsize", g_itemsize, None);
    add_getset(ty, "ndim", g_ndim, None);
    add_getset(ty, "shape", g_shape, None);
    add_getset(ty, "strides", g_strides, None);
    add_getset(ty, "c_contiguous", g_contiguous, None);
    add_getset(ty, "f_contiguous", g_contiguous, None);
    add_getset(ty, "contiguous", g_contiguous, None);
}

/// `hash(view)`: the hash of its bytes, for read-only views only.
pub fn hash(o: &Obj) -> Option<PyResult<isize>> {
    let v = view(o)?;
    Some((|| {
        check_live(v)?;
        if !v.readonly {
            return Err(value_err("cannot hash writable memoryview object"));
        }
        Ok(crate::hashing::hash_bytes(&view_bytes(o)?))
    })())
}

/// `view == other` / `!=` when either side is a view: equal when the other
/// side is a bytes-like object with the same items. None for other operators.
pub fn compare(a: &Obj, b: &Obj, eq_op: bool) -> Option<PyResult<bool>> {
    if !is_memoryview(a) && !is_memoryview(b) {
        return None;
    }
    let bytes_of = |x: &Obj| -> PyResult<Option<Vec<u8>>> {
        match data(x) {
            Some(r) => r.map(Some),
            None => Ok(bytes_data(x)),
        }
    };
    Some((|| {
        if a.is(b) {
            return Ok(eq_op);
        }
        let same = match (bytes_of(a), bytes_of(b)) {
            (Ok(Some(x)), Ok(Some(y))) => x == y,
            // A released view only equals itself; other objects are unequal.
            _ => false,
        };
        Ok(same == eq_op)
    })())
}
