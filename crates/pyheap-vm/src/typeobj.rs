//! Classes: `type(...)` calls, `type.__new__` (class creation with MRO,
//! slots, managed dict, `__del__` finalizer), `__build_class__`, and the
//! attributes of type objects.
//!
//! Read [`type_new`] first. Heap classes are `HEAPTYPE | HAVE_GC` plus
//! `MANAGED_DICT` unless they declare `__slots__` without `__dict__` (or
//! derive from a builtin whose instances already hold a dict); instances
//! of classes that derive from a builtin type carry that type's payload.

use std::cell::RefCell;

use pyheap_mem::{new_type_object, TypeFlags, TypeSlots, TYPE_PAYLOAD_OFFSET};

use crate::exc::type_err;
use crate::objects::func::{FuncObj, WrapObj};
use crate::objects::{dict, instance, str as pstr, tuple};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{
    is_heap_type, is_subtype, is_type, lookup, none, static_base, t, tdata, tname, type_name,
    TypeData,
};

thread_local! {
    static OBJECT_NEW: std::mem::ManuallyDrop<RefCell<Option<Obj>>> = const { std::mem::ManuallyDrop::new(RefCell::new(None)) };
    static OBJECT_INIT: std::mem::ManuallyDrop<RefCell<Option<Obj>>> = const { std::mem::ManuallyDrop::new(RefCell::new(None)) };
}

pub fn remember_object_slots(new: Obj, init: Obj) {
    OBJECT_NEW.with(|c| *c.borrow_mut() = Some(new));
    OBJECT_INIT.with(|c| *c.borrow_mut() = Some(init));
}

fn is_object_new(o: &Obj) -> bool {
    OBJECT_NEW.with(|c| c.borrow().as_ref().is_some_and(|x| x.is(o)))
}

fn is_object_init(o: &Obj) -> bool {
    OBJECT_INIT.with(|c| c.borrow().as_ref().is_some_and(|x| x.is(o)))
}

/// `__module__` of a type as a string.
pub fn type_module_name(ty: &Obj) -> String {
    if is_heap_type(ty) {
        if let Some(d) = tdata(ty).dict.get() {
            if let Some(m) = dict::get_str(&d, "__module__") {
                if let Some(s) = pstr::as_str(&m) {
                    return s.to_string();
                }
            }
        }
        return "builtins".into();
    }
    let name = tdata(ty).name.borrow().clone();
    match name.rsplit_once('.') {
        Some((m, _)) => m.to_string(),
        None => "builtins".into(),
    }
}

pub fn type_repr(ty: &Obj) -> String {
    let m = type_module_name(ty);
    let q = tdata(ty).qualname.borrow().clone();
    if m == "builtins" {
        format!("<class '{q}'>")
    } else {
        format!("<class '{m}.{q}'>")
    }
}

/// Calling a class: `__new__` then `__init__`.
pub fn type_call(ty: &Obj, args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let tt = t();
    if ty.is(&tt.type_) && args.len() == 1 && kw.is_empty() {
        return Ok(args[0].type_ref());
    }
    let names = crate::typecache::names();
    let Some(new) = crate::typecache::lookup(ty, &names.new) else {
        return Err(type_err(&format!(
            "cannot create '{}' instances",
            type_name(ty)
        )));
    };
    if is_object_new(&new) && !crate::types::is_heap_type(ty) && !ty.is(&tt.object) {
        // A builtin type without its own `__new__` (CPython: no `tp_new`).
        return Err(type_err(&format!(
            "cannot create '{}' instances",
            type_name(ty)
        )));
    }
    // A builtin type whose `__init__` is `object.__init__` (bool, int, str,
    // tuple, ...): its arguments go to `__new__` alone, moved rather than
    // shared with an `__init__` call that would ignore them (CPython calls
    // their `tp_new`/vectorcall with the caller's references only, which
    // `sys.getrefcount` inside e.g. a `__bool__` called by `bool(x)` shows).
    let new_only = !crate::types::is_heap_type(ty)
        && !is_object_new(&new)
        && crate::typecache::lookup(ty, &names.init)
            .zip(crate::typecache::lookup(&tt.object, &names.init))
            .is_some_and(|(a, b)| a.is(&b));
    if new_only {
        let mut nargs = Vec::with_capacity(args.len() + 1);
        nargs.push(ty.clone());
        nargs.extend(args);
        let newf = crate::attr::descr_get(new, None, ty)?;
        return crate::ops::call(&newf, nargs, kw);
    }
    // A heap type is called through CPython's `tp_call`: the caller's
    // references and the argument tuple/kwargs dict stay alive while
    // `__new__` (whose own arguments here are fresh clones) and `__init__`
    // (which consumes `args`) run. See `ops::TpCallHold`.
    // `object.__new__` runs no Python code, so then a single hold (made
    // before `__init__`) shows the same counts.
    let heap = crate::types::is_heap_type(ty) && !(args.is_empty() && kw.is_empty());
    let custom_new = !is_object_new(&new);
    let _held_new =
        (heap && custom_new).then(|| crate::ops::TpCallHold::new(&args, &kw, None, 1, 2));
    let obj = if is_object_new(&new) {
        // NOTE: `object.__new__` found: what calling it would do, without
        // building its argument vector (a builtin's `__get__` is itself).
        let init =
            (!args.is_empty() || !kw.is_empty()).then(|| crate::typecache::lookup(ty, &names.init));
        object_new_checked(ty, init.as_ref().map(|i| (i.as_ref(), &new)))?
    } else {
        let mut nargs = Vec::with_capacity(args.len() + 1);
        nargs.push(ty.clone());
        nargs.extend(args.iter().cloned());
        let newf = crate::attr::descr_get(new, None, ty)?;
        crate::ops::call(&newf, nargs, kw.clone())?
    };
    if !crate::types::isinstance(&obj, ty) {
        return Ok(obj);
    }
    if ty.is(&tt.type_) {
        return Ok(obj);
    }
    let oty = obj.type_ref();
    let _held_init = heap.then(|| {
        if custom_new {
            crate::ops::TpCallHold::new(&args, &kw, None, 1, 1)
        } else {
            crate::ops::TpCallHold::new(&args, &kw, None, 2, 3)
        }
    });
    if let Some(init) = crate::typecache::lookup(&oty, &names.init) {
        let mut iargs = Vec::with_capacity(args.len() + 1);
        iargs.push(obj.clone());
        iargs.extend(args);
        let r = if kw.is_empty() {
            crate::ops::call_unbound(&init, &oty, iargs)?
        } else {
            let f = crate::attr::descr_get(init, Some(&obj), &oty)?;
            iargs.remove(0);
            crate::ops::call(&f, iargs, kw)?
        };
        if !crate::types::is_none(&r) {
            return Err(type_err(&format!(
                "__init__() should return None, not '{}'",
                tname(&r)
            )));
        }
    }
    Ok(obj)
}

/// `object.__new__(cls, ...)`.
pub fn object_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let Some(cls) = args.first().cloned() else {
        return Err(type_err("object.__new__(): not enough arguments"));
    };
    if !is_type(&cls) {
        return Err(type_err(&format!(
            "object.__new__(X): X is not a type object ({})",
            tname(&cls)
        )));
    }
    object_new_for(&cls, args.len() > 1 || !kw.is_empty())
}

/// `object.__new__(cls, ...)` once the arguments are known to hold `cls`;
/// `extra_args` when anything else was passed.
fn object_new_for(cls: &Obj, extra_args: bool) -> PyResult<Obj> {
    if !extra_args {
        return object_new_checked(cls, None);
    }
    let init = lookup(cls, "__init__");
    let new = lookup(cls, "__new__");
    match new {
        Some(new) => object_new_checked(cls, Some((init.as_ref(), &new))),
        None => Err(type_err(
            "object.__new__() takes exactly one argument (the type to instantiate)",
        )),
    }
}

/// [`object_new_for`] given, when there are arguments beyond the class,
/// the `__init__` (if any) and `__new__` the class's MRO resolves to.
fn object_new_checked(cls: &Obj, extra: Option<(Option<&Obj>, &Obj)>) -> PyResult<Obj> {
    let cls = cls.clone();
    if let Some((init, new)) = extra {
        if init.is_some_and(is_object_init) || !is_object_new(new) {
            if !is_object_new(new) {
                return Err(type_err(
                    "object.__new__() takes exactly one argument (the type to instantiate)",
                ));
            }
            return Err(type_err(&format!(
                "{}() takes no arguments",
                type_name(&cls)
            )));
        }
    }
    if !static_base(&cls).is(&t().object) {
        return Err(type_err(&format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            type_name(&cls),
            type_name(&static_base(&cls))
        )));
    }
    if let Some(d) = tdata(&cls).dict.get() {
        let abstract_name = &crate::typecache::names().abstractmethods;
        if let Some(a) = dict::get_str_key(&d, abstract_name) {
            let names = crate::ops::to_vec(&a).unwrap_or_default();
            if !names.is_empty() {
                let mut ns: Vec<String> = names
                    .iter()
                    .filter_map(|n| pstr::as_str(n).map(|s| format!("'{s}'")))
                    .collect();
                ns.sort();
                return Err(type_err(&format!(
                    "Can't instantiate abstract class {} with abstract method{} {}",
                    type_name(&cls),
                    if ns.len() == 1 { "" } else { "s" },
                    ns.join(", ")
                )));
            }
        }
    }
    alloc_instance(&cls)
}

/// Allocates a plain instance of a class whose solid base is `object`.
pub fn alloc_instance(cls: &Obj) -> PyResult<Obj> {
    let o = pyheap_mem::new_object(
        cls,
        instance::InstanceObj {
            weaklist: Default::default(),
        },
        0,
    )
    .or_else(|_| pyheap_mem::new_object(cls, instance::SlotsObj, 0))
    .or_else(|_| pyheap_mem::new_object(cls, instance::Empty, 0))
    .map_err(|_| crate::exc::memory_error())?;
    instance::init_inline_values(&o)?;
    crate::gcapi::track(&o);
    Ok(o)
}

/// `object.__init__`.
pub fn object_init(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    if args.len() > 1 || !kw.is_empty() {
        let s = &args[0];
        let ty = s.type_ref();
        let init = lookup(&ty, "__init__");
        let new = lookup(&ty, "__new__");
        if !init.as_ref().is_some_and(is_object_init) {
            return Err(type_err(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        if new.as_ref().is_some_and(is_object_new) {
            return Err(type_err(&format!(
                "{}() takes no arguments",
                type_name(&ty)
            )));
        }
    }
    Ok(none())
}

fn solid_base(bases: &[Obj]) -> PyResult<Obj> {
    let mut best = t().object.clone();
    for b in bases {
        let sb = static_base(b);
        let exc = &t().base_exception;
        if is_subtype(&sb, &best) {
            best = sb;
        } else if is_subtype(&sb, exc) && is_subtype(&best, exc) {
            // NOTE: all builtin exceptions share one layout here.
        } else if !is_subtype(&best, &sb) {
            return Err(type_err("multiple bases have instance lay-out conflict"));
        }
    }
    Ok(best)
}

/// `type(name, bases, ns)` / class creation.
pub fn type_new(meta: &Obj, name: &str, bases: Vec<Obj>, ns: &Obj, kw: &Kw) -> PyResult<Obj> {
    let tt = t();
    let bases = if bases.is_empty() {
        vec![tt.object.clone()]
    } else {
        bases
    };
    for b in &bases {
        if !is_type(b) {
            return Err(type_err("bases must be types"));
        }
        if !is_heap_type(b)
            && [
                &tt.bool_,
                &tt.range,
                &tt.slice,
                &tt.function,
                &tt.generator,
                &tt.none_type,
            ]
            .iter()
            .any(|x| x.is(b))
        {
            return Err(type_err(&format!(
                "type '{}' is not an acceptable base type",
                type_name(b)
            )));
        }
    }
    let solid = solid_base(&bases)?;
    let base = bases
        .iter()
        .find(|b| is_subtype(&static_base(b), &solid))
        .cloned()
        .unwrap_or_else(|| bases[0].clone());
    let base_flags = base.as_type_slots().map_or(TypeFlags(0), |s| s.flags.get());
    // __slots__
    let slots_decl = dict::get_str(ns, "__slots__");
    let mut slot_names: Vec<String> = Vec::new();
    let mut want_dict = slots_decl.is_none();
    let mut want_weak = slots_decl.is_none();
    if let Some(sd) = &slots_decl {
        let items = if pstr::is_str(sd) {
            vec![sd.clone()]
        } else {
            crate::ops::to_vec(sd)?
        };
        for it in items {
            let Some(s) = pstr::as_str(&it) else {
                return Err(type_err(&format!(
                    "__slots__ items must be strings, not '{}'",
                    tname(&it)
                )));
            };
            match s {
                "__dict__" => want_dict = true,
                // NOTE: like CPython, the weakref word goes after all the
                // named slots, wherever `__weakref__` appears in `__slots__`.
                "__weakref__" => want_weak = true,
                _ => slot_names.push(mangle_slot(name, s)),
            }
        }
        // CPython sorts the names: members are laid out alphabetically
        // (visible through `__class__` assignment between slot orders).
        slot_names.sort();
    }
    let inherits_slots = bases.iter().any(|b| {
        is_heap_type(b)
            && instance::is_slots_type(b)
            && b.as_type_slots().is_some_and(|s| s.basicsize.get() > 16)
    });
    let is_plain = solid.is(&tt.object);
    let mut flags = TypeFlags::HEAPTYPE | TypeFlags::HAVE_GC;
    if base_flags.contains(TypeFlags::IS_WEAKREF) {
        // Subclasses of weakref types keep the weakref layout (see modules/weakref.rs).
        flags = flags | TypeFlags::IS_WEAKREF;
    }
    let is_meta = is_subtype(&solid, &tt.type_);
    if is_meta {
        flags = flags | TypeFlags::IS_TYPE;
    }
    let solid_has_dict = crate::types::is_subtype(&solid, &tt.base_exception)
        || is_meta
        || solid.is(&tt.function)
        || solid.is(&tt.module);
    if (want_dict || base_flags.contains(TypeFlags::MANAGED_DICT)) && !solid_has_dict {
        flags = flags | TypeFlags::MANAGED_DICT;
    }
    let base_size = base.as_type_slots().map_or(16, |s| s.basicsize.get());
    let base_weak = base.as_type_slots().map_or(0, |s| s.weaklistoffset.get());
    let use_slots_payload =
        is_plain && (!slot_names.is_empty() || slots_decl.is_some() || inherits_slots);
    let (basicsize, setter, weakoff): (usize, Option<crate::types::PayloadSetter>, usize) =
        if is_plain {
            if use_slots_payload {
                let own = if base_size >= 16 && (inherits_slots || slots_decl.is_some()) {
                    base_size.max(16)
                } else {
                    16
                };
                let own = if !instance::is_slots_type(&base) && base_weak == 16 {
                    16
                } else {
                    own
                };
                // The weakref word: inherited from a `__slots__` base, or
                // appended after this class's named slots.
                let weak = if instance::is_slots_type(&base) && base_weak != 0 {
                    base_weak
                } else if want_weak {
                    slot_names.push("__weakref__".to_string());
                    own + 8 * (slot_names.len() - 1)
                } else {
                    0
                };
                (
                    own + 8 * slot_names.len(),
                    Some(instance::set_slots_payload),
                    weak,
                )
            } else {
                (24, Some(instance::set_instance_payload), 16)
            }
        } else {
            let off = solid.as_type_slots().map_or(0, |s| s.weaklistoffset.get());
            let setter = tdata(&solid).payload_setter.get();
            // CPython gives subclasses of fixed-size builtins a weakref word
            // after the base layout; variable-size ones (int, tuple, bytes)
            // cannot have one.
            let var_size = [&tt.int, &tt.tuple, &tt.bytes]
                .iter()
                .any(|v| is_subtype(&solid, v));
            if base_weak != 0 {
                (base_size, setter, base_weak)
            } else if off != 0 {
                (base_size, setter, off)
            } else if want_weak && !var_size {
                (base_size + 8, setter, base_size)
            } else {
                (base_size, setter, 0)
            }
        };
    let slots = TypeSlots::new(basicsize, 0, flags);
    if let Some(s) = setter {
        s(&slots);
    }
    slots.weaklistoffset.set(weakoff);
    slots.traverse.set(Some(instance::subtype_traverse));
    slots.clear.set(Some(instance::subtype_clear));
    if let Some(dealloc) = solid.as_type_slots().and_then(|s| s.dealloc.get()) {
        slots.dealloc.set(Some(dealloc));
    }
    let data = TypeData::new(name);
    data.payload_setter.set(setter);
    let qual = match dict::get_str(ns, "__qualname__") {
        Some(q) => pstr::as_str(&q).unwrap_or(name).to_string(),
        None => name.to_string(),
    };
    *data.qualname.borrow_mut() = qual;
    let extra =
        904usize.saturating_sub(pyheap_mem::object_size::<TypeData>(TYPE_PAYLOAD_OFFSET, 0));
    let cls = new_type_object(meta, slots, data, extra).map_err(|_| crate::exc::memory_error())?;
    let _ = pyheap_mem::object::register_type(&cls);
    let d = tdata(&cls);
    d.base.set(Some(base.clone()));
    d.bases.set(Some(tuple::new_tuple(bases.clone())));
    // A class's static base never changes: skip looking it up per call when
    // it has nothing to traverse or clear.
    if let (Some(sb), Some(s)) = (
        crate::types::static_base(&cls).as_type_slots(),
        cls.as_type_slots(),
    ) {
        if sb.traverse.get().is_none() {
            s.traverse.set(Some(instance::subtype_traverse_plain));
        }
        if sb.clear.get().is_none() {
            s.clear.set(Some(instance::subtype_clear_plain));
        }
    }
    let mro = compute_mro_for(&cls, &bases)?;
    d.mro.set(Some(tuple::new_tuple(mro)));
    // the slot members: base members first
    let inherited: usize = if use_slots_payload {
        (basicsize - 16) / 8 - slot_names.len()
    } else {
        0
    };
    d.slot_base.set(inherited);
    *d.slot_names.borrow_mut() = slot_names.clone();
    d.dictoffset
        .set(if flags.contains(TypeFlags::MANAGED_DICT) {
            -48
        } else {
            0
        });
    // namespace
    let cdict = dict::new_dict();
    let mut has_eq = false;
    let mut has_hash = false;
    let mut classcell = None;
    for (k, v) in dict::items(ns) {
        let ks = pstr::as_str(&k).unwrap_or("").to_string();
        match ks.as_str() {
            "__qualname__" => continue,
            "__classcell__" => {
                classcell = Some(v);
                continue;
            }
            "__eq__" => has_eq = true,
            "__hash__" => has_hash = true,
            _ => {}
        }
        let v = if (ks == "__new__") && v.payload::<FuncObj>().is_some() {
            crate::objects::func::new_wrap(&tt.staticmethod, v)
        } else if (ks == "__init_subclass__" || ks == "__class_getitem__")
            && v.payload::<FuncObj>().is_some()
        {
            crate::objects::func::new_wrap(&tt.classmethod, v)
        } else {
            v
        };
        dict::set_item(&cdict, pstr::intern_obj(k), v)?;
    }
    for n in &slot_names {
        if n != "__weakref__" {
            dict::set_str(&cdict, n, crate::builtins::new_member_descr(n, &cls))?;
        }
    }
    if flags.contains(TypeFlags::MANAGED_DICT) && !base_flags.contains(TypeFlags::MANAGED_DICT) {
        let g = crate::objects::func::new_getset(
            "__dict__",
            crate::attr::get_dict_attr,
            Some(crate::attr::set_dict_attr),
            &cls,
        );
        dict::set_str(&cdict, "__dict__", g)?;
    }
    if weakoff != 0
        && base
            .as_type_slots()
            .is_none_or(|s| s.weaklistoffset.get() == 0)
        || (slot_names.iter().any(|s| s == "__weakref__"))
    {
        let g = crate::objects::func::new_getset("__weakref__", weakref_get, None, &cls);
        dict::set_str(&cdict, "__weakref__", g)?;
    }
    if dict::get_str(&cdict, "__doc__").is_none() {
        dict::set_str(&cdict, "__doc__", none())?;
    }
    if has_eq && !has_hash {
        dict::set_str(&cdict, "__hash__", none())?;
    }
    d.dict.set(Some(cdict.clone()));
    crate::typecache::invalidate();
    update_slots(&cls, "__del__");
    if let Some(cell) = classcell {
        if let Some(c) = cell.payload::<crate::objects::func::CellObj>() {
            c.v.set(Some(cls.clone()));
        }
    }
    crate::gcapi::track(&cls);
    // __set_name__
    for (k, v) in dict::items(&cdict) {
        let vty = v.type_ref();
        if is_heap_type(&vty) {
            if let Some(sn) = lookup(&vty, "__set_name__") {
                crate::ops::call_unbound(&sn, &vty, vec![v.clone(), cls.clone(), k.clone()])?;
            }
        }
    }
    // __init_subclass__ of the parent
    // NOTE: `super(cls, cls).__init_subclass__`: the first definition after
    // `cls` on its MRO (which may come from a base other than `base`).
    let after_cls = tdata(&cls)
        .mro
        .get()
        .map(|m| tuple::tuple_items(&m))
        .unwrap_or_default()
        .into_iter()
        .skip(1)
        .find_map(|ty| dict::get_str(&crate::types::type_dict(&ty), "__init_subclass__"));
    if let Some(init_sub) = after_cls.or_else(|| lookup(&base, "__init_subclass__")) {
        let f = crate::attr::descr_get(init_sub, None, &cls)?;
        let f = if f.payload::<crate::objects::func::BoundObj>().is_some() {
            f
        } else {
            crate::objects::func::new_bound(f, cls.clone())
        };
        crate::ops::call(&f, vec![], kw.clone())?;
    }
    Ok(cls)
}

fn weakref_get(o: &Obj) -> PyResult<Obj> {
    let refs = pyheap_mem::weakref::get_weakrefs(o);
    Ok(refs.into_iter().next().unwrap_or_else(none))
}

fn compute_mro_for(cls: &Obj, bases: &[Obj]) -> PyResult<Vec<Obj>> {
    let meta = cls.type_ref();
    if is_heap_type(&meta) {
        if let Some(m) = lookup(&meta, "mro") {
            if m.payload::<FuncObj>().is_some() {
                let r = crate::ops::call(&m, vec![cls.clone()], vec![])?;
                return crate::ops::to_vec(&r);
            }
        }
    }
    crate::types::compute_mro(cls, bases)
}

/// Re-reads special methods after a class attribute changed.
pub fn update_slots(cls: &Obj, name: &str) {
    if name != "__del__" {
        return;
    }
    if let Some(s) = cls.as_type_slots() {
        if lookup(cls, "__del__").is_some() {
            s.finalize.set(Some(call_del));
        } else {
            s.finalize.set(None);
        }
    }
}

/// `tp_finalize` of classes with `__del__`: call it, report errors as unraisable.
fn call_del(o: &Obj) {
    let ty = o.type_ref();
    let Some(d) = lookup(&ty, "__del__") else {
        return;
    };
    let saved = crate::rt::swap_top_exc(None);
    if let Err(e) = crate::ops::call_unbound(&d, &ty, vec![o.clone()]) {
        crate::builtins::write_unraisable(&e, Some(&d));
    }
    crate::rt::swap_top_exc(saved);
}

/// `__build_class__(func, name, *bases, metaclass=..., **kw)`.
pub fn build_class(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let tt = t();
    if args.len() < 2 {
        return Err(type_err("__build_class__: not enough arguments"));
    }
    let func = args[0].clone();
    let name = args[1].clone();
    let orig_bases: Vec<Obj> = args[2..].to_vec();
    let bases = resolve_mro_entries(&orig_bases)?;
    let mut meta: Option<Obj> = None;
    let mut kw2 = Vec::new();
    for (k, v) in kw {
        if pstr::as_str(&k) == Some("metaclass") {
            meta = Some(v);
        } else {
            kw2.push((k, v));
        }
    }
    let mut meta = meta.unwrap_or_else(|| {
        bases
            .first()
            .map(|b| b.type_ref())
            .unwrap_or_else(|| tt.type_.clone())
    });
    if is_type(&meta) {
        for b in &bases {
            let bm = b.type_ref();
            if is_subtype(&bm, &meta) {
                meta = bm;
            } else if !is_subtype(&meta, &bm) {
                return Err(type_err("metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases"));
            }
        }
    }
    let ns = match crate::attr::getattr_opt(&meta, "__prepare__")? {
        Some(p) if !is_type(&meta) || is_heap_type(&meta) => crate::ops::call(
            &p,
            vec![name.clone(), tuple::new_tuple(bases.clone())],
            kw2.clone(),
        )?,
        _ => dict::new_dict(),
    };
    let Some(fp) = func.payload::<FuncObj>() else {
        return Err(type_err("__build_class__: func must be a function"));
    };
    let code = fp.code.get().ok_or_else(|| type_err("no code"))?;
    let globals = fp.globals.get().unwrap_or_else(dict::new_dict);
    let mut frame = crate::eval::Frame::new(code.clone(), globals, Some(ns.clone()));
    if let Some(c) = crate::code::co(&code) {
        for _ in &c.unit.cellvars {
            frame.cells.push(crate::objects::func::new_cell(None));
        }
        if let Some(cl) = fp.closure.get() {
            frame.cells.extend(tuple::tuple_items(&cl));
        }
    }
    {
        let _g = crate::rt::enter_recursion("")?;
        crate::eval::run_frame(&mut frame, None)?;
    }
    drop(frame);
    if bases.len() != orig_bases.len() || bases.iter().zip(&orig_bases).any(|(a, b)| !a.is(b)) {
        let orig = tuple::new_tuple(orig_bases);
        crate::ops::setitem(&ns, &pstr::intern("__orig_bases__"), orig)?;
    }
    let cls = crate::ops::call(&meta, vec![name, tuple::new_tuple(bases), ns], kw2)?;
    Ok(cls)
}

/// PEP 560: a base that is not a class but has `__mro_entries__` is
/// replaced by the classes that method returns (given all the original bases).
fn resolve_mro_entries(orig: &[Obj]) -> PyResult<Vec<Obj>> {
    let mut out = Vec::with_capacity(orig.len());
    let mut orig_tuple = None;
    for b in orig {
        if is_type(b) {
            out.push(b.clone());
            continue;
        }
        let Some(m) = crate::attr::getattr_opt(b, "__mro_entries__")? else {
            out.push(b.clone());
            continue;
        };
        let all = orig_tuple
            .get_or_insert_with(|| tuple::new_tuple(orig.to_vec()))
            .clone();
        let r = crate::ops::call(&m, vec![all], vec![])?;
        if !tuple::is_tuple(&r) {
            return Err(type_err("__mro_entries__ must return a tuple"));
        }
        out.extend(tuple::tuple_items(&r));
    }
    Ok(out)
}

/// `type.__new__(meta, name, bases, ns)` as a Python-callable.
pub fn py_type_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    if args.len() == 2 {
        return Ok(args[1].type_ref());
    }
    if args.len() != 4 {
        return Err(type_err("type() takes 1 or 3 arguments"));
    }
    let meta = &args[0];
    let name = pstr::as_str(&args[1])
        .ok_or_else(|| type_err("type.__new__() argument 1 must be str"))?
        .to_string();
    // CPython's type_new takes `tp_name` from PyUnicode_AsUTF8(name).
    pstr::materialize_utf8(&args[1]);
    let bases = tuple::tuple_items(&args[2]);
    if !dict::is_dict(&args[3]) {
        return Err(type_err("type.__new__() argument 3 must be dict"));
    }
    type_new(meta, &name, bases, &args[3], &kw)
}

pub fn unused(_: &WrapObj) {}

/// A private `__slots__` name as the class body sees it (`__x` in class
/// `C` is `_C__x`).
fn mangle_slot(class: &str, slot: &str) -> String {
    let owner = class.trim_start_matches('_');
    if !slot.starts_with("__") || slot.ends_with("__") || owner.is_empty() {
        return slot.to_string();
    }
    format!("_{owner}{slot}")
}
