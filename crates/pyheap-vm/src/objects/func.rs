//! Callables and descriptors: builtin functions (`builtin_function_or_method`,
//! 56 bytes), method descriptors, getset descriptors, Python functions
//! (136 bytes), bound methods, cells, `staticmethod`, `classmethod`,
//! `property`.
//!
//! Read [`Native`] / [`new_builtin`] first: that is how Rust functions become
//! Python callables. Python function calls are in `crate::eval::call_function`.

use std::cell::Cell;

use pyheap_mem::{new_object, ObjPtr, Payload, Slot, TypeSlots, WeakListWord};

use crate::rt::{Kw, NativeFn, Obj, PyResult};
use crate::types::{t, Getter, Setter};

/// A native implementation: a plain function, or one with a data word
/// (lets one Rust function serve several dunders, e.g. all binary ops).
#[derive(Clone, Copy)]
pub enum Native {
    F(NativeFn),
    D(fn(usize, Vec<Obj>, Kw) -> PyResult<Obj>, usize),
    /// Borrows its positional arguments: `CALL` passes them without
    /// building a vector (see `crate::builtincall`).
    S(crate::rt::NativeSlice),
}

impl Native {
    pub fn call(&self, args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
        match self {
            Native::F(f) => f(args, kw),
            Native::D(f, d) => f(*d, args, kw),
            Native::S(f) => f(&args, kw),
        }
    }
}

/// A static definition shared by all objects made from it.
pub struct MethodDef {
    pub name: &'static str,
    pub imp: Native,
}

fn leak_def(name: &'static str, imp: Native) -> &'static MethodDef {
    Box::leak(Box::new(MethodDef { name, imp }))
}

macro_rules! simple_payload {
    ($t:ty) => {
        impl Payload for $t {
            type Item = pyheap_mem::typed::NoItems;
        }
    };
}

/// `builtin_function_or_method`: a native function, optionally bound to `self_`.
/// NOTE: `repr(C)` so that `weaklist` sits at CPython's `__weakrefoffset__`
/// (40) for `builtin_function_or_method`.
#[repr(C)]
pub struct BuiltinObj {
    pub def: &'static MethodDef,
    pub self_: Slot,
    pub module: Slot,
    pub weaklist: WeakListWord,
}

/// `builtin_function_or_method.__weakrefoffset__`.
pub const BUILTIN_WEAKLIST_OFFSET: usize = 16 + std::mem::offset_of!(BuiltinObj, weaklist);
const _: () = assert!(BUILTIN_WEAKLIST_OFFSET == 40);
simple_payload!(BuiltinObj);

/// `method_descriptor` / `classmethod_descriptor` on builtin types.
pub struct DescrObj {
    pub def: &'static MethodDef,
    pub owner: Slot,
}
simple_payload!(DescrObj);

/// `getset_descriptor`.
pub struct GetSetObj {
    pub name: &'static str,
    pub get: Getter,
    pub set: Option<Setter>,
    pub owner: Slot,
    /// A `__slots__` member (value stored in the instance's slot items).
    pub member: bool,
}
simple_payload!(GetSetObj);

/// A Python function, with the fields in CPython 3.11's `PyFunctionObject`
/// order.
/// NOTE: `repr(C)` so the weakref word's offset is fixed ([`FUNC_WEAKLIST_OFFSET`]).
///
/// `builtins` is the builtins dict found from `globals` when the function was
/// made (`func_builtins`); frames of the function use it. `annotations` is
/// either the compiler's flat tuple `(name, value, name, value, ...)` as
/// `MAKE_FUNCTION` received it, or a dict once `__annotations__` was read or
/// set ([`annotations_dict`]).
#[repr(C)]
pub struct FuncObj {
    pub globals: Slot,
    pub builtins: Slot,
    pub name: Slot,
    pub qualname: Slot,
    pub code: Slot,
    pub defaults: Slot,
    pub kwdefaults: Slot,
    pub closure: Slot,
    pub doc: Slot,
    pub dict: Slot,
    pub weaklist: WeakListWord,
    pub module: Slot,
    pub annotations: Slot,
}
simple_payload!(FuncObj);

/// Offset of a function's weakref-list word from the object address.
pub const FUNC_WEAKLIST_OFFSET: usize = 16 + std::mem::offset_of!(FuncObj, weaklist);
const _: () = assert!(FUNC_WEAKLIST_OFFSET == 96);

/// A bound method (`method`).
/// `method` (a bound method): CPython's `PyMethodObject` layout —
/// `im_func`, `im_self`, `im_weakreflist`, then the vectorcall pointer
/// (NOTE: kept as an always-zero word so the object is 48 bytes as in 3.11).
#[repr(C)]
pub struct BoundObj {
    pub func: Slot,
    pub self_: Slot,
    pub weaklist: WeakListWord,
    pub vectorcall: usize,
}
simple_payload!(BoundObj);

/// `method.__weakrefoffset__`.
pub const BOUND_WEAKLIST_OFFSET: usize = 16 + std::mem::offset_of!(BoundObj, weaklist);
const _: () = assert!(BOUND_WEAKLIST_OFFSET == 32 && std::mem::size_of::<BoundObj>() == 32);

/// `cell`.
pub struct CellObj {
    pub v: Slot,
}
simple_payload!(CellObj);

/// `method-wrapper`: a slot wrapper of a builtin type bound to an instance
/// (CPython's `wrapperobject`: the descriptor and self, 32 bytes + GC).
pub struct MethodWrapperObj {
    pub descr: Slot,
    pub self_: Slot,
}
simple_payload!(MethodWrapperObj);

/// Dunder names CPython implements as type slots: on a builtin type they are
/// `wrapper_descriptor`s, and binding one gives a `method-wrapper` rather than
/// a builtin method (the `slotdefs` names).
pub fn is_slot_wrapper_name(name: &str) -> bool {
    matches!(
        name,
        "__getattribute__"
            | "__getattr__"
            | "__setattr__"
            | "__delattr__"
            | "__repr__"
            | "__hash__"
            | "__call__"
            | "__str__"
            | "__lt__"
            | "__le__"
            | "__eq__"
            | "__ne__"
            | "__gt__"
            | "__ge__"
            | "__iter__"
            | "__next__"
            | "__get__"
            | "__set__"
            | "__delete__"
            | "__init__"
            | "__del__"
            | "__await__"
            | "__aiter__"
            | "__anext__"
            | "__add__"
            | "__radd__"
            | "__sub__"
            | "__rsub__"
            | "__mul__"
            | "__rmul__"
            | "__mod__"
            | "__rmod__"
            | "__divmod__"
            | "__rdivmod__"
            | "__pow__"
            | "__rpow__"
            | "__neg__"
            | "__pos__"
            | "__abs__"
            | "__bool__"
            | "__invert__"
            | "__lshift__"
            | "__rlshift__"
            | "__rshift__"
            | "__rrshift__"
            | "__and__"
            | "__rand__"
            | "__xor__"
            | "__rxor__"
            | "__or__"
            | "__ror__"
            | "__int__"
            | "__float__"
            | "__iadd__"
            | "__isub__"
            | "__imul__"
            | "__imod__"
            | "__ipow__"
            | "__ilshift__"
            | "__irshift__"
            | "__iand__"
            | "__ixor__"
            | "__ior__"
            | "__floordiv__"
            | "__rfloordiv__"
            | "__truediv__"
            | "__rtruediv__"
            | "__ifloordiv__"
            | "__itruediv__"
            | "__index__"
            | "__matmul__"
            | "__rmatmul__"
            | "__imatmul__"
            | "__len__"
            | "__getitem__"
            | "__setitem__"
            | "__delitem__"
            | "__contains__"
    )
}

/// Whether `owner.name` is a slot wrapper: a slot dunder, except the few that
/// CPython's types define as ordinary methods (`METH_COEXIST`) beside the
/// slot: `dict.__getitem__`, `list.__getitem__`, `dict/set/frozenset.__contains__`.
pub fn is_slot_wrapper_of(owner: &Obj, name: &str) -> bool {
    let tt = t();
    let coexist = match name {
        "__getitem__" => owner.is(&tt.dict) || owner.is(&tt.list),
        "__contains__" => owner.is(&tt.dict) || owner.is(&tt.set) || owner.is(&tt.frozenset),
        _ => false,
    };
    is_slot_wrapper_name(name) && !coexist
}

/// True for a `wrapper_descriptor` (an unbound slot wrapper).
pub fn is_wrapper_descr(o: &Obj) -> bool {
    o.has_type(&t().wrapper_descriptor)
}

pub fn set_method_wrapper_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<MethodWrapperObj>(s, 16)
}

pub fn method_wrapper_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(w) = o.payload::<MethodWrapperObj>() {
        visit_slots(&[&w.descr, &w.self_], visit);
    }
}

/// Binds the slot wrapper `descr` (a `DescrObj`) to `self_`.
pub fn new_method_wrapper(descr: Obj, self_: Obj) -> Obj {
    alloc(
        &t().method_wrapper,
        MethodWrapperObj {
            descr: Slot::new(Some(descr)),
            self_: Slot::new(Some(self_)),
        },
        true,
    )
}

/// The method definition and self of a `method-wrapper`.
pub fn method_wrapper_parts(o: &Obj) -> Option<(&'static MethodDef, Obj, Obj)> {
    let w = o.payload::<MethodWrapperObj>()?;
    let descr = w.descr.get()?;
    let def = descr.payload::<DescrObj>()?.def;
    Some((def, descr, w.self_.get()?))
}

/// `staticmethod` / `classmethod`.
pub struct WrapObj {
    pub callable: Slot,
    pub dict: Slot,
}
simple_payload!(WrapObj);

/// `property`.
pub struct PropertyObj {
    pub fget: Slot,
    pub fset: Slot,
    pub fdel: Slot,
    pub doc: Slot,
    pub getter_doc: Cell<bool>,
}
simple_payload!(PropertyObj);

pub fn set_builtin_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<BuiltinObj>(s, 16)
}
pub fn set_descr_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<DescrObj>(s, 16)
}
pub fn set_getset_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<GetSetObj>(s, 16)
}
pub fn set_func_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<FuncObj>(s, 16)
}
pub fn set_bound_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<BoundObj>(s, 16)
}
pub fn set_cell_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<CellObj>(s, 16)
}
pub fn set_wrap_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<WrapObj>(s, 16)
}
pub fn set_property_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<PropertyObj>(s, 16)
}

fn visit_slots(slots: &[&Slot], visit: &mut dyn FnMut(ObjPtr)) {
    for s in slots {
        if let Some(p) = s.peek() {
            visit(p);
        }
    }
}

pub fn builtin_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(b) = o.payload::<BuiltinObj>() {
        visit_slots(&[&b.self_, &b.module], visit);
    }
}
pub fn descr_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(b) = o.payload::<DescrObj>() {
        visit_slots(&[&b.owner], visit);
    }
}
pub fn getset_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(b) = o.payload::<GetSetObj>() {
        visit_slots(&[&b.owner], visit);
    }
}
/// `func_traverse`, in CPython 3.11's visit order.
pub fn func_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(f) = o.payload::<FuncObj>() {
        visit_slots(
            &[
                &f.code,
                &f.globals,
                &f.builtins,
                &f.module,
                &f.defaults,
                &f.kwdefaults,
                &f.doc,
                &f.name,
                &f.dict,
                &f.closure,
                &f.annotations,
                &f.qualname,
            ],
            visit,
        );
    }
}
pub fn func_clear(o: &Obj) {
    if let Some(f) = o.payload::<FuncObj>() {
        let olds = [
            f.globals.take(),
            f.builtins.take(),
            f.defaults.take(),
            f.kwdefaults.take(),
            f.closure.take(),
            f.doc.take(),
            f.dict.take(),
            f.module.take(),
            f.annotations.take(),
        ];
        drop(olds);
    }
}
pub fn bound_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(b) = o.payload::<BoundObj>() {
        visit_slots(&[&b.func, &b.self_], visit);
    }
}
pub fn cell_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(c) = o.payload::<CellObj>() {
        visit_slots(&[&c.v], visit);
    }
}
pub fn cell_clear(o: &Obj) {
    if let Some(c) = o.payload::<CellObj>() {
        drop(c.v.take());
    }
}
pub fn wrap_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(c) = o.payload::<WrapObj>() {
        visit_slots(&[&c.callable, &c.dict], visit);
    }
}
pub fn wrap_clear(o: &Obj) {
    if let Some(c) = o.payload::<WrapObj>() {
        drop((c.callable.take(), c.dict.take()));
    }
}
pub fn property_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(c) = o.payload::<PropertyObj>() {
        visit_slots(&[&c.fget, &c.fset, &c.fdel, &c.doc], visit);
    }
}
pub fn property_clear(o: &Obj) {
    if let Some(c) = o.payload::<PropertyObj>() {
        drop((c.fget.take(), c.fset.take(), c.fdel.take(), c.doc.take()));
    }
}

fn alloc<T: Payload>(ty: &Obj, p: T, track: bool) -> Obj {
    let o = new_object(ty, p, 0).unwrap_or_else(|_| crate::exc::memory_error_obj());
    if track {
        crate::gcapi::track(&o);
    }
    o
}

/// A builtin function (module-level, or bound to `self_`).
pub fn new_builtin(name: &'static str, f: NativeFn, self_: Option<Obj>) -> Obj {
    new_builtin_def(leak_def(name, Native::F(f)), self_)
}

/// A builtin function of any kind of native (module-less, unbound).
pub fn new_builtin_native(name: &'static str, imp: Native) -> Obj {
    new_builtin_def(leak_def(name, imp), None)
}

pub fn new_builtin_def(def: &'static MethodDef, self_: Option<Obj>) -> Obj {
    alloc(
        &t().builtin_function,
        BuiltinObj {
            def,
            self_: Slot::new(self_),
            module: Slot::new(None),
            weaklist: WeakListWord::default(),
        },
        true,
    )
}

pub fn new_method_descr(name: &'static str, f: NativeFn, owner: &Obj) -> Obj {
    new_method_descr_native(name, Native::F(f), owner)
}

/// A method of a builtin type: a `wrapper_descriptor` (slot wrapper) for
/// the dunders CPython implements as type slots, else a `method_descriptor`.
pub fn new_method_descr_native(name: &'static str, imp: Native, owner: &Obj) -> Obj {
    let ty = if is_slot_wrapper_of(owner, name) {
        &t().wrapper_descriptor
    } else {
        &t().method_descriptor
    };
    alloc(
        ty,
        DescrObj {
            def: leak_def(name, imp),
            owner: Slot::new(Some(owner.clone())),
        },
        true,
    )
}

pub fn new_classmethod_descr(name: &'static str, f: NativeFn, owner: &Obj) -> Obj {
    alloc(
        &t().classmethod_descriptor,
        DescrObj {
            def: leak_def(name, Native::F(f)),
            owner: Slot::new(Some(owner.clone())),
        },
        true,
    )
}

pub fn new_getset(name: &'static str, get: Getter, set: Option<Setter>, owner: &Obj) -> Obj {
    alloc(
        &t().getset_descriptor,
        GetSetObj {
            name,
            get,
            set,
            owner: Slot::new(Some(owner.clone())),
            member: false,
        },
        true,
    )
}

/// A `__slots__` member descriptor.
pub fn new_member(name: &'static str, get: Getter, owner: &Obj) -> Obj {
    alloc(
        &t().member_descriptor,
        GetSetObj {
            name,
            get,
            set: None,
            owner: Slot::new(Some(owner.clone())),
            member: true,
        },
        true,
    )
}

pub fn new_bound(func: Obj, self_: Obj) -> Obj {
    alloc(
        &t().method,
        BoundObj {
            func: Slot::new(Some(func)),
            self_: Slot::new(Some(self_)),
            weaklist: WeakListWord::default(),
            vectorcall: 0,
        },
        true,
    )
}

pub fn new_cell(v: Option<Obj>) -> Obj {
    alloc(&t().cell, CellObj { v: Slot::new(v) }, true)
}

pub fn new_wrap(ty: &Obj, callable: Obj) -> Obj {
    alloc(
        ty,
        WrapObj {
            callable: Slot::new(Some(callable)),
            dict: Slot::new(None),
        },
        true,
    )
}

pub fn new_property(
    fget: Option<Obj>,
    fset: Option<Obj>,
    fdel: Option<Obj>,
    doc: Option<Obj>,
) -> Obj {
    alloc(
        &t().property,
        PropertyObj {
            fget: Slot::new(fget),
            fset: Slot::new(fset),
            fdel: Slot::new(fdel),
            doc: Slot::new(doc),
            getter_doc: Cell::new(false),
        },
        true,
    )
}

/// Creates a Python function object (`PyFunction_New`): its builtins are
/// found from `globals` now, as CPython 3.11 does.
pub fn new_function(code: Obj, globals: Obj, qualname: Obj, name: Obj) -> Obj {
    let module = crate::objects::dict::get_str(&globals, "__name__");
    let builtins = crate::eval::builtins_of(&globals);
    alloc(
        &t().function,
        FuncObj {
            code: Slot::new(Some(code)),
            globals: Slot::new(Some(globals)),
            builtins: Slot::new(Some(builtins)),
            name: Slot::new(Some(name)),
            qualname: Slot::new(Some(qualname)),
            defaults: Slot::new(None),
            kwdefaults: Slot::new(None),
            closure: Slot::new(None),
            doc: Slot::new(None),
            dict: Slot::new(None),
            module: Slot::new(module),
            annotations: Slot::new(None),
            weaklist: WeakListWord::default(),
        },
        true,
    )
}

/// The function's annotations as a dict (`func_get_annotation_dict`): the
/// compiler's flat tuple is turned into a dict on first use and replaces it;
/// no annotations give a new empty dict.
pub fn annotations_dict(f: &FuncObj) -> crate::rt::PyResult<Obj> {
    use crate::objects::{dict, tuple};
    match f.annotations.get() {
        Some(a) if a.has_type(&t().tuple) => {
            let d = dict::new_dict();
            let items = tuple::tuple_items(&a);
            for pair in items.chunks_exact(2) {
                dict::set_item(&d, pair[0].clone(), pair[1].clone())?;
            }
            f.annotations.set(Some(d.clone()));
            Ok(d)
        }
        Some(a) => Ok(a),
        None => {
            let d = dict::new_dict();
            f.annotations.set(Some(d.clone()));
            Ok(d)
        }
    }
}

pub fn is_function(o: &Obj) -> bool {
    o.payload::<FuncObj>().is_some()
}
