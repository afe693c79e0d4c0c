//! Runtime core: the object handle alias, Python errors, native-function
//! signatures and the per-thread interpreter state.
//!
//! Read [`PyErr`] and [`NativeFn`] first. Invariants:
//! - every fallible runtime function returns [`PyResult`]; the error is a real
//!   exception object;
//! - no `RefCell` of interpreter state is borrowed across a call into Python
//!   code, an allocation of a GC object, or a drop of a possibly-last `Obj`
//!   (all can run `__del__` re-entrantly): clone out, release, then act.

use std::cell::{Cell, RefCell};

pub use pyheap_mem::Ref as Obj;

/// A raised Python exception (the exception instance).
#[derive(Debug, Clone)]
pub struct PyErr {
    pub exc: Obj,
}

pub type PyResult<T = Obj> = Result<T, PyErr>;

/// Keyword arguments: (interned name str, value) in call order.
pub type Kw = Vec<(Obj, Obj)>;

/// A builtin function or method. For methods `args[0]` is `self`.
pub type NativeFn = fn(args: Vec<Obj>, kw: Kw) -> PyResult<Obj>;
/// A native that only reads its positional arguments (no vector needed).
pub type NativeSlice = fn(args: &[Obj], kw: Kw) -> PyResult<Obj>;

/// Per-thread interpreter state that is not an object.
pub struct VmState {
    /// Handled-exception stack (`sys.exc_info()`), one entry per generator
    /// activation plus the base entry.
    pub exc_stack: std::mem::ManuallyDrop<RefCell<Vec<Option<Obj>>>>,
    /// Source text of compiled files, for tracebacks.
    pub sources: RefCell<Vec<(String, std::rc::Rc<str>)>>,
}

thread_local! {
    // NOTE: apart from `VM` (lazily initialised, with a destructor), so the
    // per-call depth check is a plain thread-local access.
    /// Python call depth (frames + C-level recursion such as nested repr).
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    static RECURSION_LIMIT: Cell<usize> = const { Cell::new(1000) };
}

/// The current Python call depth.
pub fn recursion_depth() -> usize {
    DEPTH.with(|d| d.get())
}

/// `sys.getrecursionlimit()`.
pub fn recursion_limit() -> usize {
    RECURSION_LIMIT.with(|l| l.get())
}

/// `sys.setrecursionlimit()` (checked by the caller).
pub fn set_recursion_limit(n: usize) {
    RECURSION_LIMIT.with(|l| l.set(n));
}

thread_local! {
    pub static VM: VmState = VmState {
        exc_stack: std::mem::ManuallyDrop::new(RefCell::new(vec![None])),
        sources: RefCell::new(Vec::new()),
    };
}

/// The currently handled exception (`sys.exc_info()[1]`).
pub fn current_exc() -> Option<Obj> {
    VM.with(|v| {
        let s = v.exc_stack.borrow();
        s.iter().rev().find_map(|e| e.clone())
    })
}

/// Replaces the top handled-exception entry, returning the previous one.
pub fn swap_top_exc(new: Option<Obj>) -> Option<Obj> {
    VM.with(|v| {
        let mut s = v.exc_stack.borrow_mut();
        match s.last_mut() {
            Some(top) => std::mem::replace(top, new),
            None => {
                s.push(new);
                None
            }
        }
    })
}

/// The top handled-exception entry itself (may be None even if a lower one is set).
pub fn top_exc() -> Option<Obj> {
    VM.with(|v| v.exc_stack.borrow().last().cloned().flatten())
}

pub fn push_exc_state(e: Option<Obj>) {
    VM.with(|v| v.exc_stack.borrow_mut().push(e));
}

pub fn pop_exc_state() -> Option<Obj> {
    VM.with(|v| v.exc_stack.borrow_mut().pop().flatten())
}

/// Remembers a source text for traceback lines.
pub fn remember_source(filename: &str, src: &str) {
    VM.with(|v| {
        let mut s = v.sources.borrow_mut();
        s.retain(|(f, _)| f != filename);
        s.push((filename.to_string(), std::rc::Rc::from(src)));
    });
}

/// Line `n` (1-based) of a remembered source or the file on disk.
pub fn source_line(filename: &str, n: u32) -> Option<String> {
    let src = VM.with(|v| {
        v.sources
            .borrow()
            .iter()
            .find(|(f, _)| f == filename)
            .map(|(_, s)| s.clone())
    });
    let text: String = match src {
        Some(s) => s.to_string(),
        None => std::fs::read_to_string(filename).ok()?,
    };
    text.lines()
        .nth((n as usize).checked_sub(1)?)
        .map(|s| s.to_string())
}

thread_local! {
    /// Lowest native stack address Python recursion may reach (0: unknown,
    /// no check); see [`set_native_stack`].
    static STACK_FLOOR: Cell<usize> = const { Cell::new(0) };
}

/// Headroom kept below the last Python call for native work between two
/// recursion checks (builtins, the collector, finalizers, printing).
const STACK_MARGIN: usize = 4 << 20;

/// An address in the caller's stack frame (safe: the pointer is only
/// turned into a number, never dereferenced).
#[inline(always)]
fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Records that the current thread's native stack has `size` bytes from
/// about here downwards; from then on [`enter_recursion`] also fails when
/// less than a safety margin is left (a `RecursionError` instead of a
/// native stack overflow when `sys.setrecursionlimit` is set very high).
pub fn set_native_stack(size: usize) {
    let floor = stack_address()
        .saturating_sub(size)
        .saturating_add(STACK_MARGIN);
    STACK_FLOOR.with(|f| f.set(floor));
}

/// Enters one level of Python recursion; fails with RecursionError past the limit.
#[inline(always)]
pub fn enter_recursion(what: &str) -> PyResult<RecursionGuard> {
    if stack_address() < STACK_FLOOR.with(|f| f.get()) {
        return Err(native_stack_exhausted(what));
    }
    let d = DEPTH.with(|d| d.get()) + 1;
    let over = d > RECURSION_LIMIT.with(|l| l.get());
    if !over {
        DEPTH.with(|x| x.set(d));
    }
    if over {
        return Err(recursion_exceeded(what));
    }
    Ok(RecursionGuard)
}

#[cold]
#[inline(never)]
fn native_stack_exhausted(what: &str) -> crate::rt::PyErr {
    // NOTE: CPython 3.11 does not use the C stack for Python-to-Python
    // calls and reaches any limit the heap allows; pyheap's calls
    // recurse natively, so a very high limit ends here, clearly.
    crate::exc::new_err(
        &crate::types::t().recursion_error,
        &format!("maximum recursion depth exceeded{what} (pyheap: native stack exhausted)"),
    )
}

#[cold]
#[inline(never)]
fn recursion_exceeded(what: &str) -> crate::rt::PyErr {
    crate::exc::new_err(
        &crate::types::t().recursion_error,
        &format!("maximum recursion depth exceeded{what}"),
    )
}

/// Decrements the depth when dropped.
pub struct RecursionGuard;

impl Drop for RecursionGuard {
    #[inline]
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}
