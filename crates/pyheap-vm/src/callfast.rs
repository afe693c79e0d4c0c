//! The `CALL` fast path for the commonest call: a plain Python function (or
//! a method found by `LOAD_METHOD`) called with exactly its positional
//! parameters and no keywords. Arguments move from the caller's value
//! stack straight into the callee's locals, skipping the argument vectors,
//! `ops::call` dispatch and the general binder.
//!
//! Read [`try_call`] first. Invariants: the same references are held as on
//! the general path (the callable stays referenced for the duration of the
//! call; arguments are owned by the callee's frame); anything unusual
//! (keywords, defaults needed, `*args`/`**kwargs`, keyword-only
//! parameters, generators or any code flag not known to be harmless)
//! returns `None` without touching the stack, and the general path runs.
//!
//! Buffers: the callee's locals block and value stack come from the calling
//! frame's `spare` (what its previous fast-path call left) or the pool in
//! `crate::frames`; after the call they go back to `spare` only when no
//! frame object still views the locals block (`Rc` count 1), so a frame
//! object never sees a later call's locals. The callee is released with
//! `Frame::release_for_reuse` (same release order as dropping it).

use pyheap_compiler::bytecode::flags;

use crate::code::co;
use crate::eval::{init_cells, run_frame_code, Exit, Frame};
use crate::objects::func::FuncObj;
use crate::rt::{Obj, PyResult};
use crate::types::t;

/// Code flags that do not change how a call binds or runs.
const PLAIN_FLAGS: u32 =
    flags::CO_OPTIMIZED | flags::CO_NEWLOCALS | flags::CO_NESTED | flags::CO_FUTURE_ANNOTATIONS;

/// Runs `CALL argc` (no keyword names) through the fast path when the
/// callable qualifies; `None` leaves the stack as it was.
pub fn try_call(frame: &mut Frame, argc: usize) -> Option<PyResult<Obj>> {
    let (base, is_meth) = frame.call_base(argc)?;
    let nargs = argc + usize::from(is_meth);
    let f = if is_meth {
        frame.stack[base].as_ref()?
    } else {
        frame.stack[base + 1].as_ref()?
    };
    if !f.has_type(&t().function) {
        return None;
    }
    let fp = f.payload::<FuncObj>()?;
    let code = fp.code.get()?;
    let c = co(&code)?;
    let u = &c.unit;
    if u.flags & !PLAIN_FLAGS != 0 || u.kwonlyargcount != 0 || u.argcount as usize != nargs {
        return None;
    }
    let globals = fp.globals.get()?;
    // The function's own `func_builtins` (no lookup of `__builtins__` per call).
    let builtins = match fp.builtins.get() {
        Some(b) => b,
        None => crate::eval::builtins_of(&globals),
    };
    let nfast = u.varnames.len();
    if nfast < nargs {
        return None;
    }
    let ncells = u.ncells();
    let spare = frame.spare.take();
    // NOTE: the callee frame lives in this block and is dropped in place at
    // its end (no move of the large `Frame` value).
    let (r, callable, bufs) = {
        let mut callee =
            Frame::with_sizes(code.clone(), globals, builtins, None, spare, nfast, ncells);
        // Move [callable-or-NULL, callable-or-self, args...] off the stack:
        // the arguments last first into their slots, then the call entries.
        for slot in callee.fast[..nargs].iter().rev() {
            slot.set(frame.stack.pop().flatten());
        }
        // NOTE: for a method call self (the second entry) went to the first
        // slot with the arguments; otherwise the NULL below the callable goes.
        let callable = frame.stack.pop().flatten();
        if !is_meth {
            frame.stack.pop();
        }
        let callable = callable?;
        if ncells != 0 {
            init_cells(callable.payload::<FuncObj>()?, c, &mut callee);
        }
        let r = match crate::rt::enter_recursion("") {
            Ok(_g) => match run_frame_code(&mut callee, c, None) {
                Ok(Exit::Return(v)) | Ok(Exit::Yield(v)) => Ok(v),
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        };
        let bufs = callee.release_for_reuse();
        (r, callable, bufs)
    };
    // The callee's buffers stay with this frame for its next call, unless a
    // frame object still views its locals.
    if std::rc::Rc::strong_count(&bufs.0) == 1 && bufs.1.capacity() <= 256 {
        frame.spare = Some(bufs);
    }
    drop(callable);
    Some(r)
}
