//! Frame objects (`types.FrameType`): one per running frame, made on demand
//! by tracebacks, `sys._getframe`, `f_back` and `gi_frame`.
//!
//! Read [`frame_object`] and [`frame_at`] first. Invariants:
//! - a running frame has at most one frame object: it is recorded both in
//!   the eval loop's `Frame::fobj` and in the frame's activation entry
//!   (`crate::frames`), and whichever side makes it first, the other adopts
//!   it (activations are matched to frames by their shared fast locals);
//! - while the frame runs (or is suspended in a generator) the frame object
//!   only views its locals ([`FrameObj::view`], not traversed: the frame
//!   owns those references); when the frame exits with its frame object
//!   still referenced elsewhere, the object takes the locals over
//!   ([`frame_exit`]) and links `f_back` to its caller's frame object, as
//!   CPython 3.11's `take_ownership`;
//! - `f_back` of a running frame is computed from the activation below it,
//!   not stored (a generator's caller changes between resumptions);
//! - `f_locals` of a function frame is one dict per frame object, refreshed
//!   from the locals (and cells) on every access; module, class-body and
//!   `exec` frames give their namespace.

use std::cell::{Cell, RefCell};

use pyheap_mem::{new_object, ObjPtr, Payload, Slot, TypeSlots};

use crate::eval::Frame;
use crate::frames::FastLocals;
use crate::objects::dict;
use crate::rt::{Obj, PyResult};
use crate::types::t;

pub struct FrameObj {
    pub code: Slot,
    pub globals: Slot,
    pub lasti: Cell<usize>,
    /// The locals the object took over when its frame exited.
    pub fast: RefCell<Vec<Option<Obj>>>,
    /// The cells the object holds (a copy of the frame's list).
    pub cells: RefCell<Vec<Obj>>,
    /// The running frame's fast locals (a view, see the module docs).
    pub view: RefCell<Option<FastLocals>>,
    pub back: Slot,
    /// `f_locals`: the namespace when `ns_locals`, else the snapshot dict.
    pub locals: Slot,
    pub ns_locals: Cell<bool>,
}

/// Trailing items: padding bytes up to CPython's object size
/// ([`frame_size`]), never read.
impl Payload for FrameObj {
    type Item = u8;
}

/// `frame.__sizeof__` of 3.11: `PyFrameObject` up to its embedded
/// `_PyInterpreterFrame` (48) + the frame's header (72) + one word per
/// local, cell, free variable and stack slot of the code.
pub fn frame_size(code: &Obj) -> usize {
    FRAME_BASICSIZE + 8 * crate::code::frame_slots(code)
}

/// CPython's `tp_basicsize` of frame objects.
pub const FRAME_BASICSIZE: usize = 120;

fn frame_padding(code: &Obj) -> usize {
    crate::code::padding_for::<FrameObj>(frame_size(code))
}

pub fn set_frame_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<FrameObj>(s, 16)
}

pub fn frame_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(f) = o.payload::<FrameObj>() {
        for s in [&f.code, &f.globals, &f.back, &f.locals] {
            if let Some(p) = s.peek() {
                visit(p);
            }
        }
        if let Ok(fast) = f.fast.try_borrow() {
            for v in fast.iter().flatten() {
                visit(v.ptr());
            }
        }
        if let Ok(cells) = f.cells.try_borrow() {
            for c in cells.iter() {
                visit(c.ptr());
            }
        }
    }
}

pub fn frame_clear(o: &Obj) {
    if let Some(f) = o.payload::<FrameObj>() {
        let old = std::mem::take(&mut *f.fast.borrow_mut());
        drop(old);
        let old = std::mem::take(&mut *f.cells.borrow_mut());
        drop(old);
        let old = f.view.borrow_mut().take();
        drop(old);
        drop(f.back.take());
        drop(f.locals.take());
    }
}

fn is_module_code(code: &Obj) -> bool {
    crate::code::co(code).is_some_and(|c| c.unit.name == "<module>")
}

/// A new frame object (tracked).
fn new_frame_obj(
    code: Obj,
    globals: Obj,
    lasti: usize,
    ns: Option<Obj>,
    view: Option<(FastLocals, Vec<Obj>)>,
) -> Obj {
    let ns = ns.or_else(|| is_module_code(&code).then(|| globals.clone()));
    let (view, cells) = match view {
        Some((v, c)) => (Some(v), c),
        None => (None, Vec::new()),
    };
    let padding = frame_padding(&code);
    let f = new_object(
        &t().frame,
        FrameObj {
            code: Slot::new(Some(code)),
            globals: Slot::new(Some(globals)),
            lasti: Cell::new(lasti),
            fast: RefCell::new(Vec::new()),
            cells: RefCell::new(cells),
            view: RefCell::new(view),
            back: Slot::new(None),
            ns_locals: Cell::new(ns.is_some()),
            locals: Slot::new(ns),
        },
        padding,
    )
    .unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&f);
    f
}

/// Takes over a frame object its activation got (from `sys._getframe` or
/// `f_back`) into `frame.fobj`.
pub fn adopt_frame_object(frame: &mut Frame) {
    if frame.fobj.is_none() {
        if let Some(p) = crate::frames::pos_of_fast(&frame.fast) {
            frame.fobj = crate::frames::activation_info(p).and_then(|a| a.fobj);
        }
    }
}

/// The frame object of `frame` (created on first use).
pub fn frame_object(frame: &mut Frame) -> Obj {
    adopt_frame_object(frame);
    if let Some(f) = &frame.fobj {
        if let Some(fo) = f.payload::<FrameObj>() {
            fo.lasti.set(frame.lasti);
        }
        return f.clone();
    }
    let f = new_frame_obj(
        frame.code.clone(),
        frame.globals_obj(),
        frame.lasti,
        frame.locals.clone(),
        Some((frame.fast.clone(), frame.cells.clone())),
    );
    let f = match crate::frames::pos_of_fast(&frame.fast) {
        Some(p) => crate::frames::attach_frame_object(p, f),
        None => f,
    };
    frame.fobj = Some(f.clone());
    f
}

/// The frame object of the running activation at `pos` (0 = oldest),
/// created on first use.
pub fn frame_at(pos: usize) -> Option<Obj> {
    let a = crate::frames::activation_info(pos)?;
    if a.fobj.is_some() {
        return a.fobj;
    }
    let view = crate::frames::live_locals(pos);
    let f = new_frame_obj(a.code, a.globals, a.lasti, a.locals, view);
    Some(crate::frames::attach_frame_object(pos, f))
}

/// At frame exit: a frame object referenced elsewhere takes the locals and
/// cells over and links `f_back` to the caller's frame object.
#[inline]
pub fn frame_exit(frame: &mut Frame) {
    if frame.fobj.is_none() && !crate::frames::any_attached() {
        return;
    }
    frame_exit_slow(frame);
}

fn frame_exit_slow(frame: &mut Frame) {
    let (pos, attached) = crate::frames::exit_info(&frame.fast);
    let fo = match (frame.fobj.take(), attached) {
        (Some(f), other) => {
            drop(other);
            f
        }
        (None, Some(a)) => a,
        (None, None) => return,
    };
    let Some(f) = fo.payload::<FrameObj>() else {
        return;
    };
    f.lasti.set(frame.lasti);
    let view = f.view.borrow_mut().take();
    drop(view);
    if fo.refcnt() <= 1 {
        return;
    }
    let vals: Vec<Option<Obj>> = frame.fast.iter().map(|s| s.take()).collect();
    let old = std::mem::replace(&mut *f.fast.borrow_mut(), vals);
    drop(old);
    let old = std::mem::replace(&mut *f.cells.borrow_mut(), frame.cells.clone());
    drop(old);
    if f.back.peek().is_none() {
        if let Some(p) = pos.filter(|p| *p > 0) {
            f.back.set(frame_at(p - 1));
        }
    }
}

/// `frame.f_back`.
pub fn back_of(o: &Obj) -> Option<Obj> {
    let f = o.payload::<FrameObj>()?;
    if let Some(b) = f.back.get() {
        return Some(b);
    }
    let pos = crate::frames::pos_of_fobj(o)?;
    if pos == 0 {
        return None;
    }
    frame_at(pos - 1)
}

/// `sys._getframe(depth)`.
pub fn getframe(depth: usize) -> PyResult<Obj> {
    let total = crate::frames::depth();
    if depth >= total {
        return Err(crate::exc::value_err("call stack is not deep enough"));
    }
    frame_at(total - 1 - depth)
        .ok_or_else(|| crate::exc::value_err("call stack is not deep enough"))
}

/// `frame.f_locals`.
pub fn locals_of(o: &Obj) -> PyResult<Obj> {
    let Some(f) = o.payload::<FrameObj>() else {
        return Ok(dict::new_dict());
    };
    if f.ns_locals.get() {
        if let Some(l) = f.locals.get() {
            return Ok(l);
        }
    }
    let view = f.view.borrow().clone();
    let vals: Vec<Option<Obj>> = match &view {
        Some(v) => v.iter().map(|s| s.get()).collect(),
        None => f.fast.borrow().clone(),
    };
    let cells = f.cells.borrow().clone();
    let d = match f.locals.get() {
        Some(d) => d,
        None => {
            let d = dict::new_dict();
            f.locals.set(Some(d.clone()));
            d
        }
    };
    if let Some(code) = f.code.get() {
        fill_locals(&d, &code, &vals, &cells)?;
    }
    Ok(d)
}

/// Sets (or deletes, when unbound) each local of `code` in `d`, in
/// CPython's order: locals (an argument captured by a cell in its own
/// position), then the other cell variables, then free variables.
fn fill_locals(d: &Obj, code: &Obj, vals: &[Option<Obj>], cells: &[Obj]) -> PyResult<()> {
    let Some(c) = crate::code::co(code) else {
        return Ok(());
    };
    let cell_value = |j: usize| {
        cells
            .get(j)
            .and_then(|cell| cell.payload::<crate::objects::func::CellObj>())
            .and_then(|x| x.v.get())
    };
    let put = |name: &Obj, v: Option<Obj>| -> PyResult<()> {
        match v {
            Some(v) => dict::set_item(d, name.clone(), v),
            None => dict::del_item(d, name).map(drop),
        }
    };
    let u = &c.unit;
    for (i, name) in c.varnames.iter().enumerate() {
        let mut v = vals.get(i).cloned().flatten();
        if v.is_none() {
            if let Some(j) = u.cell2arg.iter().position(|a| *a == Some(i as u32)) {
                v = cell_value(j);
            }
        }
        put(name, v)?;
    }
    for (j, name) in c.cellnames.iter().enumerate() {
        if u.cell2arg.get(j).copied().flatten().is_some() {
            continue;
        }
        put(name, cell_value(j))?;
    }
    Ok(())
}
