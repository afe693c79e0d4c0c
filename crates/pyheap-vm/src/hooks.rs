//! The functions pyheap-mem's collector calls back into the VM
//! (`GcHooks`): weakref callbacks, `gc.callbacks`, debug descriptions,
//! stderr, `gc.garbage`.

use std::cell::RefCell;

use crate::objects::{dict, int, list, str as pstr};
use crate::rt::Obj;

thread_local! {
    static GARBAGE: std::mem::ManuallyDrop<RefCell<Option<Obj>>> = const { std::mem::ManuallyDrop::new(RefCell::new(None)) };
    static CALLBACKS: std::mem::ManuallyDrop<RefCell<Option<Obj>>> = const { std::mem::ManuallyDrop::new(RefCell::new(None)) };
}

/// `gc.garbage`.
pub fn garbage_list() -> Obj {
    if let Some(g) = GARBAGE.with(|g| g.borrow().clone()) {
        return g;
    }
    // NOTE: kept until exit: runtime state for the leak census.
    let l = pyheap_mem::census::runtime_scope(|| list::new_list(vec![]));
    GARBAGE.with(|g| *g.borrow_mut() = Some(l.clone()));
    l
}

/// `gc.callbacks`.
pub fn callbacks_list() -> Obj {
    if let Some(g) = CALLBACKS.with(|g| g.borrow().clone()) {
        return g;
    }
    // NOTE: kept until exit: runtime state for the leak census.
    let l = pyheap_mem::census::runtime_scope(|| list::new_list(vec![]));
    CALLBACKS.with(|g| *g.borrow_mut() = Some(l.clone()));
    l
}

/// `_PyGC_Fini`: empties `gc.garbage` and `gc.callbacks` at the end of
/// interpreter finalisation.
pub fn clear_gc_lists() {
    for cell in [&GARBAGE, &CALLBACKS] {
        if let Some(l) = cell.with(|g| g.borrow().clone()) {
            list::list_clear(&l);
        }
    }
}

fn call_weakref_callback(cb: &Obj, wr: &Obj) {
    if let Err(e) = crate::ops::call(cb, vec![wr.clone()], vec![]) {
        crate::builtins::write_unraisable(&e, Some(cb));
    }
}

fn gc_callbacks(phase: &str, generation: usize, collected: usize, uncollectable: usize) {
    let Some(cbs) = CALLBACKS.with(|g| g.borrow().clone()) else {
        return;
    };
    let items = list::list_items(&cbs);
    if items.is_empty() {
        return;
    }
    let info = dict::new_dict();
    let _ = dict::set_str(&info, "generation", int::new_int_usize(generation));
    let _ = dict::set_str(&info, "collected", int::new_int_usize(collected));
    let _ = dict::set_str(&info, "uncollectable", int::new_int_usize(uncollectable));
    let ph = pstr::new_str(phase);
    for cb in items {
        if let Err(e) = crate::ops::call(&cb, vec![ph.clone(), info.clone()], vec![]) {
            crate::builtins::write_unraisable(&e, Some(&cb));
        }
    }
}

fn describe(o: &Obj) -> String {
    format!("{} {:#x}", crate::types::tname(o), o.addr())
}

fn write_stderr(s: &str) {
    crate::modules::sys::write_stderr(s);
}

fn append_garbage(o: &Obj) {
    let g = garbage_list();
    let _ = list::list_append(&g, o.clone());
}

fn clear_freelists() {}

fn exception_pending() -> bool {
    false
}

/// Installs the hooks (called once at start-up).
pub fn install() {
    pyheap_mem::gc::set_hooks(pyheap_mem::gc::GcHooks {
        call_weakref_callback,
        gc_callbacks,
        describe,
        write_stderr,
        append_garbage,
        clear_freelists,
        exception_pending,
    });
}
