//! `types.GenericAlias` (`list[int]`, PEP 585) and the `__class_getitem__`
//! of the builtin generic classes.
//!
//! Read [`new_alias`] first, then [`getattr`] and [`subscript`]. Invariants:
//! - an alias holds its origin, its arguments (always a tuple) and its
//!   `__parameters__` (computed on first use, then cached); it is a GC
//!   object with a weakref list (80 bytes with the GC header, as CPython);
//! - attribute lookup forwards every name except the alias's own
//!   ([`OWN_ATTRS`]) to the origin, so `list[int].append` is `list.append`;
//! - both types are made on first use (in the runtime census scope), so a
//!   program without type hints allocates exactly what it did before.

use std::cell::{Cell, OnceCell};

use pyheap_mem::{new_object, ObjPtr, Payload, Slot, TypeFlags, TypeSlots, WeakListWord};

use crate::exc::type_err;
use crate::objects::tuple::{is_tuple, new_tuple, tuple_items};
use crate::objects::{list, str as pstr};
use crate::ops::{self, CmpOp};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{is_type, t, tdata};

/// NOTE: `repr(C)` so the weakref word sits where CPython's does (offset 40).
#[repr(C)]
pub struct AliasObj {
    origin: Slot,
    args: Slot,
    params: Slot,
    weaklist: WeakListWord,
    starred: Cell<bool>,
    _vectorcall: Cell<usize>,
}

impl Payload for AliasObj {
    type Item = pyheap_mem::typed::NoItems;
}

fn set_alias_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<AliasObj>(s, 16)
}

const ALIAS_WEAKLIST_OFFSET: usize = 16 + std::mem::offset_of!(AliasObj, weaklist);
const _: () = assert!(ALIAS_WEAKLIST_OFFSET == 40);

/// The `types.GenericAlias` and `types.UnionType` type objects.
pub struct HintTypes {
    pub alias: Obj,
    pub union: Obj,
}

thread_local! {
    static TYPES: OnceCell<&'static HintTypes> = const { OnceCell::new() };
}

/// The types, made on first use.
pub fn types() -> &'static HintTypes {
    if let Some(ht) = types_if_made() {
        return ht;
    }
    pyheap_mem::census::runtime_scope(|| {
        let made: &'static HintTypes = Box::leak(Box::new(make_types()));
        TYPES.with(|c| {
            let _ = c.set(made);
        });
        register(made);
        made
    })
}

fn types_if_made() -> Option<&'static HintTypes> {
    TYPES.with(|c| c.get().copied())
}

fn make_types() -> HintTypes {
    let tt = t();
    let mk = |name: &str, short: &str, size: usize, setter: crate::types::PayloadSetter| {
        let ty = crate::types::new_builtin_type(
            &tt.type_,
            name,
            Some(&tt.object),
            size,
            TypeFlags::HAVE_GC,
            Some(setter),
        );
        *tdata(&ty).qualname.borrow_mut() = short.to_string();
        ty
    };
    let alias = mk("types.GenericAlias", "GenericAlias", 64, set_alias_payload);
    if let Some(s) = alias.as_type_slots() {
        s.traverse.set(Some(alias_traverse));
        s.clear.set(Some(alias_clear));
        s.weaklistoffset.set(ALIAS_WEAKLIST_OFFSET);
    }
    let union = mk(
        "types.UnionType",
        "UnionType",
        32,
        crate::objects::union_type::set_payload,
    );
    if let Some(s) = union.as_type_slots() {
        s.traverse.set(Some(crate::objects::union_type::traverse));
        s.clear.set(Some(crate::objects::union_type::clear));
    }
    crate::types::finish_builtin(&alias);
    crate::types::finish_builtin(&union);
    HintTypes { alias, union }
}

fn register(ht: &HintTypes) {
    use crate::types::{add_getset, add_method};
    let a = &ht.alias;
    add_getset(a, "__origin__", |o| Ok(slot(o, |p| &p.origin)), None);
    add_getset(a, "__args__", |o| Ok(slot(o, |p| &p.args)), None);
    add_getset(a, "__parameters__", parameters, None);
    add_getset(
        a,
        "__unpacked__",
        |o| Ok(crate::types::py_bool(starred(o))),
        None,
    );
    crate::types::add_static(a, "__new__", alias_new);
    add_method(a, "__mro_entries__", mro_entries);
    add_method(a, "__instancecheck__", |_, _| {
        Err(type_err(
            "isinstance() argument 2 cannot be a parameterized generic",
        ))
    });
    add_method(a, "__subclasscheck__", |_, _| {
        Err(type_err(
            "issubclass() argument 2 cannot be a parameterized generic",
        ))
    });
    add_method(a, "__call__", call);
    add_method(a, "__getitem__", getitem_m);
    add_method(a, "__or__", or_m);
    add_method(a, "__ror__", ror_m);
    crate::methods::core::reg_dunders(a, &["__repr__", "__hash__"]);
    crate::objects::union_type::register(&ht.union);
}

fn payload(o: &Obj) -> Option<&AliasObj> {
    if types_if_made().is_some_and(|ht| o.has_type(&ht.alias)) {
        o.payload::<AliasObj>()
    } else {
        None
    }
}

/// True for a `types.GenericAlias` object.
pub fn is_alias(o: &Obj) -> bool {
    payload(o).is_some()
}

fn slot(o: &Obj, f: fn(&AliasObj) -> &Slot) -> Obj {
    payload(o)
        .and_then(|p| f(p).get())
        .unwrap_or_else(crate::types::none)
}

fn starred(o: &Obj) -> bool {
    payload(o).is_some_and(|p| p.starred.get())
}

fn alias_traverse(o: &Obj, v: &mut dyn FnMut(ObjPtr)) {
    if let Some(p) = o.payload::<AliasObj>() {
        for s in [&p.origin, &p.args, &p.params] {
            if let Some(x) = s.peek() {
                v(x);
            }
        }
    }
}

fn alias_clear(o: &Obj) {
    if let Some(p) = o.payload::<AliasObj>() {
        drop(p.origin.take());
        drop(p.args.take());
        drop(p.params.take());
    }
}

/// `types.GenericAlias(origin, args)`; `args` that is not a tuple becomes a
/// one-item tuple.
pub fn new_alias(origin: Obj, args: Obj) -> Obj {
    let ty = types().alias.clone();
    let args = if is_tuple(&args) {
        args
    } else {
        new_tuple(vec![args])
    };
    let p = AliasObj {
        origin: Slot::new(Some(origin)),
        args: Slot::new(Some(args)),
        params: Slot::new(None),
        weaklist: WeakListWord::default(),
        starred: Cell::new(false),
        _vectorcall: Cell::new(0),
    };
    let o = new_object(&ty, p, 0).unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&o);
    o
}

/// `cls.__class_getitem__(item)` of the builtin generic classes.
pub fn class_getitem(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    crate::builtins::check_args("__class_getitem__", &args, 2, 2)?;
    Ok(new_alias(args[0].clone(), args[1].clone()))
}

/// `types.GenericAlias(origin, args)` called from Python.
pub fn alias_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(type_err("GenericAlias() takes no keyword arguments"));
    }
    if args.len() != 3 {
        return Err(type_err(&format!(
            "GenericAlias expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    }
    Ok(new_alias(args[1].clone(), args[2].clone()))
}

/// Registers `__class_getitem__` on the builtin generic classes (start-up).
pub fn register_class_getitem() {
    let tt = t();
    for ty in [
        &tt.list,
        &tt.dict,
        &tt.tuple,
        &tt.set,
        &tt.frozenset,
        &tt.type_,
        &tt.enumerate,
    ] {
        crate::types::add_classmethod(ty, "__class_getitem__", class_getitem);
    }
    crate::types::add_method(&tt.type_, "__or__", crate::objects::union_type::or_m);
    crate::types::add_method(&tt.type_, "__ror__", crate::objects::union_type::ror_m);
}

/// The names an alias answers itself; every other attribute is the origin's.
const OWN_ATTRS: &[&str] = &[
    "__class__",
    "__origin__",
    "__args__",
    "__unpacked__",
    "__parameters__",
    "__typing_unpacked_tuple_args__",
    "__mro_entries__",
    "__reduce_ex__",
    "__reduce__",
    "__copy__",
    "__deepcopy__",
];

/// Attribute lookup on an alias (None when `o` is not one).
pub fn getattr(o: &Obj, name: &Obj) -> Option<PyResult<Obj>> {
    let p = payload(o)?;
    let s = pstr::as_str(name).unwrap_or("");
    if OWN_ATTRS.contains(&s) {
        return Some(crate::attr::generic_getattr(o, name));
    }
    let origin = p.origin.get()?;
    Some(crate::attr::getattr(&origin, name))
}

fn mro_entries(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    crate::builtins::check_args("__mro_entries__", &args, 2, 2)?;
    Ok(new_tuple(vec![slot(&args[0], |p| &p.origin)]))
}

fn call(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let mut args = args.into_iter();
    let me = args.next().ok_or_else(|| type_err("bad call"))?;
    let origin = slot(&me, |p| &p.origin);
    let r = ops::call(&origin, args.collect(), kw)?;
    match crate::attr::setattr(&r, &pstr::intern("__orig_class__"), Some(me)) {
        Ok(()) => Ok(r),
        Err(e)
            if crate::exc::matches(&e, &t().attribute_error)
                || crate::exc::matches(&e, &t().type_error) =>
        {
            Ok(r)
        }
        Err(e) => Err(e),
    }
}

fn or_m(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    crate::objects::union_type::or_m(args, vec![])
}

fn ror_m(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    crate::objects::union_type::ror_m(args, vec![])
}

/// `alias.__parameters__`: the type variables among the arguments (objects
/// with `__typing_subst__`, and the parameters of nested generics), each once.
fn parameters(o: &Obj) -> PyResult<Obj> {
    let Some(p) = payload(o) else {
        return Ok(new_tuple(vec![]));
    };
    if let Some(v) = p.params.get() {
        return Ok(v);
    }
    let args = p.args.get().map(|a| tuple_items(&a)).unwrap_or_default();
    let v = make_parameters(&args)?;
    p.params.set(Some(v.clone()));
    Ok(v)
}

/// CPython's `_Py_make_parameters`.
pub fn make_parameters(args: &[Obj]) -> PyResult<Obj> {
    let mut out: Vec<Obj> = Vec::new();
    let push = |out: &mut Vec<Obj>, x: Obj| {
        if !out.iter().any(|y| y.is(&x)) {
            out.push(x);
        }
    };
    for a in args {
        if is_type(a) {
            continue;
        }
        if crate::attr::getattr_opt(a, "__typing_subst__")?.is_some() {
            push(&mut out, a.clone());
            continue;
        }
        if let Some(ps) = crate::attr::getattr_opt(a, "__parameters__")? {
            if is_tuple(&ps) {
                for x in tuple_items(&ps) {
                    push(&mut out, x);
                }
            }
        }
    }
    Ok(new_tuple(out))
}

fn getitem_m(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    crate::builtins::check_args("__getitem__", &args, 2, 2)?;
    subscript(&args[0], &args[1])
}

/// `alias[item]`: substitutes the type variables (None when `o` is not an alias).
pub fn subscript(o: &Obj, item: &Obj) -> PyResult<Obj> {
    let params = tuple_items(&parameters(o)?);
    let args = tuple_items(&slot(o, |p| &p.args));
    let new_args = substitute(o, &args, &params, item)?;
    Ok(new_alias(slot(o, |p| &p.origin), new_tuple(new_args)))
}

/// CPython's `_Py_subs_parameters` without variadic type variables: each
/// argument that is a parameter becomes `param.__typing_subst__(value)`, and a
/// nested generic is subscripted with the values of its own parameters.
pub fn substitute(me: &Obj, args: &[Obj], params: &[Obj], item: &Obj) -> PyResult<Vec<Obj>> {
    if params.is_empty() {
        return Err(type_err(&format!(
            "{} is not a generic class",
            ops::repr_string(me)?
        )));
    }
    let items = if is_tuple(item) {
        tuple_items(item)
    } else {
        vec![item.clone()]
    };
    if items.len() != params.len() {
        return Err(type_err(&format!(
            "Too {} arguments for {}; actual {}, expected {}",
            if items.len() > params.len() {
                "many"
            } else {
                "few"
            },
            ops::repr_string(me)?,
            items.len(),
            params.len()
        )));
    }
    let value_of = |x: &Obj| {
        params
            .iter()
            .position(|p| p.is(x))
            .map(|i| items[i].clone())
    };
    let mut out = Vec::with_capacity(args.len());
    for a in args {
        if is_type(a) {
            out.push(a.clone());
            continue;
        }
        if let Some(v) = value_of(a) {
            let subst = crate::attr::getattr_str(a, "__typing_subst__")?;
            out.push(ops::call(&subst, vec![v], vec![])?);
            continue;
        }
        let sub = match crate::attr::getattr_opt(a, "__parameters__")? {
            Some(ps) if is_tuple(&ps) && !tuple_items(&ps).is_empty() => tuple_items(&ps),
            _ => {
                out.push(a.clone());
                continue;
            }
        };
        let vals: Vec<Obj> = sub.iter().filter_map(value_of).collect();
        let key = if vals.len() == 1 {
            vals[0].clone()
        } else {
            new_tuple(vals)
        };
        out.push(ops::getitem(a, &key)?);
    }
    Ok(out)
}

/// How an alias shows an argument (CPython's `ga_repr_item`).
pub fn repr_item(p: &Obj) -> PyResult<String> {
    if p.is(&t().ellipsis) {
        return Ok("...".into());
    }
    if crate::attr::getattr_opt(p, "__origin__")?.is_some()
        && crate::attr::getattr_opt(p, "__args__")?.is_some()
    {
        return ops::repr_string(p);
    }
    let Some(q) = crate::attr::getattr_opt(p, "__qualname__")? else {
        return ops::repr_string(p);
    };
    let m = match crate::attr::getattr_opt(p, "__module__")? {
        Some(m) if !crate::types::is_none(&m) => m,
        _ => return ops::repr_string(p),
    };
    let qs = ops::str_string(&q)?;
    let ms = ops::str_string(&m)?;
    Ok(if ms == "builtins" {
        qs
    } else {
        format!("{ms}.{qs}")
    })
}

/// `repr(alias)` (None when `o` is not an alias).
pub fn repr(o: &Obj) -> Option<PyResult<String>> {
    let p = payload(o)?;
    Some((|| {
        let mut s = String::new();
        if p.starred.get() {
            s.push('*');
        }
        s.push_str(&repr_item(&slot(o, |p| &p.origin))?);
        s.push('[');
        let args = tuple_items(&slot(o, |p| &p.args));
        if args.is_empty() {
            s.push_str("()");
        }
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            if list::is_list(a) && a.has_type(&t().list) {
                s.push('[');
                for (j, x) in list::list_items(a).iter().enumerate() {
                    if j > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&repr_item(x)?);
                }
                s.push(']');
            } else {
                s.push_str(&repr_item(a)?);
            }
        }
        s.push(']');
        Ok(s)
    })())
}

/// `hash(alias)`: the origin's hash xor the arguments'.
pub fn hash(o: &Obj) -> Option<PyResult<isize>> {
    payload(o)?;
    Some((|| {
        let h = ops::hash(&slot(o, |p| &p.origin))? ^ ops::hash(&slot(o, |p| &p.args))?;
        Ok(if h == -1 { -2 } else { h })
    })())
}

/// `a == b` / `!=` between two aliases: same origin, arguments and starring.
pub fn compare(a: &Obj, b: &Obj, op: CmpOp) -> Option<PyResult<bool>> {
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return None;
    }
    let (pa, pb) = (payload(a)?, payload(b)?);
    let eq = op == CmpOp::Eq;
    Some((|| {
        if pa.starred.get() != pb.starred.get() {
            return Ok(!eq);
        }
        let same = ops::eq(&slot(a, |p| &p.origin), &slot(b, |p| &p.origin))?
            && ops::eq(&slot(a, |p| &p.args), &slot(b, |p| &p.args))?;
        Ok(same == eq)
    })())
}
