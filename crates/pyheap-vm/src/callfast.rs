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

use pyheap_compiler::bytecode::flags;

use crate::code::co;
use crate::eval::{init_cells, run_frame, Exit, Frame};
use crate::objects::func::FuncObj;
use crate::rt::{Obj, PyResult};
use crate::types::t;

/// Code flags that do not change how a call binds or runs.
const PLAIN_FLAGS: u32 =
    flags::CO_OPTIMIZED | flags::CO_NEWLOCALS | flags::CO_NESTED | flags::CO_FUTURE_ANNOTATIONS;

/// Runs `CALL argc` (no keyword names) through the fast path when the
/// callable qualifies; `None` leaves the stack as it was.
pub fn try_call(frame: &mut Frame, argc: usize) -> Option<PyResult<Obj>> {
    let len = frame.stack.len();
    if len < argc + 2 {
        return None;
    }
    let base = len - argc - 2;
    let is_meth = frame.stack[base].is_some();
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
    let mut callee = match fp.builtins.get() {
        Some(b) => Frame::with_builtins(code.clone(), globals, b),
        None => Frame::new(code.clone(), globals, None),
    };
    if callee.fast.len() < nargs {
        return None;
    }
    // Move [callable-or-NULL, callable-or-self, args...] off the stack.
    let mut it = frame.stack.drain(base..);
    let first = it.next().flatten();
    let second = it.next().flatten();
    let (callable, self_) = if is_meth {
        (first, second)
    } else {
        (second, None)
    };
    let mut slots = callee.fast.iter();
    if let Some(s) = self_ {
        if let Some(slot) = slots.next() {
            slot.set(Some(s));
        }
    }
    for (slot, a) in slots.zip(it) {
        slot.set(a);
    }
    let callable = callable?;
    let fp = callable.payload::<FuncObj>()?;
    init_cells(fp, c, &mut callee);
    let r = match crate::rt::enter_recursion("") {
        Ok(_g) => match run_frame(&mut callee, None) {
            Ok(Exit::Return(v)) | Ok(Exit::Yield(v)) => Ok(v),
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    drop(callee);
    drop(callable);
    Some(r)
}
