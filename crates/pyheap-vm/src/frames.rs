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

/// (code, instruction index, frame object) of one activation.
pub type Activation = (Obj, usize, Option<Obj>);

thread_local! {
    /// (code, the caller's instruction index saved at entry, the frame
    /// object `sys._getframe` made for this activation).
    static CODE_STACK: std::mem::ManuallyDrop<RefCell<Vec<Activation>>> = const { std::mem::ManuallyDrop::new(RefCell::new(Vec::new())) };
    static CUR_LASTI: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Pops the activation entered by [`enter_code`] when dropped.
pub struct CodeGuard;

/// Records that `code` starts (or resumes) running.
pub fn enter_code(code: &Obj) -> CodeGuard {
    let saved = CUR_LASTI.with(|c| c.get());
    CODE_STACK.with(|s| s.borrow_mut().push((code.clone(), saved, None)));
    CodeGuard
}

impl Drop for CodeGuard {
    fn drop(&mut self) {
        let top = CODE_STACK.with(|s| s.try_borrow_mut().ok().and_then(|mut s| s.pop()));
        if let Some((_, saved, fobj)) = &top {
            if let Some(f) = fobj
                .as_ref()
                .and_then(|f| f.payload::<crate::traceback::FrameObj>())
            {
                // The frame object outlives the activation: freeze its line.
                f.lasti.set(CUR_LASTI.with(|c| c.get()));
            }
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
        for (code, saved, _) in s.iter().rev() {
            if out.len() >= limit {
                break;
            }
            out.push((code.clone(), lasti));
            lasti = *saved;
        }
        (out, s.len())
    })
}

/// The running activations, most recent first: (code, instruction index,
/// frame object if one was made).
pub fn activations() -> Vec<Activation> {
    CODE_STACK.with(|s| {
        let Ok(s) = s.try_borrow() else {
            return Vec::new();
        };
        let mut lasti = CUR_LASTI.with(|c| c.get());
        let mut out = Vec::with_capacity(s.len());
        for (code, saved, f) in s.iter().rev() {
            out.push((code.clone(), lasti, f.clone()));
            lasti = *saved;
        }
        out
    })
}

/// Attaches frame objects to activations by position from the bottom of
/// the stack (as [`activations`] numbered them, reversed).
pub fn attach_frame_objects(made: Vec<(usize, Obj)>) {
    CODE_STACK.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            for (pos, f) in made {
                if let Some(e) = s.get_mut(pos) {
                    if e.2.is_none() {
                        e.2 = Some(f);
                    }
                }
            }
        }
    });
}

/// The current instruction index of the activation `fobj` is attached to
/// (None once it has ended).
pub fn live_lasti(fobj: &Obj) -> Option<usize> {
    CODE_STACK.with(|s| {
        let s = s.try_borrow().ok()?;
        let mut lasti = CUR_LASTI.with(|c| c.get());
        for (_, saved, f) in s.iter().rev() {
            if f.as_ref().is_some_and(|f| f.is(fobj)) {
                return Some(lasti);
            }
            lasti = *saved;
        }
        None
    })
}
