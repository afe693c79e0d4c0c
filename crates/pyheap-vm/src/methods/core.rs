//! Methods of `object` and `type`, the dunder dispatchers builtin types
//! register (they end in the `ops::native_*` implementations), and the
//! descriptor types (`property`, `staticmethod`, `classmethod`, `super`).
//!
//! Read [`register`] first.

use crate::exc::{attr_err, type_err};
use crate::objects::func::{new_method_descr_native, Native, PropertyObj, WrapObj};
use crate::objects::int::{new_int, new_int_usize};
use crate::objects::{dict, str as pstr, tuple};
use crate::ops::{self, CmpOp, BINOPS};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{
    add_classmethod, add_getset, add_method, add_static, is_type, none, py_bool, set_type_attr, t,
    tdata, tname, type_name,
};

/// `self` and the first argument, borrowed from the call's argument vector
/// (which stands for the caller's references): CPython's slot wrappers take
/// no reference of their own before calling into Python code.
fn a0(args: &[Obj]) -> PyResult<&Obj> {
    args.first().ok_or_else(|| type_err("missing self"))
}
fn a1(args: &[Obj]) -> PyResult<&Obj> {
    args.get(1)
        .ok_or_else(|| type_err("expected 1 argument, got 0"))
}

fn notimpl() -> Obj {
    t().not_implemented.clone()
}

// ----- dunder dispatchers ----------------------------------------------------

pub fn d_repr(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    ops::native_repr(a0(&args)?).map(pstr::new_string)
}
pub fn d_str(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    ops::native_str(a0(&args)?)
}
pub fn d_hash(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_int(ops::native_hash(a0(&args)?)? as i64))
}
fn d_binop(op: usize, args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (a, b) = (a0(&args)?, a1(&args)?);
    match ops::native_binop(a, b, BINOPS[op]) {
        Some(r) => r,
        None => Ok(notimpl()),
    }
}
fn d_rbinop(op: usize, args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (a, b) = (a0(&args)?, a1(&args)?);
    match ops::native_binop(b, a, BINOPS[op]) {
        Some(r) => r,
        None => Ok(notimpl()),
    }
}
fn d_cmp(op: usize, args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (a, b) = (a0(&args)?, a1(&args)?);
    match ops::native_compare(a, b, CmpOp::from_index(op))? {
        Some(r) => Ok(py_bool(r)),
        None => Ok(notimpl()),
    }
}
fn d_len(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let o = a0(&args)?;
    match ops::native_len(o)? {
        Some(n) => Ok(new_int_usize(n)),
        None => Err(type_err("no len")),
    }
}
fn d_getitem(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (o, k) = (a0(&args)?, a1(&args)?);
    if dict::is_dict(o) {
        return match dict::get_item(o, k)? {
            Some(v) => Ok(v),
            None => {
                if crate::types::is_heap_type(&o.type_ref()) {
                    if let Some(m) = crate::types::lookup(&o.type_ref(), "__missing__") {
                        return ops::call_unbound(&m, &o.type_ref(), vec![o.clone(), k.clone()]);
                    }
                }
                Err(crate::exc::key_err(k.clone()))
            }
        };
    }
    match crate::seq::native_getitem(o, k)? {
        Some(v) => Ok(v),
        None => Err(type_err(&format!(
            "'{}' object is not subscriptable",
            tname(o)
        ))),
    }
}
fn d_setitem(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let o = a0(&args)?;
    let k = a1(&args)?;
    let v = args
        .get(2)
        .cloned()
        .ok_or_else(|| type_err("expected 2 arguments"))?;
    if dict::is_dict(o) {
        dict::set_item(o, k.clone(), v)?;
    } else if !crate::seq::native_setitem(o, k, Some(v))? {
        return Err(type_err("item assignment not supported"));
    }
    Ok(none())
}
fn d_delitem(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (o, k) = (a0(&args)?, a1(&args)?);
    if dict::is_dict(o) {
        if dict::del_item(o, k)?.is_none() {
            return Err(crate::exc::key_err(k.clone()));
        }
    } else if !crate::seq::native_setitem(o, k, None)? {
        return Err(type_err("item deletion not supported"));
    }
    Ok(none())
}
fn d_contains(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (o, k) = (a0(&args)?, a1(&args)?);
    let r = if dict::is_dict(o) {
        dict::get_item(o, k)?.is_some()
    } else if crate::objects::set::is_anyset(o) {
        crate::objects::set::contains(o, k)?
    } else if let Some(s) = pstr::as_str(o) {
        s.contains(pstr::as_str(k).unwrap_or("\u{0}\u{0}"))
    } else {
        crate::seq::native_contains(o, k)?.unwrap_or(false)
    };
    Ok(py_bool(r))
}
fn d_iter(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let o = a0(&args)?;
    match crate::iters::native_iter(o)? {
        Some(i) => Ok(i),
        None => Err(type_err(&format!("'{}' object is not iterable", tname(o)))),
    }
}
fn d_next(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let o = a0(&args)?;
    match crate::iters::native_next(o)? {
        Some(Some(v)) => Ok(v),
        _ => Err(crate::exc::stop_iteration(None)),
    }
}
fn d_bool(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let o = a0(&args)?;
    let r = if let Some(v) = crate::objects::int::int_value(o) {
        !matches!(v, crate::objects::int::IntV::S(0))
    } else if let Some(f) = crate::objects::float::float_value(o) {
        f != 0.0
    } else {
        ops::native_len(o)?.is_none_or(|n| n > 0)
    };
    Ok(py_bool(r))
}
fn d_unary(which: usize, args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let o = a0(&args)?;
    let v = crate::objects::int::int_value(o);
    let f = crate::objects::float::float_value(o);
    match (which, v, f) {
        (0, Some(v), _) => Ok(crate::objects::int::new_int_v(
            crate::objects::int::IntV::from_big(-v.big()),
        )),
        (1, Some(v), _) => Ok(crate::objects::int::new_int_v(v)),
        (2, Some(v), _) => Ok(crate::objects::int::new_int_v(
            crate::objects::int::IntV::from_big(num_traits::Signed::abs(&v.big())),
        )),
        (3, Some(v), _) => Ok(crate::objects::int::new_int_v(
            crate::objects::int::IntV::from_big(-v.big() - 1),
        )),
        (0, _, Some(f)) => Ok(crate::objects::float::new_float(-f)),
        (1, _, Some(f)) => Ok(crate::objects::float::new_float(f)),
        (2, _, Some(f)) => Ok(crate::objects::float::new_float(f.abs())),
        _ => Ok(notimpl()),
    }
}
fn d_format(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let o = a0(&args)?;
    let spec = args
        .get(1)
        .and_then(|s| pstr::as_str(s).map(|x| x.to_string()))
        .unwrap_or_default();
    crate::strfmt::native_format(o, &spec).map(pstr::new_string)
}

/// Registers the dispatchers that make builtin behaviour visible as dunders.
pub fn reg_dunders(ty: &Obj, names: &[&'static str]) {
    for n in names {
        let imp = match *n {
            "__repr__" => Native::F(d_repr),
            "__str__" => Native::F(d_str),
            "__hash__" => Native::F(d_hash),
            "__len__" => Native::F(d_len),
            "__getitem__" => Native::F(d_getitem),
            "__setitem__" => Native::F(d_setitem),
            "__delitem__" => Native::F(d_delitem),
            "__contains__" => Native::F(d_contains),
            "__iter__" => Native::F(d_iter),
            "__next__" => Native::F(d_next),
            "__bool__" => Native::F(d_bool),
            "__format__" => Native::F(d_format),
            "__neg__" => Native::D(d_unary, 0),
            "__pos__" => Native::D(d_unary, 1),
            "__abs__" => Native::D(d_unary, 2),
            "__invert__" => Native::D(d_unary, 3),
            "__index__" | "__int__" => Native::D(d_unary, 1),
            _ => continue,
        };
        set_type_attr(ty, n, new_method_descr_native(n, imp, ty));
    }
}

pub fn reg_binops(ty: &Obj, ops_: &[&str]) {
    for (i, op) in BINOPS.iter().enumerate() {
        if ops_.contains(op) {
            let (d, rd, _) = ops::op_dunders(op);
            set_type_attr(ty, d, new_method_descr_native(d, Native::D(d_binop, i), ty));
            set_type_attr(
                ty,
                rd,
                new_method_descr_native(rd, Native::D(d_rbinop, i), ty),
            );
        }
    }
}

pub fn reg_compare(ty: &Obj) {
    for i in 0..6 {
        let n = CmpOp::from_index(i).dunder();
        set_type_attr(ty, n, new_method_descr_native(n, Native::D(d_cmp, i), ty));
    }
}

// ----- object ----------------------------------------------------------------

fn obj_eq(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (a, b) = (a0(&args)?, a1(&args)?);
    Ok(if a.is(b) { py_bool(true) } else { notimpl() })
}
fn obj_ne(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (a, b) = (a0(&args)?, a1(&args)?);
    let ty = a.type_ref();
    let r = match crate::types::lookup(&ty, "__eq__") {
        Some(m) => ops::call_unbound(&m, &ty, vec![a.clone(), b.clone()])?,
        None => notimpl(),
    };
    if r.is(&t().not_implemented) {
        return Ok(r);
    }
    Ok(py_bool(!ops::truthy(&r)?))
}
fn obj_notimpl(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let _ = args;
    Ok(notimpl())
}
fn obj_hash(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_int(ops::hash_pointer(a0(&args)?) as i64))
}
fn obj_repr(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let o = a0(&args)?;
    if crate::types::is_heap_type(&o.type_ref()) && !is_type(o) {
        let ty = o.type_ref();
        let m = crate::typeobj::type_module_name(&ty);
        let q = tdata(&ty).qualname.borrow().clone();
        return Ok(pstr::new_string(format!(
            "<{}.{} object at {:#x}>",
            m,
            q,
            o.addr()
        )));
    }
    ops::native_repr(o).map(pstr::new_string)
}
fn obj_str(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    ops::repr(a0(&args)?)
}
fn obj_format(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let o = a0(&args)?;
    let spec = args
        .get(1)
        .and_then(|s| pstr::as_str(s).map(|x| x.to_string()))
        .unwrap_or_default();
    if !spec.is_empty() {
        return Err(type_err(&format!(
            "unsupported format string passed to {}.__format__",
            tname(o)
        )));
    }
    ops::str_(o)
}
fn obj_getattribute(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (o, n) = (a0(&args)?, a1(&args)?);
    if !pstr::is_str(n) {
        return Err(type_err(&format!(
            "attribute name must be string, not '{}'",
            tname(n)
        )));
    }
    if is_type(o) {
        return crate::attr::type_getattr(o, n);
    }
    crate::attr::generic_getattr(o, n)
}
fn obj_setattr(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (o, n) = (a0(&args)?, a1(&args)?);
    let v = args.get(2).cloned();
    if is_type(o) {
        crate::attr::type_setattr(o, n, v)?;
    } else {
        crate::attr::generic_setattr(o, &pstr::intern_obj(n.clone()), v)?;
    }
    Ok(none())
}
fn obj_delattr(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (o, n) = (a0(&args)?, a1(&args)?);
    if is_type(o) {
        crate::attr::type_setattr(o, n, None)?;
    } else {
        crate::attr::generic_setattr(o, n, None)?;
    }
    Ok(none())
}
fn obj_sizeof(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_int_usize(crate::sizes::sizeof(a0(&args)?)))
}
fn obj_dir(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let o = a0(&args)?;
    Ok(crate::objects::list::new_list(
        crate::builtins::default_dir(o)?,
    ))
}
fn obj_init_subclass(_args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(none())
}
fn obj_subclasshook(_args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(notimpl())
}
fn obj_reduce_ex(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let o = a0(&args)?;
    // An overriding `__reduce__` (object has none here) is what
    // `object.__reduce_ex__` calls, as CPython's does.
    if let Some(f) = crate::types::lookup(&o.type_ref(), "__reduce__") {
        let bound = crate::attr::descr_get(f, Some(o), &o.type_ref())?;
        return ops::call(&bound, vec![], vec![]);
    }
    Err(type_err(&format!("cannot pickle '{}' object", tname(o))))
}
fn obj_class_get(o: &Obj) -> PyResult<Obj> {
    Ok(o.type_ref())
}
fn obj_class_set(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    crate::class_assign::set_class(o, v)
}

// ----- type ------------------------------------------------------------------

fn ty_name(o: &Obj) -> PyResult<Obj> {
    let n = tdata(o).name.borrow().clone();
    let short = if crate::types::is_heap_type(o) {
        n
    } else {
        n.rsplit('.').next().unwrap_or("").to_string()
    };
    Ok(pstr::new_string(short))
}
fn ty_set_name(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    let v = v.ok_or_else(|| type_err("cannot delete __name__"))?;
    let s = pstr::as_str(&v).ok_or_else(|| type_err("can only assign string to __name__"))?;
    *tdata(o).name.borrow_mut() = s.to_string();
    // CPython's type_set_name takes `tp_name` from PyUnicode_AsUTF8(value).
    pstr::materialize_utf8(&v);
    Ok(())
}
fn ty_qualname(o: &Obj) -> PyResult<Obj> {
    let n = tdata(o).qualname.borrow().clone();
    let short = if crate::types::is_heap_type(o) {
        n
    } else {
        n.rsplit('.').next().unwrap_or("").to_string()
    };
    Ok(pstr::new_string(short))
}
fn ty_set_qualname(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    let v = v.ok_or_else(|| type_err("cannot delete __qualname__"))?;
    let s = pstr::as_str(&v).ok_or_else(|| type_err("can only assign string to __qualname__"))?;
    *tdata(o).qualname.borrow_mut() = s.to_string();
    Ok(())
}
fn ty_mro(o: &Obj) -> PyResult<Obj> {
    Ok(tdata(o)
        .mro
        .get()
        .unwrap_or_else(|| t().empty_tuple.clone()))
}
fn ty_bases(o: &Obj) -> PyResult<Obj> {
    Ok(tdata(o)
        .bases
        .get()
        .unwrap_or_else(|| t().empty_tuple.clone()))
}
fn ty_base(o: &Obj) -> PyResult<Obj> {
    Ok(tdata(o).base.get().unwrap_or_else(none))
}
fn ty_dict(o: &Obj) -> PyResult<Obj> {
    Ok(crate::objects::misc::new_oneref(
        &t().mappingproxy,
        crate::types::type_dict(o),
    ))
}
fn ty_module(o: &Obj) -> PyResult<Obj> {
    if crate::types::is_heap_type(o) {
        if let Some(m) = dict::get_str(&crate::types::type_dict(o), "__module__") {
            return Ok(m);
        }
    }
    Ok(pstr::new_string(crate::typeobj::type_module_name(o)))
}
fn ty_set_module(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    let r = dict::set_str(
        &crate::types::type_dict(o),
        "__module__",
        v.unwrap_or_else(none),
    );
    crate::typecache::invalidate();
    r
}
fn ty_doc(o: &Obj) -> PyResult<Obj> {
    if !crate::types::is_heap_type(o) {
        // NOTE: as CPython's type_get_doc, a builtin type answers its own
        // docstring (kept in the generated table, not in every type dict).
        let key = format!("type:{}", crate::types::type_name(o));
        if let Some(doc) = crate::docstrings::builtin_doc(&key) {
            return Ok(pstr::new_str(doc));
        }
    }
    let d = dict::get_str(&crate::types::type_dict(o), "__doc__").unwrap_or_else(none);
    crate::attr::descr_get(d, None, o)
}
fn ty_basicsize(o: &Obj) -> PyResult<Obj> {
    Ok(new_int_usize(
        o.as_type_slots().map_or(0, |s| s.basicsize.get()),
    ))
}
fn ty_itemsize(o: &Obj) -> PyResult<Obj> {
    Ok(new_int_usize(
        o.as_type_slots().map_or(0, |s| s.itemsize.get()),
    ))
}
fn ty_dictoffset(o: &Obj) -> PyResult<Obj> {
    Ok(new_int(tdata(o).dictoffset.get() as i64))
}
fn ty_weakrefoffset(o: &Obj) -> PyResult<Obj> {
    Ok(new_int_usize(
        o.as_type_slots().map_or(0, |s| s.weaklistoffset.get()),
    ))
}
fn ty_flags(o: &Obj) -> PyResult<Obj> {
    let f = o
        .as_type_slots()
        .map_or(pyheap_mem::TypeFlags(0), |s| s.flags.get());
    let mut v: i64 = 1 << 18; // Py_TPFLAGS_READY-ish default
    if f.contains(pyheap_mem::TypeFlags::HEAPTYPE) {
        v |= 1 << 9;
    }
    if f.contains(pyheap_mem::TypeFlags::HAVE_GC) {
        v |= 1 << 14;
    }
    if f.contains(pyheap_mem::TypeFlags::MANAGED_DICT) {
        v |= 1 << 4;
    }
    v |= 1 << 10;
    Ok(new_int(v))
}
fn ty_abstract(o: &Obj) -> PyResult<Obj> {
    match dict::get_str(&crate::types::type_dict(o), "__abstractmethods__") {
        Some(v) => Ok(v),
        None => Err(attr_err("__abstractmethods__")),
    }
}
fn ty_set_abstract(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    let d = crate::types::type_dict(o);
    let r = match v {
        Some(v) => dict::set_str(&d, "__abstractmethods__", v),
        None => dict::del_item(&d, &pstr::new_str("__abstractmethods__")).map(|_| ()),
    };
    crate::typecache::invalidate();
    r
}
fn ty_mro_method(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let c = a0(&args)?;
    let bases = tdata(c)
        .bases
        .get()
        .map(|b| tuple::tuple_items(&b))
        .unwrap_or_default();
    Ok(crate::objects::list::new_list(crate::types::compute_mro(
        c, &bases,
    )?))
}
fn ty_subclasses(_args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(crate::objects::list::new_list(vec![]))
}
fn ty_instancecheck(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (c, o) = (a0(&args)?, a1(&args)?);
    Ok(py_bool(crate::types::isinstance(o, c)))
}
fn ty_subclasscheck(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (c, o) = (a0(&args)?, a1(&args)?);
    Ok(py_bool(is_type(o) && crate::types::is_subtype(o, c)))
}
fn ty_prepare(_args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(dict::new_dict())
}
fn ty_init(_args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(none())
}
fn ty_call(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let mut args = args;
    if args.is_empty() {
        return Err(type_err(
            "descriptor '__call__' of 'type' object needs an argument",
        ));
    }
    let c = args.remove(0);
    crate::typeobj::type_call(&c, args, kw)
}
fn ty_repr(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(pstr::new_string(crate::typeobj::type_repr(a0(&args)?)))
}
fn ty_or(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (a, b) = (a0(&args)?, a1(&args)?);
    Ok(tuple::new_tuple(vec![a.clone(), b.clone()]))
}

// ----- property / staticmethod / classmethod / super -------------------------

fn property_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let mut f = [None, None, None, None];
    for (i, a) in args.iter().skip(1).enumerate().take(4) {
        if !crate::types::is_none(a) {
            f[i] = Some(a.clone());
        }
    }
    for (k, v) in kw {
        let i = match pstr::as_str(&k) {
            Some("fget") => 0,
            Some("fset") => 1,
            Some("fdel") => 2,
            Some("doc") => 3,
            _ => return Err(type_err("property() got an unexpected keyword argument")),
        };
        if !crate::types::is_none(&v) {
            f[i] = Some(v);
        }
    }
    let [g, s, d, doc] = f;
    let doc = match (doc, &g) {
        (Some(doc), _) => Some(doc),
        (None, Some(g)) => {
            crate::attr::getattr_opt(g, "__doc__")?.filter(|d| !crate::types::is_none(d))
        }
        _ => None,
    };
    Ok(crate::objects::func::new_property(g, s, d, doc))
}
fn property_copy(args: &[Obj], which: usize) -> PyResult<Obj> {
    let p = a0(args)?;
    let f = a1(args)?;
    let pp = p
        .payload::<PropertyObj>()
        .ok_or_else(|| type_err("not a property"))?;
    let mut parts = [pp.fget.get(), pp.fset.get(), pp.fdel.get()];
    parts[which] = Some(f.clone());
    let doc = if which == 0 {
        crate::attr::getattr_opt(f, "__doc__")?.filter(|d| !crate::types::is_none(d))
    } else {
        pp.doc.get()
    };
    let [g, s, d] = parts;
    Ok(crate::objects::func::new_property(g, s, d, doc))
}
fn property_getter(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    property_copy(&args, 0)
}
fn property_setter(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    property_copy(&args, 1)
}
fn property_deleter(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    property_copy(&args, 2)
}
fn property_get(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let p = a0(&args)?;
    let o = a1(&args)?;
    if crate::types::is_none(o) {
        return Ok(p.clone());
    }
    let ty = o.type_ref();
    crate::attr::descr_get(p.clone(), Some(o), &ty)
}
fn prop_fget(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<PropertyObj>()
        .and_then(|p| p.fget.get())
        .unwrap_or_else(none))
}
fn prop_fset(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<PropertyObj>()
        .and_then(|p| p.fset.get())
        .unwrap_or_else(none))
}
fn prop_fdel(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<PropertyObj>()
        .and_then(|p| p.fdel.get())
        .unwrap_or_else(none))
}
fn prop_doc(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<PropertyObj>()
        .and_then(|p| p.doc.get())
        .unwrap_or_else(none))
}

fn wrap_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    if args.len() != 2 {
        return Err(type_err(&format!(
            "{} expected 1 argument, got {}",
            args.first().map(type_name).unwrap_or_default(),
            args.len().saturating_sub(1)
        )));
    }
    Ok(crate::objects::func::new_wrap(&args[0], args[1].clone()))
}
fn wrap_func(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<WrapObj>()
        .and_then(|w| w.callable.get())
        .unwrap_or_else(none))
}
fn wrap_get(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let w = a0(&args)?;
    let o = args.get(1).cloned().filter(|x| !crate::types::is_none(x));
    let ty = match (
        args.get(2).cloned().filter(|x| !crate::types::is_none(x)),
        &o,
    ) {
        (Some(t), _) => t,
        (None, Some(o)) => o.type_ref(),
        _ => return Err(type_err("__get__(None, None) is invalid")),
    };
    crate::attr::descr_get(w.clone(), o.as_ref(), &ty)
}
fn static_call(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let mut args = args;
    let w = args.remove(0);
    let f = wrap_func(&w)?;
    ops::call(&f, args, kw)
}

/// `super(type, obj)` objects: payload `IterObj` (a = type, b = obj).
fn super_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    if args.len() < 3 {
        return Err(crate::exc::runtime_err("super(): no arguments"));
    }
    let (ty, obj) = (args[1].clone(), args[2].clone());
    if !is_type(&ty) {
        return Err(type_err(&format!(
            "super() argument 1 must be a type, not {}",
            tname(&ty)
        )));
    }
    let ok = crate::types::isinstance(&obj, &ty)
        || (is_type(&obj) && crate::types::is_subtype(&obj, &ty));
    if !ok {
        return Err(type_err(
            "super(type, obj): obj must be an instance or subtype of type",
        ));
    }
    Ok(crate::objects::iterobj::new_iter(
        &args[0],
        Some(ty),
        Some(obj),
        0,
        0,
    ))
}

/// Attribute lookup through a super object.
pub fn super_getattr(sup: &Obj, name: &Obj) -> PyResult<Option<Obj>> {
    let Some(p) = sup.payload::<crate::objects::iterobj::IterObj>() else {
        return Ok(None);
    };
    let (Some(ty), Some(obj)) = (p.a.get(), p.b.get()) else {
        return Ok(None);
    };
    let s = pstr::as_str(name).unwrap_or("");
    if s == "__class__" {
        return Ok(None);
    }
    let start_ty = if is_type(&obj) && crate::types::is_subtype(&obj, &ty) {
        obj.clone()
    } else {
        obj.type_ref()
    };
    let mro = tdata(&start_ty)
        .mro
        .get()
        .map(|m| tuple::tuple_items(&m))
        .unwrap_or_default();
    let mut found = false;
    for k in mro {
        if found {
            if let Some(d) = tdata(&k).dict.get() {
                if let Some(v) = dict::get_str(&d, s) {
                    let inst = if obj.is(&start_ty) { None } else { Some(&obj) };
                    return crate::attr::descr_get(v, inst, &start_ty).map(Some);
                }
            }
        } else if k.is(&ty) {
            found = true;
        }
    }
    Ok(None)
}

fn super_getattribute(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (s, n) = (a0(&args)?, a1(&args)?);
    match super_getattr(s, n)? {
        Some(v) => Ok(v),
        None => crate::attr::generic_getattr(s, n).map_err(|_| {
            attr_err(&format!(
                "'super' object has no attribute '{}'",
                pstr::as_str(n).unwrap_or("")
            ))
        }),
    }
}
fn super_repr(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = a0(&args)?;
    let p = s.payload::<crate::objects::iterobj::IterObj>();
    let ty = p
        .and_then(|p| p.a.get())
        .map(|t| type_name(&t))
        .unwrap_or_default();
    let o = p
        .and_then(|p| p.b.get())
        .map(|o| tname(&o))
        .unwrap_or_default();
    Ok(pstr::new_string(format!(
        "<super: <class '{ty}'>, <{o} object>>"
    )))
}

/// Registration of object/type/descriptor methods.
pub fn register() {
    let tt = t();
    let o = &tt.object;
    add_static(o, "__new__", crate::typeobj::object_new);
    add_method(o, "__init__", crate::typeobj::object_init);
    if let (Some(n), Some(i)) = (
        crate::types::type_dict(o)
            .payload::<dict::DictObj>()
            .and(dict::get_str(&crate::types::type_dict(o), "__new__")),
        dict::get_str(&crate::types::type_dict(o), "__init__"),
    ) {
        crate::typeobj::remember_object_slots(n, i);
    }
    add_method(o, "__repr__", obj_repr);
    add_method(o, "__str__", obj_str);
    add_method(o, "__hash__", obj_hash);
    add_method(o, "__eq__", obj_eq);
    add_method(o, "__ne__", obj_ne);
    for n in ["__lt__", "__le__", "__gt__", "__ge__"] {
        add_method(o, n, obj_notimpl);
    }
    add_method(o, "__format__", obj_format);
    add_method(o, "__getattribute__", obj_getattribute);
    add_method(o, "__setattr__", obj_setattr);
    add_method(o, "__delattr__", obj_delattr);
    add_method(o, "__sizeof__", obj_sizeof);
    add_method(o, "__dir__", obj_dir);
    add_method(o, "__reduce_ex__", obj_reduce_ex);
    add_classmethod(o, "__init_subclass__", obj_init_subclass);
    add_classmethod(o, "__subclasshook__", obj_subclasshook);
    add_getset(o, "__class__", obj_class_get, Some(obj_class_set));
    set_type_attr(o, "__doc__", pstr::new_str("The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n"));

    let ty = &tt.type_;
    add_getset(ty, "__name__", ty_name, Some(ty_set_name));
    add_getset(ty, "__qualname__", ty_qualname, Some(ty_set_qualname));
    add_getset(ty, "__mro__", ty_mro, None);
    add_getset(ty, "__bases__", ty_bases, None);
    add_getset(ty, "__base__", ty_base, None);
    add_getset(ty, "__dict__", ty_dict, None);
    add_getset(ty, "__module__", ty_module, Some(ty_set_module));
    add_getset(ty, "__doc__", ty_doc, None);
    add_getset(ty, "__basicsize__", ty_basicsize, None);
    add_getset(ty, "__itemsize__", ty_itemsize, None);
    add_getset(ty, "__dictoffset__", ty_dictoffset, None);
    add_getset(ty, "__weakrefoffset__", ty_weakrefoffset, None);
    add_getset(ty, "__flags__", ty_flags, None);
    add_getset(
        ty,
        "__abstractmethods__",
        ty_abstract,
        Some(ty_set_abstract),
    );
    add_method(ty, "mro", ty_mro_method);
    add_method(ty, "__subclasses__", ty_subclasses);
    add_method(ty, "__instancecheck__", ty_instancecheck);
    add_method(ty, "__subclasscheck__", ty_subclasscheck);
    add_method(ty, "__init__", ty_init);
    add_method(ty, "__call__", ty_call);
    add_method(ty, "__repr__", ty_repr);
    add_method(ty, "__or__", ty_or);
    add_classmethod(ty, "__prepare__", ty_prepare);
    add_static(ty, "__new__", crate::typeobj::py_type_new);

    let p = &tt.property;
    add_static(p, "__new__", property_new);
    add_method(p, "getter", property_getter);
    add_method(p, "setter", property_setter);
    add_method(p, "deleter", property_deleter);
    add_method(p, "__get__", property_get);
    add_getset(p, "fget", prop_fget, None);
    add_getset(p, "fset", prop_fset, None);
    add_getset(p, "fdel", prop_fdel, None);
    add_getset(p, "__doc__", prop_doc, None);
    for w in [&tt.staticmethod, &tt.classmethod] {
        add_static(w, "__new__", wrap_new);
        add_getset(w, "__func__", wrap_func, None);
        add_getset(w, "__wrapped__", wrap_func, None);
        add_method(w, "__get__", wrap_get);
    }
    add_method(&tt.staticmethod, "__call__", static_call);
    add_static(&tt.super_, "__new__", super_new);
    add_method(&tt.super_, "__getattribute__", super_getattribute);
    add_method(&tt.super_, "__repr__", super_repr);
}

pub fn unused(_: &Obj) -> PyResult<Obj> {
    Ok(new_int(0))
}
