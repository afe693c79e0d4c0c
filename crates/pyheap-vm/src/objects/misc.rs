//! Small object kinds: modules (56 bytes), `range` (48), `slice` (40),
//! `SimpleNamespace`/`mappingproxy`/dict views (one reference). Iterator
//! payloads are in `iterobj.rs`.

use pyheap_mem::{new_object, ObjPtr, Payload, Slot, TypeSlots, WeakListWord};

use crate::rt::Obj;
use crate::types::t;

macro_rules! simple_payload {
    ($t:ty, $setter:ident) => {
        impl Payload for $t {
            type Item = pyheap_mem::typed::NoItems;
        }
        pub fn $setter(s: &TypeSlots) -> bool {
            pyheap_mem::set_payload::<$t>(s, 16)
        }
    };
}

/// NOTE: `repr(C)` so the weakref word's offset is fixed ([`MODULE_WEAKLIST_OFFSET`]).
#[repr(C)]
pub struct ModuleObj {
    pub dict: Slot,
    pub def: Slot,
    pub state: Slot,
    pub weaklist: WeakListWord,
    pub name: Slot,
}
simple_payload!(ModuleObj, set_module_payload);

/// Offset of a module's weakref-list word (CPython: 40).
pub const MODULE_WEAKLIST_OFFSET: usize = 16 + std::mem::offset_of!(ModuleObj, weaklist);
const _: () = assert!(MODULE_WEAKLIST_OFFSET == 40);

pub struct RangeObj {
    pub start: Slot,
    pub stop: Slot,
    pub step: Slot,
    pub length: Slot,
}
simple_payload!(RangeObj, set_range_payload);

pub struct SliceObj {
    pub start: Slot,
    pub stop: Slot,
    pub step: Slot,
}
simple_payload!(SliceObj, set_slice_payload);

/// One reference (mappingproxy, dict views, SimpleNamespace's dict).
pub struct OneRef {
    pub r: Slot,
}
simple_payload!(OneRef, set_oneref_payload);

fn visit(slots: &[&Slot], v: &mut dyn FnMut(ObjPtr)) {
    for s in slots {
        if let Some(p) = s.peek() {
            v(p);
        }
    }
}

/// NOTE: like CPython's `module_traverse`, visits `md_dict` only: the name
/// is a counted reference that is never visited (a str is never tracked, so
/// the missing edge cannot keep a cycle alive), and `gc.get_referents(module)`
/// is `[module.__dict__]` as in CPython.
pub fn module_traverse(o: &Obj, v: &mut dyn FnMut(ObjPtr)) {
    if let Some(m) = o.payload::<ModuleObj>() {
        visit(&[&m.dict], v);
    }
}
pub fn module_clear(o: &Obj) {
    if let Some(m) = o.payload::<ModuleObj>() {
        drop((m.dict.take(), m.name.take()));
    }
}
pub fn slice_traverse(o: &Obj, v: &mut dyn FnMut(ObjPtr)) {
    if let Some(m) = o.payload::<SliceObj>() {
        visit(&[&m.start, &m.stop, &m.step], v);
    }
}
pub fn oneref_traverse(o: &Obj, v: &mut dyn FnMut(ObjPtr)) {
    if let Some(m) = o.payload::<OneRef>() {
        visit(&[&m.r], v);
    }
}
pub fn oneref_clear(o: &Obj) {
    if let Some(m) = o.payload::<OneRef>() {
        drop(m.r.take());
    }
}

fn alloc<T: Payload>(ty: &Obj, p: T, track: bool) -> Obj {
    let o = new_object(ty, p, 0).unwrap_or_else(|_| crate::exc::memory_error_obj());
    if track {
        crate::gcapi::track(&o);
    }
    o
}

pub fn new_module(name: &str) -> Obj {
    new_module_of(&t().module, name)
}

/// A module object of type `cls` (`module` or a subclass of it).
pub fn new_module_of(cls: &Obj, name: &str) -> Obj {
    let d = crate::objects::dict::new_dict();
    let n = crate::objects::str::new_str(name);
    let _ = crate::objects::dict::set_str(&d, "__name__", n.clone());
    let _ = crate::objects::dict::set_str(&d, "__doc__", crate::types::none());
    let _ = crate::objects::dict::set_str(&d, "__package__", crate::types::none());
    let _ = crate::objects::dict::set_str(&d, "__loader__", crate::types::none());
    let _ = crate::objects::dict::set_str(&d, "__spec__", crate::types::none());
    alloc(
        cls,
        ModuleObj {
            dict: Slot::new(Some(d)),
            def: Slot::new(None),
            state: Slot::new(None),
            weaklist: WeakListWord::default(),
            name: Slot::new(Some(n)),
        },
        true,
    )
}

pub fn module_dict(o: &Obj) -> Option<Obj> {
    o.payload::<ModuleObj>().and_then(|m| m.dict.get())
}

pub fn new_range(start: Obj, stop: Obj, step: Obj, length: Obj) -> Obj {
    alloc(
        &t().range,
        RangeObj {
            start: Slot::new(Some(start)),
            stop: Slot::new(Some(stop)),
            step: Slot::new(Some(step)),
            length: Slot::new(Some(length)),
        },
        false,
    )
}

pub fn new_slice(start: Obj, stop: Obj, step: Obj) -> Obj {
    alloc(
        &t().slice,
        SliceObj {
            start: Slot::new(Some(start)),
            stop: Slot::new(Some(stop)),
            step: Slot::new(Some(step)),
        },
        true,
    )
}

pub fn new_oneref(ty: &Obj, r: Obj) -> Obj {
    alloc(
        ty,
        OneRef {
            r: Slot::new(Some(r)),
        },
        ty.is_gc(),
    )
}

pub fn oneref(o: &Obj) -> Option<Obj> {
    o.payload::<OneRef>().and_then(|m| m.r.get())
}
