//! `BaseExceptionGroup` / `ExceptionGroup` (PEP 654) and the two `except*`
//! instructions (`CheckEgMatch`, `PrepReraiseStar`), with CPython 3.11's
//! messages and rules.
//!
//! Read [`register`] first (types and methods), then [`check_eg_match`] and
//! [`prep_reraise_star`] (the `except*` protocol, see bytecode.rs).
//!
//! NOTE: CPython keeps `msg` and `excs` in extra struct fields; pyheap's
//! exception payload is shared by all exception types, so `message` and
//! `exceptions` are derived from `args == (message, exceptions)` (which
//! `__new__` sets exactly as CPython does). `exceptions` is the args item
//! itself when that is a tuple (the constructor stores a tuple copy when it
//! was given a list, see [`beg_new`]). The instance sizes match CPython's
//! (`BaseExceptionGroup` 88 + 16, `ExceptionGroup` 96 + 16 bytes).

use pyheap_compiler::bytecode::Instruction as I;

use crate::exc::{ep, type_err, value_err};
use crate::objects::{list, str as pstr, tuple};
use crate::ops;
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{
    add_getset, add_method, add_static, is_subtype, is_type, none, t, tdata, type_name,
};

/// `BaseExceptionGroup`.
pub fn beg() -> Obj {
    exc_type("BaseExceptionGroup")
}

/// `ExceptionGroup`.
pub fn eg() -> Obj {
    exc_type("ExceptionGroup")
}

fn exc_type(name: &str) -> Obj {
    t().exc_table
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, o)| o.clone())
        .unwrap_or_else(|| t().base_exception.clone())
}

/// Whether `o` is an exception group instance.
pub fn is_group(o: &Obj) -> bool {
    is_subtype(&o.type_ref(), &beg())
}

/// Sizes, `ExceptionGroup`'s two bases and MRO, and the methods. Called once
/// at start-up after the builtin types are finished.
pub fn register() {
    let (b, e) = (beg(), eg());
    if let Some(s) = b.as_type_slots() {
        s.basicsize.set(88);
    }
    if let Some(s) = e.as_type_slots() {
        // A heap type in CPython (PyErr_NewException): it gained a
        // `__weakref__` slot after BaseExceptionGroup's 88 bytes.
        s.basicsize.set(96);
        s.weaklistoffset.set(88);
    }
    let tt = t();
    let d = tdata(&e);
    d.bases.set(Some(tuple::new_tuple(vec![
        b.clone(),
        tt.exception.clone(),
    ])));
    d.mro.set(Some(tuple::new_tuple(vec![
        e.clone(),
        b.clone(),
        tt.exception.clone(),
        tt.base_exception.clone(),
        tt.object.clone(),
    ])));
    add_static(&b, "__new__", beg_new);
    add_method(&b, "__init__", beg_init);
    add_method(&b, "__str__", beg_str);
    add_method(&b, "derive", beg_derive);
    add_method(&b, "split", beg_split);
    add_method(&b, "subgroup", beg_subgroup);
    add_getset(&b, "message", beg_message, None);
    add_getset(&b, "exceptions", beg_exceptions, None);
}

/// `PySequence_Check`: has `__getitem__` and is not a dict.
fn is_sequence(o: &Obj) -> bool {
    let ty = o.type_ref();
    !is_subtype(&ty, &t().dict) && crate::types::lookup(&ty, "__getitem__").is_some()
}

fn beg_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let Some(cls) = args.first().cloned() else {
        return Err(type_err(
            "BaseExceptionGroup.__new__(): not enough arguments",
        ));
    };
    if !kw.is_empty() {
        return Err(type_err(&format!(
            "{}() takes no keyword arguments",
            type_name(&cls)
        )));
    }
    if args.len() != 3 {
        return Err(type_err(&format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            args.len() - 1
        )));
    }
    let (message, exceptions) = (args[1].clone(), args[2].clone());
    if !pstr::is_str(&message) {
        return Err(type_err(&format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            crate::types::tname(&message)
        )));
    }
    if !is_sequence(&exceptions) {
        return Err(type_err("second argument (exceptions) must be a sequence"));
    }
    let excs = ops::to_vec(&exceptions)?;
    if excs.is_empty() {
        return Err(value_err(
            "second argument (exceptions) must be a non-empty sequence",
        ));
    }
    let mut nested_base = false;
    for (i, x) in excs.iter().enumerate() {
        if !is_subtype(&x.type_ref(), &t().base_exception) {
            return Err(value_err(&format!(
                "Item {i} of second argument (exceptions) is not an exception"
            )));
        }
        if !is_subtype(&x.type_ref(), &t().exception) {
            nested_base = true;
        }
    }
    let mut cls = cls;
    if cls.is(&beg()) {
        if !nested_base {
            cls = eg();
        }
    } else if cls.is(&eg()) {
        if nested_base {
            return Err(type_err("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if nested_base && is_subtype(&cls, &t().exception) {
        return Err(type_err(&format!(
            "Cannot nest BaseExceptions in '{}'",
            type_name(&cls)
        )));
    }
    Ok(crate::exc::alloc_exc(
        &cls,
        tuple::new_tuple(vec![message, exceptions]),
    ))
}

/// `BaseExceptionGroup.__init__` keeps the args set by `__new__`.
fn beg_init(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    if let Some(s) = args.first() {
        if !kw.is_empty() {
            return Err(type_err(&format!(
                "{}() takes no keyword arguments",
                type_name(&s.type_ref())
            )));
        }
        if let Some(p) = ep(s) {
            p.args.set(Some(tuple::new_tuple(args[1..].to_vec())));
        }
    }
    Ok(none())
}

fn args_of(o: &Obj) -> Vec<Obj> {
    crate::exc::exc_args(o)
}

/// The `message` attribute.
pub fn message(o: &Obj) -> Obj {
    args_of(o)
        .first()
        .cloned()
        .unwrap_or_else(|| t().empty_str.clone())
}

/// The `exceptions` attribute as a Vec.
pub fn exceptions(o: &Obj) -> Vec<Obj> {
    match args_of(o).get(1) {
        Some(x) => ops::to_vec(x).unwrap_or_default(),
        None => Vec::new(),
    }
}

fn beg_message(o: &Obj) -> PyResult<Obj> {
    Ok(message(o))
}

fn beg_exceptions(o: &Obj) -> PyResult<Obj> {
    match args_of(o).get(1) {
        Some(x) if x.type_ref().is(&t().tuple) => Ok(x.clone()),
        _ => Ok(tuple::new_tuple(exceptions(o))),
    }
}

fn self_arg(args: &[Obj]) -> PyResult<Obj> {
    args.first()
        .cloned()
        .ok_or_else(|| type_err("descriptor needs an argument"))
}

fn beg_str(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(pstr::new_string(group_str(&self_arg(&args)?)?))
}

/// `str(group)`: `message (n sub-exception[s])`.
pub fn group_str(s: &Obj) -> PyResult<String> {
    let n = exceptions(s).len();
    let msg = ops::str_string(&message(s))?;
    Ok(format!(
        "{msg} ({n} sub-exception{})",
        if n == 1 { "" } else { "s" }
    ))
}

fn beg_derive(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = self_arg(&args)?;
    let excs = args
        .get(1)
        .cloned()
        .ok_or_else(|| type_err("derive() takes exactly one argument (0 given)"))?;
    ops::call(&beg(), vec![message(&s), excs], Vec::new())
}

/// How `split`/`subgroup` match leaves.
enum Matcher {
    Types(Obj),
    Predicate(Obj),
}

impl Matcher {
    fn new(v: &Obj) -> PyResult<Matcher> {
        let bad = || type_err("expected a function, exception type or tuple of exception types");
        let is_exc_class = |c: &Obj| is_type(c) && is_subtype(c, &t().base_exception);
        if is_type(v) {
            return if is_exc_class(v) {
                Ok(Matcher::Types(v.clone()))
            } else {
                Err(bad())
            };
        }
        if v.type_ref().is(&t().tuple) {
            if tuple::tuple_items(v).iter().all(is_exc_class) {
                return Ok(Matcher::Types(v.clone()));
            }
            return Err(bad());
        }
        let callable = v.payload::<crate::objects::func::FuncObj>().is_some()
            || v.payload::<crate::objects::func::BuiltinObj>().is_some()
            || v.payload::<crate::objects::func::BoundObj>().is_some()
            || crate::types::lookup(&v.type_ref(), "__call__").is_some();
        if callable {
            return Ok(Matcher::Predicate(v.clone()));
        }
        Err(bad())
    }

    fn matches(&self, e: &Obj) -> PyResult<bool> {
        match self {
            Matcher::Types(ty) => crate::eval::exc_matches(e, ty),
            Matcher::Predicate(f) => ops::truthy(&ops::call(f, vec![e.clone()], Vec::new())?),
        }
    }
}

/// `orig.derive(excs)` with `orig`'s traceback, cause, context and notes
/// (`exceptiongroup_subset`); `None` for no exceptions.
fn subset(orig: &Obj, excs: Vec<Obj>) -> PyResult<Option<Obj>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let g = ops::call_method(orig, "derive", vec![list::new_list(excs)])?;
    if !is_group(&g) {
        return Err(type_err(
            "derive must return an instance of BaseExceptionGroup",
        ));
    }
    if let (Some(src), Some(dst)) = (ep(orig), ep(&g)) {
        if let Some(tb) = src.traceback.get() {
            dst.traceback.set(Some(tb));
        }
        dst.context.set(src.context.get());
        dst.cause.set(src.cause.get());
        // NOTE: PyException_SetCause always sets __suppress_context__.
        dst.suppress_context.set(true);
    }
    if let Some(notes) = crate::attr::getattr_opt(orig, "__notes__")? {
        if is_sequence(&notes) {
            let l = list::new_list(ops::to_vec(&notes)?);
            crate::attr::setattr(&g, &pstr::new_str("__notes__"), Some(l))?;
        }
    }
    Ok(Some(g))
}

/// `exceptiongroup_split_recursive`: `(match, rest)`.
fn split_recursive(e: &Obj, m: &Matcher, want_rest: bool) -> PyResult<(Option<Obj>, Option<Obj>)> {
    if m.matches(e)? {
        return Ok((Some(e.clone()), None));
    }
    if !is_group(e) {
        return Ok((None, want_rest.then(|| e.clone())));
    }
    let mut matched = Vec::new();
    let mut rest = Vec::new();
    for x in exceptions(e) {
        let (a, b) = split_recursive(&x, m, want_rest)?;
        matched.extend(a);
        rest.extend(b);
    }
    let a = subset(e, matched)?;
    let b = if want_rest { subset(e, rest)? } else { None };
    Ok((a, b))
}

fn beg_split(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = self_arg(&args)?;
    let m = Matcher::new(
        args.get(1)
            .ok_or_else(|| type_err("split() takes exactly one argument (0 given)"))?,
    )?;
    let (a, b) = split_recursive(&s, &m, true)?;
    Ok(tuple::new_tuple(vec![
        a.unwrap_or_else(none),
        b.unwrap_or_else(none),
    ]))
}

fn beg_subgroup(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = self_arg(&args)?;
    let m = Matcher::new(
        args.get(1)
            .ok_or_else(|| type_err("subgroup() takes exactly one argument (0 given)"))?,
    )?;
    Ok(split_recursive(&s, &m, false)?.0.unwrap_or_else(none))
}

/// Executes `CheckEgMatch` / `PrepReraiseStar` on `stack`.
pub fn exec(stack: &mut Vec<Option<Obj>>, ins: I) -> PyResult<()> {
    let mut pop = || stack.pop().flatten().unwrap_or_else(none);
    match ins {
        I::CheckEgMatch => {
            let ty = pop();
            let exc = pop();
            let (rest, matched) = check_eg_match(&exc, &ty)?;
            stack.push(Some(rest));
            stack.push(Some(matched));
        }
        I::PrepReraiseStar => {
            let excs = pop();
            let orig = pop();
            let r = prep_reraise_star(&orig, &excs)?;
            stack.push(Some(r));
        }
        _ => {}
    }
    Ok(())
}

/// `except* T`: `(rest, match)` for the exception (group) `exc`; makes the
/// match the handled exception (`sys.exc_info()`) when there is one.
pub fn check_eg_match(exc: &Obj, ty: &Obj) -> PyResult<(Obj, Obj)> {
    let types: Vec<Obj> = if ty.type_ref().is(&t().tuple) {
        tuple::tuple_items(ty)
    } else {
        vec![ty.clone()]
    };
    for x in &types {
        if !is_type(x) || !is_subtype(x, &t().base_exception) {
            return Err(type_err(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
    }
    if types.iter().any(|x| is_subtype(x, &beg())) {
        return Err(type_err(
            "catching ExceptionGroup with except* is not allowed. Use except instead.",
        ));
    }
    if crate::types::is_none(exc) {
        return Ok((none(), none()));
    }
    let (rest, matched) = if crate::eval::exc_matches(exc, ty)? {
        if is_group(exc) {
            (none(), exc.clone())
        } else {
            // A naked exception is wrapped in ExceptionGroup('', [exc]).
            let w = ops::call(
                &beg(),
                vec![pstr::new_str(""), tuple::new_tuple(vec![exc.clone()])],
                Vec::new(),
            )?;
            if let (Some(src), Some(dst)) = (ep(exc), ep(&w)) {
                dst.traceback.set(src.traceback.get());
            }
            (none(), w)
        }
    } else if is_group(exc) {
        let m = Matcher::Types(ty.clone());
        let (a, b) = split_recursive(exc, &m, true)?;
        (b.unwrap_or_else(none), a.unwrap_or_else(none))
    } else {
        (exc.clone(), none())
    };
    if !crate::types::is_none(&matched) {
        drop(crate::rt::swap_top_exc(Some(matched.clone())));
    }
    Ok((rest, matched))
}

/// `_PyExc_CreateExceptionGroup`.
fn create_group(msg: &str, excs: Vec<Obj>) -> PyResult<Obj> {
    ops::call(
        &beg(),
        vec![pstr::new_str(msg), list::new_list(excs)],
        Vec::new(),
    )
}

/// Same traceback, cause and context: a re-raise of (part of) the
/// original group rather than a new exception. NOTE: CPython also compares
/// its `notes` struct field, but `__notes__` lives in the instance dict, so
/// that field is always NULL; the copied notes lists do not count.
fn same_metadata(a: &Obj, b: &Obj) -> bool {
    let (Some(x), Some(y)) = (ep(a), ep(b)) else {
        return false;
    };
    let same = |p: Option<Obj>, q: Option<Obj>| match (p, q) {
        (None, None) => true,
        (Some(p), Some(q)) => p.is(&q),
        _ => false,
    };
    same(x.traceback.get(), y.traceback.get())
        && same(x.cause.get(), y.cause.get())
        && same(x.context.get(), y.context.get())
}

/// Identities of the leaf exceptions of `e`.
fn collect_leaves(e: &Obj, out: &mut Vec<Obj>) {
    if is_group(e) {
        for x in exceptions(e) {
            collect_leaves(&x, out);
        }
    } else {
        out.push(e.clone());
    }
}

/// The part of `orig` whose leaves appear in `keep` (`exception_group_projection`).
fn projection(orig: &Obj, keep: &[Obj]) -> PyResult<Option<Obj>> {
    let mut leaves = Vec::new();
    for k in keep {
        collect_leaves(k, &mut leaves);
    }
    fn rec(e: &Obj, leaves: &[Obj]) -> PyResult<Option<Obj>> {
        if !is_group(e) {
            return Ok(leaves.iter().any(|l| l.is(e)).then(|| e.clone()));
        }
        let mut kept = Vec::new();
        for x in exceptions(e) {
            kept.extend(rec(&x, leaves)?);
        }
        subset(e, kept)
    }
    rec(orig, &leaves)
}

/// The exception to raise at the end of a `try`/`except*` (or None):
/// the unhandled rest and bare re-raises recombined as a projection of the
/// original group, plus the newly raised exceptions
/// (`_PyExc_PrepReraiseStar`).
pub fn prep_reraise_star(orig: &Obj, excs: &Obj) -> PyResult<Obj> {
    let items = list::list_items(excs);
    if items.is_empty() {
        return Ok(none());
    }
    if !is_group(orig) {
        // A naked exception was wrapped: at most one handler ran.
        return Ok(items[0].clone());
    }
    let mut raised = Vec::new();
    let mut reraised = Vec::new();
    for e in items {
        if crate::types::is_none(&e) {
            continue;
        }
        if same_metadata(&e, orig) {
            reraised.push(e);
        } else {
            raised.push(e);
        }
    }
    let re = projection(orig, &reraised)?;
    if raised.is_empty() {
        return Ok(re.unwrap_or_else(none));
    }
    raised.extend(re);
    if raised.len() > 1 {
        create_group("", raised)
    } else {
        Ok(raised.swap_remove(0))
    }
}
