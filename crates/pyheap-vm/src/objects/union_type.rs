//! `types.UnionType` (`int | None`, PEP 604) and `type.__or__`.
//!
//! Read [`union_or`] first. Invariants:
//! - only `None`, classes, generic aliases and unions combine with `|`;
//!   anything else makes `__or__` answer NotImplemented;
//! - a union's arguments are flat (a union argument contributes its own
//!   arguments), `None` is stored as `NoneType`, duplicates are dropped
//!   (identity, or `==` between two generic aliases), and a single remaining
//!   argument is returned itself instead of a union;
//! - equality and hash ignore order (frozensets of the arguments);
//! - a union is a GC object without a weakref list (48 bytes with the GC
//!   header); the type is made with `types.GenericAlias` (see
//!   [`crate::objects::generic_alias::types`]).

use pyheap_mem::{new_object, ObjPtr, Payload, Slot, TypeSlots};

use crate::objects::generic_alias::{is_alias, make_parameters, repr_item, substitute, types};
use crate::objects::tuple::{new_tuple, tuple_items};
use crate::ops::{self, CmpOp};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{is_type, t};

pub struct UnionObj {
    args: Slot,
    params: Slot,
}

impl Payload for UnionObj {
    type Item = pyheap_mem::typed::NoItems;
}

pub fn set_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<UnionObj>(s, 16)
}

pub fn traverse(o: &Obj, v: &mut dyn FnMut(ObjPtr)) {
    if let Some(p) = o.payload::<UnionObj>() {
        for s in [&p.args, &p.params] {
            if let Some(x) = s.peek() {
                v(x);
            }
        }
    }
}

pub fn clear(o: &Obj) {
    if let Some(p) = o.payload::<UnionObj>() {
        drop(p.args.take());
        drop(p.params.take());
    }
}

pub fn register(u: &Obj) {
    use crate::types::{add_getset, add_method};
    add_getset(u, "__args__", |o| Ok(args_tuple(o)), None);
    add_getset(u, "__parameters__", parameters, None);
    add_method(u, "__or__", or_m);
    add_method(u, "__ror__", ror_m);
    add_method(u, "__getitem__", getitem_m);
    crate::types::add_static(u, "__new__", |_, _| {
        Err(crate::exc::type_err(
            "cannot create 'types.UnionType' instances",
        ))
    });
    crate::methods::core::reg_dunders(u, &["__repr__", "__hash__"]);
}

fn payload(o: &Obj) -> Option<&UnionObj> {
    o.payload::<UnionObj>()
}

/// True for a `types.UnionType` object.
pub fn is_union(o: &Obj) -> bool {
    payload(o).is_some()
}

fn args_tuple(o: &Obj) -> Obj {
    payload(o)
        .and_then(|p| p.args.get())
        .unwrap_or_else(|| new_tuple(vec![]))
}

/// The members of a union (None when `o` is not a union).
pub fn union_args(o: &Obj) -> Option<Vec<Obj>> {
    payload(o).map(|_| tuple_items(&args_tuple(o)))
}

fn is_unionable(o: &Obj) -> bool {
    crate::types::is_none(o) || is_type(o) || is_alias(o) || is_union(o)
}

/// Whose `__or__` slot is the union one: classes, aliases and unions.
fn has_union_slot(o: &Obj) -> bool {
    is_type(o) || is_alias(o) || is_union(o)
}

/// `a | b` when either side's type uses the union slot and both sides can
/// be union members (None otherwise: the caller reports the TypeError).
pub fn native_or(a: &Obj, b: &Obj) -> Option<PyResult<Obj>> {
    if !(has_union_slot(a) || has_union_slot(b)) || !is_unionable(a) || !is_unionable(b) {
        return None;
    }
    Some(union_or(a, b))
}

/// `a | b` for two union members.
pub fn union_or(a: &Obj, b: &Obj) -> PyResult<Obj> {
    let mut flat: Vec<Obj> = Vec::new();
    for x in [a, b] {
        match union_args(x) {
            Some(items) => flat.extend(items),
            None if crate::types::is_none(x) => flat.push(t().none_type.clone()),
            None => flat.push(x.clone()),
        }
    }
    let mut out: Vec<Obj> = Vec::new();
    for x in flat {
        let mut dup = false;
        for y in &out {
            dup = if is_alias(&x) && is_alias(y) {
                ops::eq(&x, y)?
            } else {
                x.is(y)
            };
            if dup {
                break;
            }
        }
        if !dup {
            out.push(x);
        }
    }
    if out.len() == 1 {
        return Ok(out.pop().unwrap_or_else(crate::types::none));
    }
    Ok(new_union(new_tuple(out)))
}

fn new_union(args: Obj) -> Obj {
    let ty = types().union.clone();
    let p = UnionObj {
        args: Slot::new(Some(args)),
        params: Slot::new(None),
    };
    let o = new_object(&ty, p, 0).unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&o);
    o
}

/// `type.__or__` / `__or__` of aliases and unions.
pub fn or_m(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    crate::builtins::check_args("__or__", &args, 2, 2)?;
    binary(&args[0], &args[1])
}

/// `type.__ror__` / `__ror__` of aliases and unions.
pub fn ror_m(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    crate::builtins::check_args("__ror__", &args, 2, 2)?;
    binary(&args[1], &args[0])
}

fn binary(a: &Obj, b: &Obj) -> PyResult<Obj> {
    if !is_unionable(a) || !is_unionable(b) {
        return Ok(t().not_implemented.clone());
    }
    union_or(a, b)
}

fn parameters(o: &Obj) -> PyResult<Obj> {
    let Some(p) = payload(o) else {
        return Ok(new_tuple(vec![]));
    };
    if let Some(v) = p.params.get() {
        return Ok(v);
    }
    let v = make_parameters(&tuple_items(&args_tuple(o)))?;
    p.params.set(Some(v.clone()));
    Ok(v)
}

fn getitem_m(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    crate::builtins::check_args("__getitem__", &args, 2, 2)?;
    subscript(&args[0], &args[1])
}

/// `union[item]`: substitutes the type variables, then joins the results with `|`.
pub fn subscript(me: &Obj, item: &Obj) -> PyResult<Obj> {
    let params = tuple_items(&parameters(me)?);
    let new_args = substitute(me, &tuple_items(&args_tuple(me)), &params, item)?;
    let mut it = new_args.into_iter();
    let Some(mut r) = it.next() else {
        return Ok(new_union(new_tuple(vec![])));
    };
    for x in it {
        r = ops::binary_op(&r, &x, "|")?;
    }
    Ok(r)
}

/// `repr(union)`: the members joined by ` | `, `NoneType` shown as `None`.
pub fn repr(o: &Obj) -> Option<PyResult<String>> {
    let items = union_args(o)?;
    Some((|| {
        let mut parts = Vec::with_capacity(items.len());
        for a in &items {
            parts.push(if a.is(&t().none_type) {
                "None".to_string()
            } else {
                repr_item(a)?
            });
        }
        Ok(parts.join(" | "))
    })())
}

fn frozen_args(o: &Obj) -> PyResult<Obj> {
    let s = crate::objects::set::new_set_of(&t().frozenset);
    for a in tuple_items(&args_tuple(o)) {
        crate::objects::set::add(&s, a)?;
    }
    Ok(s)
}

/// `hash(union)`: the hash of the frozenset of its members.
pub fn hash(o: &Obj) -> Option<PyResult<isize>> {
    payload(o)?;
    Some(frozen_args(o).and_then(|s| ops::hash(&s)))
}

/// `a == b` / `!=` between two unions: the same members in any order.
pub fn compare(a: &Obj, b: &Obj, op: CmpOp) -> Option<PyResult<bool>> {
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) || !is_union(a) || !is_union(b) {
        return None;
    }
    Some((|| {
        let same = ops::eq(&frozen_args(a)?, &frozen_args(b)?)?;
        Ok(same == (op == CmpOp::Eq))
    })())
}
