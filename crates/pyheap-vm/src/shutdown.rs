//! Interpreter finalisation in CPython 3.11's order (`Py_FinalizeEx` →
//! `finalize_modules`), and the leak census report of `-X showrefcount`.
//!
//! Read [`finalize`] first. Steps, as CPython:
//! 1. `atexit` callbacks (newest first), then `weakref.finalize` exit hooks;
//!    flush stdout; a full collection if the collector is enabled.
//! 2. `finalize_modules_delete_special`: `builtins._` and some `sys`
//!    attributes become `None`, `sys.stdout`/`stderr`/`stdin` go back to the
//!    `__std*__` originals.
//! 3. `finalize_remove_modules`: every `sys.modules` entry is replaced by
//!    `None` (keeping a weak reference to each module), then the dict is
//!    cleared: a module nobody else holds dies now (its dict's values are
//!    released in dict order).
//! 4. `finalize_restore_builtins`: the builtins dict gets its start-up
//!    contents back (drops user objects stored in `builtins`).
//! 5. A full collection: module globals kept alive only by cycles
//!    (functions' `__globals__`) are finalized and freed in GC order — this
//!    is where most `__del__` methods of globals run.
//! 6. `finalize_modules_clear_weaklist`: modules still alive, newest first
//!    (but not `sys`/`builtins`), get their dicts cleared as
//!    `_PyModule_ClearDict` (names with one leading underscore first, then
//!    all but `__builtins__`).
//! 7. The `sys` and `builtins` dicts are cleared; a last full collection;
//!    `gc.garbage` and `gc.callbacks` are emptied (`_PyGC_Fini`).
//!
//! Invariant: after [`finalize`] no Python code of the program is expected
//! to run; the runtime's own objects (type registry, interned strings,
//! start-up objects) stay alive until the process exits.

use std::cell::RefCell;

use pyheap_mem::census;

use crate::objects::{dict, misc, str as pstr};
use crate::rt::Obj;
use crate::types::{none, t};

thread_local! {
    /// A copy of the builtins dict taken at the end of start-up.
    static BUILTINS_COPY: std::mem::ManuallyDrop<RefCell<Option<Obj>>> =
        const { std::mem::ManuallyDrop::new(RefCell::new(None)) };
}

/// Options of the leak census (`-X showrefcount`).
#[derive(Debug, Clone, Copy, Default)]
pub struct CensusOptions {
    /// Print `[N refs, M blocks]` to stderr at exit.
    pub showrefcount: bool,
    /// Also print the `pyheap-leakcheck:` line and the leaked objects
    /// (environment variable `PYHEAP_LEAKCHECK=1`; used by the leak test).
    pub detail: bool,
}

thread_local! {
    static OPTIONS: std::cell::Cell<CensusOptions> = const {
        std::cell::Cell::new(CensusOptions { showrefcount: false, detail: false })
    };
}

/// Starts the census when asked for; call before the runtime allocates
/// anything.
pub fn start_census(opts: CensusOptions) {
    OPTIONS.with(|o| o.set(opts));
    if opts.showrefcount || opts.detail {
        census::start();
    }
}

/// End of start-up: remembers the builtins dict's contents and marks later
/// allocations as the program's.
pub fn after_init() {
    let b = crate::builtins::builtins_module();
    if let Some(d) = misc::module_dict(&b) {
        if let Ok(c) = dict::copy(&d) {
            BUILTINS_COPY.with(|x| *x.borrow_mut() = Some(c));
        }
    }
    census::begin_program();
}

/// Interpreter finalisation (see the module doc for the steps).
pub fn finalize() {
    crate::modules::atexit::run_exitfuncs();
    crate::modules::weakref::run_exit_finalizers();
    crate::finish();
    // `PyGC_Collect()` before the modules go: only when enabled. Besides
    // running finalizers early it moves survivors to the oldest generation,
    // reordering the lists exactly as CPython's does.
    if pyheap_mem::gc::isenabled() {
        let _ = pyheap_mem::gc::collect(2);
    }
    delete_special();
    let weaklist = remove_modules();
    restore_builtins();
    let _ = pyheap_mem::gc::collect(2);
    clear_weaklist(&weaklist);
    drop(weaklist);
    clear_sys_builtins_dict();
    crate::modules::signal::fini();
    let _ = pyheap_mem::gc::collect(2);
    // `_PyGC_Fini`. NOTE: CPython stops here, so cycles saved in
    // `gc.garbage` (DEBUG_SAVEALL) stay allocated; one more collection
    // (their finalizers already ran, `gc.callbacks` is empty) frees them so
    // the leak census sees only real leaks.
    crate::hooks::clear_gc_lists();
    crate::typecache::clear_entries();
    let _ = pyheap_mem::gc::collect(2);
    crate::finish();
    // Blocks parked on the per-type free lists after the last collection
    // (CPython's `_PyObject_Fini` clears the free lists last).
    pyheap_mem::freelist::clear_all();
    report();
}

fn sys_dict() -> Option<Obj> {
    crate::modules::sys::sys_module()
        .ok()
        .and_then(|m| misc::module_dict(&m))
}

fn builtins_dict() -> Option<Obj> {
    misc::module_dict(&crate::builtins::builtins_module())
}

/// `finalize_modules_delete_special`.
fn delete_special() {
    if let Some(b) = builtins_dict() {
        let _ = dict::set_str(&b, "_", none());
    }
    let Some(sd) = sys_dict() else {
        return;
    };
    for name in [
        "path",
        "argv",
        "ps1",
        "ps2",
        "last_type",
        "last_value",
        "last_traceback",
        "path_hooks",
        "path_importer_cache",
        "meta_path",
        "__interactivehook__",
    ] {
        let _ = dict::set_str(&sd, name, none());
    }
    for (name, orig) in [
        ("stdin", "__stdin__"),
        ("stdout", "__stdout__"),
        ("stderr", "__stderr__"),
    ] {
        if let Some(o) = dict::get_str(&sd, orig) {
            if !crate::types::is_none(&o) {
                let _ = dict::set_str(&sd, name, o);
            }
        }
    }
}

/// `finalize_remove_modules` + `finalize_clear_modules_dict`: returns
/// `(name, weakref to module)` in `sys.modules` order.
fn remove_modules() -> Vec<(Obj, Obj)> {
    let mods = crate::modules::sys::modules_dict();
    let mut weaklist = Vec::new();
    for name in dict::keys(&mods) {
        let Ok(Some(m)) = dict::get_item(&mods, &name) else {
            continue;
        };
        if m.has_type(&t().module) {
            let base = crate::modules::weakref::base_type();
            if let Ok(wr) = pyheap_mem::weakref::new_weakref(
                &base,
                &m,
                None,
                pyheap_mem::weakref::WeakrefKind::Ref,
            ) {
                weaklist.push((name.clone(), wr));
            }
        }
        drop(m);
        if let Err(e) = dict::set_item(&mods, name, none()) {
            crate::builtins::write_unraisable(&e, None);
        }
    }
    dict::dict_clear(&mods);
    weaklist
}

/// `finalize_restore_builtins`.
fn restore_builtins() {
    let Some(copy) = BUILTINS_COPY.with(|x| x.borrow_mut().take()) else {
        return;
    };
    let Some(b) = builtins_dict() else {
        return;
    };
    // NOTE: as CPython, the old contents are held by a copy until the
    // originals are back, so a user object's `__del__` still finds `print`.
    let old = dict::copy(&b).ok();
    dict::dict_clear(&b);
    for (k, v) in dict::items(&copy) {
        let _ = dict::set_item(&b, k, v);
    }
    drop(old);
}

/// `finalize_modules_clear_weaklist`: clears the modules still alive,
/// newest first, except `sys` and `builtins`.
fn clear_weaklist(weaklist: &[(Obj, Obj)]) {
    let sd = sys_dict();
    let bd = builtins_dict();
    for (_, wr) in weaklist.iter().rev() {
        let Some(m) = pyheap_mem::weakref::referent(wr) else {
            continue;
        };
        let Some(d) = misc::module_dict(&m) else {
            continue;
        };
        if sd.as_ref().is_some_and(|s| s.is(&d)) || bd.as_ref().is_some_and(|b| b.is(&d)) {
            continue;
        }
        clear_module_dict(&d);
    }
}

/// `_PyModule_ClearDict`: names with one leading underscore become `None`
/// first, then every other name except `__builtins__`.
pub fn clear_module_dict(d: &Obj) {
    for pass in 0..2 {
        let mut pos = 0;
        while let Some((next, k, v)) = dict::next_entry(d, pos) {
            pos = next;
            if crate::types::is_none(&v) {
                continue;
            }
            drop(v);
            let Some(name) = pstr::as_str(&k).map(str::to_string) else {
                continue;
            };
            let underscore = name.starts_with('_') && !name.starts_with("__");
            let clear = if pass == 0 {
                underscore
            } else {
                name != "__builtins__"
            };
            if clear {
                if let Err(e) = dict::set_item(d, k, none()) {
                    crate::builtins::write_unraisable(&e, None);
                }
            }
        }
    }
}

/// `finalize_clear_sys_builtins_dict`.
fn clear_sys_builtins_dict() {
    if let Some(s) = sys_dict() {
        dict::dict_clear(&s);
    }
    if let Some(b) = builtins_dict() {
        dict::dict_clear(&b);
    }
}

/// Objects at or above this count are static (see `init::STATIC_REFCNT`).
const STATIC_THRESHOLD: isize = crate::init::STATIC_REFCNT / 2;

/// The census totals after finalisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeakReport {
    /// Sum of counts of live non-static objects (the `N refs`).
    pub refs: isize,
    /// Live allocator blocks (`sys.getallocatedblocks()`, the `M blocks`).
    pub blocks: usize,
    /// Live static objects and the sum of their counts.
    pub static_objects: usize,
    pub static_refs: isize,
    /// Live non-static objects made during start-up (runtime state).
    pub runtime_objects: usize,
    /// Live objects the program allocated (leaks), excluding interned
    /// strings, which the runtime keeps until exit as CPython keeps its
    /// interned dict until `_PyUnicode_ClearInterned`.
    pub program_objects: usize,
    pub program_refs: isize,
    pub interned: usize,
    /// Live raw blocks allocated by the program.
    pub program_blocks: usize,
}

/// Computes the census totals and up to `max_list` leaked objects as text.
pub fn leak_report(max_list: usize) -> (LeakReport, Vec<String>) {
    let snap = census::snapshot();
    let mut r = LeakReport {
        blocks: pyheap_mem::alloc::allocated_blocks(),
        program_blocks: snap.program_blocks,
        ..LeakReport::default()
    };
    let mut listed = Vec::new();
    for o in &snap.objects {
        if o.refcnt >= STATIC_THRESHOLD {
            r.static_objects += 1;
            r.static_refs += o.refcnt;
            continue;
        }
        r.refs += o.refcnt;
        if !o.program {
            r.runtime_objects += 1;
            continue;
        }
        let obj = pyheap_mem::object::object_ref_at(o.addr);
        if obj.as_ref().is_some_and(pstr::is_interned) {
            r.interned += 1;
            continue;
        }
        r.program_objects += 1;
        r.program_refs += o.refcnt;
        if listed.len() < max_list {
            let what = match &obj {
                Some(x) => {
                    let tn = crate::types::tname(x);
                    let text = if pstr::is_str(x)
                        || crate::types::is_type(x)
                        || tn == "int"
                        || tn == "float"
                    {
                        crate::ops::repr_string(x).unwrap_or_default()
                    } else {
                        String::new()
                    };
                    format!("{tn} {}", text.chars().take(60).collect::<String>())
                }
                None => "?".to_string(),
            };
            listed.push(format!("{:#x} rc={} {what}", o.addr, o.refcnt));
        }
    }
    (r, listed)
}

/// Prints the census at exit, as asked for by [`start_census`].
fn report() {
    let opts = OPTIONS.with(|o| o.get());
    if !census::running() {
        return;
    }
    let (r, listed) = leak_report(if opts.detail { 20 } else { 0 });
    let mut out = String::new();
    if opts.showrefcount {
        out.push_str(&format!("[{} refs, {} blocks]\n", r.refs, r.blocks));
    }
    if opts.detail {
        out.push_str(&format!(
            "pyheap-leakcheck: program_objects={} program_refs={} program_blocks={} \
             interned={} runtime_objects={} static_objects={} static_refs={}\n",
            r.program_objects,
            r.program_refs,
            r.program_blocks,
            r.interned,
            r.runtime_objects,
            r.static_objects,
            r.static_refs
        ));
        for l in listed {
            out.push_str(&format!("pyheap-leakcheck: live {l}\n"));
        }
        for (addr, size, bt) in census::raw_program_blocks() {
            out.push_str(&format!(
                "pyheap-leakcheck: raw block {addr:#x} size={size}\n{bt}\n"
            ));
        }
    }
    crate::modules::io::raw_stderr(&out);
}
