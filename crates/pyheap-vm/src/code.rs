//! Code objects: a compiled `CodeUnit` plus its constants as heap objects.
//!
//! Read [`code_from_unit`] first. Invariant (constant sharing, 3.11): one
//! heap object per constant id per compilation unit, shared by every nested
//! code object (`cache` is indexed by `Constant::id`); identifier-like str
//! constants and all names are interned; constant tuples are untracked.

use std::rc::Rc;

use pyheap_compiler::{CodeUnit, ConstValue, Constant};
use pyheap_mem::{new_object, ObjPtr, Payload, TypeSlots};

use crate::objects::{float, int, str as pstr, tuple};
use crate::rt::Obj;
use crate::types::t;

pub struct CodeObj {
    pub unit: Rc<CodeUnit>,
    pub consts: Vec<Obj>,
    pub names: Vec<Obj>,
    pub varnames: Vec<Obj>,
    pub cellnames: Vec<Obj>,
    pub name: Obj,
    pub qualname: Obj,
    pub filename: Obj,
    /// Inline attribute caches, loads then stores, one per name
    /// ([`crate::attrcache`]).
    pub attr_cache: Box<[crate::attrcache::Entry]>,
    /// Per name, `LOAD_GLOBAL`'s hints ([`GlobalHint`]).
    pub global_hints: Box<[GlobalHint]>,
}

/// Where `LOAD_GLOBAL` last found a name: the dict entry index in the
/// globals and in the builtins (hints only: a hit needs the entry's key to
/// be the name object itself), and the globals' absence stamp
/// (`dict::absent_stamp`, 0 = none) when the name was last missing there,
/// so a builtin is found without searching the globals again.
#[derive(Default)]
pub struct GlobalHint {
    pub globals: std::cell::Cell<u32>,
    pub builtins: std::cell::Cell<u32>,
    pub absent: std::cell::Cell<u64>,
}

impl Payload for CodeObj {
    type Item = pyheap_mem::typed::NoItems;
}

pub fn set_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<CodeObj>(s, 16)
}

pub fn traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(c) = o.payload::<CodeObj>() {
        for x in c
            .consts
            .iter()
            .chain(&c.names)
            .chain(&c.varnames)
            .chain(&c.cellnames)
        {
            visit(x.ptr());
        }
        visit(c.name.ptr());
        visit(c.qualname.ptr());
        visit(c.filename.ptr());
    }
}

pub fn co(o: &Obj) -> Option<&CodeObj> {
    o.payload::<CodeObj>()
}

/// Slots of a 3.11 `_PyInterpreterFrame` running `code`: `co_nlocalsplus`
/// (locals, cells that are not arguments, free variables) plus
/// `co_stacksize`. CPython embeds them in frame and generator objects.
pub fn frame_slots(code: &Obj) -> usize {
    let Some(c) = co(code) else { return 0 };
    let u = &c.unit;
    let cells_not_args = u.cell2arg.iter().filter(|a| a.is_none()).count();
    u.varnames.len() + cells_not_args + u.freevars.len() + u.stacksize as usize
}

/// How many padding bytes (`u8` items) a payload `T` at offset 16 needs for
/// the object to be `size` bytes from its address: CPython embeds frame
/// data where pyheap keeps it in a Rust `Box`/`Vec`, and the padding makes
/// the object's block CPython's size class.
pub fn padding_for<T>(size: usize) -> usize {
    size.saturating_sub(16 + std::mem::size_of::<T>())
}

/// Converts a whole compilation unit (top-level code) to a code object.
pub fn code_from_unit(unit: &CodeUnit) -> Obj {
    let mut cache: Vec<Option<Obj>> = vec![None; unit.unit_const_count as usize + 1];
    make_code(unit, &mut cache)
}

/// Like [`code_from_unit`], plus one extra strong reference to each distinct
/// literal constant of the unit: CPython keeps the parser's AST arena (which
/// owns the literal objects, folded results included) alive while a main
/// script or an `exec`/`eval` of a string runs, so each such constant counts
/// one more during that run. The caller drops the returned vector when the
/// top-level execution finishes.
///
/// NOTE: the compiler does not record where a constant came from, so this
/// approximates "literal": code objects and the `None`/`True`/`False`/`...`
/// singletons are left out, and so are interned strs (their count already
/// includes pyheap's interned-table entry, which CPython does not count;
/// the two happen to cancel out) and frozensets (built by the compiler from
/// set displays). Compiler-made tuples (e.g. all-constant defaults) are
/// over-counted by one.
pub fn code_from_unit_with_arena(unit: &CodeUnit) -> (Obj, Vec<Obj>) {
    let mut cache: Vec<Option<Obj>> = vec![None; unit.unit_const_count as usize + 1];
    let code = make_code(unit, &mut cache);
    let tt = t();
    let mut extra = Vec::new();
    for &(id, n) in &unit.arena_extra {
        if let Some(Some(o)) = cache.get(id as usize) {
            extra.extend((0..n).map(|_| o.clone()));
        }
    }
    let mut arena: Vec<Obj> = cache
        .into_iter()
        .flatten()
        .filter(|o| {
            !(o.is(&tt.none)
                || o.is(&tt.true_)
                || o.is(&tt.false_)
                || o.is(&tt.ellipsis)
                || co(o).is_some()
                || pstr::is_interned(o)
                || crate::objects::set::is_anyset(o))
        })
        .collect();
    arena.extend(extra);
    (code, arena)
}

fn make_code(unit: &CodeUnit, cache: &mut Vec<Option<Obj>>) -> Obj {
    let consts: Vec<Obj> = unit.consts.iter().map(|c| const_obj(c, cache)).collect();
    let names = |v: &[String]| -> Vec<Obj> { v.iter().map(|s| pstr::intern(s)).collect() };
    let mut cellnames = names(&unit.cellvars);
    cellnames.extend(names(&unit.freevars));
    let stripped = unit.clone_without_nested_code();
    let payload = CodeObj {
        unit: Rc::new(stripped),
        consts,
        names: names(&unit.names),
        varnames: names(&unit.varnames),
        cellnames,
        name: pstr::intern(&unit.name),
        qualname: pstr::intern(&unit.qualname),
        filename: pstr::intern(&unit.filename),
        attr_cache: crate::attrcache::new_lines(unit.names.len()),
        global_hints: unit.names.iter().map(|_| Default::default()).collect(),
    };
    new_object(&t().code, payload, 0).unwrap_or_else(|_| crate::exc::memory_error_obj())
}

fn const_obj(c: &Constant, cache: &mut Vec<Option<Obj>>) -> Obj {
    let id = c.id as usize;
    if let Some(Some(o)) = cache.get(id) {
        return o.clone();
    }
    let o = match &c.value {
        ConstValue::None => crate::types::none(),
        ConstValue::Bool(b) => crate::types::py_bool(*b),
        ConstValue::Int(i) => int::new_int_big(i.clone()),
        ConstValue::Float(f) => float::new_float(*f),
        ConstValue::Complex { re, im } => float::new_complex(*re, *im),
        ConstValue::Str(s) => {
            if c.value.should_intern() {
                pstr::intern(s)
            } else {
                pstr::new_str(s)
            }
        }
        ConstValue::Bytes(b) => crate::objects::bytes::new_bytes(b),
        ConstValue::Tuple(items) => {
            let v: Vec<Obj> = items.iter().map(|x| const_obj(x, cache)).collect();
            if v.is_empty() {
                t().empty_tuple.clone()
            } else {
                tuple::alloc_tuple_of(&t().tuple, v)
            }
        }
        ConstValue::FrozenSet(items) => {
            // NOTE: CPython builds the frozenset from the items in source
            // order, then its constant merging (`merge_consts_recursive`)
            // rebuilds it from the first one's iteration order; with hash
            // collisions the two orders differ, so both passes are needed.
            let first = crate::objects::set::new_set_of(&t().frozenset);
            for x in items {
                let k = const_obj(x, cache);
                let _ = crate::objects::set::add(&first, k);
            }
            let rebuild = |src: &Obj| {
                let s = crate::objects::set::new_set_of(&t().frozenset);
                for k in crate::objects::set::items(src) {
                    let _ = crate::objects::set::add(&s, k);
                }
                s
            };
            let s = rebuild(&first);
            // NOTE: code creation (`intern_string_constants`) rebuilds it once
            // more when interning replaced an element, i.e. an identifier
            // str already interned elsewhere; modelled for the 1-character
            // identifier strings (always pre-interned in CPython) only.
            let replaced = items.iter().any(|x| {
                matches!(&x.value, ConstValue::Str(st) if st.chars().count() == 1)
                    && x.value.should_intern()
            });
            if replaced {
                rebuild(&s)
            } else {
                s
            }
        }
        ConstValue::Ellipsis => t().ellipsis.clone(),
        ConstValue::Code(u) => make_code(u, cache),
    };
    if id >= cache.len() {
        cache.resize(id + 1, None);
    }
    cache[id] = Some(o.clone());
    o
}
