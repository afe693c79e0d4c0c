//! Instances of user classes: `InstanceObj` (a weakref-list word; the
//! attribute values live in 3.11's managed-dict pre-header, indexed by the
//! class's shared keys), `SlotsObj` (`__slots__` members as trailing slots),
//! and `object()` itself (`Empty`).
//!
//! Read [`get_attr`] / [`set_attr`] first. Invariants: until `__dict__` is
//! requested the values array is the only storage; once materialised the
//! dict is (values freed), as CPython 3.11 does. A values array is
//! allocated once, by [`init_inline_values`], with the length the class's
//! [`SharedKeys`] dictate, so every shared-key index fits in it; value `i`
//! belongs to the name at index `i` of those keys.

use std::rc::Rc;

use pyheap_mem::{ObjPtr, Payload, Slot, TypeSlots, WeakListWord};

use crate::containers::shared_keys::SharedKeys;
use crate::objects::dict;
use crate::objects::keyops::{is_exact_str, VmOps};
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

/// The class's shared keys (created on first use) when CPython 3.11 gives
/// it `CACHED_KEYS(tp)`: heap types with a managed dict whose solid base has
/// no items (`tp_itemsize == 0`; subclasses of e.g. `int` or `tuple` keep an
/// ordinary dict).
pub fn class_keys(ty: &Obj) -> Option<Rc<SharedKeys>> {
    let managed = ty
        .as_type_slots()
        .is_some_and(|s| s.flags.get().contains(pyheap_mem::TypeFlags::MANAGED_DICT));
    if !managed || !crate::types::is_heap_type(ty) {
        return None;
    }
    // Keys exist only for a class that passed the solid-base test below.
    if let Some(k) = tdata(ty).shared_keys.borrow().as_ref() {
        return Some(k.clone());
    }
    let base = crate::types::static_base(ty);
    if base.as_type_slots().is_none_or(|s| s.itemsize.get() != 0) {
        return None;
    }
    let mut k = tdata(ty).shared_keys.borrow_mut();
    if k.is_none() {
        *k = SharedKeys::new().ok().map(Rc::new);
    }
    k.clone()
}

/// `init_inline_values` for a new instance made by `object.__new__`: one
/// `usable` decrement of the class keys and a values array of
/// `nentries + usable` slots.
pub fn init_inline_values(o: &Obj) -> PyResult<()> {
    if !has_managed(o) {
        return Ok(());
    }
    let Some(keys) = class_keys(&o.type_ref()) else {
        return Ok(());
    };
    let n = keys.values_len_for_new_instance();
    o.managed_values_alloc(n)
        .map_err(|_| crate::exc::memory_error())
}

/// Index of the stored name `name` in the class keys (no allocation, no
/// Python code).
fn key_index(o: &Obj, name: &str) -> Option<usize> {
    let ty = o.type_ref();
    let keys = tdata(&ty).shared_keys.borrow();
    let h = crate::hashing::hash_str(name);
    keys.as_ref()?.find_name(&VmOps, h, |k| {
        is_exact_str(k) && crate::objects::str::as_str(k) == Some(name)
    })
}

/// [`key_index`] by a str object: its cached hash, identity compared first.
pub fn key_index_obj(o: &Obj, name: &Obj) -> Option<usize> {
    let ty = o.type_ref();
    let keys = tdata(&ty).shared_keys.borrow();
    let text = crate::objects::str::as_str(name)?;
    let h = crate::objects::str::str_hash(name);
    keys.as_ref()?.find_name(&VmOps, h, |k| {
        k.is(name) || (is_exact_str(k) && crate::objects::str::as_str(k) == Some(text))
    })
}

/// [`get_attr`] by an exact str object (no rehashing of the name).
pub fn get_attr_obj(o: &Obj, name: &Obj) -> Option<Obj> {
    if let Some(d) = o.managed_dict() {
        return dict::get_str_key(&d, name);
    }
    let i = key_index_obj(o, name)?;
    o.managed_value(i)
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

/// The instance's `__dict__` for a store when it has no values array
/// (`_PyObjectDict_SetItem`): a split dict on the class keys, without the
/// per-instance `usable` decrement (e.g. instances of builtin subclasses).
fn dict_for_store(o: &Obj) -> PyResult<Obj> {
    if let Some(d) = o.managed_dict() {
        return Ok(d);
    }
    if o.managed_values_cap().is_some() {
        return materialize(o);
    }
    let d = dict::new_dict();
    if let Some(keys) = class_keys(&o.type_ref()) {
        dict::make_split(&d, &keys);
    }
    let _ = o.set_managed_dict(Some(d.clone()));
    Ok(d)
}

/// Stores an attribute; `Ok(false)` when the object has no instance storage.
pub fn set_attr(o: &Obj, name: &Obj, v: Obj) -> PyResult<bool> {
    if !has_managed(o) {
        return Ok(false);
    }
    let keys = match (o.managed_values_cap(), class_keys(&o.type_ref())) {
        (Some(_), Some(keys)) if o.managed_dict_peek().is_none() => keys,
        _ => {
            let d = dict_for_store(o)?;
            dict::set_item(&d, name.clone(), v)?;
            return Ok(true);
        }
    };
    // `_PyObject_StoreInstanceAttribute`: an exact-str name goes into the
    // shared keys when there is room; otherwise the values move to a
    // (split) `__dict__` and the store goes through the dict.
    let idx = if is_exact_str(name) {
        let key = crate::objects::str::intern_obj(name.clone());
        keys.insert_name(&mut VmOps, &key)?
    } else {
        None
    };
    let Some(idx) = idx.filter(|&i| !out_of_order(o, i)) else {
        // NOTE: CPython keeps a per-instance insertion order next to the
        // values; here the values are always in key-index order, so an
        // instance whose new attribute would come after a later key moves
        // to its (split) `__dict__`, which keeps its own order. Sizes and
        // order match CPython; the dict object itself is extra.
        let d = materialize(o)?;
        dict::set_item(&d, name.clone(), v)?;
        return Ok(true);
    };
    match o.set_managed_value(idx, Some(v)) {
        Ok(old) => drop(old),
        Err(v) => {
            // Unreachable while the values-length invariant holds
            // (containers::shared_keys); stay correct regardless.
            let d = materialize(o)?;
            if let Some(v) = v {
                dict::set_item(&d, name.clone(), v)?;
            }
        }
    }
    Ok(true)
}

/// True when slot `idx` is empty and some slot after it holds a value: adding
/// `idx` now would list it before attributes that were set earlier.
fn out_of_order(o: &Obj, idx: usize) -> bool {
    o.managed_value_peek(idx).is_none() && later_value_set(o, idx)
}

/// True when some managed value slot after `idx` holds a value.
pub fn later_value_set(o: &Obj, idx: usize) -> bool {
    let cap = o.managed_values_cap().unwrap_or(0);
    (idx + 1..cap).any(|i| o.managed_value_peek(i).is_some())
}

/// Deletes an attribute; `Ok(false)` when absent.
pub fn del_attr(o: &Obj, name: &str) -> PyResult<bool> {
    if let Some(d) = o.managed_dict() {
        let k = crate::objects::str::new_str(name);
        return Ok(dict::del_item(&d, &k)?.is_some());
    }
    let keys = match (o.managed_values_cap(), class_keys(&o.type_ref())) {
        (Some(_), Some(keys)) => keys,
        _ => return Ok(false),
    };
    // NOTE: as in CPython 3.11, deleting through the values array inserts
    // the name into the shared keys first (even when the attribute is
    // absent); with no room left the values move to a `__dict__`.
    let key = crate::objects::str::intern(name);
    let Some(i) = keys.insert_name(&mut VmOps, &key)? else {
        let d = materialize(o)?;
        return Ok(dict::del_item(&d, &key)?.is_some());
    };
    match o.set_managed_value(i, None) {
        Ok(Some(old)) => {
            drop(old);
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Materialises `__dict__` (`PyObject_GenericGetDict`): from the values
/// array a split dict sharing the class keys
/// (`make_dict_from_instance_attributes`), else an ordinary empty dict.
pub fn materialize(o: &Obj) -> PyResult<Obj> {
    if let Some(d) = o.managed_dict() {
        return Ok(d);
    }
    let d = dict::new_dict();
    let keys = class_keys(&o.type_ref());
    if let (Some(cap), Some(keys)) = (o.managed_values_cap(), keys) {
        for i in 0..keys.nentries().min(cap) {
            if let (Some(k), Some(v)) = (keys.name_at(i), o.managed_value(i)) {
                dict::set_item(&d, k, v)?;
            }
        }
        dict::make_split(&d, &keys);
    }
    o.managed_values_free();
    let _ = o.set_managed_dict(Some(d.clone()));
    Ok(d)
}

/// Visits the pre-header contents (values or dict) of a managed-dict object.
pub fn traverse_managed(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    o.managed_peek_each(visit);
}

/// The instance's own references, in CPython's `subtype_traverse` order:
/// slots, managed storage (values or `__dict__`), the heap type.
#[inline]
fn traverse_own(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    let weak = weaklist_item(o);
    for (i, s) in o.items::<SlotsObj>().iter().enumerate() {
        if Some(i) == weak {
            continue;
        }
        if let Some(p) = s.peek() {
            visit(p);
        }
    }
    o.managed_peek_each(&mut *visit);
    visit(o.type_peek());
}

/// `subtype_traverse`: [`traverse_own`], then the static base's own
/// references.
pub fn subtype_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    traverse_own(o, visit);
    let base = crate::types::static_base(&o.type_ref());
    if let Some(f) = base.as_type_slots().and_then(|s| s.traverse.get()) {
        f(o, visit);
    }
}

/// [`subtype_traverse`] of a class whose static base has no traverse
/// (most classes: `object`); chosen at class creation (a class's static
/// base never changes).
pub fn subtype_traverse_plain(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    traverse_own(o, visit);
}

/// The instance's own part of `subtype_clear`: managed storage, then slots.
#[inline]
fn clear_own(o: &Obj) {
    o.managed_values_free();
    let _ = o.set_managed_dict(None).map(drop);
    let weak = weaklist_item(o);
    for (i, s) in o.items::<SlotsObj>().iter().enumerate() {
        if Some(i) != weak {
            drop(s.take());
        }
    }
}

/// `subtype_clear`: [`clear_own`], then the static base's clear.
pub fn subtype_clear(o: &Obj) {
    clear_own(o);
    let ty = o.type_ref();
    let base = crate::types::static_base(&ty);
    if let Some(f) = base.as_type_slots().and_then(|s| s.clear.get()) {
        f(o);
    }
}

/// [`subtype_clear`] of a class whose static base has no clear (chosen at
/// class creation, like [`subtype_traverse_plain`]).
pub fn subtype_clear_plain(o: &Obj) {
    clear_own(o);
}
