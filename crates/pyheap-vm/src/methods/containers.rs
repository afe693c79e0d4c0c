//! Constructors and methods of `list`, `tuple`, `dict`, `set`/`frozenset`,
//! `range`, `slice`, the iterator constructors (`enumerate`, `zip`, `map`,
//! `filter`, `reversed`), and attributes of functions, modules, exceptions,
//! generators, code objects and namespaces.

use crate::builtins::{check_args, kwarg};
use crate::exc::{type_err, value_err};
use crate::objects::int::{new_int, new_int_usize};
use crate::objects::iterobj::new_iter;
use crate::objects::misc::{new_oneref, oneref};
use crate::objects::{dict, list, set, set_algebra, str as pstr, tuple};
use crate::ops;
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{add_getset, add_method, add_static, is_none, is_type, none, py_bool, t, tname};

fn a0(args: &[Obj]) -> PyResult<Obj> {
    args.first()
        .cloned()
        .ok_or_else(|| type_err("missing self"))
}
/// The first argument, borrowed from the call's argument vector (which
/// stands for the caller's stack reference): no extra reference is taken
/// while it is hashed or compared, as CPython's borrowed `args[0]`.
fn a1<'a>(args: &'a [Obj], what: &str) -> PyResult<&'a Obj> {
    args.get(1)
        .ok_or_else(|| type_err(&format!("{what} expected 1 argument, got 0")))
}

// ----- list ------------------------------------------------------------------

fn list_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let cls = a0(&args)?;
    Ok(list::new_list_no_freelist(&cls))
}
fn list_init(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let l = a0(&args)?;
    check_args("list", &args[1..], 0, 1)?;
    list::list_clear(&l);
    if let Some(src) = args.get(1) {
        let items = ops::to_vec_hinted(src)?;
        list::list_extend_items(&l, items)?;
    }
    Ok(none())
}
fn list_append(args: &[Obj], kw: Kw) -> PyResult<Obj> {
    crate::builtins::no_kw("list.append", &kw)?;
    let [l, v] = args else {
        return Err(type_err(&format!(
            "list.append() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    };
    list::list_append(l, v.clone())?;
    Ok(none())
}
fn list_extend(args: &[Obj], kw: Kw) -> PyResult<Obj> {
    crate::builtins::no_kw("list.extend", &kw)?;
    if args.len() != 2 {
        return Err(type_err(&format!(
            "list.extend() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    }
    let l = a0(args)?;
    let items = ops::to_vec_hinted(a1(args, "extend")?)?;
    list::list_extend_items(&l, items)?;
    Ok(none())
}
fn list_insert(args: &[Obj], kw: Kw) -> PyResult<Obj> {
    crate::builtins::no_kw("list.insert", &kw)?;
    if args.len() != 3 {
        return Err(type_err(&format!(
            "insert expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    }
    let l = &args[0];
    let n = list::list_len(l) as i64;
    let mut i = crate::objects::int::index_isize(&args[1])? as i64;
    if i < 0 {
        i = (i + n).max(0);
    }
    list::list_insert(l, i.min(n) as usize, args[2].clone())?;
    Ok(none())
}
fn list_pop(args: &[Obj], kw: Kw) -> PyResult<Obj> {
    crate::builtins::no_kw("list.pop", &kw)?;
    check_args("pop", args.get(1..).unwrap_or(&[]), 0, 1)?;
    let l = a0(args)?;
    let n = list::list_len(&l);
    if n == 0 {
        return Err(crate::exc::index_err("pop from empty list"));
    }
    let i = match args.get(1) {
        Some(i) => {
            let mut x = crate::objects::int::index_isize(i)? as i64;
            if x < 0 {
                x += n as i64;
            }
            if x < 0 || x >= n as i64 {
                return Err(crate::exc::index_err("pop index out of range"));
            }
            x as usize
        }
        None => n - 1,
    };
    list::list_pop(&l, i).ok_or_else(|| crate::exc::index_err("pop index out of range"))
}
/// `list.remove`: compares against the live list (a comparison may change
/// it), each item held only while it is compared.
fn list_remove(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let l = a0(&args)?;
    let x = a1(&args, "remove")?;
    let mut i = 0;
    while let Some(v) = list::list_get(&l, i) {
        if ops::eq(&v, x)? {
            drop(v);
            let old = list::list_pop(&l, i);
            drop(old);
            return Ok(none());
        }
        i += 1;
    }
    Err(value_err("list.remove(x): x not in list"))
}
/// `index(x[, start[, stop]])` of a list or tuple, read through `get`
/// (None past the current end: a list may shrink during a comparison).
fn seq_index(
    args: &[Obj],
    n: usize,
    get: impl Fn(usize) -> Option<Obj>,
    what: &str,
) -> PyResult<Obj> {
    let x = a1(args, "index")?;
    let n = n as i64;
    let norm = |v: i64| if v < 0 { (v + n).max(0) } else { v.min(n) } as usize;
    let start = args
        .get(2)
        .map(ops::index_clamped)
        .transpose()?
        .map_or(0, norm);
    let stop = args
        .get(3)
        .map(ops::index_clamped)
        .transpose()?
        .map_or(n as usize, norm);
    for i in start..stop {
        let Some(v) = get(i) else { break };
        if ops::eq(&v, x)? {
            return Ok(new_int_usize(i));
        }
    }
    Err(value_err(&format!("{what}.index(x): x not in {what}")))
}
fn list_index(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let l = a0(&args)?;
    match seq_index(&args, list::list_len(&l), |i| list::list_get(&l, i), "list") {
        Err(e) if crate::exc::matches(&e, &t().value_error) => {
            let x = a1(&args, "index")?;
            Err(value_err(&format!(
                "{} is not in list",
                ops::repr_string(x)?
            )))
        }
        r => r,
    }
}
/// `count(x)` of a list or tuple, read through `get` as [`seq_index`].
fn seq_count(args: &[Obj], get: impl Fn(usize) -> Option<Obj>) -> PyResult<Obj> {
    let x = a1(args, "count")?;
    let mut n = 0;
    let mut i = 0;
    while let Some(v) = get(i) {
        if ops::eq(&v, x)? {
            n += 1;
        }
        i += 1;
    }
    Ok(new_int(n))
}
fn list_count(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let l = a0(&args)?;
    seq_count(&args, |i| list::list_get(&l, i))
}
fn list_reverse(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let l = a0(&args)?;
    let mut items = list::list_items(&l);
    items.reverse();
    for (i, v) in items.into_iter().enumerate() {
        list::list_set(&l, i, v);
    }
    Ok(none())
}
fn list_sort(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let l = a0(&args)?;
    let (key, reverse) = crate::objects::list_sort::parse_sort_args(args.len() - 1, &kw)?;
    crate::objects::list_sort::list_sort_impl(&l, key, reverse)?;
    Ok(none())
}
fn list_copy(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(list::new_list(list::list_items(&a0(&args)?)))
}
fn list_clear_m(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    list::list_clear(&a0(&args)?);
    Ok(none())
}
fn list_iadd(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let l = a0(&args)?;
    let items = ops::to_vec(a1(&args, "__iadd__")?)?;
    list::list_extend_items(&l, items)?;
    Ok(l)
}
fn list_reversed(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let l = a0(&args)?;
    let n = list::list_len(&l) as i64;
    Ok(new_iter(&t().list_reviter, Some(l), None, n - 1, 0))
}

// ----- tuple -----------------------------------------------------------------

fn tuple_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let cls = a0(&args)?;
    check_args("tuple", &args[1..], 0, 1)?;
    let items = match args.get(1) {
        Some(x) => {
            if x.has_type(&t().tuple) && cls.is(&t().tuple) {
                return Ok(x.clone());
            }
            ops::to_vec_hinted(x)?
        }
        None => Vec::new(),
    };
    if cls.is(&t().tuple) {
        return Ok(tuple::new_tuple(items));
    }
    let o = tuple::alloc_tuple_of(&cls, items);
    crate::gcapi::track(&o);
    Ok(o)
}
fn tuple_index(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let tup = a0(&args)?;
    seq_index(
        &args,
        tuple::tuple_len(&tup),
        |i| tuple::tuple_get(&tup, i),
        "tuple",
    )
}
fn tuple_count(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let tup = a0(&args)?;
    seq_count(&args, |i| tuple::tuple_get(&tup, i))
}
fn tuple_getnewargs(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(tuple::new_tuple(vec![tuple::new_tuple(
        tuple::tuple_items(&a0(&args)?),
    )]))
}

// ----- dict ------------------------------------------------------------------

fn dict_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let cls = a0(&args)?;
    Ok(dict::new_dict_no_freelist(&cls))
}
/// `dict.update` semantics shared by `__init__` and `update`.
/// CPython's `tp_iter == dict_iter` test: `dict_merge` reads the table
/// directly only for dicts whose iteration is dict's own.
fn dict_iterates_natively(o: &Obj) -> bool {
    let ty = o.type_ref();
    if ty.is(&t().dict) {
        return true;
    }
    match (
        crate::types::lookup(&ty, "__iter__"),
        crate::types::lookup(&t().dict, "__iter__"),
    ) {
        (Some(a), Some(b)) => a.is(&b),
        _ => false,
    }
}

pub fn dict_update_from(d: &Obj, src: Option<&Obj>, kw: &Kw) -> PyResult<()> {
    if let Some(s) = src {
        let has_keys = dict::is_dict(s) || crate::attr::getattr_opt(s, "keys")?.is_some();
        if dict::is_dict(s) && dict_iterates_natively(s) {
            dict::merge(d, s, true)?;
        } else if has_keys {
            for (k, v) in crate::eval::mapping_pairs(s)? {
                dict::set_item(d, k, v)?;
            }
        } else {
            let it = ops::iter(s)
                .map_err(|_| type_err(&format!("'{}' object is not iterable", tname(s))))?;
            let mut i = 0;
            while let Some(item) = ops::next(&it)? {
                let pair = ops::to_vec(&item).map_err(|_| {
                    type_err(&format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    ))
                })?;
                if pair.len() != 2 {
                    return Err(value_err(&format!(
                        "dictionary update sequence element #{} has length {}; 2 is required",
                        i,
                        pair.len()
                    )));
                }
                let mut p = pair.into_iter();
                if let (Some(k), Some(v)) = (p.next(), p.next()) {
                    // CPython's PyDict_MergeFromSeq2 holds its own references
                    // to the pair's items while PyDict_SetItem takes new ones.
                    dict::set_item(d, k.clone(), v.clone())?;
                }
                i += 1;
            }
        }
    }
    for (k, v) in kw {
        dict::set_item(d, k.clone(), v.clone())?;
    }
    Ok(())
}
fn dict_init(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let d = a0(&args)?;
    if args.len() > 2 {
        return Err(type_err(&format!(
            "dict expected at most 1 argument, got {}",
            args.len() - 1
        )));
    }
    dict_update_from(&d, args.get(1), &kw)?;
    Ok(none())
}
fn dict_update(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let d = a0(&args)?;
    dict_update_from(&d, args.get(1), &kw)?;
    Ok(none())
}
fn dict_get(args: &[Obj], kw: Kw) -> PyResult<Obj> {
    crate::builtins::no_kw("dict.get", &kw)?;
    let d = a0(args)?;
    crate::builtins::check_args("get", &args[1..], 1, 2)?;
    let k = a1(args, "get")?;
    Ok(dict::get_item(&d, k)?.unwrap_or_else(|| args.get(2).cloned().unwrap_or_else(none)))
}
fn dict_setdefault(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let d = a0(&args)?;
    let k = a1(&args, "setdefault")?;
    // One hash for the lookup and the insertion, as CPython's setdefault.
    let h = dict::key_hash(k)?;
    if let Some(v) = dict::get_item_hashed(&d, k, h)? {
        return Ok(v);
    }
    let v = args.get(2).cloned().unwrap_or_else(none);
    dict::set_item_hashed(&d, k.clone(), h, v.clone())?;
    Ok(v)
}
fn dict_pop(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let d = a0(&args)?;
    let k = a1(&args, "pop")?;
    if dict::len(&d) == 0 {
        // CPython's _PyDict_Pop answers an empty dict without hashing.
        return args
            .get(2)
            .cloned()
            .ok_or_else(|| crate::exc::key_err(k.clone()));
    }
    match dict::del_item(&d, k)? {
        Some(v) => Ok(v),
        None => args
            .get(2)
            .cloned()
            .ok_or_else(|| crate::exc::key_err(k.clone())),
    }
}
fn dict_popitem(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let d = a0(&args)?;
    match dict::pop_last(&d) {
        Some((k, v)) => Ok(tuple::new_tuple(vec![k, v])),
        None => Err(crate::exc::new_err(
            &t().key_error,
            "popitem(): dictionary is empty",
        )),
    }
}
fn dict_keys(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_oneref(&t().dict_keys, a0(&args)?))
}
fn dict_values(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_oneref(&t().dict_values, a0(&args)?))
}
fn dict_items(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_oneref(&t().dict_items, a0(&args)?))
}
fn dict_copy(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    dict::copy(&a0(&args)?)
}
fn dict_clear_m(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    dict::dict_clear(&a0(&args)?);
    Ok(none())
}
fn dict_fromkeys(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let cls = a0(&args)?;
    let src = a1(&args, "fromkeys")?;
    let keys = ops::to_vec(src)?;
    let v = args.get(2).cloned().unwrap_or_else(none);
    let d = if cls.is(&t().dict) {
        dict::new_dict()
    } else {
        ops::call(&cls, vec![], vec![])?
    };
    // `dict_fromkeys` presizes an exact dict from an exact dict/set/frozenset.
    if d.has_type(&t().dict) {
        if src.has_type(&t().dict) {
            let unicode = dict::table(src).is_some_and(|tb| tb.is_unicode());
            dict::presize_for_fromkeys(&d, keys.len(), unicode)?;
        } else if src.has_type(&t().set) || src.has_type(&t().frozenset) {
            dict::presize_for_fromkeys(&d, keys.len(), false)?;
        }
    }
    for k in keys {
        ops::setitem(&d, &k, v.clone())?;
    }
    Ok(d)
}
fn mapping_of_view(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let v = a0(&args)?;
    Ok(new_oneref(
        &t().mappingproxy,
        oneref(&v).unwrap_or_else(dict::new_dict),
    ))
}
/// `types.MappingProxyType(mapping)`: any mapping (an object with
/// `__getitem__`) except a list or tuple, as CPython's check.
fn mp_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let given = args.len() - 1 + kw.len();
    if given > 1 {
        return Err(type_err(&format!(
            "mappingproxy() takes at most 1 argument ({given} given)"
        )));
    }
    let m = match (args.get(1), kwarg(&kw, "mapping")) {
        (Some(m), None) => m.clone(),
        (None, Some(m)) => m,
        _ => {
            return Err(type_err(
                "mappingproxy() missing required argument 'mapping' (pos 1)",
            ));
        }
    };
    let is_mapping = crate::types::lookup(&m.type_ref(), "__getitem__").is_some();
    if !is_mapping || list::is_list(&m) || tuple::is_tuple(&m) {
        return Err(type_err(&format!(
            "mappingproxy() argument must be a mapping, not {}",
            tname(&m)
        )));
    }
    Ok(new_oneref(&t().mappingproxy, m))
}
fn mp_get(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let m = oneref(&a0(&args)?).unwrap_or_else(dict::new_dict);
    if !m.has_type(&t().dict) {
        return ops::call_method(&m, "get", args[1..].to_vec());
    }
    let mut a = args;
    a[0] = m;
    dict_get(&a, vec![])
}
fn mp_keys(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let m = oneref(&a0(&args)?).unwrap_or_else(dict::new_dict);
    ops::call_method(&m, "keys", vec![])
}
fn mp_items(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let m = oneref(&a0(&args)?).unwrap_or_else(dict::new_dict);
    ops::call_method(&m, "items", vec![])
}
fn mp_values(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let m = oneref(&a0(&args)?).unwrap_or_else(dict::new_dict);
    ops::call_method(&m, "values", vec![])
}
fn mp_copy(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let m = oneref(&a0(&args)?).unwrap_or_else(dict::new_dict);
    if !m.has_type(&t().dict) {
        return ops::call_method(&m, "copy", vec![]);
    }
    dict::copy(&m)
}
fn mp_iter(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let m = oneref(&a0(&args)?).unwrap_or_else(dict::new_dict);
    ops::iter(&m)
}
fn mp_contains(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let m = oneref(&a0(&args)?).unwrap_or_else(dict::new_dict);
    Ok(py_bool(ops::contains(&m, a1(&args, "__contains__")?)?))
}

// ----- set -------------------------------------------------------------------

fn set_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let cls = a0(&args)?;
    let s = set::new_set_of(&cls);
    if cls.is(&t().frozenset) || crate::types::is_subtype(&cls, &t().frozenset) {
        check_args("frozenset", &args[1..], 0, 1)?;
        if let Some(x) = args.get(1) {
            if x.has_type(&t().frozenset) && cls.is(&t().frozenset) {
                return Ok(x.clone());
            }
            set::update_from(&s, x)?;
        }
    }
    Ok(s)
}
fn set_init(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = a0(&args)?;
    if s.has_type(&t().frozenset) || crate::types::isinstance(&s, &t().frozenset) {
        return Ok(none());
    }
    check_args("set", &args[1..], 0, 1)?;
    set::set_clear(&s);
    if let Some(x) = args.get(1) {
        set::update_from(&s, x)?;
    }
    Ok(none())
}
fn set_add(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    // Hashed while borrowed, stored with a new reference (set_add_key).
    let k = a1(&args, "add")?;
    let h = ops::hash(k)?;
    set::add_hashed(&a0(&args)?, k.clone(), h)?;
    Ok(none())
}
fn set_discard(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    set::discard(&a0(&args)?, a1(&args, "discard")?)?;
    Ok(none())
}
fn set_remove(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let k = a1(&args, "remove")?;
    if !set::discard(&a0(&args)?, k)? {
        return Err(crate::exc::key_err(k.clone()));
    }
    Ok(none())
}
fn set_pop(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    set::pop(&a0(&args)?)
        .ok_or_else(|| crate::exc::new_err(&t().key_error, "pop from an empty set"))
}
fn set_clear_m(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    set::set_clear(&a0(&args)?);
    Ok(none())
}
fn set_copy(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = a0(&args)?;
    if s.has_type(&t().frozenset) {
        return Ok(s);
    }
    let out = set::new_set_of(&s.type_ref());
    set::merge(&out, &s)?;
    Ok(out)
}
fn as_set(o: &Obj) -> PyResult<Obj> {
    if set::is_anyset(o) {
        return Ok(o.clone());
    }
    let s = set::new_set();
    for x in ops::to_vec(o)? {
        set::add(&s, x)?;
    }
    Ok(s)
}
// The methods accept any iterables (the operators only sets): CPython's
// per-kind paths are in objects/set_algebra.rs.
fn set_union(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    set_algebra::union_multi(&a0(&args)?, &args[1..])
}
fn set_intersection(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    set_algebra::intersection_multi(&a0(&args)?, &args[1..])
}
fn set_difference(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    set_algebra::difference_multi(&a0(&args)?, &args[1..])
}
fn set_symdiff(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    set_algebra::symmetric_difference(&a0(&args)?, a1(&args, "symmetric_difference")?)
}
fn set_update(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = a0(&args)?;
    for o in &args[1..] {
        set_algebra::update(&s, o)?;
    }
    Ok(none())
}
fn set_intersection_update(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    set_algebra::intersection_update(&a0(&args)?, &args[1..])?;
    Ok(none())
}
fn set_difference_update(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = a0(&args)?;
    for o in &args[1..] {
        set_algebra::difference_update(&s, o)?;
    }
    Ok(none())
}
fn set_symdiff_update(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = a0(&args)?;
    set_algebra::symmetric_difference_update(&s, a1(&args, "symmetric_difference_update")?)?;
    Ok(none())
}
fn set_issubset(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (a, b) = (a0(&args)?, as_set(a1(&args, "issubset")?)?);
    Ok(py_bool(
        ops::native_compare(&a, &b, ops::CmpOp::Le)?.unwrap_or(false),
    ))
}
fn set_issuperset(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (a, b) = (a0(&args)?, as_set(a1(&args, "issuperset")?)?);
    Ok(py_bool(
        ops::native_compare(&a, &b, ops::CmpOp::Ge)?.unwrap_or(false),
    ))
}
fn set_isdisjoint(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (a, b) = (a0(&args)?, as_set(a1(&args, "isdisjoint")?)?);
    for x in set::items(&a) {
        if set::contains(&b, &x)? {
            return Ok(py_bool(false));
        }
    }
    Ok(py_bool(true))
}

// ----- range / slice / iterators ----------------------------------------------

fn range_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let a = &args[1..];
    if a.is_empty() {
        return Err(type_err("range expected at least 1 argument, got 0"));
    }
    if a.len() > 3 {
        return Err(type_err(&format!(
            "range expected at most 3 arguments, got {}",
            a.len()
        )));
    }
    let mut v = Vec::new();
    for x in a {
        v.push(ops::index(x)?);
    }
    let (start, stop, step) = match v.len() {
        1 => (new_int(0), v[0].clone(), new_int(1)),
        2 => (v[0].clone(), v[1].clone(), new_int(1)),
        _ => (v[0].clone(), v[1].clone(), v[2].clone()),
    };
    let (s, e, st) = (
        crate::objects::int::as_big(&start).unwrap_or_default(),
        crate::objects::int::as_big(&stop).unwrap_or_default(),
        crate::objects::int::as_big(&step).unwrap_or_default(),
    );
    if num_traits::Zero::is_zero(&st) {
        return Err(value_err("range() arg 3 must not be zero"));
    }
    use num_integer::Integer;
    let zero = num_bigint::BigInt::from(0);
    let len = if num_traits::Signed::is_positive(&st) {
        if s < e {
            (&e - &s - 1i32).div_floor(&st) + 1i32
        } else {
            zero
        }
    } else if s > e {
        (&s - &e - 1i32).div_floor(&(-&st)) + 1i32
    } else {
        zero
    };
    Ok(crate::objects::misc::new_range(
        start,
        stop,
        step,
        crate::objects::int::new_int_big(len),
    ))
}
fn range_start(o: &Obj) -> PyResult<Obj> {
    Ok(crate::seq::range_parts(o).0)
}
fn range_stop(o: &Obj) -> PyResult<Obj> {
    Ok(crate::seq::range_parts(o).1)
}
fn range_step(o: &Obj) -> PyResult<Obj> {
    Ok(crate::seq::range_parts(o).2)
}
fn range_index(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let r = a0(&args)?;
    let x = a1(&args, "index")?;
    if !ops::contains(&r, x)? {
        return Err(value_err(&format!(
            "{} is not in range",
            ops::repr_string(x)?
        )));
    }
    let (s, _, st, _) = crate::seq::range_parts(&r);
    let d = ops::binary_op(&ops::binary_op(x, &s, "-")?, &st, "//")?;
    Ok(d)
}
fn range_count(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let r = a0(&args)?;
    Ok(new_int(ops::contains(&r, a1(&args, "count")?)? as i64))
}
fn range_reversed(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let r = a0(&args)?;
    let (s, stop, st, l) = crate::seq::range_parts(&r);
    let fits = crate::iters::fits_range_iterator(&s, &stop, &st, true);
    let last = ops::binary_op(
        &s,
        &ops::binary_op(&ops::binary_op(&l, &new_int(1), "-")?, &st, "*")?,
        "+",
    )?;
    let neg = ops::unary_op(&st, "-")?;
    if !fits {
        return Ok(crate::objects::longrange::new_longrange_iter(last, neg, l));
    }
    let it = new_iter(&t().range_iter, Some(last), Some(neg), 0, 0);
    if let Some(p) = it.payload::<crate::objects::iterobj::IterObj>() {
        p.n.set(crate::objects::int::as_i64(&l).unwrap_or(0));
    }
    Ok(it)
}
fn slice_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let a = &args[1..];
    let (s, e, st) = match a.len() {
        1 => (none(), a[0].clone(), none()),
        2 => (a[0].clone(), a[1].clone(), none()),
        3 => (a[0].clone(), a[1].clone(), a[2].clone()),
        n => {
            return Err(type_err(&format!(
                "slice expected at least 1 argument, got {n}"
            )))
        }
    };
    Ok(crate::objects::misc::new_slice(s, e, st))
}
fn slice_start(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<crate::objects::misc::SliceObj>()
        .and_then(|s| s.start.get())
        .unwrap_or_else(none))
}
fn slice_stop(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<crate::objects::misc::SliceObj>()
        .and_then(|s| s.stop.get())
        .unwrap_or_else(none))
}
fn slice_step(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<crate::objects::misc::SliceObj>()
        .and_then(|s| s.step.get())
        .unwrap_or_else(none))
}
fn slice_indices_m(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = a0(&args)?;
    let n = ops::index(a1(&args, "indices")?)?;
    let n = crate::objects::int::as_big(&n).unwrap_or_default();
    if num_traits::Signed::is_negative(&n) {
        return Err(value_err("length should not be negative"));
    }
    let (a, b, c) = crate::slice_big::indices(&s, &n)?;
    let big = crate::objects::int::new_int_big;
    Ok(tuple::new_tuple(vec![big(a), big(b), big(c)]))
}
fn enumerate_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let src = args
        .get(1)
        .cloned()
        .or_else(|| kwarg(&kw, "iterable"))
        .ok_or_else(|| type_err("enumerate() missing required argument 'iterable' (pos 1)"))?;
    let start = args
        .get(2)
        .cloned()
        .or_else(|| kwarg(&kw, "start"))
        .unwrap_or_else(|| new_int(0));
    let it = ops::iter(&src)?;
    Ok(new_iter(
        &t().enumerate,
        Some(it),
        Some(ops::index(&start)?),
        0,
        0,
    ))
}
fn zip_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let mut its = Vec::new();
    for (i, a) in args[1..].iter().enumerate() {
        // NOTE: 3.11 reports the plain "'T' object is not iterable".
        let _ = i;
        its.push(ops::iter(a)?);
    }
    let strict = kwarg(&kw, "strict")
        .map(|s| ops::truthy(&s))
        .transpose()?
        .unwrap_or(false);
    Ok(new_iter(
        &t().zip,
        Some(tuple::new_tuple(its)),
        None,
        strict as i64,
        0,
    ))
}
fn map_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    if args.len() < 3 {
        return Err(type_err("map() must have at least two arguments."));
    }
    let mut its = Vec::new();
    for a in &args[2..] {
        its.push(ops::iter(a)?);
    }
    Ok(new_iter(
        &t().map,
        Some(args[1].clone()),
        Some(tuple::new_tuple(its)),
        0,
        0,
    ))
}
fn filter_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    if args.len() != 3 {
        return Err(type_err(&format!(
            "filter expected 2 arguments, got {}",
            args.len() - 1
        )));
    }
    let it = ops::iter(&args[2])?;
    Ok(new_iter(&t().filter, Some(args[1].clone()), Some(it), 0, 0))
}
fn reversed_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("reversed", &args[1..], 1, 1)?;
    let o = &args[1];
    if let Some(r) = ops::call_dunder(o, "__reversed__", vec![])? {
        return Ok(r);
    }
    if crate::types::lookup(&o.type_ref(), "__getitem__").is_none() || dict::is_dict(o) {
        return Err(type_err(&format!(
            "'{}' object is not reversible",
            tname(o)
        )));
    }
    let n = ops::len(o)? as i64;
    Ok(new_iter(&t().reversed, Some(o.clone()), None, n - 1, 0))
}

// ----- functions, modules, exceptions, generators, code ------------------------

use crate::objects::func::FuncObj;

fn fp(o: &Obj) -> PyResult<&FuncObj> {
    o.payload::<FuncObj>()
        .ok_or_else(|| type_err("not a function"))
}
fn f_name(o: &Obj) -> PyResult<Obj> {
    Ok(fp(o)?.name.get().unwrap_or_else(none))
}
fn f_set_name(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    match v {
        Some(v) if pstr::is_str(&v) => {
            fp(o)?.name.set(Some(v));
            Ok(())
        }
        _ => Err(type_err("__name__ must be set to a string object")),
    }
}
fn f_qualname(o: &Obj) -> PyResult<Obj> {
    Ok(fp(o)?.qualname.get().unwrap_or_else(none))
}
fn f_set_qualname(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    match v {
        Some(v) if pstr::is_str(&v) => {
            fp(o)?.qualname.set(Some(v));
            Ok(())
        }
        _ => Err(type_err("__qualname__ must be set to a string object")),
    }
}
fn f_doc(o: &Obj) -> PyResult<Obj> {
    Ok(fp(o)?.doc.get().unwrap_or_else(none))
}
fn f_set_doc(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    fp(o)?.doc.set(Some(v.unwrap_or_else(none)));
    Ok(())
}
fn f_module(o: &Obj) -> PyResult<Obj> {
    Ok(fp(o)?.module.get().unwrap_or_else(none))
}
fn f_set_module(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    fp(o)?.module.set(v);
    Ok(())
}
fn f_defaults(o: &Obj) -> PyResult<Obj> {
    Ok(fp(o)?.defaults.get().unwrap_or_else(none))
}
fn f_set_defaults(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    fp(o)?.defaults.set(v.filter(|x| !is_none(x)));
    Ok(())
}
fn f_kwdefaults(o: &Obj) -> PyResult<Obj> {
    Ok(fp(o)?.kwdefaults.get().unwrap_or_else(none))
}
fn f_set_kwdefaults(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    fp(o)?.kwdefaults.set(v.filter(|x| !is_none(x)));
    Ok(())
}
fn f_globals(o: &Obj) -> PyResult<Obj> {
    Ok(fp(o)?.globals.get().unwrap_or_else(none))
}
fn f_closure(o: &Obj) -> PyResult<Obj> {
    Ok(fp(o)?.closure.get().unwrap_or_else(none))
}
fn f_code(o: &Obj) -> PyResult<Obj> {
    Ok(fp(o)?.code.get().unwrap_or_else(none))
}
fn f_annotations(o: &Obj) -> PyResult<Obj> {
    crate::objects::func::annotations_dict(fp(o)?)
}
/// `func_set_annotations`: a dict, or None / `del` for no annotations.
fn f_set_annotations(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    let v = v.filter(|x| !is_none(x));
    if v.as_ref().is_some_and(|x| !dict::is_dict(x)) {
        return Err(type_err("__annotations__ must be set to a dict object"));
    }
    fp(o)?.annotations.set(v);
    Ok(())
}
fn f_builtins(o: &Obj) -> PyResult<Obj> {
    Ok(fp(o)?.builtins.get().unwrap_or_else(none))
}
fn f_dict(o: &Obj) -> PyResult<Obj> {
    crate::attr::get_dict_attr(o)
}
fn f_get(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = a0(&args)?;
    match args.get(1).filter(|x| !is_none(x)) {
        Some(o) => Ok(crate::objects::func::new_bound(f, o.clone())),
        None => Ok(f),
    }
}
fn m_func(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<crate::objects::func::BoundObj>()
        .and_then(|b| b.func.get())
        .unwrap_or_else(none))
}
fn m_self(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<crate::objects::func::BoundObj>()
        .and_then(|b| b.self_.get())
        .unwrap_or_else(none))
}
fn m_getattr(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (m, n) = (a0(&args)?, a1(&args, "__getattribute__")?);
    match crate::attr::generic_getattr(&m, n) {
        Ok(v) => Ok(v),
        Err(e) if crate::exc::matches(&e, &t().attribute_error) => {
            let f = m_func(&m)?;
            crate::attr::getattr(&f, n)
        }
        Err(e) => Err(e),
    }
}
fn b_name(o: &Obj) -> PyResult<Obj> {
    if let Some(b) = o.payload::<crate::objects::func::BuiltinObj>() {
        return Ok(pstr::new_str(b.def.name));
    }
    if let Some(d) = o.payload::<crate::objects::func::DescrObj>() {
        return Ok(pstr::new_str(d.def.name));
    }
    if let Some(g) = o.payload::<crate::objects::func::GetSetObj>() {
        return Ok(pstr::new_str(g.name));
    }
    Ok(none())
}
fn b_qualname(o: &Obj) -> PyResult<Obj> {
    if let Some(d) = o.payload::<crate::objects::func::DescrObj>() {
        let owner = d
            .owner
            .get()
            .map(|x| crate::types::type_name(&x))
            .unwrap_or_default();
        return Ok(pstr::new_string(format!("{}.{}", owner, d.def.name)));
    }
    if let Some(b) = o.payload::<crate::objects::func::BuiltinObj>() {
        if let Some(s) = b.self_.get() {
            let owner = if is_type(&s) {
                crate::types::type_name(&s)
            } else {
                tname(&s)
            };
            return Ok(pstr::new_string(format!("{}.{}", owner, b.def.name)));
        }
    }
    b_name(o)
}
/// Reads a part of a `method-wrapper` (definition, descriptor, self).
fn mw_part(
    o: &Obj,
    f: impl FnOnce(&'static crate::objects::func::MethodDef, Obj, Obj) -> Obj,
) -> PyResult<Obj> {
    crate::objects::func::method_wrapper_parts(o)
        .map(|(d, descr, s)| f(d, descr, s))
        .ok_or_else(|| type_err("bad method-wrapper"))
}
fn b_self(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<crate::objects::func::BuiltinObj>()
        .and_then(|b| b.self_.get())
        .unwrap_or_else(crate::builtins::builtins_module))
}
fn b_objclass(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<crate::objects::func::DescrObj>()
        .and_then(|d| d.owner.get())
        .unwrap_or_else(none))
}
/// `__doc__` of builtin functions and descriptors: CPython's text from
/// [`crate::docstrings`], keyed by owner (module or type) and name.
fn b_doc(o: &Obj) -> PyResult<Obj> {
    use crate::objects::func::{BuiltinObj, DescrObj, GetSetObj};
    let owner_name = |x: &Obj| -> String {
        if is_type(x) {
            crate::types::type_name(x)
        } else if let Some(d) = crate::objects::misc::module_dict(x) {
            dict::get_str(&d, "__name__")
                .and_then(|n| pstr::as_str(&n).map(str::to_string))
                .unwrap_or_default()
        } else {
            tname(x)
        }
    };
    let key = if let Some(b) = o.payload::<BuiltinObj>() {
        // Module functions are stored unbound with their module's name.
        let owner = match (b.self_.get(), b.module.get()) {
            (Some(s), _) => owner_name(&s),
            (None, Some(m)) => pstr::as_str(&m).unwrap_or("builtins").to_string(),
            (None, None) => "builtins".to_string(),
        };
        format!("{}.{}", owner, b.def.name)
    } else if let Some(d) = o.payload::<DescrObj>() {
        format!(
            "{}.{}",
            d.owner.get().map(|x| owner_name(&x)).unwrap_or_default(),
            d.def.name
        )
    } else if let Some(g) = o.payload::<GetSetObj>() {
        format!(
            "{}.{}",
            g.owner.get().map(|x| owner_name(&x)).unwrap_or_default(),
            g.name
        )
    } else {
        return Ok(none());
    };
    Ok(crate::docstrings::builtin_doc(&key).map_or_else(none, pstr::new_str))
}
fn d_get(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let d = a0(&args)?;
    let o = args.get(1).cloned().filter(|x| !is_none(x));
    let ty = args
        .get(2)
        .cloned()
        .or_else(|| o.as_ref().map(|x| x.type_ref()))
        .unwrap_or_else(|| t().object.clone());
    crate::attr::descr_get(d, o.as_ref(), &ty)
}
fn cell_contents(o: &Obj) -> PyResult<Obj> {
    o.payload::<crate::objects::func::CellObj>()
        .and_then(|c| c.v.get())
        .ok_or_else(|| value_err("Cell is empty"))
}
fn cell_set_contents(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    if let Some(c) = o.payload::<crate::objects::func::CellObj>() {
        c.v.set(v);
    }
    Ok(())
}
/// `types.MethodType(func, instance)`.
fn method_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(type_err("method() takes no keyword arguments"));
    }
    if args.len() != 3 {
        return Err(type_err(&format!(
            "method expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    }
    if !crate::builtins::is_callable(&args[1]) {
        return Err(type_err("first argument must be callable"));
    }
    if is_none(&args[2]) {
        return Err(type_err("instance must not be None"));
    }
    Ok(crate::objects::func::new_bound(
        args[1].clone(),
        args[2].clone(),
    ))
}
fn cell_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(crate::objects::func::new_cell(args.get(1).cloned()))
}
fn module_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let name = args
        .get(1)
        .and_then(|n| pstr::as_str(n).map(|s| s.to_string()))
        .ok_or_else(|| type_err("module() argument 'name' must be str"))?;
    let cls = match args.first() {
        Some(c) if crate::types::is_type(c) => c.clone(),
        _ => t().module.clone(),
    };
    let m = crate::objects::misc::new_module_of(&cls, &name);
    if let (Some(doc), Some(d)) = (args.get(2), crate::objects::misc::module_dict(&m)) {
        dict::set_str(&d, "__doc__", doc.clone())?;
    }
    Ok(m)
}
fn module_dict_get(o: &Obj) -> PyResult<Obj> {
    crate::objects::misc::module_dict(o).ok_or_else(|| type_err("no dict"))
}
fn module_dir(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let m = a0(&args)?;
    let d = crate::objects::misc::module_dict(&m).unwrap_or_else(dict::new_dict);
    Ok(list::new_list(dict::keys(&d)))
}

fn exc_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let cls = a0(&args)?;
    let rest = args[1..].to_vec();
    if crate::types::is_type(&cls) && crate::types::is_subtype(&cls, &t().os_error) {
        return crate::exc_oserror::new(&cls, &rest, &kw);
    }
    Ok(crate::exc::alloc_exc(&cls, tuple::new_tuple(rest)))
}
fn exc_init(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let e = a0(&args)?;
    let rest = args[1..].to_vec();
    if crate::types::isinstance(&e, &t().os_error) {
        crate::exc_oserror::init(&e, &rest, &kw)?;
        return Ok(none());
    }
    crate::exc::check_init_keywords(&e.type_ref(), &kw)?;
    if let Some(p) = crate::exc::ep(&e) {
        p.args.set(Some(tuple::new_tuple(rest.clone())));
    }
    crate::exc::init_attrs(&e, &rest, &kw)?;
    Ok(none())
}
fn exc_args_get(o: &Obj) -> PyResult<Obj> {
    Ok(crate::exc::ep(o)
        .and_then(|e| e.args.get())
        .unwrap_or_else(|| t().empty_tuple.clone()))
}
fn exc_args_set(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    let v = v.ok_or_else(|| type_err("args may not be deleted"))?;
    let tup = tuple::new_tuple(ops::to_vec(&v)?);
    if let Some(e) = crate::exc::ep(o) {
        e.args.set(Some(tup));
    }
    Ok(())
}
fn exc_tb_get(o: &Obj) -> PyResult<Obj> {
    Ok(crate::exc::ep(o)
        .and_then(|e| e.traceback.get())
        .unwrap_or_else(none))
}
fn exc_tb_set(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    if let Some(e) = crate::exc::ep(o) {
        e.traceback.set(v.filter(|x| !is_none(x)));
    }
    Ok(())
}
fn exc_cause_get(o: &Obj) -> PyResult<Obj> {
    Ok(crate::exc::ep(o)
        .and_then(|e| e.cause.get())
        .unwrap_or_else(none))
}
fn exc_cause_set(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    if let Some(e) = crate::exc::ep(o) {
        e.cause.set(v.filter(|x| !is_none(x)));
        e.suppress_context.set(true);
    }
    Ok(())
}
fn exc_context_get(o: &Obj) -> PyResult<Obj> {
    Ok(crate::exc::ep(o)
        .and_then(|e| e.context.get())
        .unwrap_or_else(none))
}
fn exc_context_set(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    if let Some(e) = crate::exc::ep(o) {
        e.context.set(v.filter(|x| !is_none(x)));
    }
    Ok(())
}
fn exc_suppress_get(o: &Obj) -> PyResult<Obj> {
    Ok(py_bool(
        crate::exc::ep(o).is_some_and(|e| e.suppress_context.get()),
    ))
}
fn exc_suppress_set(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    if let Some(e) = crate::exc::ep(o) {
        e.suppress_context
            .set(v.map(|x| ops::truthy(&x)).transpose()?.unwrap_or(false));
    }
    Ok(())
}
fn exc_with_tb(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let e = a0(&args)?;
    exc_tb_set(&e, args.get(1).cloned())?;
    Ok(e)
}
fn exc_add_note(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let e = a0(&args)?;
    let n = a1(&args, "add_note")?;
    let d = crate::exc::exc_dict(&e);
    let notes = match dict::get_str(&d, "__notes__") {
        Some(l) => l,
        None => {
            let l = list::new_list(vec![]);
            dict::set_str(&d, "__notes__", l.clone())?;
            l
        }
    };
    list::list_append(&notes, n.clone())?;
    Ok(none())
}
fn exc_str_m(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(pstr::new_string(crate::exc::exc_str(&a0(&args)?)?))
}
fn exc_repr_m(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(pstr::new_string(crate::exc::exc_repr(&a0(&args)?)?))
}
fn exc_reduce(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let e = a0(&args)?;
    Ok(tuple::new_tuple(vec![e.type_ref(), exc_args_get(&e)?]))
}

fn gen_name(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<crate::gen::GenObj>()
        .and_then(|g| g.name.get())
        .unwrap_or_else(none))
}
fn gen_qualname(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<crate::gen::GenObj>()
        .and_then(|g| g.qualname.get())
        .unwrap_or_else(none))
}
fn gen_code(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<crate::gen::GenObj>()
        .and_then(|g| g.code.get())
        .unwrap_or_else(none))
}
fn gen_running(o: &Obj) -> PyResult<Obj> {
    Ok(py_bool(
        o.payload::<crate::gen::GenObj>()
            .is_some_and(|g| g.running.get()),
    ))
}
fn gen_frame(o: &Obj) -> PyResult<Obj> {
    let Some(g) = o.payload::<crate::gen::GenObj>() else {
        return Ok(none());
    };
    let mut f = g.frame.borrow_mut();
    match f.as_mut() {
        Some(fr) => Ok(crate::traceback::frame_object(fr)),
        None => Ok(none()),
    }
}

fn code_attr(o: &Obj, f: fn(&crate::code::CodeObj) -> Obj) -> PyResult<Obj> {
    crate::code::co(o)
        .map(f)
        .ok_or_else(|| type_err("not a code object"))
}
fn co_consts(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| tuple::new_tuple(c.consts.clone()))
}
fn co_names(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| tuple::new_tuple(c.names.clone()))
}
fn co_varnames(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| tuple::new_tuple(c.varnames.clone()))
}
fn co_cellvars(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| {
        tuple::new_tuple(c.cellnames[..c.unit.cellvars.len()].to_vec())
    })
}
fn co_freevars(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| {
        tuple::new_tuple(c.cellnames[c.unit.cellvars.len()..].to_vec())
    })
}
fn co_name(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| c.name.clone())
}
fn co_qualname(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| c.qualname.clone())
}
fn co_filename(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| c.filename.clone())
}
fn co_firstlineno(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| new_int(c.unit.first_line as i64))
}
fn co_argcount(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| new_int(c.unit.argcount as i64))
}
fn co_kwonlyargcount(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| new_int(c.unit.kwonlyargcount as i64))
}
fn co_posonlyargcount(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| new_int(c.unit.posonlyargcount as i64))
}
fn co_flags(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| new_int(c.unit.flags as i64))
}
fn co_nlocals(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| new_int(c.unit.varnames.len() as i64))
}
fn co_code(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| {
        crate::objects::bytes::new_bytes(&vec![0u8; 2 * c.unit.instructions.len()])
    })
}
fn co_stacksize(o: &Obj) -> PyResult<Obj> {
    code_attr(o, |c| new_int(c.unit.stacksize as i64))
}

fn ns_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let cls = a0(&args)?;
    let d = dict::new_dict();
    for (k, v) in kw {
        dict::set_item(&d, k, v)?;
    }
    Ok(new_oneref(&cls, d))
}
fn ns_init(_args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(none())
}

fn frame_lineno(o: &Obj) -> PyResult<Obj> {
    let Some(f) = o.payload::<crate::traceback::FrameObj>() else {
        return Ok(none());
    };
    let lasti = crate::frames::live_lasti(o).unwrap_or(f.lasti.get());
    let line = f
        .code
        .get()
        .and_then(|c| crate::code::co(&c).and_then(|x| x.unit.locations.get(lasti).map(|l| l.line)))
        .unwrap_or(0);
    Ok(new_int(line as i64))
}
/// `f_lasti`: a byte offset, as CPython's (2 bytes per instruction; the
/// instructions themselves are pyheap's, so values differ from CPython's).
fn frame_lasti(o: &Obj) -> PyResult<Obj> {
    let i = o
        .payload::<crate::traceback::FrameObj>()
        .map_or(0, |f| crate::frames::live_lasti(o).unwrap_or(f.lasti.get()));
    Ok(new_int(2 * i as i64))
}
fn frame_code(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<crate::traceback::FrameObj>()
        .and_then(|f| f.code.get())
        .unwrap_or_else(none))
}
fn frame_globals(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<crate::traceback::FrameObj>()
        .and_then(|f| f.globals.get())
        .unwrap_or_else(none))
}
fn frame_back(o: &Obj) -> PyResult<Obj> {
    Ok(crate::frame_objects::back_of(o).unwrap_or_else(none))
}
fn frame_locals(o: &Obj) -> PyResult<Obj> {
    crate::frame_objects::locals_of(o)
}
fn tb_next(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<crate::traceback::TracebackObj>()
        .and_then(|t| t.next.get())
        .unwrap_or_else(none))
}
fn tb_frame(o: &Obj) -> PyResult<Obj> {
    Ok(o.payload::<crate::traceback::TracebackObj>()
        .and_then(|t| t.frame.get())
        .unwrap_or_else(none))
}
fn tb_lineno(o: &Obj) -> PyResult<Obj> {
    Ok(new_int(
        o.payload::<crate::traceback::TracebackObj>()
            .map_or(0, |t| t.lineno.get()),
    ))
}

use crate::objects::func::Native as N;

pub fn register() {
    let tt = t();
    let l = &tt.list;
    add_static(l, "__new__", list_new);
    let lm: &[(&'static str, N)] = &[
        ("__init__", N::F(list_init)),
        ("append", N::S(list_append)),
        ("extend", N::S(list_extend)),
        ("insert", N::S(list_insert)),
        ("pop", N::S(list_pop)),
        ("remove", N::F(list_remove)),
        ("index", N::F(list_index)),
        ("count", N::F(list_count)),
        ("reverse", N::F(list_reverse)),
        ("sort", N::F(list_sort)),
        ("copy", N::F(list_copy)),
        ("clear", N::F(list_clear_m)),
        ("__iadd__", N::F(list_iadd)),
        ("__reversed__", N::F(list_reversed)),
    ];
    for (n, f) in lm {
        crate::types::add_method_native(l, n, *f);
    }
    add_static(&tt.tuple, "__new__", tuple_new);
    add_method(&tt.tuple, "index", tuple_index);
    add_method(&tt.tuple, "count", tuple_count);
    add_method(&tt.tuple, "__getnewargs__", tuple_getnewargs);
    let d = &tt.dict;
    add_static(d, "__new__", dict_new);
    let dm: &[(&'static str, N)] = &[
        ("__init__", N::F(dict_init)),
        ("update", N::F(dict_update)),
        ("get", N::S(dict_get)),
        ("setdefault", N::F(dict_setdefault)),
        ("pop", N::F(dict_pop)),
        ("popitem", N::F(dict_popitem)),
        ("keys", N::F(dict_keys)),
        ("values", N::F(dict_values)),
        ("items", N::F(dict_items)),
        ("copy", N::F(dict_copy)),
        ("clear", N::F(dict_clear_m)),
    ];
    for (n, f) in dm {
        crate::types::add_method_native(d, n, *f);
    }
    crate::types::add_classmethod(d, "fromkeys", dict_fromkeys);
    for v in [&tt.dict_keys, &tt.dict_values, &tt.dict_items] {
        add_getset(
            v,
            "mapping",
            |o| {
                Ok(new_oneref(
                    &t().mappingproxy,
                    oneref(o).unwrap_or_else(dict::new_dict),
                ))
            },
            None,
        );
        let _ = mapping_of_view;
    }
    let mp = &tt.mappingproxy;
    add_static(mp, "__new__", mp_new);
    add_method(mp, "get", mp_get);
    add_method(mp, "keys", mp_keys);
    add_method(mp, "items", mp_items);
    add_method(mp, "values", mp_values);
    add_method(mp, "copy", mp_copy);
    add_method(mp, "__iter__", mp_iter);
    add_method(mp, "__contains__", mp_contains);
    for s in [&tt.set, &tt.frozenset] {
        add_static(s, "__new__", set_new);
        add_method(s, "__init__", set_init);
        let sm: &[(&'static str, crate::rt::NativeFn)] = &[
            ("copy", set_copy),
            ("union", set_union),
            ("intersection", set_intersection),
            ("difference", set_difference),
            ("symmetric_difference", set_symdiff),
            ("issubset", set_issubset),
            ("issuperset", set_issuperset),
            ("isdisjoint", set_isdisjoint),
        ];
        for (n, f) in sm {
            add_method(s, n, *f);
        }
    }
    let sm: &[(&'static str, crate::rt::NativeFn)] = &[
        ("add", set_add),
        ("discard", set_discard),
        ("remove", set_remove),
        ("pop", set_pop),
        ("clear", set_clear_m),
        ("update", set_update),
        ("intersection_update", set_intersection_update),
        ("difference_update", set_difference_update),
        ("symmetric_difference_update", set_symdiff_update),
    ];
    for (n, f) in sm {
        add_method(&tt.set, n, *f);
    }
    let r = &tt.range;
    add_static(r, "__new__", range_new);
    add_getset(r, "start", range_start, None);
    add_getset(r, "stop", range_stop, None);
    add_getset(r, "step", range_step, None);
    add_method(r, "index", range_index);
    add_method(r, "count", range_count);
    add_method(r, "__reversed__", range_reversed);
    let s = &tt.slice;
    add_static(s, "__new__", slice_new);
    add_getset(s, "start", slice_start, None);
    add_getset(s, "stop", slice_stop, None);
    add_getset(s, "step", slice_step, None);
    add_method(s, "indices", slice_indices_m);
    add_static(&tt.enumerate, "__new__", enumerate_new);
    add_static(&tt.zip, "__new__", zip_new);
    add_static(&tt.map, "__new__", map_new);
    add_static(&tt.filter, "__new__", filter_new);
    add_static(&tt.reversed, "__new__", reversed_new);
    let f = &tt.function;
    add_getset(f, "__name__", f_name, Some(f_set_name));
    add_getset(f, "__qualname__", f_qualname, Some(f_set_qualname));
    add_getset(f, "__doc__", f_doc, Some(f_set_doc));
    add_getset(f, "__module__", f_module, Some(f_set_module));
    add_getset(f, "__defaults__", f_defaults, Some(f_set_defaults));
    add_getset(f, "__kwdefaults__", f_kwdefaults, Some(f_set_kwdefaults));
    add_getset(f, "__globals__", f_globals, None);
    add_getset(f, "__closure__", f_closure, None);
    add_getset(f, "__code__", f_code, None);
    add_getset(f, "__annotations__", f_annotations, Some(f_set_annotations));
    add_getset(f, "__builtins__", f_builtins, None);
    add_getset(f, "__dict__", f_dict, Some(crate::attr::set_dict_attr));
    add_method(f, "__get__", f_get);
    let m = &tt.method;
    add_static(m, "__new__", method_new);
    add_getset(m, "__func__", m_func, None);
    add_getset(m, "__self__", m_self, None);
    add_method(m, "__getattribute__", m_getattr);
    for bty in [
        &tt.builtin_function,
        &tt.method_descriptor,
        &tt.classmethod_descriptor,
        &tt.wrapper_descriptor,
        &tt.getset_descriptor,
        &tt.member_descriptor,
    ] {
        add_getset(bty, "__name__", b_name, None);
        add_getset(bty, "__qualname__", b_qualname, None);
        add_getset(bty, "__doc__", b_doc, None);
    }
    add_getset(&tt.builtin_function, "__self__", b_self, None);
    let mw = &tt.method_wrapper;
    add_getset(mw, "__self__", |o| mw_part(o, |_, _, s| s), None);
    add_getset(
        mw,
        "__name__",
        |o| mw_part(o, |d, _, _| pstr::new_str(d.name)),
        None,
    );
    add_getset(
        mw,
        "__qualname__",
        |o| {
            mw_part(o, |_, descr, _| {
                b_qualname(&descr).unwrap_or_else(|_| none())
            })
        },
        None,
    );
    add_getset(
        mw,
        "__doc__",
        |o| mw_part(o, |_, descr, _| b_doc(&descr).unwrap_or_else(|_| none())),
        None,
    );
    for dty in [
        &tt.method_descriptor,
        &tt.classmethod_descriptor,
        &tt.wrapper_descriptor,
        &tt.getset_descriptor,
        &tt.member_descriptor,
    ] {
        add_getset(dty, "__objclass__", b_objclass, None);
        add_method(dty, "__get__", d_get);
    }
    add_getset(
        &tt.cell,
        "cell_contents",
        cell_contents,
        Some(cell_set_contents),
    );
    add_static(&tt.cell, "__new__", cell_new);
    add_static(&tt.module, "__new__", module_new);
    add_getset(&tt.module, "__dict__", module_dict_get, None);
    add_method(&tt.module, "__dir__", module_dir);
    let e = &tt.base_exception;
    add_static(e, "__new__", exc_new);
    add_method(e, "__init__", exc_init);
    add_method(e, "__str__", exc_str_m);
    add_method(e, "__repr__", exc_repr_m);
    add_method(e, "__reduce__", exc_reduce);
    add_method(e, "with_traceback", exc_with_tb);
    add_method(e, "add_note", exc_add_note);
    add_getset(e, "args", exc_args_get, Some(exc_args_set));
    add_getset(e, "__traceback__", exc_tb_get, Some(exc_tb_set));
    add_getset(e, "__cause__", exc_cause_get, Some(exc_cause_set));
    add_getset(e, "__context__", exc_context_get, Some(exc_context_set));
    add_getset(
        e,
        "__suppress_context__",
        exc_suppress_get,
        Some(exc_suppress_set),
    );
    add_getset(e, "__dict__", f_dict, Some(crate::attr::set_dict_attr));
    let g = &tt.generator;
    add_method(g, "send", crate::gen::py_send);
    add_method(g, "throw", crate::gen::py_throw);
    add_method(g, "close", crate::gen::py_close);
    add_getset(g, "__name__", gen_name, None);
    add_getset(g, "__qualname__", gen_qualname, None);
    add_getset(g, "gi_running", gen_running, None);
    add_getset(g, "gi_code", gen_code, None);
    add_getset(g, "gi_frame", gen_frame, None);
    let c = &tt.code;
    let cg: &[(&'static str, crate::types::Getter)] = &[
        ("co_consts", co_consts),
        ("co_names", co_names),
        ("co_varnames", co_varnames),
        ("co_cellvars", co_cellvars),
        ("co_freevars", co_freevars),
        ("co_name", co_name),
        ("co_qualname", co_qualname),
        ("co_filename", co_filename),
        ("co_firstlineno", co_firstlineno),
        ("co_argcount", co_argcount),
        ("co_kwonlyargcount", co_kwonlyargcount),
        ("co_posonlyargcount", co_posonlyargcount),
        ("co_flags", co_flags),
        ("co_nlocals", co_nlocals),
        ("co_stacksize", co_stacksize),
        ("co_code", co_code),
    ];
    for (n, g) in cg {
        add_getset(c, n, *g, None);
    }
    add_static(&tt.simple_namespace, "__new__", ns_new);
    add_method(&tt.simple_namespace, "__init__", ns_init);
    add_getset(&tt.simple_namespace, "__dict__", f_dict, None);
    let fr = &tt.frame;
    add_getset(fr, "f_lineno", frame_lineno, None);
    add_getset(fr, "f_code", frame_code, None);
    add_getset(fr, "f_globals", frame_globals, None);
    add_getset(fr, "f_back", frame_back, None);
    add_getset(fr, "f_locals", frame_locals, None);
    add_getset(fr, "f_lasti", frame_lasti, None);
    let tb = &tt.traceback;
    add_getset(tb, "tb_next", tb_next, None);
    add_getset(tb, "tb_frame", tb_frame, None);
    add_getset(tb, "tb_lineno", tb_lineno, None);
}
