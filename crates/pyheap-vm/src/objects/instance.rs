//! Instances of user classes: `InstanceObj` (a weakref-list word; the
//! attribute values live in 3.11's managed-dict pre-header, indexed by the
//! class's shared keys), `SlotsObj` (`__slots__` members as trailing slots),
//! and `object()` itself (`Empty`).
//!
//! Read [`get_attr`] / [`set_attr`] first. Invariant: until `__dict__` is
//! requested the values array is the only storage; once materialised the
//! dict is (values freed), as CPython 3.11 does.

use pyheap_mem::{ObjPtr, Payload, Slot, TypeSlots, WeakListWord};

use crate::objects::dict;
use crate::rt::{Obj, PyResult};
use crate::types::tdata;

/// Payload of bare `object()`, `None`, `NotImplemented`, `...`.
pub struct Empty;
impl Payload for Empty {
    type Item = pyheap_mem::typed::NoItems;
}
pub fn set_empty_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<Empty>(s, 16)
}

pub struct InstanceObj {
    pub weaklist: WeakListWord,
}
impl Payload for InstanceObj {
    type Item = pyheap_mem::typed::NoItems;
}
pub fn set_instance_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<InstanceObj>(s, 16)
}

pub struct SlotsObj;
impl Payload for SlotsObj {
    type Item = Slot;
    fn item_count(&self, ty: &TypeSlots) -> usize {
        ty.basicsize.get().saturating_sub(16) / 8
    }
}
pub fn set_slots_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<SlotsObj>(s, 16)
}

/// True if instances of `ty` use the `__slots__` payload ([`SlotsObj`]).
pub fn is_slots_type(ty: &Obj) -> bool {
    ty.as_type_slots()
        .and_then(|s| s.payload.get())
        .is_some_and(|p| p.name() == std::any::type_name::<SlotsObj>())
}

/// Index among the [`SlotsObj`] items of the weakref-list word, if any.
/// NOTE: that word holds pyheap-mem's weakref list head, not a reference:
/// traverse and clear must never treat it as a `Slot`. (At dealloc it is
/// already zero, so dropping it as an empty `Slot` is harmless.)
fn weaklist_item(o: &Obj) -> Option<usize> {
    let off = o.type_slots().weaklistoffset.get();
    (off >= 16).then(|| (off - 16) / 8)
}

/// Maximum number of shared keys before instances fall back to a dict.
const SHARED_KEYS_MAX: usize = 30;

fn key_index(o: &Obj, name: &str) -> Option<usize> {
    let ty = o.type_ref();
    let keys = tdata(&ty).shared_keys.borrow();
    keys.iter()
        .position(|k| crate::objects::str::as_str(k) == Some(name))
}

/// The attribute in the instance's own storage (values or dict).
pub fn get_attr(o: &Obj, name: &str) -> Option<Obj> {
    if let Some(d) = o.managed_dict() {
        return dict::get_str(&d, name);
    }
    let i = key_index(o, name)?;
    o.managed_value(i)
}

fn has_managed(o: &Obj) -> bool {
    o.type_slots()
        .flags
        .get()
        .contains(pyheap_mem::TypeFlags::MANAGED_DICT)
}

/// Stores an attribute; `Ok(false)` when the object has no instance storage.
pub fn set_attr(o: &Obj, name: &Obj, v: Obj) -> PyResult<bool> {
    if !has_managed(o) {
        return Ok(false);
    }
    if let Some(d) = o.managed_dict() {
        dict::set_item(&d, name.clone(), v)?;
        return Ok(true);
    }
    if !crate::types::static_base(&o.type_ref()).is(&crate::types::t().object) {
        // NOTE: instances of builtin subclasses are not created by
        // `object.__new__`, so (as in CPython) they get no inline values:
        // the first attribute creates the `__dict__`.
        let d = materialize(o)?;
        dict::set_item(&d, name.clone(), v)?;
        return Ok(true);
    }
    let s = crate::objects::str::as_str(name).unwrap_or("");
    let idx = match key_index(o, s) {
        Some(i) => i,
        None => {
            let ty = o.type_ref();
            let n = tdata(&ty).shared_keys.borrow().len();
            if n >= SHARED_KEYS_MAX || !name.has_type(&crate::types::t().str_) {
                let d = materialize(o)?;
                dict::set_item(&d, name.clone(), v)?;
                return Ok(true);
            }
            let key = crate::objects::str::intern_obj(name.clone());
            tdata(&ty).shared_keys.borrow_mut().push(key);
            n
        }
    };
    if out_of_order(o, idx) {
        // NOTE: CPython keeps a per-instance insertion order next to the
        // values; here the values are always in key-index order, so an
        // instance whose new attribute would come after a later key moves
        // to a (combined) `__dict__`, which keeps its own order.
        let d = materialize(o)?;
        dict::set_item(&d, name.clone(), v)?;
        return Ok(true);
    }
    ensure_cap(o, idx + 1)?;
    let old = o.set_managed_value(idx, Some(v));
    drop(old);
    Ok(true)
}

/// True when slot `idx` is empty and some slot after it holds a value: adding
/// `idx` now would list it before attributes that were set earlier.
fn out_of_order(o: &Obj, idx: usize) -> bool {
    let cap = o.managed_values_cap().unwrap_or(0);
    o.managed_value_peek(idx).is_none() && (idx + 1..cap).any(|i| o.managed_value_peek(i).is_some())
}

fn ensure_cap(o: &Obj, need: usize) -> PyResult<()> {
    let cap = o.managed_values_cap().unwrap_or(0);
    if cap >= need {
        return Ok(());
    }
    let old: Vec<Option<Obj>> = (0..cap).map(|i| o.managed_value(i)).collect();
    let newcap = need.max(cap * 2).max(4);
    o.managed_values_alloc(newcap)
        .map_err(|_| crate::exc::memory_error())?;
    for (i, v) in old.into_iter().enumerate() {
        if v.is_some() {
            let _ = o.set_managed_value(i, v);
        }
    }
    Ok(())
}

/// Deletes an attribute; `Ok(false)` when absent.
pub fn del_attr(o: &Obj, name: &str) -> PyResult<bool> {
    if let Some(d) = o.managed_dict() {
        let k = crate::objects::str::new_str(name);
        return Ok(dict::del_item(&d, &k)?.is_some());
    }
    let Some(i) = key_index(o, name) else {
        return Ok(false);
    };
    match o.set_managed_value(i, None) {
        Ok(Some(old)) => {
            drop(old);
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Materialises `__dict__` from the inline values.
pub fn materialize(o: &Obj) -> PyResult<Obj> {
    if let Some(d) = o.managed_dict() {
        return Ok(d);
    }
    let d = dict::new_dict();
    let ty = o.type_ref();
    let keys: Vec<Obj> = tdata(&ty).shared_keys.borrow().clone();
    for (i, k) in keys.into_iter().enumerate() {
        if let Some(v) = o.managed_value(i) {
            dict::set_item(&d, k, v)?;
        }
    }
    o.managed_values_free();
    let _ = o.set_managed_dict(Some(d.clone()));
    Ok(d)
}

/// Visits the pre-header contents (values or dict) of a managed-dict object.
pub fn traverse_managed(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(p) = o.managed_dict_peek() {
        visit(p);
    }
    if let Some(cap) = o.managed_values_cap() {
        for i in 0..cap {
            if let Some(p) = o.managed_value_peek(i) {
                visit(p);
            }
        }
    }
}

/// `subtype_traverse` in CPython's order: slots, managed storage (values
/// or `__dict__`), the heap type, then the static base's own references.
pub fn subtype_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    let ty = o.type_ref();
    let base = crate::types::static_base(&ty);
    let weak = weaklist_item(o);
    for (i, s) in o.items::<SlotsObj>().iter().enumerate() {
        if Some(i) == weak {
            continue;
        }
        if let Some(p) = s.peek() {
            visit(p);
        }
    }
    traverse_managed(o, visit);
    visit(ty.ptr());
    if let Some(f) = base.as_type_slots().and_then(|s| s.traverse.get()) {
        f(o, visit);
    }
}

/// `subtype_clear`.
pub fn subtype_clear(o: &Obj) {
    o.managed_values_free();
    let _ = o.set_managed_dict(None).map(drop);
    let weak = weaklist_item(o);
    for (i, s) in o.items::<SlotsObj>().iter().enumerate() {
        if Some(i) != weak {
            drop(s.take());
        }
    }
    let ty = o.type_ref();
    let base = crate::types::static_base(&ty);
    if let Some(f) = base.as_type_slots().and_then(|s| s.clear.get()) {
        f(o);
    }
}
