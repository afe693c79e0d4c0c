//! Type objects: the `TypeData` payload every type carries, the registry of
//! builtin types ([`t`]) and the helpers to define builtin types, methods and
//! attributes.
//!
//! Read [`TypeData`] and [`new_builtin_type`] first. How to add things:
//! - a builtin type: add a field to [`Types`], create it in `init_types`
//!   (`new_builtin_type(name, base, basicsize, flags, set_payload::<T>)`),
//!   then register methods with [`add_method`] in the type's own file;
//! - a method: `add_method(&t().list, "append", list_append)` where the native
//!   function receives `self` as `args[0]`;
//! - a computed attribute: [`add_getset`].
//!
//! Invariants: every type object (instance of `type` or a subclass) carries a
//! `TypeData`; builtin types are never freed (the registry holds them).

use std::cell::{Cell, OnceCell, RefCell};

use pyheap_mem::{new_type_object, Payload, Slot, TypeFlags, TypeSlots, TYPE_PAYLOAD_OFFSET};

use crate::rt::{NativeFn, Obj, PyResult};

/// Declares a payload type on a type's slot table (copied to subclasses).
pub type PayloadSetter = fn(&TypeSlots) -> bool;

/// The payload of a type object (after pyheap-mem's `TypeHead`).
pub struct TypeData {
    pub name: RefCell<String>,
    pub qualname: RefCell<String>,
    /// `__base__` (None only for `object`).
    pub base: Slot,
    /// `__bases__` tuple.
    pub bases: Slot,
    /// `__mro__` tuple.
    pub mro: Slot,
    /// The type's namespace dict (`__dict__` through a mappingproxy).
    pub dict: Slot,
    /// Declares the instances' payload (inherited from the solid base).
    pub payload_setter: Cell<Option<PayloadSetter>>,
    /// Shared keys of instances' inline values (managed-dict classes),
    /// created on first use by `objects::instance::class_keys`.
    pub shared_keys: RefCell<Option<std::rc::Rc<crate::containers::shared_keys::SharedKeys>>>,
    /// `__slots__` member names (in slot order) for slotted classes.
    pub slot_names: RefCell<Vec<String>>,
    /// Index of this type's first slot member in the instance's slot items.
    pub slot_base: Cell<usize>,
    /// Dict offset reported as `__dictoffset__`.
    pub dictoffset: Cell<isize>,
    /// Unique tag keying this type's entries in `crate::typecache`.
    pub tag: Cell<u64>,
}

impl Payload for TypeData {
    type Item = pyheap_mem::typed::NoItems;
}

impl TypeData {
    pub fn new(name: &str) -> TypeData {
        TypeData {
            name: RefCell::new(name.to_string()),
            qualname: RefCell::new(name.to_string()),
            base: Slot::new(None),
            bases: Slot::new(None),
            mro: Slot::new(None),
            dict: Slot::new(None),
            payload_setter: Cell::new(None),
            shared_keys: RefCell::new(None),
            slot_names: RefCell::new(Vec::new()),
            slot_base: Cell::new(0),
            dictoffset: Cell::new(0),
            tag: Cell::new(crate::typecache::next_tag()),
        }
    }
}

/// The `TypeData` of a type object.
#[inline]
pub fn tdata(ty: &Obj) -> &TypeData {
    match ty.payload::<TypeData>() {
        Some(d) => d,
        None => fallback_tdata(),
    }
}

fn fallback_tdata() -> &'static TypeData {
    thread_local! {
        static EMPTY: &'static TypeData = Box::leak(Box::new(TypeData::new("?")));
    }
    EMPTY.with(|e| *e)
}

/// True when `o` is a type object.
#[inline]
pub fn is_type(o: &Obj) -> bool {
    o.as_type_slots().is_some() && o.payload::<TypeData>().is_some()
}

/// `type.__name__`.
pub fn type_name(ty: &Obj) -> String {
    tdata(ty).name.borrow().clone()
}

/// `type(o).__name__`.
pub fn tname(o: &Obj) -> String {
    type_name(&o.type_ref())
}

/// The registry of builtin types and singletons.
pub struct Types {
    pub type_: Obj,
    pub object: Obj,
    pub int: Obj,
    pub bool_: Obj,
    pub float: Obj,
    pub complex: Obj,
    pub str_: Obj,
    pub bytes: Obj,
    pub bytearray: Obj,
    pub tuple: Obj,
    pub list: Obj,
    pub dict: Obj,
    pub set: Obj,
    pub frozenset: Obj,
    pub none_type: Obj,
    pub notimpl_type: Obj,
    pub ellipsis_type: Obj,
    pub function: Obj,
    pub builtin_function: Obj,
    pub method_descriptor: Obj,
    pub classmethod_descriptor: Obj,
    pub getset_descriptor: Obj,
    pub member_descriptor: Obj,
    pub method: Obj,
    pub method_wrapper: Obj,
    pub wrapper_descriptor: Obj,
    pub code: Obj,
    pub cell: Obj,
    pub module: Obj,
    pub range: Obj,
    pub slice: Obj,
    pub property: Obj,
    pub staticmethod: Obj,
    pub classmethod: Obj,
    pub super_: Obj,
    pub generator: Obj,
    pub frame: Obj,
    pub traceback: Obj,
    pub mappingproxy: Obj,
    pub dict_keys: Obj,
    pub dict_values: Obj,
    pub dict_items: Obj,
    pub seq_iter: Obj,
    pub list_iter: Obj,
    pub list_reviter: Obj,
    pub tuple_iter: Obj,
    /// `str_ascii_iterator` (ASCII strs; items are the Latin-1 singletons).
    pub str_iter: Obj,
    /// `str_iterator` (every other str).
    pub str_uiter: Obj,
    pub range_iter: Obj,
    /// `longrange_iterator`: a range whose values or length exceed a C long.
    pub longrange_iter: Obj,
    pub dict_keyiter: Obj,
    pub dict_valueiter: Obj,
    pub dict_itemiter: Obj,
    pub dict_revkeyiter: Obj,
    pub dict_revvalueiter: Obj,
    pub dict_revitemiter: Obj,
    pub set_iter: Obj,
    pub bytes_iter: Obj,
    pub bytearray_iter: Obj,
    pub enumerate: Obj,
    pub zip: Obj,
    pub map: Obj,
    pub filter: Obj,
    pub reversed: Obj,
    pub callable_iter: Obj,
    pub simple_namespace: Obj,
    pub textio: Obj,
    pub buffered_reader: Obj,
    pub buffered_writer: Obj,
    // exceptions
    pub base_exception: Obj,
    pub exception: Obj,
    pub type_error: Obj,
    pub value_error: Obj,
    pub key_error: Obj,
    pub index_error: Obj,
    pub attribute_error: Obj,
    pub name_error: Obj,
    pub unbound_local_error: Obj,
    pub zero_division_error: Obj,
    pub overflow_error: Obj,
    pub runtime_error: Obj,
    pub recursion_error: Obj,
    pub not_implemented_error: Obj,
    pub stop_iteration: Obj,
    pub generator_exit: Obj,
    pub system_exit: Obj,
    pub keyboard_interrupt: Obj,
    pub assertion_error: Obj,
    pub import_error: Obj,
    pub module_not_found_error: Obj,
    pub lookup_error: Obj,
    pub arithmetic_error: Obj,
    pub memory_error: Obj,
    pub os_error: Obj,
    pub file_not_found_error: Obj,
    pub syntax_error: Obj,
    pub unicode_error: Obj,
    pub unicode_decode_error: Obj,
    pub eof_error: Obj,
    pub buffer_error: Obj,
    pub reference_error: Obj,
    pub warning: Obj,
    pub exc_table: Vec<(&'static str, Obj)>,
    // singletons
    pub none: Obj,
    pub true_: Obj,
    pub false_: Obj,
    pub not_implemented: Obj,
    pub ellipsis: Obj,
    pub empty_tuple: Obj,
    pub empty_str: Obj,
    pub empty_bytes: Obj,
    pub small_ints: Vec<Obj>,
    pub latin1: Vec<Obj>,
    pub byte_chars: Vec<Obj>,
}

thread_local! {
    static TYPES: OnceCell<&'static Types> = const { OnceCell::new() };
}

/// The builtin type registry (initialised by `crate::init`).
#[inline]
pub fn t() -> &'static Types {
    if let Some(t) = TYPES.with(|c| c.get().copied()) {
        return t;
    }
    let types: &'static Types = Box::leak(Box::new(crate::init::build_types()));
    TYPES.with(|c| {
        let _ = c.set(types);
    });
    crate::init::populate();
    types
}

#[inline]
pub fn none() -> Obj {
    t().none.clone()
}

#[inline]
pub fn py_bool(b: bool) -> Obj {
    if b {
        t().true_.clone()
    } else {
        t().false_.clone()
    }
}

#[inline]
pub fn is_none(o: &Obj) -> bool {
    o.is(&t().none)
}

/// Creates a builtin (static, never freed) type object.
pub fn new_builtin_type(
    meta: &Obj,
    name: &str,
    base: Option<&Obj>,
    basicsize: usize,
    flags: TypeFlags,
    setter: Option<PayloadSetter>,
) -> Obj {
    let slots = TypeSlots::new(basicsize, 0, flags);
    let setter = setter.or_else(|| base.and_then(|b| tdata(b).payload_setter.get()));
    if let Some(s) = setter {
        s(&slots);
    }
    let data = TypeData::new(name);
    data.payload_setter.set(setter);
    let extra =
        408usize.saturating_sub(pyheap_mem::object_size::<TypeData>(TYPE_PAYLOAD_OFFSET, 0));
    let ty = match new_type_object(meta, slots, data, extra) {
        Ok(t) => t,
        Err(_) => panic!("out of memory while creating builtin types"),
    };
    // So `object_at` (ctypes.cast / PyObj_FromPtr) recognises instances.
    let _ = pyheap_mem::object::register_type(&ty);
    if let Some(b) = base {
        tdata(&ty).base.set(Some(b.clone()));
        if let Some(bs) = ty.as_type_slots() {
            let bslots = b.as_type_slots();
            if let Some(bsl) = bslots {
                if bs.traverse.get().is_none() {
                    bs.traverse.set(bsl.traverse.get());
                }
                if bs.clear.get().is_none() {
                    bs.clear.set(bsl.clear.get());
                }
                if bs.weaklistoffset.get() == 0 {
                    bs.weaklistoffset.set(bsl.weaklistoffset.get());
                }
            }
        }
    }
    ty
}

/// Looks `name` up along the MRO of `ty` (no descriptor binding). Dunder
/// names go through the type attribute cache; hot paths holding the name as
/// a str object use [`lookup_obj`].
pub fn lookup(ty: &Obj, name: &str) -> Option<Obj> {
    if tdata(ty).mro.peek().is_some() {
        if let Some(n) = crate::typecache::dunder_name(name) {
            return crate::typecache::lookup(ty, &n);
        }
    }
    lookup_walk(ty, name)
}

/// The uncached MRO walk behind [`lookup`].
pub fn lookup_walk(ty: &Obj, name: &str) -> Option<Obj> {
    let d = tdata(ty);
    match d.mro.get() {
        Some(mro) => {
            for i in 0..crate::objects::tuple::tuple_len(&mro) {
                let Some(k) = crate::objects::tuple::tuple_get(&mro, i) else {
                    continue;
                };
                if let Some(dict) = tdata(&k).dict.get() {
                    if let Some(v) = crate::objects::dict::get_str(&dict, name) {
                        return Some(v);
                    }
                }
            }
            None
        }
        None => {
            let mut cur = Some(ty.clone());
            while let Some(c) = cur {
                if let Some(dict) = tdata(&c).dict.get() {
                    if let Some(v) = crate::objects::dict::get_str(&dict, name) {
                        return Some(v);
                    }
                }
                cur = tdata(&c).base.get();
            }
            None
        }
    }
}

/// [`lookup`] by a str object, through the type attribute cache.
pub fn lookup_obj(ty: &Obj, name: &Obj) -> Option<Obj> {
    crate::typecache::lookup(ty, name)
}

/// `issubclass(a, b)` for type objects (MRO walk).
pub fn is_subtype(a: &Obj, b: &Obj) -> bool {
    if a.is(b) {
        return true;
    }
    match tdata(a).mro.get() {
        Some(mro) => (0..crate::objects::tuple::tuple_len(&mro))
            .any(|i| crate::objects::tuple::tuple_get(&mro, i).is_some_and(|k| k.is(b))),
        None => {
            let mut cur = tdata(a).base.get();
            while let Some(c) = cur {
                if c.is(b) {
                    return true;
                }
                cur = tdata(&c).base.get();
            }
            false
        }
    }
}

/// `isinstance(o, ty)` without `__instancecheck__`.
pub fn isinstance(o: &Obj, ty: &Obj) -> bool {
    o.has_type(ty) || is_subtype(&o.type_ref(), ty)
}

/// The namespace dict of a type.
pub fn type_dict(ty: &Obj) -> Obj {
    match tdata(ty).dict.get() {
        Some(d) => d,
        None => {
            let d = crate::objects::dict::new_dict();
            tdata(ty).dict.set(Some(d.clone()));
            crate::typecache::invalidate();
            d
        }
    }
}

/// Sets `ty.__dict__[name] = v`.
pub fn set_type_attr(ty: &Obj, name: &str, v: Obj) {
    let d = type_dict(ty);
    let k = crate::objects::str::intern(name);
    let _ = crate::objects::dict::set_item(&d, k, v);
    crate::typecache::invalidate();
}

/// Registers a native method on a builtin type.
pub fn add_method(ty: &Obj, name: &'static str, f: NativeFn) {
    let m = crate::objects::func::new_method_descr(name, f, ty);
    set_type_attr(ty, name, m);
}

/// [`add_method`] for any kind of native (e.g. one that borrows its
/// arguments, `Native::S`).
pub fn add_method_native(ty: &Obj, name: &'static str, imp: crate::objects::func::Native) {
    let m = crate::objects::func::new_method_descr_native(name, imp, ty);
    set_type_attr(ty, name, m);
}

/// Registers a native classmethod on a builtin type (`args[0]` is the class).
pub fn add_classmethod(ty: &Obj, name: &'static str, f: NativeFn) {
    let m = crate::objects::func::new_classmethod_descr(name, f, ty);
    set_type_attr(ty, name, m);
}

/// Registers a native static function on a builtin type (e.g. `__new__`,
/// which receives the class as `args[0]`).
pub fn add_static(ty: &Obj, name: &'static str, f: NativeFn) {
    let m = crate::objects::func::new_builtin(name, f, None);
    set_type_attr(ty, name, m);
}

/// Getter of a computed attribute.
pub type Getter = fn(&Obj) -> PyResult<Obj>;
/// Setter of a computed attribute (`None` value = delete).
pub type Setter = fn(&Obj, Option<Obj>) -> PyResult<()>;

/// Registers a computed attribute (a data descriptor when it has a setter,
/// and always treated as data descriptor like CPython's getset).
pub fn add_getset(ty: &Obj, name: &'static str, get: Getter, set: Option<Setter>) {
    let g = crate::objects::func::new_getset(name, get, set, ty);
    set_type_attr(ty, name, g);
}

/// C3 linearisation of `ty` with the given bases.
pub fn compute_mro(ty: &Obj, bases: &[Obj]) -> PyResult<Vec<Obj>> {
    let mut seqs: Vec<Vec<Obj>> = Vec::new();
    for b in bases {
        let m = match tdata(b).mro.get() {
            Some(m) => crate::objects::tuple::tuple_items(&m),
            None => vec![b.clone()],
        };
        seqs.push(m);
    }
    seqs.push(bases.to_vec());
    let mut out = vec![ty.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut cand = None;
        for s in &seqs {
            let h = &s[0];
            if !seqs.iter().any(|s2| s2[1..].iter().any(|x| x.is(h))) {
                cand = Some(h.clone());
                break;
            }
        }
        let Some(c) = cand else {
            let names: Vec<String> = bases.iter().map(type_name).collect();
            return Err(crate::exc::new_err(
                &t().type_error,
                &format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.join(", ")
                ),
            ));
        };
        for s in seqs.iter_mut() {
            if s[0].is(&c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

/// Finishes a builtin type: `__mro__`/`__bases__` from its base.
pub fn finish_builtin(ty: &Obj) {
    let bases: Vec<Obj> = tdata(ty).base.get().into_iter().collect();
    let mro = compute_mro(ty, &bases).unwrap_or_else(|_| vec![ty.clone()]);
    tdata(ty)
        .bases
        .set(Some(crate::objects::tuple::new_tuple(bases)));
    tdata(ty)
        .mro
        .set(Some(crate::objects::tuple::new_tuple(mro)));
    if tdata(ty).dict.get().is_none() {
        type_dict(ty);
    }
    crate::typecache::invalidate();
}

/// True for heap types (user classes).
#[inline]
pub fn is_heap_type(ty: &Obj) -> bool {
    ty.as_type_slots()
        .is_some_and(|s| s.flags.get().contains(TypeFlags::HEAPTYPE))
}

/// The nearest non-heap ancestor (the "solid base" that defines the payload).
pub fn static_base(ty: &Obj) -> Obj {
    let mut cur = ty.clone();
    while is_heap_type(&cur) {
        match tdata(&cur).base.get() {
            Some(b) => cur = b,
            None => return t().object.clone(),
        }
    }
    cur
}
