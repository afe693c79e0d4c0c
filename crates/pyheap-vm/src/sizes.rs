//! `__sizeof__` of every object: CPython 3.11's formula per kind, computed
//! from the real geometry (digits, characters, capacities, table sizes);
//! `sys.getsizeof` adds the pre-headers (16 GC + 16 managed dict).

use pyheap_mem::TypeFlags;

use crate::objects::{bytes, dict, int, list, set, str as pstr, tuple};
use crate::rt::Obj;
use crate::types::{is_heap_type, is_type};

/// `object.__sizeof__` semantics for any object.
pub fn sizeof(o: &Obj) -> usize {
    if int::is_int(o) {
        return 24 + 4 * int::ndigits(o).max(1);
    }
    if pstr::is_str(o) {
        return pstr::sizeof(o);
    }
    if let Some(p) = o.payload::<bytes::BytesObj>() {
        return 33 + p.size;
    }
    if let Some(p) = o.payload::<bytes::ByteArrayObj>() {
        return 56 + p.allocated.get();
    }
    if tuple::is_tuple(o) {
        // A subclass instance with a `__dict__` also has CPython's
        // weakref word in its basicsize (32; the dict pointer follows the
        // items there, see `dict_after_items`).
        let weak = if dict_after_items(o) { 8 } else { 0 };
        return 24 + weak + 8 * tuple::tuple_len(o);
    }
    if list::is_list(o) {
        return list::sizeof(o);
    }
    if dict::is_dict(o) {
        return dict::sizeof(o);
    }
    if set::is_anyset(o) {
        return set::sizeof(o);
    }
    if is_type(o) {
        if is_heap_type(o) {
            let managed = o
                .as_type_slots()
                .is_some_and(|s| s.flags.get().contains(TypeFlags::MANAGED_DICT));
            return 904 + if managed { 768 } else { 0 };
        }
        return 408;
    }
    if let Some(n) = crate::objects::memoryview::sizeof(o) {
        return n;
    }
    if let Some(n) = crate::gen::sizeof(o) {
        return n;
    }
    if let Some(f) = o.payload::<crate::traceback::FrameObj>() {
        if let Some(code) = f.code.get() {
            return crate::frame_objects::frame_size(&code);
        }
    }
    o.type_slots().basicsize.get()
}

/// Whether `o` is an instance of an int or tuple subclass with a
/// `__dict__`: CPython 3.11 gives such (variable-size) instances no managed
/// dict but a dict pointer after the items, so `getsizeof` counts no
/// managed-dict pre-header. pyheap keeps that dict in the pre-header.
fn dict_after_items(o: &Obj) -> bool {
    o.type_slots().flags.get().contains(TypeFlags::MANAGED_DICT)
        && (int::is_int(o) || tuple::is_tuple(o))
}

/// `sys.getsizeof` for objects whose `__sizeof__` is the builtin one.
pub fn pre_header(o: &Obj) -> usize {
    let f = o.type_slots().flags.get();
    let mut n = 0;
    if f.contains(TypeFlags::HAVE_GC) {
        n += 16;
    }
    if f.contains(TypeFlags::MANAGED_DICT) && !dict_after_items(o) {
        n += 16;
    }
    n
}
