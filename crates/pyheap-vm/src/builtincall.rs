//! The `CALL` fast path for natives that borrow their arguments
//! (`Native::S`): a builtin function such as `len` or `isinstance`, or a
//! `method_descriptor` such as `list.append` found by `LOAD_METHOD`, called
//! with positional arguments only. The arguments move from the value stack
//! into an inline array (no heap vector, no `ops::call` dispatch).
//!
//! Read [`try_call`] first. Invariants: the same references are held as on
//! the general path (arguments are owned by the argument array for the
//! duration of the call and released before the callable, which stays on
//! the value stack until the call returns); anything else (keywords, a builtin
//! bound to a `self`, a descriptor whose first argument is not an instance
//! of its owner, other natives) returns `None` without touching the stack,
//! and the general path runs (and raises the usual errors).

use smallvec::SmallVec;

use crate::eval::Frame;
use crate::objects::func::{BuiltinObj, DescrObj, Native};
use crate::rt::{NativeSlice, Obj, PyResult};
use crate::types::{none, t};

/// Argument arrays up to this length live on the native stack.
const INLINE_ARGS: usize = 6;

/// The slice-native behind `f` when `f` takes the fast path with `args`
/// (the positional arguments including any `self`).
fn slice_native(f: &Obj, args: &[Option<Obj>]) -> Option<NativeSlice> {
    if let Some(b) = f.payload::<BuiltinObj>() {
        if b.self_.peek().is_some() {
            return None;
        }
        return match b.def.imp {
            Native::S(n) => Some(n),
            _ => None,
        };
    }
    let d = f.payload::<DescrObj>()?;
    let Native::S(n) = d.def.imp else {
        return None;
    };
    if !f.has_type(&t().method_descriptor) {
        return None;
    }
    // `self` must be an instance of the owner (else the general path
    // raises the descriptor's TypeError).
    let s = args.first()?.as_ref()?;
    let owner = d.owner.get()?;
    if !crate::types::isinstance(s, &owner) {
        return None;
    }
    Some(n)
}

/// Runs `CALL argc` (no keyword names) when the callable is a slice
/// native; `None` leaves the stack as it was.
pub fn try_call(frame: &mut Frame, argc: usize) -> Option<PyResult<Obj>> {
    let (base, is_meth) = frame.call_base(argc)?;
    let (f, first) = if is_meth {
        (frame.stack[base].as_ref()?, base + 1)
    } else {
        (frame.stack[base + 1].as_ref()?, base + 2)
    };
    let native = slice_native(f, &frame.stack[first..])?;
    // NOTE: the commonest arities pop into a plain array (cheaper than
    // draining into the SmallVec). The callable stays on the stack during
    // the call and is released after the arguments, as on the general path.
    let r = match frame.stack.len() - first {
        1 => {
            let a = pop(frame);
            native(&[a], Vec::new())
        }
        2 => {
            let b = pop(frame);
            let a = pop(frame);
            native(&[a, b], Vec::new())
        }
        _ => {
            let args: SmallVec<[Obj; INLINE_ARGS]> = frame
                .stack
                .drain(first..)
                .map(|v| v.unwrap_or_else(none))
                .collect();
            native(&args, Vec::new())
        }
    };
    frame.stack.truncate(base);
    Some(r)
}

#[inline]
fn pop(frame: &mut Frame) -> Obj {
    frame.stack.pop().flatten().unwrap_or_else(none)
}
