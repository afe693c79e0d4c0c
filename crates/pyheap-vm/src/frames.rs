//! The namespaces of the running Python frame, for the builtins that need
//! them (`globals()`, `locals()`, `vars()`, `dir()`, `exec`, `eval`).
//!
//! The eval loop pushes (globals, locals) around calls to those builtins
//! only (see `eval::call_with_ns`), so ordinary calls pay nothing.

use std::cell::RefCell;

use crate::rt::Obj;

thread_local! {
    static NS: std::mem::ManuallyDrop<RefCell<Vec<(Obj, Obj)>>> = const { std::mem::ManuallyDrop::new(RefCell::new(Vec::new())) };
}

pub fn push(globals: Obj, locals: Obj) {
    NS.with(|s| s.borrow_mut().push((globals, locals)));
}

pub fn pop() {
    let v = NS.with(|s| s.borrow_mut().pop());
    drop(v);
}

pub fn current_globals() -> Option<Obj> {
    NS.with(|s| s.borrow().last().map(|x| x.0.clone()))
}

pub fn current_locals() -> Option<Obj> {
    NS.with(|s| s.borrow().last().map(|x| x.1.clone()))
}

// --- Reused value-stack / locals buffers of frames ---
//
// NOTE: a Python call needs two vectors (locals and value stack); reusing
// emptied ones saves two allocations and frees per call. Buffers come back
// empty (their references already released by `Frame`'s `Drop`).

const FREE_BUFS_MAX: usize = 64;
const FREE_BUF_CAP_MAX: usize = 256;

thread_local! {
    // NOTE: ManuallyDrop: no thread-exit destructor to register or run (the
    // buffers are empty; their memory goes with the process).
    static FREE_BUFS: std::mem::ManuallyDrop<RefCell<Vec<Vec<Option<Obj>>>>> =
        const { std::mem::ManuallyDrop::new(RefCell::new(Vec::new())) };
}

/// An empty buffer (reused when one is free).
pub fn take_buf() -> Vec<Option<Obj>> {
    FREE_BUFS
        .with(|f| f.try_borrow_mut().ok().and_then(|mut f| f.pop()))
        .unwrap_or_default()
}

/// Returns an emptied buffer for reuse.
pub fn give_buf(mut v: Vec<Option<Obj>>) {
    if v.capacity() == 0 || v.capacity() > FREE_BUF_CAP_MAX {
        return;
    }
    // Already empty by contract; clearing again releases nothing.
    v.clear();
    FREE_BUFS.with(|f| {
        if let Ok(mut f) = f.try_borrow_mut() {
            if f.len() < FREE_BUFS_MAX {
                f.push(v);
            }
        }
    });
}

// --- The Python call stack as (code, instruction index), for tracemalloc ---
//
// `run_frame` enters a [`CodeGuard`] for each activation and stores the
// current instruction index in `CUR_LASTI` before each instruction; a frame
// below the top finds its index saved in the entry above it.

thread_local! {
    static CODE_STACK: std::mem::ManuallyDrop<RefCell<Vec<(Obj, usize)>>> = const { std::mem::ManuallyDrop::new(RefCell::new(Vec::new())) };
    static CUR_LASTI: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Pops the activation entered by [`enter_code`] when dropped.
pub struct CodeGuard;

/// Records that `code` starts (or resumes) running.
pub fn enter_code(code: &Obj) -> CodeGuard {
    let saved = CUR_LASTI.with(|c| c.get());
    CODE_STACK.with(|s| s.borrow_mut().push((code.clone(), saved)));
    CodeGuard
}

impl Drop for CodeGuard {
    fn drop(&mut self) {
        let top = CODE_STACK.with(|s| s.try_borrow_mut().ok().and_then(|mut s| s.pop()));
        if let Some((_, saved)) = &top {
            CUR_LASTI.with(|c| c.set(*saved));
        }
        drop(top);
    }
}

/// The running frame's instruction index.
#[inline(always)]
pub fn set_lasti(i: usize) {
    CUR_LASTI.with(|c| c.set(i));
}

/// Up to `limit` (code, instruction index) pairs, most recent first, and the
/// total depth. Allocates nothing on the object heap.
pub fn code_stack(limit: usize) -> (Vec<(Obj, usize)>, usize) {
    CODE_STACK.with(|s| {
        let Ok(s) = s.try_borrow() else {
            return (Vec::new(), 0);
        };
        let mut out = Vec::with_capacity(limit.min(s.len()));
        let mut lasti = CUR_LASTI.with(|c| c.get());
        for (code, saved) in s.iter().rev() {
            if out.len() >= limit {
                break;
            }
            out.push((code.clone(), lasti));
            lasti = *saved;
        }
        (out, s.len())
    })
}
