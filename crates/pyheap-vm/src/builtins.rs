//! The `builtins` module: builtin functions and the helpers they share
//! (argument checking, unraisable-error reporting, `sys.displayhook`).
//!
//! Read [`init_builtins`] first: it is the registration table. To add a
//! builtin function write `fn name(args: Vec<Obj>, kw: Kw) -> PyResult<Obj>`
//! and add one line there.

use std::cell::RefCell;

use crate::exc::{type_err, value_err};
use crate::objects::int::{int_value, new_int, IntV};
use crate::objects::{dict, list, str as pstr, tuple};
use crate::ops;
use crate::rt::{Kw, Obj, PyErr, PyResult};
use crate::types::{is_none, is_type, none, py_bool, t, tname};

thread_local! {
    static BUILTINS: std::mem::ManuallyDrop<RefCell<Option<Obj>>> = const { std::mem::ManuallyDrop::new(RefCell::new(None)) };
}

/// The builtins module.
pub fn builtins_module() -> Obj {
    if let Some(m) = BUILTINS.with(|b| b.borrow().clone()) {
        return m;
    }
    let m = crate::objects::misc::new_module("builtins");
    BUILTINS.with(|b| *b.borrow_mut() = Some(m.clone()));
    init_builtins(&m);
    m
}

/// What CPython's `site` adds to builtins: `exit` and `quit` as
/// `_sitebuiltins.Quitter` objects (a frozen Python module).
pub fn install_quitters() -> PyResult<()> {
    let m = crate::import::import_module("_sitebuiltins")?;
    let quitter = crate::attr::getattr_str(&m, "Quitter")?;
    let d = builtins_dict();
    for name in ["exit", "quit"] {
        let args = vec![pstr::new_str(name), pstr::new_str("Ctrl-D (i.e. EOF)")];
        dict::set_str(&d, name, crate::ops::call(&quitter, args, Vec::new())?)?;
    }
    Ok(())
}

pub fn builtins_dict() -> Obj {
    crate::objects::misc::module_dict(&builtins_module()).unwrap_or_else(dict::new_dict)
}

/// Checks a positional count: `name() takes exactly N arguments (M given)`.
pub fn check_args(name: &str, args: &[Obj], min: usize, max: usize) -> PyResult<()> {
    if args.len() < min || args.len() > max {
        if min == max {
            return Err(type_err(&format!(
                "{}() takes exactly {} argument{} ({} given)",
                name,
                min,
                if min == 1 { "" } else { "s" },
                args.len()
            )));
        }
        if args.len() < min {
            return Err(type_err(&format!(
                "{} expected at least {} argument{}, got {}",
                name,
                min,
                if min == 1 { "" } else { "s" },
                args.len()
            )));
        }
        return Err(type_err(&format!(
            "{} expected at most {} argument{}, got {}",
            name,
            max,
            if max == 1 { "" } else { "s" },
            args.len()
        )));
    }
    Ok(())
}

pub fn no_kw(name: &str, kw: &Kw) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(type_err(&format!("{name}() takes no keyword arguments")));
    }
    Ok(())
}

/// Keyword argument by name.
pub fn kwarg(kw: &Kw, name: &str) -> Option<Obj> {
    kw.iter()
        .find(|(k, _)| pstr::as_str(k) == Some(name))
        .map(|(_, v)| v.clone())
}

/// "f()" style name of a callable for error messages.
pub fn func_display_name(f: &Obj) -> String {
    if let Some(fp) = f.payload::<crate::objects::func::FuncObj>() {
        return format!(
            "{}()",
            fp.qualname
                .get()
                .and_then(|q| pstr::as_str(&q).map(|s| s.to_string()))
                .unwrap_or_default()
        );
    }
    if let Some(b) = f.payload::<crate::objects::func::BuiltinObj>() {
        return format!("{}()", b.def.name);
    }
    if is_type(f) {
        return format!("{}()", crate::types::type_name(f));
    }
    format!("{} object", tname(f))
}

/// `ascii()` of a repr string.
pub fn ascii_of(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let n = c as u32;
        if n < 128 {
            out.push(c);
        } else if n < 256 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 65536 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

/// `sys.displayhook`: print repr and store in `builtins._`.
pub fn displayhook(v: &Obj) -> PyResult<()> {
    if is_none(v) {
        return Ok(());
    }
    let r = ops::repr_string(v)?;
    crate::modules::sys::write_stdout(&format!("{r}\n"))?;
    dict::set_str(&builtins_dict(), "_", v.clone())?;
    Ok(())
}

/// Reports an error that cannot be raised (`__del__`, callbacks).
pub fn write_unraisable(e: &PyErr, obj: Option<&Obj>) {
    let mut text = String::new();
    if let Some(o) = obj {
        let r = ops::repr_string(o).unwrap_or_else(|_| "<object repr() failed>".into());
        text.push_str(&format!("Exception ignored in: {r}\n"));
    }
    text.push_str(&crate::traceback::format_exception(&e.exc));
    crate::modules::sys::write_stderr(&text);
}

/// A member descriptor for one `__slots__` name (stored in the class dict).
pub fn new_member_descr(name: &str, owner: &Obj) -> Obj {
    let n: &'static str = Box::leak(name.to_string().into_boxed_str());
    crate::objects::func::new_member(n, member_get_unused, owner)
}

fn member_get_unused(_o: &Obj) -> PyResult<Obj> {
    Err(type_err("member descriptor"))
}

// ----- the functions -----------------------------------------------------

fn b_print(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file = None;
    let mut flush = false;
    for (k, v) in &kw {
        match pstr::as_str(k) {
            Some("sep") if !is_none(v) => {
                sep = pstr::as_str(v)
                    .ok_or_else(|| {
                        type_err(&format!("sep must be None or a string, not {}", tname(v)))
                    })?
                    .to_string()
            }
            Some("end") if !is_none(v) => {
                end = pstr::as_str(v)
                    .ok_or_else(|| {
                        type_err(&format!("end must be None or a string, not {}", tname(v)))
                    })?
                    .to_string()
            }
            Some("file") if !is_none(v) => file = Some(v.clone()),
            Some("flush") => flush = ops::truthy(v)?,
            Some("sep") | Some("end") | Some("file") => {}
            Some(other) => {
                return Err(type_err(&format!(
                    "'{other}' is an invalid keyword argument for print()"
                )))
            }
            None => {}
        }
    }
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        // CPython's print holds its arguments in a `*args` tuple: one
        // more reference while each is converted.
        let held = a.clone();
        out.push_str(&ops::str_string(&held)?);
    }
    out.push_str(&end);
    match file {
        None => crate::modules::sys::write_stdout(&out)?,
        Some(f) => {
            ops::call_method(&f, "write", vec![pstr::new_string(out)])?;
            if flush {
                ops::call_method(&f, "flush", vec![])?;
            }
        }
    }
    if flush {
        crate::modules::sys::flush_stdout();
    }
    Ok(none())
}

fn b_len(args: &[Obj], kw: Kw) -> PyResult<Obj> {
    no_kw("len", &kw)?;
    if args.len() != 1 {
        return Err(type_err(&format!(
            "len() takes exactly one argument ({} given)",
            args.len()
        )));
    }
    Ok(crate::objects::int::new_int_usize(ops::len(&args[0])?))
}

fn b_repr(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("repr", &args, 1, 1)?;
    ops::repr(&args[0])
}

fn b_ascii(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("ascii", &args, 1, 1)?;
    Ok(pstr::new_string(ascii_of(&ops::repr_string(&args[0])?)))
}

fn b_id(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("id", &args, 1, 1)?;
    Ok(crate::objects::int::new_int_usize(args[0].addr()))
}

fn b_hash(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("hash", &args, 1, 1)?;
    Ok(new_int(ops::hash(&args[0])? as i64))
}

fn b_abs(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("abs", &args, 1, 1)?;
    let o = &args[0];
    if let Some(v) = int_value(o) {
        if !crate::types::is_heap_type(&o.type_ref()) {
            return Ok(crate::objects::int::new_int_v(IntV::from_big(
                num_traits::Signed::abs(&v.big()),
            )));
        }
    }
    if let Some(f) = crate::objects::float::float_value(o) {
        return Ok(crate::objects::float::new_float(f.abs()));
    }
    if let Some((re, im)) = crate::objects::float::complex_value(o) {
        return Ok(crate::objects::float::new_float(re.hypot(im)));
    }
    match ops::call_dunder(o, "__abs__", vec![])? {
        Some(r) => Ok(r),
        None => Err(type_err(&format!(
            "bad operand type for abs(): '{}'",
            tname(o)
        ))),
    }
}

fn b_isinstance(args: &[Obj], kw: Kw) -> PyResult<Obj> {
    no_kw("isinstance", &kw)?;
    if args.len() != 2 {
        return Err(type_err(&format!(
            "isinstance expected 2 arguments, got {}",
            args.len()
        )));
    }
    Ok(py_bool(isinstance_check(&args[0], &args[1])?))
}

/// `isinstance(o, cls)` with tuples and `__instancecheck__`.
pub fn isinstance_check(o: &Obj, cls: &Obj) -> PyResult<bool> {
    if let Some(members) = crate::objects::union_type::union_args(cls) {
        for c in members {
            if isinstance_check(o, &c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if tuple::is_tuple(cls) {
        for c in tuple::tuple_items(cls) {
            if isinstance_check(o, &c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if is_type(cls) {
        if crate::types::isinstance(o, cls) {
            return Ok(true);
        }
        let meta = cls.type_ref();
        if crate::types::is_heap_type(&meta) {
            if let Some(m) = crate::types::lookup(&meta, "__instancecheck__") {
                let r = ops::call_unbound(&m, &meta, vec![cls.clone(), o.clone()])?;
                return ops::truthy(&r);
            }
        }
        // __class__ override
        return Ok(false);
    }
    if let Some(m) = crate::types::lookup(&cls.type_ref(), "__instancecheck__") {
        let r = ops::call_unbound(&m, &cls.type_ref(), vec![cls.clone(), o.clone()])?;
        return ops::truthy(&r);
    }
    Err(type_err(
        "isinstance() arg 2 must be a type, a tuple of types, or a union",
    ))
}

fn b_issubclass(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("issubclass", &args, 2, 2)?;
    if !is_type(&args[0]) {
        return Err(type_err("issubclass() arg 1 must be a class"));
    }
    Ok(py_bool(issubclass_check(&args[0], &args[1])?))
}

pub fn issubclass_check(a: &Obj, cls: &Obj) -> PyResult<bool> {
    if let Some(members) = crate::objects::union_type::union_args(cls) {
        for c in members {
            if issubclass_check(a, &c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if tuple::is_tuple(cls) {
        for c in tuple::tuple_items(cls) {
            if issubclass_check(a, &c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if !is_type(cls) {
        if let Some(m) = crate::types::lookup(&cls.type_ref(), "__subclasscheck__") {
            let r = ops::call_unbound(&m, &cls.type_ref(), vec![cls.clone(), a.clone()])?;
            return ops::truthy(&r);
        }
        return Err(type_err(
            "issubclass() arg 2 must be a class, a tuple of classes, or a union",
        ));
    }
    let meta = cls.type_ref();
    if crate::types::is_heap_type(&meta) {
        if let Some(m) = crate::types::lookup(&meta, "__subclasscheck__") {
            let r = ops::call_unbound(&m, &meta, vec![cls.clone(), a.clone()])?;
            return ops::truthy(&r);
        }
    }
    if !is_type(cls) {
        return Err(type_err(
            "issubclass() arg 2 must be a class, a tuple of classes, or a union",
        ));
    }
    Ok(crate::types::is_subtype(a, cls))
}

fn b_callable(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("callable", &args, 1, 1)?;
    Ok(py_bool(is_callable(&args[0])))
}

/// `callable(o)` (CPython's `PyCallable_Check`).
pub fn is_callable(o: &Obj) -> bool {
    o.payload::<crate::objects::func::FuncObj>().is_some()
        || o.payload::<crate::objects::func::BuiltinObj>().is_some()
        || o.payload::<crate::objects::func::BoundObj>().is_some()
        || o.payload::<crate::objects::func::MethodWrapperObj>()
            .is_some()
        || o.payload::<crate::objects::func::DescrObj>().is_some()
        || is_type(o)
        || crate::types::lookup(&o.type_ref(), "__call__").is_some()
}

fn b_getattr(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("getattr", &args, 2, 3)?;
    if !pstr::is_str(&args[1]) {
        return Err(type_err(&format!(
            "attribute name must be string, not '{}'",
            tname(&args[1])
        )));
    }
    match crate::attr::getattr(&args[0], &args[1]) {
        Ok(v) => Ok(v),
        Err(e) if args.len() == 3 && crate::exc::matches(&e, &t().attribute_error) => {
            Ok(args[2].clone())
        }
        Err(e) => Err(e),
    }
}

fn b_setattr(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("setattr", &args, 3, 3)?;
    if !pstr::is_str(&args[1]) {
        return Err(type_err(&format!(
            "attribute name must be string, not '{}'",
            tname(&args[1])
        )));
    }
    let name = pstr::intern_obj(args[1].clone());
    crate::attr::setattr(&args[0], &name, Some(args[2].clone()))?;
    Ok(none())
}

fn b_delattr(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("delattr", &args, 2, 2)?;
    crate::attr::setattr(&args[0], &args[1], None)?;
    Ok(none())
}

fn b_hasattr(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("hasattr", &args, 2, 2)?;
    if !pstr::is_str(&args[1]) {
        return Err(type_err("hasattr(): attribute name must be string"));
    }
    match crate::attr::getattr(&args[0], &args[1]) {
        Ok(_) => Ok(py_bool(true)),
        Err(e) if crate::exc::matches(&e, &t().attribute_error) => Ok(py_bool(false)),
        Err(e) => Err(e),
    }
}

fn b_iter(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("iter", &args, 1, 2)?;
    if args.len() == 2 {
        return Ok(crate::objects::iterobj::new_iter(
            &t().callable_iter,
            Some(args[0].clone()),
            Some(args[1].clone()),
            0,
            0,
        ));
    }
    ops::iter(&args[0])
}

fn b_next(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("next", &args, 1, 2)?;
    if !ops::is_iterator(&args[0]) {
        return Err(type_err(&format!(
            "'{}' object is not an iterator",
            tname(&args[0])
        )));
    }
    match ops::next_raw(&args[0]) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(crate::exc::stop_iteration(None)),
        },
        Err(e) if args.len() == 2 && crate::exc::matches(&e, &t().stop_iteration) => {
            Ok(args[1].clone())
        }
        Err(e) => Err(e),
    }
}

fn b_chr(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("chr", &args, 1, 1)?;
    let n = i64::from(ops::to_c_int(&args[0])?);
    match u32::try_from(n).ok().and_then(char::from_u32) {
        Some(c) => Ok(pstr::new_string(c.to_string())),
        None => {
            if (0xd800..0xe000).contains(&n) {
                return Err(value_err("surrogates not supported in pyheap strings"));
            }
            Err(value_err("chr() arg not in range(0x110000)"))
        }
    }
}

fn b_ord(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("ord", &args, 1, 1)?;
    if let Some(s) = pstr::as_str(&args[0]) {
        let n = pstr::char_len(&args[0]);
        if n != 1 {
            return Err(type_err(&format!(
                "ord() expected a character, but string of length {n} found"
            )));
        }
        return Ok(new_int(s.chars().next().map_or(0, |c| c as i64)));
    }
    if let Some(b) = crate::objects::bytes::bytes_data(&args[0]) {
        if b.len() != 1 {
            return Err(type_err(&format!(
                "ord() expected a character, but string of length {} found",
                b.len()
            )));
        }
        return Ok(new_int(b[0] as i64));
    }
    Err(type_err(&format!(
        "ord() expected string of length 1, but {} found",
        tname(&args[0])
    )))
}

fn radix(args: &[Obj], base: u32, prefix: &str) -> PyResult<Obj> {
    let v = ops::index(&args[0])?;
    let b = int_value(&v).map(|x| x.big()).unwrap_or_default();
    let neg = num_traits::Signed::is_negative(&b);
    let m = num_traits::Signed::abs(&b).to_str_radix(base);
    Ok(pstr::new_string(format!(
        "{}{}{}",
        if neg { "-" } else { "" },
        prefix,
        m
    )))
}

fn b_hex(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("hex", &args, 1, 1)?;
    radix(&args, 16, "0x")
}
fn b_oct(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("oct", &args, 1, 1)?;
    radix(&args, 8, "0o")
}
fn b_bin(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("bin", &args, 1, 1)?;
    radix(&args, 2, "0b")
}

fn b_format(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("format", &args, 1, 2)?;
    let spec = match args.get(1) {
        None => String::new(),
        Some(s) => pstr::as_str(s).map(|x| x.to_string()).ok_or_else(|| {
            // NOTE: _PyArg_BadArgument names None itself, other objects by type.
            let what = if is_none(s) {
                "None".to_string()
            } else {
                tname(s)
            };
            type_err(&format!("format() argument 2 must be str, not {what}"))
        })?,
    };
    ops::format(&args[0], &spec)
}

fn minmax(args: Vec<Obj>, kw: Kw, is_max: bool) -> PyResult<Obj> {
    let name = if is_max { "max" } else { "min" };
    let key = kwarg(&kw, "key").filter(|k| !is_none(k));
    let default = kwarg(&kw, "default");
    let items = if args.len() == 1 {
        ops::to_vec(&args[0])?
    } else if args.is_empty() {
        return Err(type_err(&format!(
            "{name} expected at least 1 argument, got 0"
        )));
    } else {
        args
    };
    let mut best: Option<(Obj, Obj)> = None;
    for x in items {
        let k = match &key {
            Some(f) => ops::call(f, vec![x.clone()], vec![])?,
            None => x.clone(),
        };
        best = match best {
            None => Some((x, k)),
            Some((bx, bk)) => {
                let op = if is_max {
                    ops::CmpOp::Gt
                } else {
                    ops::CmpOp::Lt
                };
                if ops::truthy(&ops::rich_compare(&k, &bk, op)?)? {
                    Some((x, k))
                } else {
                    Some((bx, bk))
                }
            }
        };
    }
    match best {
        Some((x, _)) => Ok(x),
        None => default.ok_or_else(|| value_err(&format!("{name}() arg is an empty sequence"))),
    }
}

fn b_max(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    minmax(args, kw, true)
}
fn b_min(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    minmax(args, kw, false)
}

fn b_sum(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    check_args("sum", &args, 1, 2)?;
    let mut acc = args
        .get(1)
        .cloned()
        .or_else(|| kwarg(&kw, "start"))
        .unwrap_or_else(|| new_int(0));
    // NOTE: CPython takes the iterator before checking the start value.
    let it = ops::iter(&args[0])?;
    if pstr::is_str(&acc) {
        return Err(type_err(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    if acc.has_type(&t().bytes) {
        return Err(type_err(
            "sum() can't sum bytes [use b''.join(seq) instead]",
        ));
    }
    if acc.has_type(&t().bytearray) {
        return Err(type_err(
            "sum() can't sum bytearray [use b''.join(seq) instead]",
        ));
    }
    while let Some(x) = ops::next(&it)? {
        acc = ops::binary_op(&acc, &x, "+")?;
    }
    Ok(acc)
}

fn b_any(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("any", &args, 1, 1)?;
    let it = ops::iter(&args[0])?;
    while let Some(x) = ops::next(&it)? {
        if ops::truthy(&x)? {
            return Ok(py_bool(true));
        }
    }
    Ok(py_bool(false))
}

fn b_all(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("all", &args, 1, 1)?;
    let it = ops::iter(&args[0])?;
    while let Some(x) = ops::next(&it)? {
        if !ops::truthy(&x)? {
            return Ok(py_bool(false));
        }
    }
    Ok(py_bool(true))
}

fn b_sorted(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    check_args("sorted", &args, 1, 1)?;
    // 3.11: `list(iterable)`, then its `sort` method with the keywords.
    let items = ops::to_vec_hinted(&args[0])?;
    let l = list::new_list(Vec::new());
    list::list_extend_items(&l, items)?;
    let (key, reverse) = crate::objects::list_sort::parse_sort_args(0, &kw)?;
    crate::objects::list_sort::list_sort_impl(&l, key, reverse)?;
    Ok(l)
}

fn b_divmod(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("divmod", &args, 2, 2)?;
    if crate::types::is_heap_type(&args[0].type_ref())
        || crate::types::is_heap_type(&args[1].type_ref())
    {
        if let Some(r) = ops::call_dunder(&args[0], "__divmod__", vec![args[1].clone()])? {
            if !r.is(&t().not_implemented) {
                return Ok(r);
            }
        }
    }
    let q = ops::binary_op(&args[0], &args[1], "//").map_err(|e| {
        let float_arg = crate::objects::float::float_value(&args[0]).is_some()
            || crate::objects::float::float_value(&args[1]).is_some();
        if float_arg && crate::exc::matches(&e, &t().zero_division_error) {
            return crate::exc::zero_div("float divmod()");
        }
        if crate::exc::matches(&e, &t().type_error) {
            type_err(&format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                tname(&args[0]),
                tname(&args[1])
            ))
        } else {
            e
        }
    })?;
    let r = ops::binary_op(&args[0], &args[1], "%")?;
    Ok(tuple::new_tuple(vec![q, r]))
}

fn b_pow(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("pow", &args, 2, 3)?;
    if args.len() == 3 && !is_none(&args[2]) {
        let (Some(b), Some(e), Some(m)) = (
            int_value(&args[0]),
            int_value(&args[1]),
            int_value(&args[2]),
        ) else {
            return Err(type_err(
                "pow() 3rd argument not allowed unless all arguments are integers",
            ));
        };
        let m = m.big();
        if num_traits::Zero::is_zero(&m) {
            return Err(value_err("pow() 3rd argument cannot be 0"));
        }
        let e = e.big();
        let b = b.big();
        let r = if num_traits::Signed::is_negative(&e) {
            let inv = modinv(&b, &m)
                .ok_or_else(|| value_err("base is not invertible for the given modulus"))?;
            inv.modpow(&(-e), &m)
        } else {
            b.modpow(&e, &m)
        };
        let r = if num_traits::Signed::is_negative(&r) != num_traits::Signed::is_negative(&m)
            && !num_traits::Zero::is_zero(&r)
        {
            r + &m
        } else {
            r
        };
        return Ok(crate::objects::int::new_int_big(r));
    }
    ops::binary_op(&args[0], &args[1], "**")
}

fn modinv(a: &num_bigint::BigInt, m: &num_bigint::BigInt) -> Option<num_bigint::BigInt> {
    use num_integer::Integer;
    let g = a.extended_gcd(m);
    if g.gcd != num_bigint::BigInt::from(1) && g.gcd != num_bigint::BigInt::from(-1) {
        return None;
    }
    Some(g.x.mod_floor(m))
}

fn b_round(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    check_args("round", &args, 1, 2)?;
    let nd = args
        .get(1)
        .cloned()
        .or_else(|| kwarg(&kw, "ndigits"))
        .filter(|x| !is_none(x));
    let x = &args[0];
    if let Some(f) = crate::objects::float::float_value(x) {
        match nd {
            None => {
                let r = round_half_even(f);
                return crate::objects::int::float_to_int(r);
            }
            Some(n) => {
                // CPython clamps a huge ndigits (PyNumber_AsSsize_t(n, NULL)).
                let n = ops::index_clamped(&n)?;
                if !f.is_finite() {
                    return Ok(x.clone());
                }
                let s = format!("{:.*e}", 17, f);
                let _ = s;
                let r = if n >= 0 {
                    let p = 10f64.powi(n.min(300) as i32);
                    let y = round_half_even(f * p) / p;
                    // correct via string formatting like CPython's dtoa rounding
                    let txt = format!("{:.*}", n.min(300) as usize, f);
                    txt.parse::<f64>().unwrap_or(y)
                } else {
                    let p = 10f64.powi(n.unsigned_abs().min(300) as i32);
                    round_half_even(f / p) * p
                };
                return Ok(crate::objects::float::new_float(r));
            }
        }
    }
    if let Some(v) = int_value(x) {
        if !crate::types::is_heap_type(&x.type_ref()) {
            match nd {
                None => return Ok(crate::objects::int::new_int_v(v)),
                Some(n) => {
                    let n = ops::index_clamped(&n)?;
                    if n >= 0 {
                        return Ok(crate::objects::int::new_int_v(v));
                    }
                    let b = v.big();
                    // 10**k > 2*|v| rounds to zero (and 10**k may not fit in memory).
                    if n.unsigned_abs() > b.bits() / 3 + 2 {
                        return Ok(crate::objects::int::new_int(0));
                    }
                    let p =
                        num_traits::pow(num_bigint::BigInt::from(10), n.unsigned_abs() as usize);
                    use num_integer::Integer;
                    let (q, r) = b.div_mod_floor(&p);
                    let twice = &r * 2;
                    let q = if twice > p || (twice == p && q.is_odd()) {
                        q + 1
                    } else {
                        q
                    };
                    return Ok(crate::objects::int::new_int_big(q * p));
                }
            }
        }
    }
    let mut a = vec![];
    if let Some(n) = nd {
        a.push(n);
    }
    match ops::call_dunder(x, "__round__", a)? {
        Some(r) => Ok(r),
        None => Err(type_err(&format!(
            "type {} doesn't define __round__ method",
            tname(x)
        ))),
    }
}

pub fn round_half_even(f: f64) -> f64 {
    let r = f.round();
    if (f - f.trunc()).abs() == 0.5 {
        2.0 * (f / 2.0).round()
    } else {
        r
    }
}

fn b_vars(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("vars", &args, 0, 1)?;
    match args.first() {
        Some(o) => crate::attr::getattr_str(o, "__dict__")
            .map_err(|_| type_err("vars() argument must have __dict__ attribute")),
        None => b_locals(vec![], vec![]),
    }
}

fn b_globals(_args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    crate::frames::current_globals().ok_or_else(|| type_err("no frame"))
}

fn b_locals(_args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    crate::frames::current_locals().ok_or_else(|| type_err("no frame"))
}

fn b_dir(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("dir", &args, 0, 1)?;
    let names: Vec<Obj> = match args.first() {
        None => dict::keys(&b_locals(vec![], vec![])?),
        Some(o) => {
            let user_dir = crate::types::lookup(&o.type_ref(), "__dir__")
                .filter(|f| f.payload::<crate::objects::func::FuncObj>().is_some());
            match user_dir {
                Some(f) => ops::to_vec(&ops::call(&f, vec![o.clone()], vec![])?)?,
                None => default_dir(o)?,
            }
        }
    };
    let mut strs: Vec<(String, Obj)> = names
        .into_iter()
        .map(|n| (pstr::as_str(&n).unwrap_or("").to_string(), n))
        .collect();
    strs.sort_by(|a, b| a.0.cmp(&b.0));
    strs.dedup_by(|a, b| a.0 == b.0);
    Ok(list::new_list(strs.into_iter().map(|(_, o)| o).collect()))
}

pub fn default_dir(o: &Obj) -> PyResult<Vec<Obj>> {
    let mut out = Vec::new();
    if let Some(d) = crate::objects::misc::module_dict(o) {
        return Ok(dict::keys(&d));
    }
    if let Ok(d) = crate::attr::get_dict_attr(o) {
        if dict::is_dict(&d) {
            out.extend(dict::keys(&d));
        }
    }
    let ty = if is_type(o) { o.clone() } else { o.type_ref() };
    let mro = crate::types::tdata(&ty)
        .mro
        .get()
        .map(|m| tuple::tuple_items(&m))
        .unwrap_or_default();
    for k in mro {
        if let Some(d) = crate::types::tdata(&k).dict.get() {
            out.extend(dict::keys(&d));
        }
    }
    if is_type(o) {
        return Ok(out);
    }
    Ok(out)
}

fn b_exec(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    exec_or_eval(args, kw, false)
}

fn b_eval(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    exec_or_eval(args, kw, true)
}

fn exec_or_eval(args: Vec<Obj>, kw: Kw, is_eval: bool) -> PyResult<Obj> {
    let name = if is_eval { "eval" } else { "exec" };
    check_args(name, &args, 1, 3)?;
    let globals = args
        .get(1)
        .cloned()
        .or_else(|| kwarg(&kw, "globals"))
        .filter(|g| !is_none(g));
    let locals = args
        .get(2)
        .cloned()
        .or_else(|| kwarg(&kw, "locals"))
        .filter(|g| !is_none(g));
    let (globals, locals) = match globals {
        Some(g) => {
            if !dict::is_dict(&g) {
                return Err(type_err(&format!(
                    "{}() globals must be a dict, not {}",
                    name,
                    tname(&g)
                )));
            }
            let l = locals.unwrap_or_else(|| g.clone());
            (g, l)
        }
        None => {
            let g = crate::frames::current_globals().unwrap_or_else(dict::new_dict);
            let l = locals
                .or_else(crate::frames::current_locals)
                .unwrap_or_else(|| g.clone());
            (g, l)
        }
    };
    let src = &args[0];
    // `arena`: CPython's AST arena of a string source stays alive while it
    // runs (an extra count on each literal constant).
    let (code, arena) = if crate::code::co(src).is_some() {
        (src.clone(), Vec::new())
    } else {
        let text = if let Some(s) = pstr::as_str(src) {
            s.to_string()
        } else if let Some(b) = crate::objects::bytes::bytes_data(src) {
            String::from_utf8_lossy(&b).to_string()
        } else {
            return Err(type_err(&format!(
                "{}() arg 1 must be a string, bytes or code object",
                name
            )));
        };
        let text = if is_eval {
            text.trim_start_matches([' ', '\t']).to_string()
        } else {
            text
        };
        let mode = if is_eval {
            pyheap_compiler::Mode::Eval
        } else {
            pyheap_compiler::Mode::Exec
        };
        crate::compile_source_with_arena(&text, "<string>", mode)?
    };
    let r = crate::eval::run_code(&code, &globals, Some(&locals))?;
    drop(arena);
    Ok(if is_eval { r } else { none() })
}

fn b_compile(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let get = |i: usize, n: &str| args.get(i).cloned().or_else(|| kwarg(&kw, n));
    let (Some(src), Some(file), Some(mode)) =
        (get(0, "source"), get(1, "filename"), get(2, "mode"))
    else {
        return Err(type_err(
            "compile() missing required argument 'source' (pos 1)",
        ));
    };
    let text = if let Some(s) = pstr::as_str(&src) {
        s.to_string()
    } else if let Some(b) = crate::objects::bytes::bytes_data(&src) {
        String::from_utf8_lossy(&b).to_string()
    } else {
        return Err(type_err(
            "compile() arg 1 must be a string, bytes or AST object",
        ));
    };
    let mode = match pstr::as_str(&mode) {
        Some("exec") => pyheap_compiler::Mode::Exec,
        Some("eval") => pyheap_compiler::Mode::Eval,
        Some("single") => pyheap_compiler::Mode::Single,
        _ => {
            return Err(value_err(
                "compile() mode must be 'exec', 'eval' or 'single'",
            ))
        }
    };
    crate::compile_source(&text, pstr::as_str(&file).unwrap_or("<string>"), mode)
}

fn b_input(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    if let Some(p) = args.first() {
        crate::modules::sys::write_stdout(&ops::str_string(p)?)?;
        crate::modules::sys::flush_stdout();
    }
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(crate::exc::new_err(
            &t().eof_error,
            "EOF when reading a line",
        )),
        Ok(_) => Ok(pstr::new_string(
            line.trim_end_matches('\n')
                .trim_end_matches('\r')
                .to_string(),
        )),
        Err(e) => Err(crate::exc::new_err(&t().os_error, &e.to_string())),
    }
}

fn b_import(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    check_args("__import__", &args, 1, 5)?;
    let globals = args.get(1).cloned().unwrap_or_else(dict::new_dict);
    let fromlist = args
        .get(3)
        .cloned()
        .or_else(|| kwarg(&kw, "fromlist"))
        .unwrap_or_else(none);
    let level = args
        .get(4)
        .cloned()
        .or_else(|| kwarg(&kw, "level"))
        .and_then(|l| crate::objects::int::as_i64(&l))
        .unwrap_or(0);
    crate::import::import_name(
        &args[0],
        &if dict::is_dict(&globals) {
            globals
        } else {
            dict::new_dict()
        },
        &fromlist,
        level,
    )
}

fn b_open(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    crate::modules::io::open(args, kw)
}

fn b_breakpoint(_args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(none())
}

use crate::objects::func::Native as N;

/// The registration table of builtin functions.
pub fn init_builtins(m: &Obj) {
    let d = crate::objects::misc::module_dict(m).unwrap_or_else(dict::new_dict);
    let funcs: &[(&'static str, N)] = &[
        ("print", N::F(b_print)),
        ("len", N::S(b_len)),
        ("repr", N::F(b_repr)),
        ("ascii", N::F(b_ascii)),
        ("id", N::F(b_id)),
        ("hash", N::F(b_hash)),
        ("abs", N::F(b_abs)),
        ("isinstance", N::S(b_isinstance)),
        ("issubclass", N::F(b_issubclass)),
        ("callable", N::F(b_callable)),
        ("getattr", N::F(b_getattr)),
        ("setattr", N::F(b_setattr)),
        ("delattr", N::F(b_delattr)),
        ("hasattr", N::F(b_hasattr)),
        ("iter", N::F(b_iter)),
        ("next", N::F(b_next)),
        ("chr", N::F(b_chr)),
        ("ord", N::F(b_ord)),
        ("hex", N::F(b_hex)),
        ("oct", N::F(b_oct)),
        ("bin", N::F(b_bin)),
        ("format", N::F(b_format)),
        ("max", N::F(b_max)),
        ("min", N::F(b_min)),
        ("sum", N::F(b_sum)),
        ("any", N::F(b_any)),
        ("all", N::F(b_all)),
        ("sorted", N::F(b_sorted)),
        ("divmod", N::F(b_divmod)),
        ("pow", N::F(b_pow)),
        ("round", N::F(b_round)),
        ("vars", N::F(b_vars)),
        ("globals", N::F(b_globals)),
        ("locals", N::F(b_locals)),
        ("dir", N::F(b_dir)),
        ("exec", N::F(b_exec)),
        ("eval", N::F(b_eval)),
        ("compile", N::F(b_compile)),
        ("input", N::F(b_input)),
        ("__import__", N::F(b_import)),
        ("__build_class__", N::F(crate::typeobj::build_class)),
        ("open", N::F(b_open)),
        ("breakpoint", N::F(b_breakpoint)),
    ];
    for (name, f) in funcs {
        let f = crate::objects::func::new_builtin_native(name, *f);
        let _ = dict::set_str(&d, name, f);
    }
    let tt = t();
    let types: &[(&str, &Obj)] = &[
        ("object", &tt.object),
        ("type", &tt.type_),
        ("int", &tt.int),
        ("bool", &tt.bool_),
        ("float", &tt.float),
        ("complex", &tt.complex),
        ("str", &tt.str_),
        ("bytes", &tt.bytes),
        ("bytearray", &tt.bytearray),
        ("tuple", &tt.tuple),
        ("list", &tt.list),
        ("dict", &tt.dict),
        ("set", &tt.set),
        ("frozenset", &tt.frozenset),
        ("range", &tt.range),
        ("slice", &tt.slice),
        ("property", &tt.property),
        ("staticmethod", &tt.staticmethod),
        ("classmethod", &tt.classmethod),
        ("super", &tt.super_),
        ("enumerate", &tt.enumerate),
        ("zip", &tt.zip),
        ("map", &tt.map),
        ("filter", &tt.filter),
        ("reversed", &tt.reversed),
    ];
    for (name, ty) in types {
        let _ = dict::set_str(&d, name, (*ty).clone());
    }
    let _ = dict::set_str(&d, "memoryview", crate::objects::memoryview::type_obj());
    for (name, ty) in &tt.exc_table {
        let _ = dict::set_str(&d, name, ty.clone());
    }
    let _ = dict::set_str(&d, "EnvironmentError", tt.os_error.clone());
    let _ = dict::set_str(&d, "IOError", tt.os_error.clone());
    let _ = dict::set_str(&d, "None", none());
    let _ = dict::set_str(&d, "True", py_bool(true));
    let _ = dict::set_str(&d, "False", py_bool(false));
    let _ = dict::set_str(&d, "NotImplemented", tt.not_implemented.clone());
    let _ = dict::set_str(&d, "Ellipsis", tt.ellipsis.clone());
    let _ = dict::set_str(&d, "__debug__", py_bool(true));
    let _ = dict::set_str(&d, "__name__", pstr::intern("builtins"));
}

pub fn unused(_: &list::ListObj) {}
