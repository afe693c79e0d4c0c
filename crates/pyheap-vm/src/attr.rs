//! Attribute access: `getattr`/`setattr`/`delattr` with CPython's order
//! (data descriptors on the type, then the instance's own storage, then
//! non-data descriptors and class attributes; then `__getattr__`), and
//! descriptor binding ([`descr_get`]).
//!
//! Read [`getattr`] first.

use crate::exc::{attr_err, type_err};
use crate::objects::func::{BoundObj, DescrObj, FuncObj, GetSetObj, PropertyObj, WrapObj};
use crate::objects::{dict, instance, str as pstr};
use crate::rt::{Obj, PyErr, PyResult};
use crate::typecache::names;
use crate::types::{
    is_heap_type, is_none, is_type, lookup, lookup_obj, t, tdata, tname, type_name,
};

/// True when `d` is a data descriptor (has `__set__`/`__delete__`).
pub fn is_data_descr(d: &Obj) -> bool {
    if d.payload::<GetSetObj>().is_some() || d.payload::<PropertyObj>().is_some() {
        return true;
    }
    let ty = d.type_ref();
    is_heap_type(&ty)
        && (lookup_obj(&ty, &names().set).is_some() || lookup_obj(&ty, &names().delete).is_some())
}

/// Binds a class attribute to `obj` (None = accessed on the class `ty`).
pub fn descr_get(d: Obj, obj: Option<&Obj>, ty: &Obj) -> PyResult<Obj> {
    if d.payload::<FuncObj>().is_some() {
        return Ok(match obj {
            Some(o) => crate::objects::func::new_bound(d, o.clone()),
            None => d,
        });
    }
    if let Some(m) = d.payload::<DescrObj>() {
        if d.has_type(&t().classmethod_descriptor) {
            return Ok(crate::objects::func::new_builtin_def(
                m.def,
                Some(ty.clone()),
            ));
        }
        return Ok(match obj {
            Some(o) if crate::objects::func::is_wrapper_descr(&d) => {
                crate::objects::func::new_method_wrapper(d.clone(), o.clone())
            }
            Some(o) => crate::objects::func::new_builtin_def(m.def, Some(o.clone())),
            None => d,
        });
    }
    if let Some(g) = d.payload::<GetSetObj>() {
        return match obj {
            Some(o) if g.member => match slot_member(o, g.name).and_then(|s| s.get()) {
                Some(v) => Ok(v),
                None => Err(no_attr(o, g.name)),
            },
            Some(o) => (g.get)(o),
            None => Ok(d),
        };
    }
    if let Some(p) = d.payload::<PropertyObj>() {
        let Some(o) = obj else { return Ok(d) };
        return match p.fget.get() {
            Some(f) => crate::ops::call(&f, vec![o.clone()], vec![]),
            None => Err(attr_err("unreadable attribute")),
        };
    }
    if let Some(w) = d.payload::<WrapObj>() {
        let c = w.callable.get().unwrap_or_else(crate::types::none);
        if d.has_type(&t().staticmethod) || crate::types::isinstance(&d, &t().staticmethod) {
            return Ok(c);
        }
        if crate::types::isinstance(&d, &t().classmethod) {
            return Ok(crate::objects::func::new_bound(c, ty.clone()));
        }
    }
    let dty = d.type_ref();
    if is_heap_type(&dty) {
        if let Some(g) = lookup_obj(&dty, &names().get) {
            let o = obj.cloned().unwrap_or_else(crate::types::none);
            return crate::ops::call(&g, vec![d, o, ty.clone()], vec![]);
        }
    }
    Ok(d)
}

fn no_attr(o: &Obj, name: &str) -> PyErr {
    let e = attr_err(&format!(
        "'{}' object has no attribute '{}'",
        tname(o),
        name
    ));
    let d = crate::exc::exc_dict(&e.exc);
    let _ = dict::set_str(&d, "name", pstr::new_str(name));
    let _ = dict::set_str(&d, "obj", o.clone());
    e
}

/// The instance's own attribute, if any (values/dict of instances, payload
/// dicts of functions, modules, exceptions).
pub fn own_attr(o: &Obj, name: &str) -> Option<Obj> {
    if let Some(d) = payload_dict(o, false) {
        return dict::get_str(&d, name);
    }
    instance::get_attr(o, name)
}

/// [`own_attr`] by a str object (cached hash, identity compare first).
pub fn own_attr_obj(o: &Obj, name: &Obj) -> Option<Obj> {
    if let Some(d) = payload_dict(o, false) {
        return dict::get_str_key(&d, name);
    }
    if name.has_type(&t().str_) {
        return instance::get_attr_obj(o, name);
    }
    instance::get_attr(o, pstr::as_str(name)?)
}

/// True when `o`'s payload has a dict slot ([`payload_dict`]'s kinds), which
/// [`own_attr_obj`] consults before any instance storage.
pub fn has_payload_dict_slot(o: &Obj) -> bool {
    use crate::objects::misc::ModuleObj;
    // NOTE: the payload info is read once (this runs for every
    // `LOAD_METHOD` on objects without a managed dict).
    let Some(info) = o.type_slots().payload.get() else {
        return false;
    };
    info.is::<FuncObj>()
        || info.is::<ModuleObj>()
        || info.is::<crate::exc::ExcObj>()
        || info.is::<WrapObj>()
        || o.has_type(&t().simple_namespace)
}

/// The dict stored in the payload of functions/modules/exceptions/namespaces.
pub fn payload_dict(o: &Obj, create: bool) -> Option<Obj> {
    use crate::objects::misc::{ModuleObj, OneRef};
    let slot = if let Some(f) = o.payload::<FuncObj>() {
        &f.dict
    } else if let Some(m) = o.payload::<ModuleObj>() {
        &m.dict
    } else if let Some(e) = crate::exc::ep(o) {
        &e.dict
    } else if let Some(w) = o.payload::<WrapObj>() {
        &w.dict
    } else if o.has_type(&t().simple_namespace) {
        &o.payload::<OneRef>()?.r
    } else {
        return None;
    };
    match slot.get() {
        Some(d) => Some(d),
        None if create => {
            let d = dict::new_dict();
            slot.set(Some(d.clone()));
            Some(d)
        }
        None => None,
    }
}

/// `object.__getattribute__`.
pub fn generic_getattr(o: &Obj, name: &Obj) -> PyResult<Obj> {
    let s = pstr::as_str(name).unwrap_or("");
    let ty = o.type_ref();
    let d = lookup_obj(&ty, name);
    if let Some(d) = &d {
        if is_data_descr(d) {
            return descr_get(d.clone(), Some(o), &ty);
        }
    }
    if let Some(v) = own_attr_obj(o, name) {
        return Ok(v);
    }
    if let Some(d) = d {
        return descr_get(d, Some(o), &ty);
    }
    if let Some(m) = crate::objects::misc::module_dict(o) {
        if let Some(ga) = dict::get_str(&m, "__getattr__") {
            return crate::ops::call(&ga, vec![name.clone()], vec![]);
        }
        let mname = dict::get_str(&m, "__name__")
            .and_then(|n| pstr::as_str(&n).map(|x| x.to_string()))
            .unwrap_or_else(|| "?".into());
        return Err(attr_err(&format!(
            "module '{mname}' has no attribute '{s}'"
        )));
    }
    Err(no_attr(o, s))
}

/// `type.__getattribute__` (attribute lookup on a class).
pub fn type_getattr(ty: &Obj, name: &Obj) -> PyResult<Obj> {
    let s = pstr::as_str(name).unwrap_or("");
    let meta = ty.type_ref();
    let md = lookup_obj(&meta, name);
    if let Some(d) = &md {
        if is_data_descr(d) {
            return descr_get(d.clone(), Some(ty), &meta);
        }
    }
    if let Some(v) = lookup_obj(ty, name) {
        return descr_get(v, None, ty);
    }
    if let Some(d) = md {
        return descr_get(d, Some(ty), &meta);
    }
    Err(attr_err(&format!(
        "type object '{}' has no attribute '{}'",
        type_name(ty),
        s
    )))
}

/// `getattr(o, name)`.
pub fn getattr(o: &Obj, name: &Obj) -> PyResult<Obj> {
    let ty = o.type_ref();
    if ty.is(&t().super_) {
        if let Some(v) = crate::methods::core::super_getattr(o, name)? {
            return Ok(v);
        }
        return generic_getattr(o, name).map_err(|_| {
            attr_err(&format!(
                "'super' object has no attribute '{}'",
                pstr::as_str(name).unwrap_or("")
            ))
        });
    }
    if is_heap_type(&ty) {
        let ga_name = &names().getattribute;
        if crate::typecache::lookup_kind(&ty, ga_name) == crate::typecache::Kind::Function {
            if let Some(ga) = lookup_obj(&ty, ga_name) {
                let r = crate::ops::call(&ga, vec![o.clone(), name.clone()], vec![]);
                return getattr_fallback(o, name, r);
            }
        }
        let r = if is_type(o) {
            type_getattr(o, name)
        } else {
            generic_getattr(o, name)
        };
        return getattr_fallback(o, name, r);
    }
    if is_type(o) {
        return type_getattr(o, name);
    }
    if let Some(r) = crate::objects::generic_alias::getattr(o, name) {
        return r;
    }
    generic_getattr(o, name)
}

fn getattr_fallback(o: &Obj, name: &Obj, r: PyResult<Obj>) -> PyResult<Obj> {
    match r {
        Err(e) if crate::exc::matches(&e, &t().attribute_error) => {
            match lookup_obj(&o.type_ref(), &names().getattr) {
                Some(f) => crate::ops::call(&f, vec![o.clone(), name.clone()], vec![]),
                None => Err(e),
            }
        }
        r => r,
    }
}

pub fn getattr_str(o: &Obj, name: &str) -> PyResult<Obj> {
    getattr(o, &pstr::intern(name))
}

/// `getattr(o, name, None)`-like: AttributeError → None.
pub fn getattr_opt(o: &Obj, name: &str) -> PyResult<Option<Obj>> {
    match getattr_str(o, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if crate::exc::matches(&e, &t().attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `object.__setattr__` / `__delattr__` (value None = delete).
pub fn generic_setattr(o: &Obj, name: &Obj, v: Option<Obj>) -> PyResult<()> {
    let s = pstr::as_str(name).unwrap_or("");
    let ty = o.type_ref();
    if let Some(d) = lookup_obj(&ty, name) {
        if let Some(g) = d.payload::<GetSetObj>() {
            if g.member {
                let Some(slot) = slot_member(o, g.name) else {
                    return Err(no_attr(o, s));
                };
                return match v {
                    Some(v) => {
                        slot.set(Some(v));
                        Ok(())
                    }
                    None => match slot.take() {
                        Some(old) => {
                            drop(old);
                            Ok(())
                        }
                        None => Err(no_attr(o, s)),
                    },
                };
            }
            return match g.set {
                Some(f) => f(o, v),
                None => Err(attr_err(&format!(
                    "attribute '{}' of '{}' objects is not writable",
                    s,
                    type_name(&ty)
                ))),
            };
        }
        if let Some(p) = d.payload::<PropertyObj>() {
            let f = if v.is_some() {
                p.fset.get()
            } else {
                p.fdel.get()
            };
            return match f {
                Some(f) => {
                    let mut args = vec![o.clone()];
                    args.extend(v);
                    crate::ops::call(&f, args, vec![]).map(|_| ())
                }
                None => Err(attr_err(&format!(
                    "property '{}' of '{}' object has no {}",
                    s,
                    type_name(&ty),
                    if v.is_some() { "setter" } else { "deleter" }
                ))),
            };
        }
        let dty = d.type_ref();
        if is_heap_type(&dty) {
            let m = if v.is_some() { "__set__" } else { "__delete__" };
            if let Some(f) = lookup(&dty, m) {
                let mut args = vec![d.clone(), o.clone()];
                args.extend(v);
                return crate::ops::call(&f, args, vec![]).map(|_| ());
            }
        }
    }
    if let Some(d) = payload_dict(o, true) {
        return match v {
            Some(v) => dict::set_item(&d, name.clone(), v),
            None => match dict::del_item(&d, name)? {
                Some(_) => Ok(()),
                None => Err(no_attr(o, s)),
            },
        };
    }
    if let Some(slot) = slot_member(o, s) {
        return match v {
            Some(v) => {
                slot.set(Some(v));
                Ok(())
            }
            None => match slot.take() {
                Some(old) => {
                    drop(old);
                    Ok(())
                }
                None => Err(attr_err(s)),
            },
        };
    }
    match v {
        Some(v) => {
            if instance::set_attr(o, name, v)? {
                return Ok(());
            }
        }
        None => {
            if instance::del_attr(o, s)? {
                return Ok(());
            }
            if o.type_slots()
                .flags
                .get()
                .contains(pyheap_mem::TypeFlags::MANAGED_DICT)
            {
                return Err(no_attr(o, s));
            }
        }
    }
    if is_heap_type(&ty) || ty.is(&t().object) {
        return Err(attr_err(&format!(
            "'{}' object has no attribute '{}'",
            type_name(&ty),
            s
        )));
    }
    Err(attr_err(&format!(
        "'{}' object has no attribute '{}'",
        type_name(&ty),
        s
    )))
}

/// The `__slots__` storage cell for member `name`, if the class declares it.
pub fn slot_member<'a>(o: &'a Obj, name: &str) -> Option<&'a pyheap_mem::Slot> {
    let i = slot_member_index(o, name)?;
    o.items::<instance::SlotsObj>().get(i)
}

/// Index among `o`'s `__slots__` items of member `name` (the nearest class
/// along the base chain that declares it).
pub fn slot_member_index(o: &Obj, name: &str) -> Option<usize> {
    if o.items::<instance::SlotsObj>().is_empty() {
        return None;
    }
    let mut cur = Some(o.type_ref());
    while let Some(ty) = cur {
        let d = tdata(&ty);
        if let Some(i) = d.slot_names.borrow().iter().position(|n| n == name) {
            return Some(d.slot_base.get() + i);
        }
        cur = d.base.get();
    }
    None
}

/// `setattr(o, name, v)` (v None = `delattr`).
pub fn setattr(o: &Obj, name: &Obj, v: Option<Obj>) -> PyResult<()> {
    let ty = o.type_ref();
    // (a class whose metaclass is a Python class may have its assignments
    // intercepted by the metaclass, e.g. enum forbids rebinding members)
    if is_heap_type(&ty) {
        let m = if v.is_some() {
            &names().setattr
        } else {
            &names().delattr
        };
        // NOTE: the kind alone answers "overridden by a Python function"
        // on a cache hit, without reading the value from the class dict.
        let f = (crate::typecache::lookup_kind(&ty, m) == crate::typecache::Kind::Function)
            .then(|| lookup_obj(&ty, m))
            .flatten();
        if let Some(f) = f {
            if f.payload::<FuncObj>().is_some() {
                let mut args = vec![o.clone(), name.clone()];
                args.extend(v);
                return crate::ops::call(&f, args, vec![]).map(|_| ());
            }
        }
    }
    if is_type(o) {
        return type_setattr(o, name, v);
    }
    generic_setattr(o, name, v)
}

/// Attribute assignment on a class.
pub fn type_setattr(ty: &Obj, name: &Obj, v: Option<Obj>) -> PyResult<()> {
    let s = pstr::as_str(name).unwrap_or("").to_string();
    if !is_heap_type(ty) {
        return Err(type_err(&format!(
            "cannot set '{}' attribute of immutable type '{}'",
            s,
            type_name(ty)
        )));
    }
    let meta = ty.type_ref();
    if let Some(d) = lookup_obj(&meta, name) {
        if is_data_descr(&d) {
            if let Some(g) = d.payload::<GetSetObj>() {
                return match g.set {
                    Some(f) => f(ty, v),
                    None => Err(attr_err(&format!(
                        "attribute '{}' of 'type' objects is not writable",
                        s
                    ))),
                };
            }
        }
    }
    let d = crate::types::type_dict(ty);
    let key = pstr::intern_obj(name.clone());
    match v {
        Some(v) => {
            let r = dict::set_item(&d, key, v);
            crate::typecache::invalidate();
            r?;
        }
        None => {
            let r = dict::del_item(&d, &key);
            crate::typecache::invalidate();
            if r?.is_none() {
                return Err(attr_err(&format!(
                    "type object '{}' has no attribute '{}'",
                    type_name(ty),
                    s
                )));
            }
        }
    }
    crate::typeobj::update_slots(ty, &s);
    Ok(())
}

/// `__dict__` getter for instances.
pub fn get_dict_attr(o: &Obj) -> PyResult<Obj> {
    if let Some(d) = payload_dict(o, true) {
        return Ok(d);
    }
    if o.type_slots()
        .flags
        .get()
        .contains(pyheap_mem::TypeFlags::MANAGED_DICT)
    {
        return instance::materialize(o);
    }
    Err(no_attr(o, "__dict__"))
}

/// `__dict__` setter for instances.
pub fn set_dict_attr(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    let Some(v) = v else {
        return Err(type_err("cannot delete __dict__"));
    };
    if !dict::is_dict(&v) {
        return Err(type_err(&format!(
            "__dict__ must be set to a dictionary, not a '{}'",
            tname(&v)
        )));
    }
    o.managed_values_free();
    match o.set_managed_dict(Some(v)) {
        Ok(old) => {
            drop(old);
            Ok(())
        }
        Err(_) => Err(attr_err("__dict__")),
    }
}

/// `hasattr`-style probe on the type only (dunder lookups).
pub fn has_dunder(o: &Obj, name: &str) -> bool {
    lookup(&o.type_ref(), name).is_some_and(|v| !is_none(&v))
}

pub fn unused(_: &BoundObj) {}
