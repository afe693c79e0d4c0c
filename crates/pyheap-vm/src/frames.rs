//! The namespaces of the running Python frame, for the builtins that need
//! them (`globals()`, `locals()`, `vars()`, `dir()`, `exec`, `eval`).
//!
//! The eval loop pushes (globals, locals) around calls to those builtins
//! only (see `eval::call_with_ns`), so ordinary calls pay nothing.

use std::cell::RefCell;
use std::rc::Rc;

use pyheap_mem::Slot;

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

// --- Shared fast locals ---
//
// A frame's fast locals live in an `Rc` shared with its activation entry
// below, so `f_locals` of a running outer frame (`sys._getframe(1)`,
// `f_back`, `tb_frame`) can read them while that frame waits in a call. The
// slots' references are owned by the frame (it clears them when dropped);
// the activation's clone is only a view.

/// The fast-locals slots of one frame.
pub type FastLocals = Rc<Vec<Slot>>;

// --- Reused locals and value-stack buffers of frames ---
//
// NOTE: a Python call needs two buffers (locals and value stack); reusing
// emptied ones saves two allocations and frees per call. Both come from one
// pool entry (one thread-local access per call and per return). Buffers
// come back empty (their references already released by `Frame`'s `Drop`).

const FREE_BUFS_MAX: usize = 64;
const FREE_BUF_CAP_MAX: usize = 256;

/// One pool entry: a frame's locals block and value stack, both empty.
pub type Bufs = (FastLocals, Vec<Option<Obj>>);

thread_local! {
    // NOTE: ManuallyDrop: no thread-exit destructor to register or run (the
    // buffers are empty; their memory goes with the process).
    static FREE_BUFS: std::mem::ManuallyDrop<RefCell<Vec<Bufs>>> =
        const { std::mem::ManuallyDrop::new(RefCell::new(Vec::new())) };
}

/// `nfast` empty local slots and an empty value stack: `spare` (buffers
/// the caller kept from its previous call, see `callfast`) when given,
/// else reused ones from the pool when free.
#[inline(always)]
pub fn take_bufs(spare: Option<Bufs>, nfast: usize) -> Bufs {
    match spare {
        Some(b) => fit(b, nfast),
        None => take_pooled(nfast),
    }
}

/// Buffers from the pool (or new ones).
fn take_pooled(nfast: usize) -> Bufs {
    match FREE_BUFS.with(|f| f.try_borrow_mut().ok().and_then(|mut f| f.pop())) {
        Some(b) => fit(b, nfast),
        None => (new_fast(nfast), Vec::new()),
    }
}

/// `b` with `nfast` locals.
#[inline(always)]
fn fit((mut rc, stack): Bufs, nfast: usize) -> Bufs {
    // NOTE: the block is still viewed by a frame object only if one kept
    // it; then a fresh block is used and the viewed one left alone. Pooled
    // slots are all empty: only the length changes.
    match Rc::get_mut(&mut rc) {
        Some(v) => {
            if v.len() != nfast {
                v.clear();
                v.resize_with(nfast, Slot::default);
            }
        }
        None => rc = new_fast(nfast),
    }
    (rc, stack)
}

fn new_fast(n: usize) -> FastLocals {
    Rc::new((0..n).map(|_| Slot::default()).collect())
}

/// Returns a dropped frame's emptied buffers for reuse. `fast` is the
/// frame's own block (its field is dropped right after): it is kept only
/// when nothing else views it.
#[inline]
pub fn give_bufs(fast: &FastLocals, stack: Vec<Option<Obj>>) {
    if Rc::strong_count(fast) != 1 {
        return;
    }
    give_pair((Rc::clone(fast), stack));
}

/// Pools an entry whose locals block nothing else holds (emptied buffers).
pub fn give_pair((fast, mut stack): Bufs) {
    if fast.capacity() > FREE_BUF_CAP_MAX || stack.capacity() > FREE_BUF_CAP_MAX {
        return;
    }
    // Already empty by contract; clearing again releases nothing.
    stack.clear();
    FREE_BUFS.with(|f| {
        if let Ok(mut f) = f.try_borrow_mut() {
            if f.len() < FREE_BUFS_MAX {
                f.push((fast, stack));
            }
        }
    });
}

// --- The Python call stack as (code, instruction index), for tracemalloc
// and frame objects ---
//
// `run_frame` enters a [`CodeGuard`] for each activation and stores the
// current instruction index in `CUR_LASTI` before each instruction; a frame
// below the top finds its index saved in the entry above it.

/// One running activation: what a frame object of it needs.
pub struct Activation {
    pub code: Obj,
    /// The caller's instruction index, saved at entry.
    saved: usize,
    /// The frame object made for this activation (one per frame).
    pub fobj: Option<Obj>,
    pub fast: FastLocals,
    pub cells: Vec<Obj>,
    /// The frame's locals mapping (module, class body, exec), if any.
    pub locals: Option<Obj>,
    pub globals: Obj,
}

thread_local! {
    /// How many activations have a frame object attached (so a frame's
    /// exit can skip looking for one when there is none).
    static ATTACHED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    static CODE_STACK: std::mem::ManuallyDrop<RefCell<Vec<Activation>>> = const { std::mem::ManuallyDrop::new(RefCell::new(Vec::new())) };
    static CUR_LASTI: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Pops the activation entered by [`enter_code`] when dropped.
pub struct CodeGuard;

/// Records that `frame` starts (or resumes) running.
#[inline]
pub fn enter_code(frame: &crate::eval::Frame) -> CodeGuard {
    let saved = CUR_LASTI.with(|c| c.get());
    if frame.fobj.is_some() {
        ATTACHED.with(|n| n.set(n.get() + 1));
    }
    // NOTE: built in place inside the borrow (taking references only: no
    // Python code runs), not moved in from outside.
    CODE_STACK.with(|s| {
        s.borrow_mut().push(Activation {
            code: frame.code.clone(),
            saved,
            fobj: frame.fobj.clone(),
            fast: frame.fast.clone(),
            cells: if frame.cells.is_empty() {
                Vec::new()
            } else {
                frame.cells.clone()
            },
            locals: frame.locals.clone(),
            globals: match &frame.globals {
                Some(g) => g.clone(),
                None => frame.globals_obj(),
            },
        })
    });
    CodeGuard
}

impl Drop for CodeGuard {
    #[inline]
    fn drop(&mut self) {
        // NOTE: the stack's borrow ends with the `pop` statement; the
        // activation's other references are then dropped in the closure (the
        // frame still holds each of them, so none is the last) and only the
        // frame object, which may be, is carried out.
        let top = CODE_STACK.with(|s| {
            let a = s.try_borrow_mut().ok()?.pop()?;
            let Activation { saved, fobj, .. } = a;
            Some((saved, fobj))
        });
        if let Some((saved, fobj)) = top {
            if let Some(fo) = &fobj {
                ATTACHED.with(|n| n.set(n.get().saturating_sub(1)));
                if let Some(f) = fo.payload::<crate::traceback::FrameObj>() {
                    // The frame object outlives the activation: freeze its line.
                    f.lasti.set(CUR_LASTI.with(|c| c.get()));
                }
            }
            CUR_LASTI.with(|c| c.set(saved));
            drop(fobj);
        }
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
        for a in s.iter().rev() {
            if out.len() >= limit {
                break;
            }
            out.push((a.code.clone(), lasti));
            lasti = a.saved;
        }
        (out, s.len())
    })
}

/// The number of running activations.
pub fn depth() -> usize {
    CODE_STACK.with(|s| s.try_borrow().map_or(0, |s| s.len()))
}

/// What a frame object of an activation needs.
pub struct ActivationInfo {
    pub code: Obj,
    /// The activation's current instruction index.
    pub lasti: usize,
    pub globals: Obj,
    /// The locals mapping (module, class body, exec), if any.
    pub locals: Option<Obj>,
    /// The frame object already made for it.
    pub fobj: Option<Obj>,
}

/// [`ActivationInfo`] of the activation at `pos` (0 = oldest).
pub fn activation_info(pos: usize) -> Option<ActivationInfo> {
    CODE_STACK.with(|s| {
        let s = s.try_borrow().ok()?;
        let a = s.get(pos)?;
        let lasti = match s.get(pos + 1) {
            Some(above) => above.saved,
            None => CUR_LASTI.with(|c| c.get()),
        };
        Some(ActivationInfo {
            code: a.code.clone(),
            lasti,
            globals: a.globals.clone(),
            locals: a.locals.clone(),
            fobj: a.fobj.clone(),
        })
    })
}

/// Attaches `fobj` to the activation at `pos` unless it has one; returns the
/// activation's frame object.
pub fn attach_frame_object(pos: usize, fobj: Obj) -> Obj {
    // NOTE: a frame object not attached is dropped after the borrow ends
    // (its release may run Python code).
    let (kept, unused) = CODE_STACK.with(|s| {
        let Ok(mut s) = s.try_borrow_mut() else {
            return (fobj, None);
        };
        match s.get_mut(pos) {
            Some(a) => match &a.fobj {
                Some(existing) => (existing.clone(), Some(fobj)),
                None => {
                    a.fobj = Some(fobj.clone());
                    ATTACHED.with(|n| n.set(n.get() + 1));
                    (fobj, None)
                }
            },
            None => (fobj, None),
        }
    });
    drop(unused);
    kept
}

/// The position of the running activation whose locals are `fast`.
pub fn pos_of_fast(fast: &FastLocals) -> Option<usize> {
    CODE_STACK.with(|s| {
        let s = s.try_borrow().ok()?;
        s.iter().rposition(|a| Rc::ptr_eq(&a.fast, fast))
    })
}

/// The position of the running activation `fobj` is attached to.
pub fn pos_of_fobj(fobj: &Obj) -> Option<usize> {
    CODE_STACK.with(|s| {
        let s = s.try_borrow().ok()?;
        s.iter()
            .rposition(|a| a.fobj.as_ref().is_some_and(|f| f.is(fobj)))
    })
}

/// At a frame's exit: the position of its activation (found by its locals
/// `fast`; normally the top one) and that activation's frame object,
/// detached. One borrow of the stack.
pub fn exit_info(fast: &FastLocals) -> (Option<usize>, Option<Obj>) {
    CODE_STACK.with(|s| {
        let Ok(mut s) = s.try_borrow_mut() else {
            return (None, None);
        };
        let Some(pos) = s.iter().rposition(|a| Rc::ptr_eq(&a.fast, fast)) else {
            return (None, None);
        };
        let f = s[pos].fobj.take();
        if f.is_some() {
            ATTACHED.with(|n| n.set(n.get().saturating_sub(1)));
        }
        (Some(pos), f)
    })
}

/// True when some running activation has a frame object attached.
#[inline]
pub fn any_attached() -> bool {
    ATTACHED.with(|n| n.get() != 0)
}

/// The live fast locals and cells of the activation at `pos`.
pub fn live_locals(pos: usize) -> Option<(FastLocals, Vec<Obj>)> {
    CODE_STACK.with(|s| {
        let s = s.try_borrow().ok()?;
        let a = s.get(pos)?;
        Some((a.fast.clone(), a.cells.clone()))
    })
}

/// The current instruction index of the activation `fobj` is attached to
/// (None once it has ended).
pub fn live_lasti(fobj: &Obj) -> Option<usize> {
    CODE_STACK.with(|s| {
        let s = s.try_borrow().ok()?;
        let mut lasti = CUR_LASTI.with(|c| c.get());
        for a in s.iter().rev() {
            if a.fobj.as_ref().is_some_and(|f| f.is(fobj)) {
                return Some(lasti);
            }
            lasti = a.saved;
        }
        None
    })
}
