//! The structural pattern matching instructions (`GetLen`,
//! `MatchSequence`, `MatchMapping`, `MatchKeys`, `MatchClass`) with CPython
//! 3.11's semantics (`match_keys` / `match_class` in ceval.c).
//!
//! Read [`exec`] first: the eval loop hands it the frame's value stack and
//! the instruction. Invariant: every function leaves the stack exactly as
//! the instruction's documented stack effect says, also on error (popped
//! values are released, nothing is pushed).

use pyheap_compiler::bytecode::Instruction as I;

use crate::exc::type_err;
use crate::objects::{int, set, str as pstr, tuple};
use crate::ops;
use crate::rt::{Obj, PyResult};
use crate::types::{is_subtype, is_type, none, py_bool, t, tname, type_name};

/// Executes one pattern-matching instruction on `stack`.
pub fn exec(stack: &mut Vec<Option<Obj>>, ins: I) -> PyResult<()> {
    match ins {
        I::GetLen => {
            let v = top(stack, 1);
            let n = ops::len(&v)?;
            stack.push(Some(int::new_int_usize(n)));
        }
        I::MatchSequence => {
            let v = top(stack, 1);
            stack.push(Some(py_bool(is_match_sequence(&v))));
        }
        I::MatchMapping => {
            let v = top(stack, 1);
            stack.push(Some(py_bool(is_match_mapping(&v))));
        }
        I::MatchKeys => {
            let (subject, keys) = (top(stack, 2), top(stack, 1));
            let r = match_keys(&subject, &keys)?;
            stack.push(Some(r));
        }
        I::MatchClass(nargs) => {
            let names = pop(stack);
            let cls = pop(stack);
            let subject = pop(stack);
            let r = match_class(&subject, &cls, nargs as usize, &names)?;
            stack.push(Some(r.unwrap_or_else(none)));
        }
        _ => {}
    }
    Ok(())
}

fn top(stack: &[Option<Obj>], n: usize) -> Obj {
    stack
        .len()
        .checked_sub(n)
        .and_then(|i| stack.get(i).cloned().flatten())
        .unwrap_or_else(none)
}

fn pop(stack: &mut Vec<Option<Obj>>) -> Obj {
    stack.pop().flatten().unwrap_or_else(none)
}

/// Whether some class in `ty`'s MRO is `collections.abc.<name>` for one of
/// `names` (how user classes get `Py_TPFLAGS_SEQUENCE`/`MAPPING`).
fn has_abc(ty: &Obj, names: &[&str]) -> bool {
    let Some(mro) = crate::types::tdata(ty).mro.get() else {
        return false;
    };
    tuple::tuple_items(&mro).iter().any(|c| {
        let n = type_name(c);
        names.contains(&n.as_str())
            && crate::attr::own_attr(c, "__module__")
                .as_ref()
                .and_then(|m| pstr::as_str(m).map(|s| s == "collections.abc"))
                .unwrap_or(false)
    })
}

/// `Py_TPFLAGS_SEQUENCE`: list, tuple, range, memoryview, deque, array and
/// `collections.abc.Sequence` subclasses — never str, bytes or bytearray.
pub fn is_match_sequence(v: &Obj) -> bool {
    let ty = v.type_ref();
    let tt = t();
    if is_subtype(&ty, &tt.str_) || is_subtype(&ty, &tt.bytes) || is_subtype(&ty, &tt.bytearray) {
        return false;
    }
    if is_subtype(&ty, &tt.list) || is_subtype(&ty, &tt.tuple) || is_subtype(&ty, &tt.range) {
        return true;
    }
    let builtin = ["memoryview", "deque", "array"];
    if builtin.contains(&type_name(&ty).as_str()) && !crate::types::is_heap_type(&ty) {
        return true;
    }
    has_abc(&ty, &["Sequence", "MutableSequence"])
}

/// `Py_TPFLAGS_MAPPING`: dict (and subclasses), mappingproxy and
/// `collections.abc.Mapping` subclasses.
pub fn is_match_mapping(v: &Obj) -> bool {
    let ty = v.type_ref();
    let tt = t();
    if is_subtype(&ty, &tt.dict) || is_subtype(&ty, &tt.mappingproxy) {
        return true;
    }
    has_abc(&ty, &["Mapping", "MutableMapping"])
}

/// The values for `keys` via `subject.get(k, dummy)`, or None if one is
/// missing (`match_keys`).
fn match_keys(subject: &Obj, keys: &Obj) -> PyResult<Obj> {
    let keys = tuple::tuple_items(keys);
    if keys.is_empty() {
        return Ok(tuple::new_tuple(Vec::new()));
    }
    let get = crate::attr::getattr_str(subject, "get")?;
    let dummy = ops::call(&t().object, Vec::new(), Vec::new())?;
    let seen = set::new_set();
    let mut values = Vec::with_capacity(keys.len());
    for k in keys {
        if !set::add(&seen, k.clone())? {
            return Err(crate::exc::value_err(&format!(
                "mapping pattern checks duplicate key ({})",
                ops::repr_string(&k)?
            )));
        }
        let v = ops::call(&get, vec![k, dummy.clone()], Vec::new())?;
        if v.is(&dummy) {
            return Ok(none());
        }
        values.push(v);
    }
    Ok(tuple::new_tuple(values))
}

/// Types whose single positional sub-pattern matches the subject itself
/// (`_Py_TPFLAGS_MATCH_SELF`, inherited by subclasses).
fn match_self(cls: &Obj) -> bool {
    let tt = t();
    [
        &tt.bool_,
        &tt.bytearray,
        &tt.bytes,
        &tt.dict,
        &tt.float,
        &tt.frozenset,
        &tt.int,
        &tt.list,
        &tt.set,
        &tt.str_,
        &tt.tuple,
    ]
    .iter()
    .any(|b| is_subtype(cls, b))
}

/// One attribute for a class pattern (`match_class_attr`): `Ok(None)` when
/// the subject lacks it.
fn class_attr(subject: &Obj, cls: &Obj, name: &Obj, seen: &Obj) -> PyResult<Option<Obj>> {
    if !set::add(seen, name.clone())? {
        return Err(type_err(&format!(
            "{}() got multiple sub-patterns for attribute {}",
            type_name(cls),
            ops::repr_string(name)?
        )));
    }
    match crate::attr::getattr(subject, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if crate::exc::matches(&e, &t().attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The attributes for a class pattern, or `None` on no match (`match_class`).
fn match_class(subject: &Obj, cls: &Obj, nargs: usize, kwargs: &Obj) -> PyResult<Option<Obj>> {
    if !is_type(cls) {
        return Err(type_err("called match pattern must be a type"));
    }
    if !crate::builtins::isinstance_check(subject, cls)? {
        return Ok(None);
    }
    let seen = set::new_set();
    let mut attrs = Vec::new();
    if nargs > 0 {
        let (match_args, is_self) = match crate::attr::getattr_str(cls, "__match_args__") {
            Ok(m) => {
                if !m.type_ref().is(&t().tuple) {
                    return Err(type_err(&format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        type_name(cls),
                        tname(&m)
                    )));
                }
                (tuple::tuple_items(&m), false)
            }
            Err(e) if crate::exc::matches(&e, &t().attribute_error) => {
                (Vec::new(), match_self(cls))
            }
            Err(e) => return Err(e),
        };
        let allowed = if is_self { 1 } else { match_args.len() };
        if allowed < nargs {
            return Err(type_err(&format!(
                "{}() accepts {} positional sub-pattern{} ({} given)",
                type_name(cls),
                allowed,
                if allowed == 1 { "" } else { "s" },
                nargs
            )));
        }
        if is_self {
            attrs.push(subject.clone());
        } else {
            for name in match_args.iter().take(nargs) {
                if !name.type_ref().is(&t().str_) {
                    return Err(type_err(&format!(
                        "__match_args__ elements must be strings (got {})",
                        tname(name)
                    )));
                }
                match class_attr(subject, cls, name, &seen)? {
                    Some(v) => attrs.push(v),
                    None => return Ok(None),
                }
            }
        }
    }
    for name in tuple::tuple_items(kwargs) {
        match class_attr(subject, cls, &name, &seen)? {
            Some(v) => attrs.push(v),
            None => return Ok(None),
        }
    }
    Ok(Some(tuple::new_tuple(attrs)))
}
