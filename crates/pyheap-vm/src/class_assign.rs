//! `obj.__class__ = cls` with CPython 3.11's compatibility rules
//! (`object_set_class` / `compatible_for_assignment`).
//!
//! Read [`set_class`] first. Steps: argument checks; both types must be
//! mutable (heap) types unless both are module types; the two layouts must
//! agree (their "solid" bases — the nearest ancestors that add instance
//! fields — are the same, or are siblings adding the same slots, and both
//! or neither use a managed dict). Then an instance's inline attribute
//! values are moved into a real dict (the new class has other shared keys)
//! and `pyheap_mem::retype` switches the type word, moving the heap-type
//! reference from the old class to the new one.

use pyheap_mem::TypeFlags;

use crate::exc::type_err;
use crate::rt::{Obj, PyResult};
use crate::types::{is_heap_type, is_subtype, is_type, t, tdata, tname};

/// Sets `o`'s class to `v` (`None`: `del o.__class__`).
pub fn set_class(o: &Obj, v: Option<Obj>) -> PyResult<()> {
    let v = v.ok_or_else(|| type_err("can't delete __class__ attribute"))?;
    if !is_type(&v) {
        return Err(type_err(&format!(
            "__class__ must be set to a class, not '{}' object",
            tname(&v)
        )));
    }
    let old = o.type_ref();
    let module = &t().module;
    let both_modules = is_subtype(&v, module) && is_subtype(&old, module);
    if !both_modules && (!is_heap_type(&v) || !is_heap_type(&old)) {
        return Err(type_err(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    }
    compatible(&old, &v)?;
    if flags(&old).contains(TypeFlags::MANAGED_DICT) {
        crate::objects::instance::materialize(o)?;
    }
    pyheap_mem::retype::retype(o, &v).map_err(|_| layout_differs(&old, &v))
}

fn flags(ty: &Obj) -> TypeFlags {
    ty.as_type_slots().map_or(TypeFlags(0), |s| s.flags.get())
}

fn name(ty: &Obj) -> String {
    tdata(ty).name.borrow().clone()
}

fn layout_differs(old: &Obj, new: &Obj) -> crate::rt::PyErr {
    type_err(&format!(
        "__class__ assignment: '{}' object layout differs from '{}'",
        name(new),
        name(old)
    ))
}

/// `(basicsize, itemsize, dictoffset, weaklistoffset, GC)` of a type.
fn shape(ty: &Obj) -> (usize, usize, isize, usize, bool) {
    let s = ty.as_type_slots();
    (
        s.map_or(0, |s| s.basicsize.get()),
        s.map_or(0, |s| s.itemsize.get()),
        tdata(ty).dictoffset.get(),
        s.map_or(0, |s| s.weaklistoffset.get()),
        flags(ty).contains(TypeFlags::HAVE_GC),
    )
}

fn base_of(ty: &Obj) -> Option<Obj> {
    tdata(ty).base.get()
}

/// The nearest ancestor (or `ty`) whose instances differ in layout from its
/// base's instances.
fn solid(ty: &Obj) -> Obj {
    let mut cur = ty.clone();
    while let Some(b) = base_of(&cur) {
        if shape(&cur) != shape(&b) || !is_heap_type(&cur) && !is_heap_type(&b) {
            break;
        }
        cur = b;
    }
    cur
}

/// Named `__slots__` of a class, sorted (CPython's `ht_slots`); `None`
/// without `__slots__`.
fn slot_names(ty: &Obj) -> Option<Vec<String>> {
    let ns = tdata(ty).dict.get()?;
    crate::objects::dict::get_str(&ns, "__slots__")?;
    let mut names: Vec<String> = tdata(ty)
        .slot_names
        .borrow()
        .iter()
        .filter(|n| *n != "__weakref__")
        .cloned()
        .collect();
    names.sort();
    Some(names)
}

/// Sibling classes of one base adding the same instance fields.
fn same_slots_added(a: &Obj, b: &Obj) -> bool {
    let Some(base) = base_of(a) else {
        return false;
    };
    let (sa, sb) = (shape(a), shape(b));
    let mut size = shape(&base).0;
    if sa.2 == size as isize && sb.2 == size as isize {
        size += 8;
    }
    if sa.3 == size && sb.3 == size {
        size += 8;
    }
    if !is_heap_type(a) || !is_heap_type(b) {
        return false;
    }
    if let (Some(x), Some(y)) = (slot_names(a), slot_names(b)) {
        if x != y {
            return false;
        }
        size += 8 * x.len();
    }
    size == sa.0 && size == sb.0
}

fn compatible(old: &Obj, new: &Obj) -> PyResult<()> {
    if shape(old).4 != shape(new).4 {
        return Err(type_err(&format!(
            "__class__ assignment: '{}' deallocator differs from '{}'",
            name(new),
            name(old)
        )));
    }
    let (nb, ob) = (solid(new), solid(old));
    if !nb.is(&ob) {
        let same_parent = match (base_of(&nb), base_of(&ob)) {
            (Some(x), Some(y)) => x.is(&y),
            _ => false,
        };
        if !same_parent || !same_slots_added(&nb, &ob) {
            return Err(layout_differs(old, new));
        }
    }
    let managed = |ty: &Obj| flags(ty).contains(TypeFlags::MANAGED_DICT);
    if managed(old) != managed(new) {
        return Err(layout_differs(old, new));
    }
    Ok(())
}
