//! The abstract object protocols: repr/str, hash, comparison, truth, len,
//! item access, iteration, calls, arithmetic.
//!
//! Read [`call`] and [`binary_op`] first. Dispatch rule: objects of builtin
//! (non-heap) types go straight to the native implementation (`native_*`,
//! matching on the payload); instances of user classes look the dunder up
//! along the MRO (where builtin types register dispatchers that end in the
//! same native code), so subclass overrides win.

use num_traits::ToPrimitive;

use crate::exc::{index_err, key_err, type_err};
use crate::objects::float::{complex_value, float_value};
use crate::objects::func::{BoundObj, BuiltinObj, DescrObj, FuncObj};
use crate::objects::int::{int_value, IntV};
use crate::objects::{bytes, dict, list, set, str as pstr, tuple};
use crate::rt::{Kw, Obj, PyErr, PyResult};
use crate::types::{is_heap_type, is_none, is_type, isinstance, lookup, none, py_bool, t, tname};

// ----- calls -------------------------------------------------------------

/// Calls `f(*args, **kw)`.
pub fn call(f: &Obj, args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    if f.payload::<FuncObj>().is_some() {
        return crate::eval::call_function(f, args, kw);
    }
    if let Some(b) = f.payload::<BuiltinObj>() {
        let def = b.def;
        return match b.self_.get() {
            Some(s) => {
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(s);
                a.extend(args);
                def.imp.call(a, kw)
            }
            None => def.imp.call(args, kw),
        };
    }
    if let Some((def, _, s)) = crate::objects::func::method_wrapper_parts(f) {
        let mut a = Vec::with_capacity(args.len() + 1);
        a.push(s);
        a.extend(args);
        return def.imp.call(a, kw);
    }
    if let Some(m) = f.payload::<BoundObj>() {
        let (Some(func), Some(s)) = (m.func.get(), m.self_.get()) else {
            return Err(type_err("bad bound method"));
        };
        let mut a = Vec::with_capacity(args.len() + 1);
        a.push(s);
        a.extend(args);
        return call(&func, a, kw);
    }
    if let Some(d) = f.payload::<DescrObj>() {
        if f.has_type(&t().classmethod_descriptor) {
            return d.def.imp.call(args, kw);
        }
        let owner = d.owner.get();
        let slot = crate::objects::func::is_wrapper_descr(f);
        match (args.first(), owner) {
            (Some(s), Some(o)) if isinstance(s, &o) => {}
            (Some(s), Some(o)) if slot => {
                return Err(type_err(&format!(
                    "descriptor '{}' requires a '{}' object but received a '{}'",
                    d.def.name,
                    crate::types::type_name(&o),
                    tname(s)
                )))
            }
            (None, Some(o)) if slot => {
                return Err(type_err(&format!(
                    "descriptor '{}' of '{}' object needs an argument",
                    d.def.name,
                    crate::types::type_name(&o)
                )))
            }
            (Some(s), Some(o)) => {
                return Err(type_err(&format!(
                    "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                    d.def.name,
                    crate::types::type_name(&o),
                    tname(s)
                )))
            }
            (None, Some(o)) => {
                return Err(type_err(&format!(
                    "unbound method {}.{}() needs an argument",
                    crate::types::type_name(&o),
                    d.def.name
                )))
            }
            _ => {}
        }
        return d.def.imp.call(args, kw);
    }
    if is_type(f) {
        // A metaclass overriding `__call__` (e.g. a singleton metaclass).
        let meta = f.type_ref();
        if crate::types::is_heap_type(&meta) {
            if let Some(c) = lookup(&meta, "__call__") {
                if !lookup(&t().type_, "__call__").is_some_and(|b| b.is(&c)) {
                    let _g = crate::rt::enter_recursion(" while calling a Python object")?;
                    let mut a = Vec::with_capacity(args.len() + 1);
                    a.push(f.clone());
                    a.extend(args);
                    return call(&c, a, kw);
                }
            }
        }
        return crate::typeobj::type_call(f, args, kw);
    }
    let ty = f.type_ref();
    if let Some(c) = lookup(&ty, "__call__") {
        let _g = crate::rt::enter_recursion(" while calling a Python object")?;
        let _held = TpCallHold::new(&args, &kw, Some(f), 2, 3);
        let mut a = Vec::with_capacity(args.len() + 1);
        a.push(f.clone());
        a.extend(args);
        return call(&c, a, kw);
    }
    Err(type_err(&format!("'{}' object is not callable", tname(f))))
}

/// The references CPython 3.11 holds on the arguments while a heap type
/// (`__new__`/`__init__`) or an instance's `__call__` runs: that call goes
/// through `tp_call`, so the caller's stack keeps its references (ours were
/// moved out of it) and `_PyObject_MakeTpCall` builds an argument tuple; a
/// keyword value is held by the stack, the kwargs dict and the copy
/// `_PyStack_UnpackDict` makes for the final vectorcall (which also copies
/// `__call__`'s self). Up to 8 references live on the native stack (no
/// allocation for ordinary calls).
pub(crate) struct TpCallHold {
    small: [Option<Obj>; 8],
    n: usize,
    rest: Vec<Obj>,
}

impl TpCallHold {
    /// Holds `pos` more references to each positional argument and `kws`
    /// to each keyword value (and one to `self_` when there are keywords).
    pub(crate) fn new(
        args: &[Obj],
        kw: &Kw,
        self_: Option<&Obj>,
        pos: usize,
        kws: usize,
    ) -> TpCallHold {
        let mut h = TpCallHold {
            small: Default::default(),
            n: 0,
            rest: Vec::new(),
        };
        for a in args {
            for _ in 0..pos {
                h.push(a);
            }
        }
        if !kw.is_empty() {
            for (_, v) in kw {
                for _ in 0..kws {
                    h.push(v);
                }
            }
            if let Some(s) = self_ {
                h.push(s);
            }
        }
        h
    }

    fn push(&mut self, o: &Obj) {
        match self.small.get_mut(self.n) {
            Some(slot) => {
                *slot = Some(o.clone());
                self.n += 1;
            }
            None => self.rest.push(o.clone()),
        }
    }
}

/// Calls a method by name: `o.name(*args)`.
pub fn call_method(o: &Obj, name: &str, args: Vec<Obj>) -> PyResult<Obj> {
    let m = crate::attr::getattr_str(o, name)?;
    call(&m, args, vec![])
}

/// Looks a dunder up on the type and calls it with `o` first.
pub fn call_dunder(o: &Obj, name: &str, args: Vec<Obj>) -> PyResult<Option<Obj>> {
    let ty = o.type_ref();
    let Some(m) = lookup(&ty, name) else {
        return Ok(None);
    };
    let mut a = Vec::with_capacity(args.len() + 1);
    a.push(o.clone());
    a.extend(args);
    Ok(Some(call_unbound(&m, &ty, a)?))
}

/// Calls a class attribute found by `lookup` as a method with `args[0]` = self.
pub fn call_unbound(m: &Obj, ty: &Obj, args: Vec<Obj>) -> PyResult<Obj> {
    if m.payload::<FuncObj>().is_some()
        || m.payload::<DescrObj>().is_some()
        || m.payload::<BuiltinObj>().is_some()
    {
        return call(m, args, vec![]);
    }
    let mut args = args;
    if args.is_empty() {
        return call(m, args, vec![]);
    }
    let s = args.remove(0);
    let bound = crate::attr::descr_get(m.clone(), Some(&s), ty)?;
    call(&bound, args, vec![])
}

// ----- repr / str --------------------------------------------------------

pub fn repr(o: &Obj) -> PyResult<Obj> {
    let ty = o.type_ref();
    if ty.is(&t().int) {
        // NOTE: int → str builds a fresh string (no 1-char cache), as CPython.
        let s = native_repr(o)?;
        return Ok(pstr::alloc_str_of(&t().str_, &s));
    }
    if is_heap_type(&ty) {
        if let Some(m) = lookup(&ty, "__repr__") {
            let r = call_unbound(&m, &ty, vec![o.clone()])?;
            if !pstr::is_str(&r) {
                return Err(type_err(&format!(
                    "__repr__ returned non-string (type {})",
                    tname(&r)
                )));
            }
            return Ok(r);
        }
    }
    native_repr(o).map(pstr::new_string)
}

pub fn repr_string(o: &Obj) -> PyResult<String> {
    let r = repr(o)?;
    Ok(pstr::as_str(&r).unwrap_or("").to_string())
}

pub fn str_(o: &Obj) -> PyResult<Obj> {
    if o.has_type(&t().str_) {
        return Ok(o.clone());
    }
    let ty = o.type_ref();
    if is_heap_type(&ty) {
        if let Some(m) = lookup(&ty, "__str__") {
            // Inherited `object.__str__` is CPython's `object_str` slot
            // called on the borrowed object: straight to `repr`, with no
            // argument vector holding another reference.
            if lookup(&t().object, "__str__").is_some_and(|b| b.is(&m)) {
                return repr(o);
            }
            let r = call_unbound(&m, &ty, vec![o.clone()])?;
            if !pstr::is_str(&r) {
                return Err(type_err(&format!(
                    "__str__ returned non-string (type {})",
                    tname(&r)
                )));
            }
            return Ok(r);
        }
    }
    native_str(o)
}

/// `str()` of builtin objects (falls back to repr).
pub fn native_str(o: &Obj) -> PyResult<Obj> {
    if let Some(s) = pstr::as_str(o) {
        return Ok(if o.has_type(&t().str_) {
            o.clone()
        } else {
            pstr::new_str(s)
        });
    }
    if isinstance(o, &t().base_exception) {
        return Ok(pstr::new_string(crate::exc::exc_str(o)?));
    }
    if o.has_type(&t().mappingproxy) {
        // mappingproxy's str is its mapping's (the repr wraps it).
        let m = crate::objects::misc::oneref(o).unwrap_or_else(dict::new_dict);
        return str_(&m);
    }
    repr(o)
}

pub fn str_string(o: &Obj) -> PyResult<String> {
    let r = str_(o)?;
    Ok(pstr::as_str(&r).unwrap_or("").to_string())
}

fn addr_repr(o: &Obj) -> String {
    let ty = o.type_ref();
    let module = crate::typeobj::type_module_name(&ty);
    let qual = crate::types::tdata(&ty).qualname.borrow().clone();
    if module == "builtins" {
        format!("<{} object at {:#x}>", qual, o.addr())
    } else {
        format!("<{}.{} object at {:#x}>", module, qual, o.addr())
    }
}

/// Recursion-guarded repr of a container.
fn guarded<F: FnOnce() -> PyResult<String>>(f: F) -> PyResult<String> {
    let _g = crate::rt::enter_recursion(" while getting the repr of an object")?;
    f()
}

thread_local! {
    static REPR_STACK: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn repr_enter(o: &Obj) -> bool {
    REPR_STACK.with(|s| {
        let mut s = s.borrow_mut();
        if s.contains(&o.addr()) {
            false
        } else {
            s.push(o.addr());
            true
        }
    })
}

fn repr_leave(o: &Obj) {
    REPR_STACK.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(i) = s.iter().rposition(|a| *a == o.addr()) {
            s.remove(i);
        }
    });
}

fn seq_repr(o: &Obj, items: Vec<Obj>, open: &str, close: &str, rec: &str) -> PyResult<String> {
    if !repr_enter(o) {
        return Ok(rec.to_string());
    }
    let r = guarded(|| {
        let mut parts = Vec::with_capacity(items.len());
        for i in &items {
            parts.push(repr_string(i)?);
        }
        Ok(parts.join(", "))
    });
    repr_leave(o);
    Ok(format!("{open}{}{close}", r?))
}

/// `repr()` of builtin objects.
pub fn native_repr(o: &Obj) -> PyResult<String> {
    let tt = t();
    if o.is(&tt.none) {
        return Ok("None".into());
    }
    if o.has_type(&tt.bool_) {
        return Ok(if o.is(&tt.true_) { "True" } else { "False" }.into());
    }
    if let Some(v) = int_value(o) {
        return crate::objects::int::int_repr(&v);
    }
    if let Some(v) = float_value(o) {
        return Ok(crate::objects::float::float_repr(v));
    }
    if let Some((re, im)) = complex_value(o) {
        return Ok(crate::objects::float::complex_repr(re, im));
    }
    if let Some(s) = pstr::as_str(o) {
        // CPython 3.11 repr (Unicode 14 printability, \U escapes).
        return Ok(crate::values::str_api::repr_str(s));
    }
    if let Some(b) = o.payload::<bytes::BytesObj>().map(|_| bytes::bytes_data(o)) {
        return Ok(pyheap_compiler::constant::bytes_repr(
            &b.unwrap_or_default(),
        ));
    }
    if o.payload::<bytes::ByteArrayObj>().is_some() {
        let b = bytes::bytes_data(o).unwrap_or_default();
        return Ok(format!(
            "bytearray({})",
            pyheap_compiler::constant::bytes_repr(&b)
        ));
    }
    if tuple::is_tuple(o) {
        let items = tuple::tuple_items(o);
        if items.len() == 1 {
            return seq_repr(o, items, "(", ",)", "(...)");
        }
        return seq_repr(o, items, "(", ")", "(...)");
    }
    if list::is_list(o) {
        return seq_repr(o, list::list_items(o), "[", "]", "[...]");
    }
    if dict::is_dict(o) {
        if !repr_enter(o) {
            return Ok("{...}".into());
        }
        let r = guarded(|| {
            let mut parts = Vec::new();
            for (k, v) in dict::items(o) {
                parts.push(format!("{}: {}", repr_string(&k)?, repr_string(&v)?));
            }
            Ok(parts.join(", "))
        });
        repr_leave(o);
        return Ok(format!("{{{}}}", r?));
    }
    if set::is_anyset(o) {
        let items = set::items(o);
        let name = tname(o);
        if items.is_empty() {
            return Ok(format!("{name}()"));
        }
        let inner = seq_repr(o, items, "{", "}", "...")?;
        if o.has_type(&tt.set) {
            return Ok(inner);
        }
        return Ok(format!("{name}({inner})"));
    }
    if isinstance(o, &tt.base_exception) {
        return crate::exc::exc_repr(o);
    }
    if is_type(o) {
        return Ok(crate::typeobj::type_repr(o));
    }
    if let Some(r) = crate::reprs::misc_repr(o)? {
        return Ok(r);
    }
    let ty = o.type_ref();
    // Builtin types whose repr is a registered method rather than native code.
    let has_method_repr = ty.is(&tt.textio)
        || ty.is(&tt.buffered_reader)
        || ty.is(&tt.buffered_writer)
        || ty.is(&tt.super_);
    if let Some(d) = crate::types::tdata(&ty)
        .dict
        .get()
        .filter(|_| has_method_repr)
    {
        if let Some(m) = dict::get_str(&d, "__repr__") {
            let r = call_unbound(&m, &ty, vec![o.clone()])?;
            return Ok(pstr::as_str(&r).unwrap_or("").to_string());
        }
    }
    Ok(addr_repr(o))
}

// ----- hashing -----------------------------------------------------------

/// Pointer hash (`_Py_HashPointer`).
pub fn hash_pointer(o: &Obj) -> isize {
    let a = o.addr();
    let h = a.rotate_right(4) as isize;
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash(o: &Obj) -> PyResult<isize> {
    if o.has_type(&t().int) {
        if let Some(x) = crate::objects::int::small_value(o) {
            // |x| < 2**60 < the modulus 2**61 - 1: the hash is the value.
            return Ok(if x == -1 { -2 } else { x as isize });
        }
    }
    if let Some(p) = o.payload::<pstr::StrObj>() {
        if o.has_type(&t().str_) {
            let _ = p;
            return Ok(pstr::str_hash(o));
        }
    }
    let ty = o.type_ref();
    if is_heap_type(&ty) {
        match lookup(&ty, "__hash__") {
            Some(h) if is_none(&h) => {}
            Some(h) => {
                let r = call_unbound(&h, &ty, vec![o.clone()])?;
                let Some(v) = int_value(&r) else {
                    return Err(type_err("__hash__ method should return an integer"));
                };
                // NOTE: like slot_tp_hash, a result that fits a Py_ssize_t is used as is;
                // only a larger one is reduced with int's hash.
                let h = match i64::try_from(&v.big()) {
                    Ok(x) => x as isize,
                    Err(_) => crate::objects::int::int_hash(&v),
                };
                return Ok(if h == -1 { -2 } else { h });
            }
            None => return Ok(hash_pointer(o)),
        }
        return Err(type_err(&format!("unhashable type: '{}'", tname(o))));
    }
    native_hash(o)
}

pub fn native_hash(o: &Obj) -> PyResult<isize> {
    if let Some(x) = crate::objects::int::small_value(o) {
        // |x| < 2**60 < the modulus 2**61 - 1: the hash is the value itself.
        return Ok(if x == -1 { -2 } else { x as isize });
    }
    if let Some(v) = int_value(o) {
        return Ok(crate::objects::int::int_hash(&v));
    }
    if pstr::is_str(o) {
        return Ok(pstr::str_hash(o));
    }
    if let Some(v) = float_value(o) {
        if v.is_nan() {
            return Ok(hash_pointer(o));
        }
        return Ok(crate::objects::float::float_hash(v));
    }
    if let Some((re, im)) = complex_value(o) {
        let h = crate::objects::float::float_hash(re) as i64 as u64;
        let hi = crate::objects::float::float_hash(im) as i64 as u64;
        let mut c = h.wrapping_add(1000003u64.wrapping_mul(hi)) as i64;
        if c == -1 {
            c = -2;
        }
        return Ok(c as isize);
    }
    if tuple::is_tuple(o) {
        // (one item reference at a time, as CPython's borrowed items)
        let mut th = crate::values::hash::TupleHasher::new();
        for i in 0..tuple::tuple_len(o) {
            if let Some(x) = tuple::tuple_get(o, i) {
                th.push(hash(&x)? as i64);
            }
        }
        return Ok(th.finish() as isize);
    }
    if let Some(p) = o.payload::<bytes::BytesObj>() {
        if p.hash.get() == -1 {
            p.hash.set(crate::hashing::hash_bytes(
                &bytes::bytes_data(o).unwrap_or_default(),
            ));
        }
        return Ok(p.hash.get());
    }
    if o.has_type(&t().frozenset) {
        return set::frozenset_hash(o);
    }
    if list::is_list(o)
        || dict::is_dict(o)
        || o.has_type(&t().set)
        || o.payload::<bytes::ByteArrayObj>().is_some()
        || o.has_type(&t().slice)
    {
        return Err(type_err(&format!("unhashable type: '{}'", tname(o))));
    }
    if let Some(h) = crate::reprs::misc_hash(o)? {
        return Ok(h);
    }
    Ok(hash_pointer(o))
}

// ----- comparison --------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn from_index(i: usize) -> CmpOp {
        [
            CmpOp::Lt,
            CmpOp::Le,
            CmpOp::Eq,
            CmpOp::Ne,
            CmpOp::Gt,
            CmpOp::Ge,
        ][i.min(5)]
    }
    pub fn dunder(self) -> &'static str {
        match self {
            CmpOp::Lt => "__lt__",
            CmpOp::Le => "__le__",
            CmpOp::Eq => "__eq__",
            CmpOp::Ne => "__ne__",
            CmpOp::Gt => "__gt__",
            CmpOp::Ge => "__ge__",
        }
    }
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            x => x,
        }
    }
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
    fn apply(self, o: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Eq => o == Equal,
            CmpOp::Ne => o != Equal,
            CmpOp::Gt => o == Greater,
            CmpOp::Ge => o != Less,
        }
    }
}

fn num_of(o: &Obj) -> Option<Result<IntV, f64>> {
    if let Some(v) = int_value(o) {
        return Some(Ok(v));
    }
    float_value(o).map(Err)
}

fn cmp_int_float(i: &IntV, f: f64) -> Option<std::cmp::Ordering> {
    if f.is_nan() {
        return None;
    }
    match i {
        IntV::S(x) if x.unsigned_abs() < (1 << 53) => (*x as f64).partial_cmp(&f),
        _ => {
            if f.is_infinite() {
                return Some(if f > 0.0 {
                    std::cmp::Ordering::Less
                } else {
                    std::cmp::Ordering::Greater
                });
            }
            let fi = num_bigint::BigInt::from(f.floor() as i128);
            let ib = i.big();
            match ib.cmp(&fi) {
                std::cmp::Ordering::Equal => {
                    if f.fract() > 0.0 {
                        Some(std::cmp::Ordering::Less)
                    } else {
                        Some(std::cmp::Ordering::Equal)
                    }
                }
                o => Some(o),
            }
        }
    }
}

/// Lexicographic comparison of two sequences (list/tuple semantics).
fn seq_compare(a: &[Obj], b: &[Obj], op: CmpOp) -> PyResult<bool> {
    let n = a.len().min(b.len());
    for i in 0..n {
        if !eq(&a[i], &b[i])? {
            if op == CmpOp::Eq {
                return Ok(false);
            }
            if op == CmpOp::Ne {
                return Ok(true);
            }
            return truthy(&rich_compare(&a[i], &b[i], op)?);
        }
    }
    Ok(op.apply(a.len().cmp(&b.len())))
}

/// [`seq_compare`] of two tuples, reading one item pair at a time (no
/// item vectors).
fn tuple_compare(a: &Obj, b: &Obj, op: CmpOp) -> PyResult<bool> {
    let (na, nb) = (tuple::tuple_len(a), tuple::tuple_len(b));
    for i in 0..na.min(nb) {
        let (Some(x), Some(y)) = (tuple::tuple_get(a, i), tuple::tuple_get(b, i)) else {
            // (a tuple still being filled: compare what the vectors held)
            return seq_compare(&tuple::tuple_items(a), &tuple::tuple_items(b), op);
        };
        if !eq(&x, &y)? {
            if op == CmpOp::Eq {
                return Ok(false);
            }
            if op == CmpOp::Ne {
                return Ok(true);
            }
            return truthy(&rich_compare(&x, &y, op)?);
        }
    }
    Ok(op.apply(na.cmp(&nb)))
}

/// Native comparison of builtin objects; None = NotImplemented.
pub fn native_compare(a: &Obj, b: &Obj, op: CmpOp) -> PyResult<Option<bool>> {
    use crate::objects::int::small_value;
    if let (Some(x), Some(y)) = (small_value(a), small_value(b)) {
        return Ok(Some(op.apply(x.cmp(&y))));
    }
    // (before the number, str and bytes tests: a tuple is none of those)
    if tuple::is_tuple(a) && tuple::is_tuple(b) {
        return tuple_compare(a, b, op).map(Some);
    }
    if let (Some(x), Some(y)) = (num_of(a), num_of(b)) {
        let ord = match (&x, &y) {
            (Ok(i), Ok(j)) => Some(crate::objects::int::int_cmp(i, j)),
            (Err(f), Err(g)) => f.partial_cmp(g),
            (Ok(i), Err(g)) => cmp_int_float(i, *g),
            (Err(f), Ok(j)) => cmp_int_float(j, *f).map(|o| o.reverse()),
        };
        return Ok(Some(match ord {
            Some(o) => op.apply(o),
            None => op == CmpOp::Ne,
        }));
    }
    if let (Some(x), Some(y)) = (
        complex_value(a),
        complex_value(b).or_else(|| {
            num_of(b).map(|n| {
                (
                    match n {
                        Ok(i) => crate::objects::int::int_to_f64(&i).unwrap_or(f64::NAN),
                        Err(f) => f,
                    },
                    0.0,
                )
            })
        }),
    ) {
        return Ok(match op {
            CmpOp::Eq => Some(x == y),
            CmpOp::Ne => Some(x != y),
            _ => None,
        });
    }
    if complex_value(b).is_some() && num_of(a).is_some() {
        return native_compare(b, a, op.swapped());
    }
    if let (Some(x), Some(y)) = (pstr::as_str(a), pstr::as_str(b)) {
        return Ok(Some(op.apply(x.cmp(y))));
    }
    let ab =
        a.payload::<bytes::BytesObj>().is_some() || a.payload::<bytes::ByteArrayObj>().is_some();
    let bb =
        b.payload::<bytes::BytesObj>().is_some() || b.payload::<bytes::ByteArrayObj>().is_some();
    if ab && bb {
        let (x, y) = (
            bytes::bytes_data(a).unwrap_or_default(),
            bytes::bytes_data(b).unwrap_or_default(),
        );
        return Ok(Some(op.apply(x.cmp(&y))));
    }
    if list::is_list(a) && list::is_list(b) {
        return seq_compare(&list::list_items(a), &list::list_items(b), op).map(Some);
    }
    if dict::is_dict(a) && dict::is_dict(b) {
        if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
            return Ok(None);
        }
        let mut same = dict::len(a) == dict::len(b);
        if same {
            for (k, v) in dict::items(a) {
                match dict::get_item(b, &k)? {
                    Some(w) if eq(&v, &w)? => {}
                    _ => {
                        same = false;
                        break;
                    }
                }
            }
        }
        return Ok(Some(if op == CmpOp::Eq { same } else { !same }));
    }
    if set::is_anyset(a) && set::is_anyset(b) {
        let sub = |x: &Obj, y: &Obj| -> PyResult<bool> {
            for k in set::items(x) {
                if !set::contains(y, &k)? {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        let (la, lb) = (set::len(a), set::len(b));
        return Ok(Some(match op {
            CmpOp::Eq => la == lb && sub(a, b)?,
            CmpOp::Ne => !(la == lb && sub(a, b)?),
            CmpOp::Le => sub(a, b)?,
            CmpOp::Lt => la < lb && sub(a, b)?,
            CmpOp::Ge => sub(b, a)?,
            CmpOp::Gt => la > lb && sub(b, a)?,
        }));
    }
    if let Some(r) = crate::reprs::misc_compare(a, b, op)? {
        return Ok(Some(r));
    }
    if a.is(b) && matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(Some(op == CmpOp::Eq));
    }
    Ok(None)
}

fn is_notimpl(o: &Obj) -> bool {
    o.is(&t().not_implemented)
}

/// `a op b` as an object (may be any object for user `__lt__` etc.).
pub fn rich_compare(a: &Obj, b: &Obj, op: CmpOp) -> PyResult<Obj> {
    let int = &t().int;
    if a.has_type(int) && b.has_type(int) {
        if let (Some(x), Some(y)) = (
            crate::objects::int::small_value(a),
            crate::objects::int::small_value(b),
        ) {
            return Ok(py_bool(op.apply(x.cmp(&y))));
        }
    }
    let (ta, tb) = (a.type_ref(), b.type_ref());
    // A mappingproxy compares as its mapping (either side).
    let tt = t();
    if a.has_type(&tt.mappingproxy) {
        let m = crate::objects::misc::oneref(a).unwrap_or_else(dict::new_dict);
        return rich_compare(&m, b, op);
    }
    if b.has_type(&tt.mappingproxy) && !is_heap_type(&ta) {
        let m = crate::objects::misc::oneref(b).unwrap_or_else(dict::new_dict);
        return rich_compare(&m, a, op.swapped());
    }
    if !is_heap_type(&ta) && !is_heap_type(&tb) {
        // NOTE: CPython guards every rich comparison; only containers can
        // recurse natively, so only they pay for the guard here.
        let _g = if crate::objects::list::is_list(a)
            || crate::objects::tuple::is_tuple(a)
            || crate::objects::dict::is_dict(a)
        {
            Some(crate::rt::enter_recursion(" in comparison")?)
        } else {
            None
        };
        if let Some(r) = native_compare(a, b, op)? {
            return Ok(py_bool(r));
        }
    } else {
        let _g = crate::rt::enter_recursion(" in comparison")?;
        let mut checked_reflected = false;
        if !ta.is(&tb) && crate::types::is_subtype(&tb, &ta) {
            if let Some(r) = call_dunder(b, op.swapped().dunder(), vec![a.clone()])? {
                if !is_notimpl(&r) {
                    return Ok(r);
                }
            }
            checked_reflected = true;
        }
        if let Some(r) = call_dunder(a, op.dunder(), vec![b.clone()])? {
            if !is_notimpl(&r) {
                return Ok(r);
            }
        }
        if !checked_reflected {
            if let Some(r) = call_dunder(b, op.swapped().dunder(), vec![a.clone()])? {
                if !is_notimpl(&r) {
                    return Ok(r);
                }
            }
        }
    }
    match op {
        CmpOp::Eq => Ok(py_bool(a.is(b))),
        CmpOp::Ne => Ok(py_bool(!a.is(b))),
        _ => Err(type_err(&format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            tname(a),
            tname(b)
        ))),
    }
}

/// `a == b` as a bool (identity implies equality, like `PyObject_RichCompareBool`).
pub fn eq(a: &Obj, b: &Obj) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    let r = rich_compare(a, b, CmpOp::Eq)?;
    truthy(&r)
}

// ----- truth, len --------------------------------------------------------

pub fn truthy(o: &Obj) -> PyResult<bool> {
    let tt = t();
    if o.is(&tt.true_) {
        return Ok(true);
    }
    if o.is(&tt.false_) || o.is(&tt.none) {
        return Ok(false);
    }
    let ty = o.type_ref();
    if is_heap_type(&ty) {
        if let Some(m) = lookup(&ty, "__bool__") {
            let r = call_unbound(&m, &ty, vec![o.clone()])?;
            if !r.has_type(&tt.bool_) {
                return Err(type_err(&format!(
                    "__bool__ should return bool, returned {}",
                    tname(&r)
                )));
            }
            return Ok(r.is(&tt.true_));
        }
        if lookup(&ty, "__len__").is_some() {
            return Ok(len(o)? > 0);
        }
        return Ok(true);
    }
    if let Some(v) = int_value(o) {
        return Ok(match v {
            IntV::S(x) => x != 0,
            IntV::B(_) => true,
        });
    }
    if let Some(f) = float_value(o) {
        return Ok(f != 0.0);
    }
    if let Some((re, im)) = complex_value(o) {
        return Ok(re != 0.0 || im != 0.0);
    }
    if o.payload::<crate::objects::misc::RangeObj>().is_some() {
        // A range's truth is its stored length being non-zero, which needs
        // no conversion to a machine size (range(-10**25, 0) is true).
        let n = crate::seq::range_parts(o).3;
        return Ok(!matches!(int_value(&n), Some(IntV::S(0))));
    }
    match native_len(o)? {
        Some(n) => Ok(n > 0),
        None => Ok(true),
    }
}

pub fn native_len(o: &Obj) -> PyResult<Option<usize>> {
    if pstr::is_str(o) {
        return Ok(Some(pstr::char_len(o)));
    }
    if tuple::is_tuple(o) {
        return Ok(Some(tuple::tuple_len(o)));
    }
    if list::is_list(o) {
        return Ok(Some(list::list_len(o)));
    }
    if dict::is_dict(o) {
        return Ok(Some(dict::len(o)));
    }
    if set::is_anyset(o) {
        return Ok(Some(set::len(o)));
    }
    if let Some(p) = o.payload::<bytes::BytesObj>() {
        return Ok(Some(p.size));
    }
    if let Some(p) = o.payload::<bytes::ByteArrayObj>() {
        return Ok(Some(p.data.borrow().len()));
    }
    crate::reprs::misc_len(o)
}

pub fn len(o: &Obj) -> PyResult<usize> {
    let ty = o.type_ref();
    if is_heap_type(&ty) {
        if let Some(m) = lookup(&ty, "__len__") {
            let r = call_unbound(&m, &ty, vec![o.clone()])?;
            let r = index(&r)?;
            return match int_value(&r) {
                Some(IntV::S(x)) if x >= 0 => Ok(x as usize),
                Some(IntV::S(_)) => Err(crate::exc::value_err("__len__() should return >= 0")),
                _ => Err(crate::exc::overflow(
                    "cannot fit 'int' into an index-sized integer",
                )),
            };
        }
    }
    match native_len(o)? {
        Some(n) => Ok(n),
        None => Err(type_err(&format!(
            "object of type '{}' has no len()",
            tname(o)
        ))),
    }
}

/// `operator.index`.
/// [`index`] on an owned reference read out of a payload slot (a slice's
/// bounds): a user `__index__` gets it as `self`, with no extra reference
/// held meanwhile (CPython borrows the slot).
pub fn index_owned(o: Obj) -> PyResult<Obj> {
    let ty = o.type_ref();
    if is_heap_type(&ty) && !o.has_type(&t().int) {
        if let Some(m) = lookup(&ty, "__index__") {
            let r = call_unbound(&m, &ty, vec![o])?;
            if int_value(&r).is_none() {
                return Err(type_err(&format!(
                    "__index__ returned non-int (type {})",
                    tname(&r)
                )));
            }
            return Ok(r);
        }
    }
    index(&o)
}

pub fn index(o: &Obj) -> PyResult<Obj> {
    if o.has_type(&t().int) {
        return Ok(o.clone());
    }
    // (an int subclass is used by value, its `__index__` is not called:
    // CPython's `PyNumber_Index` checks `PyLong_Check` first)
    if let Some(v) = int_value(o) {
        return Ok(crate::objects::int::new_int_v(v));
    }
    if let Some(r) = call_dunder(o, "__index__", vec![])? {
        if int_value(&r).is_none() {
            return Err(type_err(&format!(
                "__index__ returned non-int (type {})",
                tname(&r)
            )));
        }
        return Ok(r);
    }
    Err(type_err(&format!(
        "'{}' object cannot be interpreted as an integer",
        tname(o)
    )))
}

// ----- items -------------------------------------------------------------

/// [`getitem`] on an owned reference (one read out of a payload slot, e.g.
/// an iterator's sequence): a user `__getitem__` gets that reference as its
/// `self`, so no extra one is held while it runs (CPython borrows it).
pub fn getitem_owned(o: Obj, key: &Obj) -> PyResult<Obj> {
    let ty = o.type_ref();
    if is_heap_type(&ty) {
        if let Some(m) = lookup(&ty, "__getitem__") {
            return call_unbound(&m, &ty, vec![o, key.clone()]);
        }
    }
    getitem(&o, key)
}

pub fn getitem(o: &Obj, key: &Obj) -> PyResult<Obj> {
    let ty = o.type_ref();
    if is_heap_type(&ty) {
        if let Some(m) = lookup(&ty, "__getitem__") {
            return call_unbound(&m, &ty, vec![o.clone(), key.clone()]);
        }
    }
    if dict::is_dict(o) {
        return match dict::get_item(o, key)? {
            Some(v) => Ok(v),
            None => {
                if is_heap_type(&ty) {
                    if let Some(m) = lookup(&ty, "__missing__") {
                        return call_unbound(&m, &ty, vec![o.clone(), key.clone()]);
                    }
                }
                Err(key_err(key.clone()))
            }
        };
    }
    if let Some(r) = crate::seq::native_getitem(o, key)? {
        return Ok(r);
    }
    if crate::objects::generic_alias::is_alias(o) {
        return crate::objects::generic_alias::subscript(o, key);
    }
    if crate::objects::union_type::is_union(o) {
        return crate::objects::union_type::subscript(o, key);
    }
    if is_type(o) {
        if let Some(m) = lookup(o, "__class_getitem__") {
            let b = crate::attr::descr_get(m, None, o)?;
            return call(&b, vec![key.clone()], vec![]);
        }
        return Err(type_err(&format!(
            "type '{}' is not subscriptable",
            crate::types::type_name(o)
        )));
    }
    Err(type_err(&format!(
        "'{}' object is not subscriptable",
        tname(o)
    )))
}

pub fn setitem(o: &Obj, key: &Obj, v: Obj) -> PyResult<()> {
    let ty = o.type_ref();
    if is_heap_type(&ty) {
        if let Some(m) = lookup(&ty, "__setitem__") {
            return call_unbound(&m, &ty, vec![o.clone(), key.clone(), v]).map(|_| ());
        }
    }
    if dict::is_dict(o) {
        return dict::set_item(o, key.clone(), v);
    }
    if crate::seq::native_setitem(o, key, Some(v))? {
        return Ok(());
    }
    Err(type_err(&format!(
        "'{}' object does not support item assignment",
        tname(o)
    )))
}

pub fn delitem(o: &Obj, key: &Obj) -> PyResult<()> {
    let ty = o.type_ref();
    if is_heap_type(&ty) {
        if let Some(m) = lookup(&ty, "__delitem__") {
            return call_unbound(&m, &ty, vec![o.clone(), key.clone()]).map(|_| ());
        }
    }
    if dict::is_dict(o) {
        return match dict::del_item(o, key)? {
            Some(v) => {
                drop(v);
                Ok(())
            }
            None => Err(key_err(key.clone())),
        };
    }
    if crate::seq::native_setitem(o, key, None)? {
        return Ok(());
    }
    Err(type_err(&format!(
        "'{}' object doesn't support item deletion",
        tname(o)
    )))
}

/// `item in container`.
pub fn contains(container: &Obj, item: &Obj) -> PyResult<bool> {
    let ty = container.type_ref();
    if is_heap_type(&ty) {
        if let Some(m) = lookup(&ty, "__contains__") {
            let r = call_unbound(&m, &ty, vec![container.clone(), item.clone()])?;
            return truthy(&r);
        }
    }
    if dict::is_dict(container) {
        return Ok(dict::get_item(container, item)?.is_some());
    }
    if set::is_anyset(container) {
        return set::contains(container, item);
    }
    if let Some(s) = pstr::as_str(container) {
        let Some(sub) = pstr::as_str(item) else {
            return Err(type_err(&format!(
                "'in <string>' requires string as left operand, not {}",
                tname(item)
            )));
        };
        return Ok(s.contains(sub));
    }
    if let Some(r) = crate::seq::native_contains(container, item)? {
        return Ok(r);
    }
    // NOTE: like _PySequence_IterSearch, any TypeError from iter() becomes this message.
    let it = iter(container).map_err(|e| {
        if crate::exc::matches(&e, &t().type_error) {
            type_err(&format!(
                "argument of type '{}' is not iterable",
                tname(container)
            ))
        } else {
            e
        }
    })?;
    while let Some(x) = next(&it)? {
        if eq(&x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

// ----- iteration ---------------------------------------------------------

pub fn iter(o: &Obj) -> PyResult<Obj> {
    let ty = o.type_ref();
    if is_heap_type(&ty) {
        if let Some(m) = lookup(&ty, "__iter__") {
            if is_none(&m) {
                return Err(type_err(&format!("'{}' object is not iterable", tname(o))));
            }
            let r = call_unbound(&m, &ty, vec![o.clone()])?;
            if !is_iterator(&r) {
                return Err(type_err(&format!(
                    "iter() returned non-iterator of type '{}'",
                    tname(&r)
                )));
            }
            return Ok(r);
        }
        if lookup(&ty, "__getitem__").is_some() {
            return Ok(crate::objects::iterobj::new_iter(
                &t().seq_iter,
                Some(o.clone()),
                None,
                0,
                0,
            ));
        }
    }
    if let Some(r) = crate::iters::native_iter(o)? {
        return Ok(r);
    }
    // Builtin types whose iteration is a registered method rather than a
    // native iterator (the text file's `__iter__` returns the file itself).
    if let Some(m) = lookup(&ty, "__iter__").filter(|m| !is_none(m)) {
        let r = call_unbound(&m, &ty, vec![o.clone()])?;
        if is_iterator(&r) {
            return Ok(r);
        }
        return Err(type_err(&format!(
            "iter() returned non-iterator of type '{}'",
            tname(&r)
        )));
    }
    Err(type_err(&format!("'{}' object is not iterable", tname(o))))
}

pub fn is_iterator(o: &Obj) -> bool {
    crate::iters::is_native_iterator(o) || lookup(&o.type_ref(), "__next__").is_some()
}

/// `next(it)`; None when exhausted (StopIteration swallowed).
pub fn next(it: &Obj) -> PyResult<Option<Obj>> {
    match next_raw(it) {
        Ok(v) => Ok(v),
        Err(e) if crate::exc::matches(&e, &t().stop_iteration) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `next(it)` letting StopIteration raised by Python code through as Err.
pub fn next_raw(it: &Obj) -> PyResult<Option<Obj>> {
    let ty = it.type_ref();
    if !is_heap_type(&ty) {
        if let Some(r) = crate::iters::native_next(it)? {
            return Ok(r);
        }
    }
    match lookup(&ty, "__next__") {
        Some(m) => call_unbound(&m, &ty, vec![it.clone()]).map(Some),
        None => Err(type_err(&format!(
            "'{}' object is not an iterator",
            tname(it)
        ))),
    }
}

/// Collects an iterable into a Vec (fast paths for list/tuple).
pub fn to_vec(o: &Obj) -> PyResult<Vec<Obj>> {
    if o.has_type(&t().list) {
        return Ok(list::list_items(o));
    }
    if o.has_type(&t().tuple) {
        return Ok(tuple::tuple_items(o));
    }
    let it = iter(o)?;
    let mut out = Vec::new();
    if o.has_type(&t().range) {
        // CPython preallocates from the length hint: a range too long for
        // memory raises MemoryError up front instead of iterating for ever.
        let n = crate::seq::range_parts(o).3;
        let n = int_value(&n)
            .and_then(|v| v.big().to_usize())
            .unwrap_or(usize::MAX);
        out = crate::room::vec_with_capacity(n)?;
    }
    while let Some(x) = next(&it)? {
        out.push(x);
    }
    Ok(out)
}

/// [`to_vec`] for `list(x)`, `list.extend(x)`, `tuple(x)` and `sorted(x)`:
/// a user-class iterable is asked for its length hint after `iter(x)`, as
/// CPython's `list_extend` and `PySequence_Tuple` do.
pub fn to_vec_hinted(o: &Obj) -> PyResult<Vec<Obj>> {
    if !is_heap_type(&o.type_ref()) {
        return to_vec(o);
    }
    let it = iter(o)?;
    crate::length_hint::length_hint(o)?;
    let mut out = Vec::new();
    while let Some(x) = next(&it)? {
        out.push(x);
    }
    Ok(out)
}

// ----- arithmetic --------------------------------------------------------

/// (dunder, reflected dunder, in-place dunder) of a binary operator symbol.
pub fn op_dunders(op: &str) -> (&'static str, &'static str, &'static str) {
    match op {
        "+" => ("__add__", "__radd__", "__iadd__"),
        "-" => ("__sub__", "__rsub__", "__isub__"),
        "*" => ("__mul__", "__rmul__", "__imul__"),
        "@" => ("__matmul__", "__rmatmul__", "__imatmul__"),
        "/" => ("__truediv__", "__rtruediv__", "__itruediv__"),
        "//" => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        "%" => ("__mod__", "__rmod__", "__imod__"),
        "**" => ("__pow__", "__rpow__", "__ipow__"),
        "<<" => ("__lshift__", "__rlshift__", "__ilshift__"),
        ">>" => ("__rshift__", "__rrshift__", "__irshift__"),
        "&" => ("__and__", "__rand__", "__iand__"),
        "|" => ("__or__", "__ror__", "__ior__"),
        "^" => ("__xor__", "__rxor__", "__ixor__"),
        _ => ("", "", ""),
    }
}

pub const BINOPS: &[&str] = &[
    "+", "-", "*", "@", "/", "//", "%", "**", "<<", ">>", "&", "|", "^",
];

/// Native binary operation on builtin objects; None = NotImplemented.
pub fn native_binop(a: &Obj, b: &Obj, op: &str) -> Option<PyResult<Obj>> {
    let tt = t();
    if let (Some(x), Some(y)) = (int_value(a), int_value(b)) {
        if a.has_type(&tt.bool_) && b.has_type(&tt.bool_) && matches!(op, "&" | "|" | "^") {
            let (p, q) = (a.is(&tt.true_), b.is(&tt.true_));
            return Some(Ok(py_bool(match op {
                "&" => p & q,
                "|" => p | q,
                _ => p ^ q,
            })));
        }
        return crate::objects::int::int_binop(op, &x, &y);
    }
    let fa = float_value(a)
        .map(Ok)
        .or_else(|| int_value(a).map(|v| crate::objects::int::int_to_f64(&v)));
    let fb = float_value(b)
        .map(Ok)
        .or_else(|| int_value(b).map(|v| crate::objects::int::int_to_f64(&v)));
    if let (Some(x), Some(y)) = (&fa, &fb) {
        if matches!(op, "+" | "-" | "*" | "/" | "//" | "%" | "**") {
            let x = match x {
                Ok(v) => *v,
                Err(e) => return Some(Err(e.clone())),
            };
            let y = match y {
                Ok(v) => *v,
                Err(e) => return Some(Err(e.clone())),
            };
            if op == "**" {
                // CPython's float_pow (infinite and negative bases included).
                use crate::values::float_ops::{float_pow, FloatPow};
                return Some(match float_pow(x, y) {
                    Ok(FloatPow::Float(r)) => Ok(crate::objects::float::new_float(r)),
                    Ok(FloatPow::Complex(re, im)) => Ok(crate::objects::float::new_complex(re, im)),
                    Err(e) => Err(crate::strfmt::value_error_to_py(e)),
                });
            }
            return crate::objects::float::float_binop(op, x, y);
        }
        return None;
    }
    let ca =
        complex_value(a).or_else(|| fa.as_ref().and_then(|r| r.as_ref().ok()).map(|v| (*v, 0.0)));
    let cb =
        complex_value(b).or_else(|| fb.as_ref().and_then(|r| r.as_ref().ok()).map(|v| (*v, 0.0)));
    if let (Some(x), Some(y)) = (ca, cb) {
        return crate::objects::float::complex_binop(op, x, y);
    }
    crate::seq::native_seq_binop(a, b, op)
}

fn binary_op1(a: &Obj, b: &Obj, op: &str) -> PyResult<Option<Obj>> {
    let (ta, tb) = (a.type_ref(), b.type_ref());
    if !is_heap_type(&ta) && !is_heap_type(&tb) {
        if op == "|" {
            if let Some(r) = crate::objects::union_type::native_or(a, b) {
                return r.map(Some);
            }
        }
        return native_binop(a, b, op).transpose();
    }
    let (d, rd, _) = op_dunders(op);
    let sa = lookup(&ta, d);
    let sb = if ta.is(&tb) { None } else { lookup(&tb, rd) };
    let mut sb = sb;
    if let Some(m) = &sb {
        if crate::types::is_subtype(&tb, &ta) {
            let r = call_unbound(m, &tb, vec![b.clone(), a.clone()])?;
            if !is_notimpl(&r) {
                return Ok(Some(r));
            }
            sb = None;
        }
    }
    if sa.is_some() && op == "%" && ta.is(&t().str_) {
        // str's own nb_remainder on the borrowed operands (no argument
        // vector holding references while `b.__str__` runs).
        return crate::strfmt::percent_format(a, b).map(|s| Some(pstr::new_string(s)));
    }
    if let Some(m) = sa {
        let r = call_unbound(&m, &ta, vec![a.clone(), b.clone()])?;
        if !is_notimpl(&r) {
            return Ok(Some(r));
        }
    }
    if let Some(m) = sb {
        let r = call_unbound(&m, &tb, vec![b.clone(), a.clone()])?;
        if !is_notimpl(&r) {
            return Ok(Some(r));
        }
    }
    Ok(None)
}

fn binop_type_error(a: &Obj, b: &Obj, op: &str) -> PyErr {
    if op == "**" {
        return type_err(&format!(
            "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
            tname(a),
            tname(b)
        ));
    }
    if op == "+" && pstr::is_str(a) {
        return type_err(&format!(
            "can only concatenate str (not \"{}\") to str",
            tname(b)
        ));
    }
    if op == "+" && list::is_list(a) {
        return type_err(&format!(
            "can only concatenate list (not \"{}\") to list",
            tname(b)
        ));
    }
    if op == "+" && tuple::is_tuple(a) {
        return type_err(&format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            tname(b)
        ));
    }
    if op == "*" && (crate::seq::is_sequence_builtin(a) || crate::seq::is_sequence_builtin(b)) {
        let other = if crate::seq::is_sequence_builtin(a) {
            b
        } else {
            a
        };
        return type_err(&format!(
            "can't multiply sequence by non-int of type '{}'",
            tname(other)
        ));
    }
    type_err(&format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op,
        tname(a),
        tname(b)
    ))
}

/// `a op b`.
pub fn binary_op(a: &Obj, b: &Obj, op: &str) -> PyResult<Obj> {
    match binary_op1(a, b, op)? {
        Some(r) => Ok(r),
        None => Err(binop_type_error(a, b, op)),
    }
}

/// `a op= b`.
pub fn inplace_op(a: &Obj, b: &Obj, op: &str) -> PyResult<Obj> {
    let ta = a.type_ref();
    if list::is_list(a) && !is_heap_type(&ta) {
        if op == "+" {
            let items = to_vec(b)?;
            list::list_extend_items(a, items)?;
            return Ok(a.clone());
        }
        if op == "*" {
            return crate::seq::list_imul(a, b);
        }
    }
    if set::is_anyset(a)
        && a.has_type(&t().set)
        && matches!(op, "|" | "&" | "-" | "^")
        && set::is_anyset(b)
    {
        return crate::seq::set_inplace(a, b, op);
    }
    if dict::is_dict(a) && op == "|" && !is_heap_type(&ta) {
        // `d |= x` is `d.update(x)`: a mapping, or an iterable of pairs.
        crate::methods::containers::dict_update_from(a, Some(b), &Vec::new())?;
        return Ok(a.clone());
    }
    if is_heap_type(&ta) {
        let (_, _, id) = op_dunders(op);
        if let Some(m) = lookup(&ta, id) {
            let r = call_unbound(&m, &ta, vec![a.clone(), b.clone()])?;
            if !is_notimpl(&r) {
                return Ok(r);
            }
        }
    }
    match binary_op1(a, b, op)? {
        Some(r) => Ok(r),
        None => {
            let e = binop_type_error(a, b, op);
            let msg = crate::exc::exc_str(&e.exc)?;
            // NOTE: CPython's in-place `*` falls back to the right operand's
            // sequence repeat only when the left type has no sequence
            // methods at all: a dict, set, range, view... on the left
            // (sequence methods without repeat) gives the plain message.
            if msg.starts_with("unsupported operand type(s) for ")
                || (op == "*" && has_sequence_methods_without_repeat(a))
            {
                return Err(type_err(&format!(
                    "unsupported operand type(s) for {}=: '{}' and '{}'",
                    op,
                    tname(a),
                    tname(b)
                )));
            }
            Err(e)
        }
    }
}

/// Whether CPython gives `a`'s type sequence methods but no repeat
/// (`tp_as_sequence` with a null `sq_repeat`): dict, set, frozenset, range,
/// dict views, mappingproxy, memoryview (and their subclasses).
fn has_sequence_methods_without_repeat(a: &Obj) -> bool {
    let tt = t();
    dict::is_dict(a)
        || set::is_anyset(a)
        || [
            &tt.range,
            &tt.dict_keys,
            &tt.dict_values,
            &tt.dict_items,
            &tt.mappingproxy,
        ]
        .iter()
        .any(|ty| crate::types::is_subtype(&a.type_ref(), ty))
        || crate::objects::memoryview::is_memoryview(a)
}

/// Unary operators: "-", "+", "~".
pub fn unary_op(o: &Obj, op: &str) -> PyResult<Obj> {
    let ty = o.type_ref();
    if !is_heap_type(&ty) {
        if let Some(v) = int_value(o) {
            return Ok(match op {
                "-" => crate::objects::int::new_int_v(IntV::from_big(-v.big())),
                "+" => crate::objects::int::new_int_v(v),
                _ => crate::objects::int::new_int_v(IntV::from_big(-v.big() - 1)),
            });
        }
        if let Some(f) = float_value(o) {
            match op {
                "-" => return Ok(crate::objects::float::new_float(-f)),
                "+" => return Ok(crate::objects::float::new_float(f)),
                _ => {}
            }
        }
        if let Some((re, im)) = complex_value(o) {
            match op {
                "-" => return Ok(crate::objects::float::new_complex(-re, -im)),
                "+" => return Ok(crate::objects::float::new_complex(re, im)),
                _ => {}
            }
        }
    } else {
        let d = match op {
            "-" => "__neg__",
            "+" => "__pos__",
            _ => "__invert__",
        };
        if let Some(r) = call_dunder(o, d, vec![])? {
            return Ok(r);
        }
    }
    Err(type_err(&format!(
        "bad operand type for unary {}: '{}'",
        op,
        tname(o)
    )))
}

/// `format(value, spec)`.
pub fn format(o: &Obj, spec: &str) -> PyResult<Obj> {
    let ty = o.type_ref();
    if is_heap_type(&ty) {
        if let Some(m) = lookup(&ty, "__format__") {
            // A bound method, as CPython's `_PyObject_LookupSpecial`.
            let is_object_format = lookup(&t().object, "__format__").is_some_and(|b| b.is(&m));
            let bound = crate::attr::descr_get(m, Some(o), &ty)?;
            if is_object_format {
                // `object.__format__` runs on the bound method's borrowed
                // self (no argument vector holding another reference).
                if !spec.is_empty() {
                    return Err(type_err(&format!(
                        "unsupported format string passed to {}.__format__",
                        tname(o)
                    )));
                }
                let r = str_(o);
                drop(bound);
                return r;
            }
            let r = call(&bound, vec![pstr::new_str(spec)], vec![])?;
            if !pstr::is_str(&r) {
                return Err(type_err(&format!(
                    "__format__ must return a str, not {}",
                    tname(&r)
                )));
            }
            return Ok(r);
        }
    }
    crate::strfmt::native_format(o, spec).map(pstr::new_string)
}

/// Hashable-and-int helper: value as i64 or TypeError.
pub fn to_i64(o: &Obj) -> PyResult<i64> {
    let v = index(o)?;
    match int_value(&v) {
        Some(IntV::S(x)) => Ok(x),
        _ => Err(crate::exc::overflow(
            "Python int too large to convert to C long",
        )),
    }
}

/// `__index__` conversion clamped to the i64 range (CPython's
/// `PyNumber_AsSsize_t(o, NULL)`).
pub fn index_clamped(o: &Obj) -> PyResult<i64> {
    let v = index(o)?;
    Ok(match int_value(&v) {
        Some(IntV::S(x)) => x,
        Some(IntV::B(b)) if b.sign() == num_bigint::Sign::Minus => i64::MIN,
        _ => i64::MAX,
    })
}

/// `__index__` conversion to a C `int` (CPython's `i` argument format):
/// `OverflowError('Python int too large to convert to C int')` outside i32.
pub fn to_c_int(o: &Obj) -> PyResult<i32> {
    let v = index(o)?;
    match int_value(&v) {
        Some(IntV::S(x)) => i32::try_from(x).ok(),
        _ => None,
    }
    .ok_or_else(|| crate::exc::overflow("Python int too large to convert to C int"))
}

/// Clamped sequence index normalisation: negative counts from the end.
pub fn norm_index(i: &Obj, n: usize, what: &str) -> PyResult<usize> {
    let v = index(i)?;
    let x = match int_value(&v) {
        Some(IntV::S(x)) => x as i128,
        Some(IntV::B(_)) => {
            return Err(index_err(&format!(
                "cannot fit '{}' into an index-sized integer",
                tname(i)
            )))
        }
        None => 0,
    };
    let x = if x < 0 { x + n as i128 } else { x };
    if x < 0 || x >= n as i128 {
        return Err(index_err(&format!("{what} index out of range")));
    }
    Ok(x as usize)
}

pub fn unit(_: Obj) -> Obj {
    none()
}
