//! Runtime start-up in two phases: [`build_types`] creates every builtin
//! type object and singleton without touching the registry (it does not
//! exist yet), then [`populate`] (registry in place) fills MROs, method
//! tables and dunder dispatchers.

use pyheap_mem::{
    freelist, new_object, new_object_placed, new_root_metatype, FreeListSpec, ObjPtr, TypeFlags,
    TypeSlots, TYPE_PAYLOAD_OFFSET,
};

use crate::methods::core::{reg_binops, reg_compare, reg_dunders};
use crate::objects::{
    bytes, dict, float, func, instance, int, iterobj, list, misc, set, str as pstr, tuple,
};
use crate::rt::Obj;
use crate::types::{new_builtin_type, t, tdata, PayloadSetter, TypeData, Types};

const GC: TypeFlags = TypeFlags::HAVE_GC;
const NOGC: TypeFlags = TypeFlags(0);
/// Offsets within a 4 KiB page of CPython 3.11.7's static singletons here
/// (`id(None) % 4096`, ...): pyheap places its own at the same offsets, so
/// their pointer hashes share CPython's low 8 bits and small sets and dicts
/// holding them order alike (fuzz/none_hash_order).
const NONE_PAGE_OFFSET: usize = 0xbe0;
const NOTIMPL_PAGE_OFFSET: usize = 0xa30;
const ELLIPSIS_PAGE_OFFSET: usize = 0xe60;
const TRUE_PAGE_OFFSET: usize = 0xf00;
const FALSE_PAGE_OFFSET: usize = 0xf20;
/// Starting count of CPython 3.11's statically allocated objects.
pub const STATIC_REFCNT: isize = 999_999_999;

fn type_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(d) = o.payload::<TypeData>() {
        for s in [&d.base, &d.bases, &d.mro, &d.dict] {
            if let Some(p) = s.peek() {
                visit(p);
            }
        }
        if let Some(k) = d.shared_keys.borrow().as_ref() {
            k.traverse(visit);
        }
    }
}

fn type_clear(o: &Obj) {
    if let Some(d) = o.payload::<TypeData>() {
        if crate::types::is_heap_type(o) {
            // NOTE: like CPython's type_clear, `__base__`/`__bases__` stay
            // (instances being cleared still need their layout).
            let olds = (d.mro.take(), d.dict.take());
            let keys = d.shared_keys.borrow_mut().take();
            // (cached attribute places index these keys)
            crate::typecache::invalidate();
            drop(olds);
            drop(keys);
        }
    }
}

/// `type.__weakrefoffset__` (CPython's `tp_weaklist`): a word in the zeroed
/// tail of every type object, after the `TypeData` payload, that nothing but
/// pyheap-mem's weakref code touches.
pub const TYPE_WEAKLIST_OFFSET: usize = 368;
const _: () = assert!(
    TYPE_PAYLOAD_OFFSET + std::mem::size_of::<TypeData>() <= TYPE_WEAKLIST_OFFSET
        && TYPE_WEAKLIST_OFFSET + 8 <= 408
);

/// CPython 3.11's per-type free lists (pyheap-mem `freelist`), enabled in
/// the order a full collection clears them (tuple, float, list, dict).
///
/// NOTE: tuples of 1..20 items are parked but only 1..19 are reused (3.11's
/// `maybe_freelist_push`/`maybe_freelist_pop` disagree on the bound); floats
/// link their free list through the type word and tuples through item 0,
/// as CPython does, so a freed object's memory reads the same.
fn enable_free_lists(tuple_: &Obj, float_: &Obj, list_: &Obj, dict_: &Obj) {
    let tuples = FreeListSpec {
        capacity: 2000,
        min_key: 1,
        max_park_key: 20,
        max_pop_key: 19,
        link_offset: Some(24),
    };
    let floats = FreeListSpec {
        link_offset: Some(8),
        ..FreeListSpec::single(100)
    };
    let _ = freelist::enable(tuple_, tuples);
    let _ = freelist::enable(float_, floats);
    let _ = freelist::enable(list_, FreeListSpec::single(80));
    let _ = freelist::enable(dict_, FreeListSpec::single(80));
}

fn type_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<TypeData>(s, TYPE_PAYLOAD_OFFSET)
}

/// Phase 1: all builtin types and singletons.
pub fn build_types() -> Types {
    let tslots = TypeSlots::new(408, 0, TypeFlags::IS_TYPE | GC);
    tslots.traverse.set(Some(type_traverse));
    tslots.clear.set(Some(type_clear));
    let extra =
        408usize.saturating_sub(pyheap_mem::object_size::<TypeData>(TYPE_PAYLOAD_OFFSET, 0));
    let type_ = match new_root_metatype::<TypeData>(tslots, TypeData::new("type"), extra) {
        Ok(t) => t,
        Err(_) => panic!("pyheap: cannot create the root metatype"),
    };
    tdata(&type_).payload_setter.set(Some(type_payload));
    if let Some(s) = type_.as_type_slots() {
        s.weaklistoffset.set(TYPE_WEAKLIST_OFFSET);
    }
    let _ = pyheap_mem::object::register_type(&type_);
    let mk = |name: &str,
              base: Option<&Obj>,
              size: usize,
              flags: TypeFlags,
              setter: Option<PayloadSetter>| {
        new_builtin_type(&type_, name, base, size, flags, setter)
    };
    let object = mk("object", None, 16, NOGC, Some(instance::set_empty_payload));
    let tb = tdata(&type_);
    tb.base.set(Some(object.clone()));
    let with = |o: Obj,
                tr: Option<pyheap_mem::typeslots::TraverseFn>,
                cl: Option<pyheap_mem::typeslots::ClearFn>| {
        if let Some(s) = o.as_type_slots() {
            s.traverse.set(tr);
            s.clear.set(cl);
        }
        o
    };
    let int_ = mk("int", Some(&object), 24, NOGC, Some(int::set_payload));
    if let Some(s) = int_.as_type_slots() {
        s.itemsize.set(4);
    }
    // CPython's bool has `sizeof(struct _longobject)` (one digit, padded).
    let bool_ = mk("bool", Some(&int_), 32, NOGC, Some(int::set_payload));
    if let Some(s) = bool_.as_type_slots() {
        s.itemsize.set(4);
    }
    let float_ = mk("float", Some(&object), 24, NOGC, Some(float::set_payload));
    let complex = mk(
        "complex",
        Some(&object),
        32,
        NOGC,
        Some(float::set_complex_payload),
    );
    let str_ = mk("str", Some(&object), 48, NOGC, Some(pstr::set_payload));
    let bytes_ = mk("bytes", Some(&object), 33, NOGC, Some(bytes::set_payload));
    if let Some(s) = bytes_.as_type_slots() {
        s.itemsize.set(1);
    }
    let bytearray = mk(
        "bytearray",
        Some(&object),
        56,
        NOGC,
        Some(bytes::set_bytearray_payload),
    );
    let tuple_ = with(
        mk(
            "tuple",
            Some(&object),
            24,
            GC | TypeFlags::UNTRACK_AFTER_COLLECTION,
            Some(tuple::set_payload),
        ),
        Some(tuple::traverse),
        Some(tuple::clear),
    );
    if let Some(s) = tuple_.as_type_slots() {
        // The collector walks and untrack-checks exact tuples itself.
        s.slot_items.set(Some(tuple::slot_items));
        s.itemsize.set(8);
    }
    let list_ = with(
        mk("list", Some(&object), 40, GC, Some(list::set_payload)),
        Some(list::traverse),
        Some(list::clear),
    );
    if let Some(s) = list_.as_type_slots() {
        // The collector walks exact lists' items itself.
        s.ref_items.set(Some(list::ref_items));
    }
    let dict_ = with(
        mk(
            "dict",
            Some(&object),
            48,
            GC | TypeFlags::UNTRACK_AFTER_FULL_COLLECTION,
            Some(dict::set_payload),
        ),
        Some(dict::traverse),
        Some(dict::clear),
    );
    if let Some(s) = dict_.as_type_slots() {
        s.untrack_check.set(Some(dict::untrack_check));
    }
    enable_free_lists(&tuple_, &float_, &list_, &dict_);
    let set_ = with(
        mk("set", Some(&object), 200, GC, Some(set::set_payload)),
        Some(set::traverse),
        Some(set::clear),
    );
    let frozenset = with(
        mk("frozenset", Some(&object), 200, GC, Some(set::set_payload)),
        Some(set::traverse),
        Some(set::clear),
    );
    for t in [&set_, &frozenset] {
        if let Some(s) = t.as_type_slots() {
            s.weaklistoffset.set(set::SET_WEAKLIST_OFFSET);
        }
    }
    let none_type = mk(
        "NoneType",
        Some(&object),
        16,
        NOGC,
        Some(instance::set_empty_payload),
    );
    let notimpl_type = mk(
        "NotImplementedType",
        Some(&object),
        16,
        NOGC,
        Some(instance::set_empty_payload),
    );
    let ellipsis_type = mk(
        "ellipsis",
        Some(&object),
        16,
        NOGC,
        Some(instance::set_empty_payload),
    );
    let function = with(
        mk(
            "function",
            Some(&object),
            136,
            GC,
            Some(func::set_func_payload),
        ),
        Some(func::func_traverse),
        Some(func::func_clear),
    );
    if let Some(s) = function.as_type_slots() {
        s.weaklistoffset.set(func::FUNC_WEAKLIST_OFFSET);
    }
    let builtin_function = with(
        mk(
            "builtin_function_or_method",
            Some(&object),
            56,
            GC,
            Some(func::set_builtin_payload),
        ),
        Some(func::builtin_traverse),
        None,
    );
    if let Some(s) = builtin_function.as_type_slots() {
        s.weaklistoffset.set(func::BUILTIN_WEAKLIST_OFFSET);
    }
    // NOTE: method, classmethod and wrapper descriptors are 56 bytes as in
    // 3.11 (`PyDescr_COMMON` plus two words); the payload uses the first 16.
    let method_descriptor = with(
        mk(
            "method_descriptor",
            Some(&object),
            56,
            GC,
            Some(func::set_descr_payload),
        ),
        Some(func::descr_traverse),
        None,
    );
    let classmethod_descriptor = with(
        mk(
            "classmethod_descriptor",
            Some(&object),
            56,
            GC,
            Some(func::set_descr_payload),
        ),
        Some(func::descr_traverse),
        None,
    );
    let wrapper_descriptor = with(
        mk(
            "wrapper_descriptor",
            Some(&object),
            56,
            GC,
            Some(func::set_descr_payload),
        ),
        Some(func::descr_traverse),
        None,
    );
    let method_wrapper = with(
        mk(
            "method-wrapper",
            Some(&object),
            32,
            GC,
            Some(func::set_method_wrapper_payload),
        ),
        Some(func::method_wrapper_traverse),
        None,
    );
    let getset_descriptor = with(
        mk(
            "getset_descriptor",
            Some(&object),
            48,
            GC,
            Some(func::set_getset_payload),
        ),
        Some(func::getset_traverse),
        None,
    );
    let member_descriptor = with(
        mk(
            "member_descriptor",
            Some(&object),
            48,
            GC,
            Some(func::set_getset_payload),
        ),
        Some(func::getset_traverse),
        None,
    );
    let method = with(
        mk(
            "method",
            Some(&object),
            48,
            GC,
            Some(func::set_bound_payload),
        ),
        Some(func::bound_traverse),
        None,
    );
    if let Some(s) = method.as_type_slots() {
        s.weaklistoffset.set(func::BOUND_WEAKLIST_OFFSET);
    }
    let code = mk(
        "code",
        Some(&object),
        16,
        NOGC,
        Some(crate::code::set_payload),
    );
    let cell = with(
        mk("cell", Some(&object), 24, GC, Some(func::set_cell_payload)),
        Some(func::cell_traverse),
        Some(func::cell_clear),
    );
    let module = with(
        mk(
            "module",
            Some(&object),
            56,
            GC,
            Some(misc::set_module_payload),
        ),
        Some(misc::module_traverse),
        Some(misc::module_clear),
    );
    if let Some(s) = module.as_type_slots() {
        s.weaklistoffset.set(misc::MODULE_WEAKLIST_OFFSET);
    }
    let range = mk(
        "range",
        Some(&object),
        48,
        NOGC,
        Some(misc::set_range_payload),
    );
    let slice = with(
        mk(
            "slice",
            Some(&object),
            40,
            GC,
            Some(misc::set_slice_payload),
        ),
        Some(misc::slice_traverse),
        None,
    );
    let property = with(
        mk(
            "property",
            Some(&object),
            64,
            GC,
            Some(func::set_property_payload),
        ),
        Some(func::property_traverse),
        Some(func::property_clear),
    );
    let staticmethod = with(
        mk(
            "staticmethod",
            Some(&object),
            32,
            GC,
            Some(func::set_wrap_payload),
        ),
        Some(func::wrap_traverse),
        Some(func::wrap_clear),
    );
    let classmethod = with(
        mk(
            "classmethod",
            Some(&object),
            32,
            GC,
            Some(func::set_wrap_payload),
        ),
        Some(func::wrap_traverse),
        Some(func::wrap_clear),
    );
    let iter_ty_of = |name: &str, payload: PayloadSetter| {
        with(
            mk(name, Some(&object), 32, GC, Some(payload)),
            Some(iterobj::iter_traverse),
            Some(iterobj::iter_clear),
        )
    };
    let iter_ty = |name: &str| iter_ty_of(name, iterobj::set_iter_payload);
    // CPython's superobject: type, obj, obj_type (basicsize 40).
    let super_ = iter_ty("super");
    if let Some(s) = super_.as_type_slots() {
        s.basicsize.set(40);
    }
    let generator = with(
        mk(
            "generator",
            Some(&object),
            16,
            GC,
            Some(crate::gen::set_payload),
        ),
        Some(crate::gen::traverse),
        Some(crate::gen::clear),
    );
    if let Some(s) = generator.as_type_slots() {
        // CPython's basicsize and itemsize (the embedded frame's words);
        // instances are padded to that size (gen.rs).
        s.basicsize.set(crate::gen::GEN_BASICSIZE);
        s.itemsize.set(8);
        s.finalize.set(Some(crate::gen::finalize));
        s.weaklistoffset.set(crate::gen::GEN_WEAKLIST_OFFSET);
    }
    let frame = with(
        mk(
            "frame",
            Some(&object),
            16,
            GC,
            Some(crate::traceback::set_frame_payload),
        ),
        Some(crate::traceback::frame_traverse),
        Some(crate::traceback::frame_clear),
    );
    if let Some(s) = frame.as_type_slots() {
        // CPython's basicsize and itemsize (the embedded frame's words);
        // instances are padded to that size (traceback.rs).
        s.basicsize.set(crate::frame_objects::FRAME_BASICSIZE);
        s.itemsize.set(8);
    }
    let traceback = with(
        mk(
            "traceback",
            Some(&object),
            40,
            GC,
            Some(crate::traceback::set_tb_payload),
        ),
        Some(crate::traceback::tb_traverse),
        Some(crate::traceback::tb_clear),
    );
    let oneref_ty = |name: &str| {
        with(
            mk(name, Some(&object), 24, GC, Some(misc::set_oneref_payload)),
            Some(misc::oneref_traverse),
            Some(misc::oneref_clear),
        )
    };
    let mappingproxy = oneref_ty("mappingproxy");
    let dict_keys = oneref_ty("dict_keys");
    let dict_values = oneref_ty("dict_values");
    let dict_items = oneref_ty("dict_items");
    let simple_namespace = oneref_ty("types.SimpleNamespace");
    if let Some(s) = simple_namespace.as_type_slots() {
        s.basicsize.set(24);
    }
    let textio = oneref_ty("_io.TextIOWrapper");
    let buffered_reader = oneref_ty("_io.BufferedReader");
    let buffered_writer = oneref_ty("_io.BufferedWriter");
    let exc_setter: PayloadSetter = crate::exc::set_payload;
    let mut exc_table: Vec<(&'static str, Obj)> = Vec::new();
    for (name, base) in crate::exc::HIERARCHY {
        let b = exc_table
            .iter()
            .find(|(n, _)| n == base)
            .map(|(_, o)| o.clone());
        let ty = with(
            mk(
                name,
                Some(b.as_ref().unwrap_or(&object)),
                72,
                GC,
                Some(exc_setter),
            ),
            Some(crate::exc::traverse),
            Some(crate::exc::clear),
        );
        exc_table.push((name, ty));
    }
    let ex = |n: &str| -> Obj {
        exc_table
            .iter()
            .find(|(x, _)| *x == n)
            .map(|(_, o)| o.clone())
            .unwrap_or_else(|| object.clone())
    };
    // singletons
    let single = |ty: &Obj, off: usize| -> Obj {
        match new_object_placed(ty, instance::Empty, 0, off) {
            Ok(o) => o,
            Err(_) => panic!("pyheap: out of memory at start-up"),
        }
    };
    let none = single(&none_type, NONE_PAGE_OFFSET);
    let not_implemented = single(&notimpl_type, NOTIMPL_PAGE_OFFSET);
    let ellipsis = single(&ellipsis_type, ELLIPSIS_PAGE_OFFSET);
    let true_ = int::alloc_placed_bool(&bool_, true, TRUE_PAGE_OFFSET);
    let false_ = int::alloc_placed_bool(&bool_, false, FALSE_PAGE_OFFSET);
    let small_ints: Vec<Obj> = (-5..=256)
        .map(|v| int::alloc_int(&int_, &int::IntV::S(v)))
        .collect();
    let empty_tuple = tuple::alloc_tuple_of(&tuple_, Vec::new());
    let empty_str = pstr::alloc_str_of(&str_, "");
    let latin1: Vec<Obj> = (0u32..256)
        .map(|c| pstr::alloc_str_of(&str_, &char::from_u32(c).unwrap_or(' ').to_string()))
        .collect();
    let mk_bytes = |b: &[u8]| -> Obj {
        let o = match new_object(
            &bytes_,
            bytes::BytesObj {
                size: b.len(),
                hash: std::cell::Cell::new(-1),
            },
            b.len() + 1,
        ) {
            Ok(o) => o,
            Err(_) => panic!("pyheap: out of memory at start-up"),
        };
        for (c, v) in o.items::<bytes::BytesObj>().iter().zip(b) {
            c.set(*v);
        }
        o
    };
    let empty_bytes = mk_bytes(&[]);
    let byte_chars: Vec<Obj> = (0u8..=255).map(|b| mk_bytes(&[b])).collect();
    // NOTE: CPython 3.11 allocates these statically with a starting count of
    // 999,999,999 (not immortal: the count still moves), §1.3.
    for o in small_ints.iter().chain(&latin1).chain(&byte_chars).chain([
        &empty_tuple,
        &empty_str,
        &empty_bytes,
    ]) {
        o.add_static_refs(STATIC_REFCNT - 1);
    }
    // CPython's index + sequence and two-reference iterators: 16-byte
    // payloads, so 48-byte blocks as CPython's.
    let it = |n: &str| iter_ty_of(n, iterobj::set_seqiter_payload);
    let pair_it = |n: &str| iter_ty_of(n, iterobj::set_pairiter_payload);
    // CPython's basicsize where it is not 32 (dictiterobject, setiterobject,
    // enumobject, zipobject).
    let sized_it = |n: &str, size: usize| {
        let ty = iter_ty(n);
        if let Some(s) = ty.as_type_slots() {
            s.basicsize.set(size);
        }
        ty
    };
    let dict_it = |n: &str| sized_it(n, 56);
    // range iterators are not GC objects in CPython
    let range_iter = mk(
        "range_iterator",
        Some(&object),
        48,
        NOGC,
        Some(iterobj::set_iter_payload),
    );
    // iterators over ranges whose values or length do not fit a C long
    let longrange_iter = mk(
        "longrange_iterator",
        Some(&object),
        48,
        NOGC,
        Some(crate::objects::longrange::set_longrange_payload),
    );
    Types {
        seq_iter: it("iterator"),
        list_iter: it("list_iterator"),
        list_reviter: it("list_reverseiterator"),
        tuple_iter: it("tuple_iterator"),
        str_iter: it("str_ascii_iterator"),
        str_uiter: it("str_iterator"),
        range_iter,
        longrange_iter,
        dict_keyiter: dict_it("dict_keyiterator"),
        dict_valueiter: dict_it("dict_valueiterator"),
        dict_itemiter: dict_it("dict_itemiterator"),
        dict_revkeyiter: dict_it("dict_reversekeyiterator"),
        dict_revvalueiter: dict_it("dict_reversevalueiterator"),
        dict_revitemiter: dict_it("dict_reverseitemiterator"),
        set_iter: sized_it("set_iterator", 48),
        bytes_iter: it("bytes_iterator"),
        bytearray_iter: it("bytearray_iterator"),
        enumerate: sized_it("enumerate", 56),
        zip: sized_it("zip", 48),
        map: pair_it("map"),
        filter: pair_it("filter"),
        reversed: it("reversed"),
        callable_iter: pair_it("callable_iterator"),
        base_exception: ex("BaseException"),
        exception: ex("Exception"),
        type_error: ex("TypeError"),
        value_error: ex("ValueError"),
        key_error: ex("KeyError"),
        index_error: ex("IndexError"),
        attribute_error: ex("AttributeError"),
        name_error: ex("NameError"),
        unbound_local_error: ex("UnboundLocalError"),
        zero_division_error: ex("ZeroDivisionError"),
        overflow_error: ex("OverflowError"),
        runtime_error: ex("RuntimeError"),
        recursion_error: ex("RecursionError"),
        not_implemented_error: ex("NotImplementedError"),
        stop_iteration: ex("StopIteration"),
        generator_exit: ex("GeneratorExit"),
        system_exit: ex("SystemExit"),
        keyboard_interrupt: ex("KeyboardInterrupt"),
        assertion_error: ex("AssertionError"),
        import_error: ex("ImportError"),
        module_not_found_error: ex("ModuleNotFoundError"),
        lookup_error: ex("LookupError"),
        arithmetic_error: ex("ArithmeticError"),
        memory_error: ex("MemoryError"),
        os_error: ex("OSError"),
        file_not_found_error: ex("FileNotFoundError"),
        syntax_error: ex("SyntaxError"),
        unicode_error: ex("UnicodeError"),
        unicode_decode_error: ex("UnicodeDecodeError"),
        eof_error: ex("EOFError"),
        buffer_error: ex("BufferError"),
        reference_error: ex("ReferenceError"),
        warning: ex("Warning"),
        exc_table,
        type_,
        object,
        int: int_,
        bool_,
        float: float_,
        complex,
        str_,
        bytes: bytes_,
        bytearray,
        tuple: tuple_,
        list: list_,
        dict: dict_,
        set: set_,
        frozenset,
        none_type,
        notimpl_type,
        ellipsis_type,
        function,
        builtin_function,
        method_descriptor,
        classmethod_descriptor,
        getset_descriptor,
        member_descriptor,
        method,
        method_wrapper,
        wrapper_descriptor,
        code,
        cell,
        module,
        range,
        slice,
        property,
        staticmethod,
        classmethod,
        super_,
        generator,
        frame,
        traceback,
        mappingproxy,
        dict_keys,
        dict_values,
        dict_items,
        simple_namespace,
        textio,
        buffered_reader,
        buffered_writer,
        none,
        true_,
        false_,
        not_implemented,
        ellipsis,
        empty_tuple,
        empty_str,
        empty_bytes,
        small_ints,
        latin1,
        byte_chars,
    }
}

/// Phase 2: MROs, method tables, dunder dispatchers.
pub fn populate() {
    let tt = t();
    let mut all: Vec<&Obj> = vec![
        &tt.type_,
        &tt.object,
        &tt.int,
        &tt.bool_,
        &tt.float,
        &tt.complex,
        &tt.str_,
        &tt.bytes,
        &tt.bytearray,
        &tt.tuple,
        &tt.list,
        &tt.dict,
        &tt.set,
        &tt.frozenset,
        &tt.none_type,
        &tt.notimpl_type,
        &tt.ellipsis_type,
        &tt.function,
        &tt.builtin_function,
        &tt.method_descriptor,
        &tt.classmethod_descriptor,
        &tt.wrapper_descriptor,
        &tt.method_wrapper,
        &tt.getset_descriptor,
        &tt.member_descriptor,
        &tt.method,
        &tt.code,
        &tt.cell,
        &tt.module,
        &tt.range,
        &tt.slice,
        &tt.property,
        &tt.staticmethod,
        &tt.classmethod,
        &tt.super_,
        &tt.generator,
        &tt.frame,
        &tt.traceback,
        &tt.mappingproxy,
        &tt.dict_keys,
        &tt.dict_values,
        &tt.dict_items,
        &tt.seq_iter,
        &tt.list_iter,
        &tt.list_reviter,
        &tt.tuple_iter,
        &tt.str_iter,
        &tt.str_uiter,
        &tt.range_iter,
        &tt.longrange_iter,
        &tt.dict_keyiter,
        &tt.dict_valueiter,
        &tt.dict_itemiter,
        &tt.dict_revkeyiter,
        &tt.dict_revvalueiter,
        &tt.dict_revitemiter,
        &tt.set_iter,
        &tt.bytes_iter,
        &tt.bytearray_iter,
        &tt.enumerate,
        &tt.zip,
        &tt.map,
        &tt.filter,
        &tt.reversed,
        &tt.callable_iter,
        &tt.simple_namespace,
        &tt.textio,
        &tt.buffered_reader,
        &tt.buffered_writer,
    ];
    for (_, e) in &tt.exc_table {
        all.push(e);
    }
    for ty in &all {
        crate::types::finish_builtin(ty);
    }
    crate::methods::core::register();
    crate::methods::scalars::register();
    crate::methods::containers::register();
    crate::exc_group::register();
    crate::iter_protocol::register();
    crate::objects::generic_alias::register_class_getitem();
    // dunder dispatchers
    let common = ["__repr__", "__hash__"];
    for ty in [
        &tt.int,
        &tt.float,
        &tt.complex,
        &tt.str_,
        &tt.bytes,
        &tt.tuple,
        &tt.frozenset,
        &tt.range,
    ] {
        reg_dunders(ty, &common);
    }
    for ty in [
        &tt.list,
        &tt.dict,
        &tt.set,
        &tt.bytearray,
        &tt.slice,
        &tt.mappingproxy,
        &tt.dict_keys,
        &tt.dict_values,
        &tt.dict_items,
        &tt.none_type,
        &tt.function,
        &tt.builtin_function,
        &tt.method,
        &tt.module,
        &tt.cell,
        &tt.code,
        &tt.generator,
    ] {
        reg_dunders(ty, &["__repr__"]);
    }
    for ty in [&tt.list, &tt.dict, &tt.set, &tt.bytearray, &tt.slice] {
        crate::types::set_type_attr(ty, "__hash__", crate::types::none());
    }
    reg_dunders(
        &tt.int,
        &[
            "__bool__",
            "__neg__",
            "__pos__",
            "__abs__",
            "__invert__",
            "__index__",
            "__int__",
            "__format__",
        ],
    );
    reg_dunders(
        &tt.float,
        &["__bool__", "__neg__", "__pos__", "__abs__", "__format__"],
    );
    reg_dunders(&tt.str_, &["__format__", "__str__"]);
    reg_binops(
        &tt.int,
        &[
            "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^",
        ],
    );
    reg_binops(&tt.bool_, &["&", "|", "^"]);
    reg_binops(&tt.float, &["+", "-", "*", "/", "//", "%", "**"]);
    reg_binops(&tt.complex, &["+", "-", "*", "/", "**"]);
    reg_binops(&tt.str_, &["+", "*"]);
    reg_binops(&tt.bytes, &["+", "*", "%"]);
    reg_binops(&tt.bytearray, &["+", "*"]);
    reg_binops(&tt.list, &["+", "*"]);
    reg_binops(&tt.tuple, &["+", "*"]);
    reg_binops(&tt.set, &["|", "&", "-", "^"]);
    reg_binops(&tt.frozenset, &["|", "&", "-", "^"]);
    reg_binops(&tt.dict, &["|"]);
    reg_binops(&tt.dict_keys, &["|", "&", "-", "^"]);
    reg_binops(&tt.dict_items, &["|", "&", "-", "^"]);
    for ty in [
        &tt.int,
        &tt.float,
        &tt.complex,
        &tt.str_,
        &tt.bytes,
        &tt.bytearray,
        &tt.tuple,
        &tt.list,
        &tt.dict,
        &tt.set,
        &tt.frozenset,
        &tt.range,
        &tt.dict_keys,
        &tt.dict_items,
        &tt.slice,
    ] {
        reg_compare(ty);
    }
    for ty in [
        &tt.str_,
        &tt.bytes,
        &tt.bytearray,
        &tt.tuple,
        &tt.list,
        &tt.dict,
        &tt.set,
        &tt.frozenset,
        &tt.range,
        &tt.mappingproxy,
        &tt.dict_keys,
        &tt.dict_values,
        &tt.dict_items,
    ] {
        reg_dunders(ty, &["__len__", "__iter__", "__contains__"]);
    }
    for ty in [
        &tt.str_,
        &tt.bytes,
        &tt.bytearray,
        &tt.tuple,
        &tt.list,
        &tt.dict,
        &tt.range,
        &tt.mappingproxy,
    ] {
        reg_dunders(ty, &["__getitem__"]);
    }
    for ty in [&tt.list, &tt.dict, &tt.bytearray] {
        reg_dunders(ty, &["__setitem__", "__delitem__"]);
    }
    let iters = [
        &tt.seq_iter,
        &tt.list_iter,
        &tt.list_reviter,
        &tt.tuple_iter,
        &tt.str_iter,
        &tt.str_uiter,
        &tt.range_iter,
        &tt.longrange_iter,
        &tt.dict_keyiter,
        &tt.dict_valueiter,
        &tt.dict_itemiter,
        &tt.dict_revkeyiter,
        &tt.dict_revvalueiter,
        &tt.dict_revitemiter,
        &tt.set_iter,
        &tt.bytes_iter,
        &tt.bytearray_iter,
        &tt.enumerate,
        &tt.zip,
        &tt.map,
        &tt.filter,
        &tt.reversed,
        &tt.callable_iter,
        &tt.generator,
    ];
    for ty in iters {
        reg_dunders(ty, &["__iter__", "__next__"]);
    }
    crate::modules::io::register_textio();
    // NOTE: CPython 3.11 starts with these 1-char strings already interned
    // as objects distinct from the Latin-1 singletons (they come from
    // unmarshalled stdlib code), so `"a" is chr(97)` is False there while
    // `"Z" is chr(90)` is True. Reproduced here (probe 054). Being
    // deep-frozen, they are static too (count starts at 999,999,999).
    for c in "BCLST_abcdefhijklmnopqrstvwxy".chars() {
        let o = pstr::intern_obj(pstr::alloc_str_of(&tt.str_, &c.to_string()));
        o.add_static_refs(STATIC_REFCNT - 1);
    }
}
