//! Generators: a suspended [`Frame`] in a heap object, `send`/`throw`/
//! `close`, `yield from` delegation, and the generator's own exception state.
//!
//! Read [`gen_send`] first. Invariants: while a generator runs, its frame is
//! taken out of the object (`running` is set), so no borrow is held across
//! the Python code it runs; while the frame sits in the object it is parked
//! (`Frame::park`: it holds `f_func` and the code, not the globals and
//! builtins, as 3.11's `_PyInterpreterFrame` in a generator); `code`
//! (`gi_code`) stays after the generator finished.

use std::cell::{Cell, RefCell};

use pyheap_mem::{new_object, ObjPtr, Payload, Slot, TypeSlots, WeakListWord};

use crate::eval::{run_frame, Exit, Frame};
use crate::exc::{new_err, type_err};
use crate::objects::func::FuncObj;
use crate::rt::{Obj, PyErr, PyResult};
use crate::types::{is_none, none, t};

/// NOTE: `repr(C)` so the weakref word's offset is fixed; see [`GEN_WEAKLIST_OFFSET`].
/// `gi_code` and `gi_weakreflist` come first, as in 3.11's `PyGenObject`.
#[repr(C)]
pub struct GenObj {
    pub code: Slot,
    pub weaklist: WeakListWord,
    pub name: Slot,
    pub frame: RefCell<Option<Box<Frame>>>,
    pub running: Cell<bool>,
    pub qualname: Slot,
    pub exc_state: Slot,
    /// While the generator runs (its frame taken out of the object): the
    /// frame's `f_func` and `f_code`, which 3.11's `gen_traverse` still
    /// visits then (an executing frame has no stack top to visit locals by).
    /// NOTE: non-owning; the frame running on the native stack holds both
    /// references for as long as this is set (set and cleared in
    /// [`gen_send`]). A frame object made while running is not included.
    running_refs: Cell<Option<(ObjPtr, ObjPtr)>>,
    /// Async generators only: `async_gen::AG_*` bits.
    pub flags: Cell<u8>,
    /// Async generators only: the `sys.set_asyncgen_hooks` finalizer
    /// captured at the first step (`ag_origin_or_finalizer`).
    pub finalizer: Slot,
}

/// Offset of the weakref-list word from the object address.
pub const GEN_WEAKLIST_OFFSET: usize = 16 + std::mem::offset_of!(GenObj, weaklist);
const _: () = assert!(GEN_WEAKLIST_OFFSET == 24);

/// Trailing items: padding bytes up to CPython's object size ([`sizeof`]),
/// never read.
impl Payload for GenObj {
    type Item = u8;
}

pub fn set_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<GenObj>(s, 16)
}

/// `gen_traverse`: the code, name and qualname, the frame while it is not
/// cleared, then the saved exception.
pub fn traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(g) = o.payload::<GenObj>() {
        // `async_gen_traverse` visits the finalizer before `gen_traverse`.
        if let Some(p) = g.finalizer.peek() {
            visit(p);
        }
        for s in [&g.code, &g.name, &g.qualname] {
            if let Some(p) = s.peek() {
                visit(p);
            }
        }
        if let Ok(f) = g.frame.try_borrow() {
            if let Some(f) = f.as_ref() {
                f.visit(visit);
            }
        }
        if let Some((func, code)) = g.running_refs.get() {
            visit(func);
            visit(code);
        }
        if let Some(p) = g.exc_state.peek() {
            visit(p);
        }
    }
}

pub fn clear(o: &Obj) {
    if let Some(g) = o.payload::<GenObj>() {
        if g.running.get() {
            return;
        }
        let f = g.frame.borrow_mut().take();
        drop(f);
        drop(g.exc_state.take());
        drop(g.finalizer.take());
    }
}

/// `tp_finalize`: close a suspended generator.
pub fn finalize(o: &Obj) {
    let suspended = o.payload::<GenObj>().is_some_and(|g| {
        g.frame
            .try_borrow()
            .ok()
            .and_then(|f| f.as_ref().map(|f| f.started && !f.blocks.is_empty()))
            .unwrap_or(false)
    });
    if suspended {
        if let Err(e) = gen_close(o) {
            crate::builtins::write_unraisable(&e, Some(o));
        }
    }
}

/// A generator for `frame`, a call of the function `func` (`fp` is its payload).
pub fn new_generator(frame: Frame, func: &Obj, fp: &FuncObj) -> Obj {
    new_gen_of(&t().generator, frame, func, fp)
}

/// A generator-like object (generator, coroutine, async generator) of type
/// `ty` around `frame`, a call of the function `func`.
pub fn new_gen_of(ty: &Obj, mut frame: Frame, func: &Obj, fp: &FuncObj) -> Obj {
    let code = frame.code.clone();
    let padding = crate::code::padding_for::<GenObj>(gen_size(&code));
    frame.func = Some(func.clone());
    frame.park();
    let g = new_object(
        ty,
        GenObj {
            code: Slot::new(Some(code)),
            flags: Cell::new(0),
            finalizer: Slot::new(None),
            frame: RefCell::new(Some(Box::new(frame))),
            running: Cell::new(false),
            name: Slot::new(fp.name.get()),
            qualname: Slot::new(fp.qualname.get()),
            exc_state: Slot::new(None),
            weaklist: WeakListWord::default(),
            running_refs: Cell::new(None),
        },
        padding,
    )
    .unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&g);
    g
}

/// A plain generator (not a coroutine or async generator).
pub fn is_generator(o: &Obj) -> bool {
    o.payload::<GenObj>().is_some() && o.has_type(&t().generator)
}

/// Any object built on `GenObj`: generator, coroutine, async generator.
pub fn is_gen_like(o: &Obj) -> bool {
    o.payload::<GenObj>().is_some()
}

/// The word CPython's messages use for this kind of generator object.
pub fn kind_name(o: &Obj) -> &'static str {
    let Some(ct) = crate::coro::types_if_made() else {
        return "generator";
    };
    if o.has_type(&ct.coroutine) {
        "coroutine"
    } else if o.has_type(&ct.async_generator) {
        "async generator"
    } else {
        "generator"
    }
}

/// `sys.getsizeof` minus the GC header: CPython 3.11 embeds the frame
/// (`offsetof(PyGenObject, gi_iframe)` 80 + frame header 72, then one word
/// per local, cell, free variable and stack slot of `gi_code`).
/// NOTE: the frame lives in a Rust `Box` here; the object is padded to
/// this size (so its block is CPython's) and the reported size is CPython's
/// formula over the same code geometry.
pub fn sizeof(o: &Obj) -> Option<usize> {
    let g = o.payload::<GenObj>()?;
    Some(gen_size(&g.code.get()?))
}

/// `offsetof(PyGenObject, gi_iframe)` + the frame header: CPython's
/// `tp_basicsize` of generators, coroutines and async generators.
pub const GEN_BASICSIZE: usize = 152;

fn gen_size(code: &Obj) -> usize {
    GEN_BASICSIZE + 8 * crate::code::frame_slots(code)
}

/// Result of resuming a generator or delegating to an iterator.
pub enum Sent {
    Yielded(Obj),
    Returned(Obj),
}

/// Resumes the generator with a value (or an exception to throw).
pub fn gen_send(g: &Obj, value: Obj, throw: Option<PyErr>) -> PyResult<Sent> {
    let Some(gp) = g.payload::<GenObj>() else {
        return Err(type_err("not a generator"));
    };
    let kind = kind_name(g);
    if gp.running.get() {
        return Err(crate::exc::value_err(&format!("{kind} already executing")));
    }
    let Some(mut frame) = gp.frame.borrow_mut().take() else {
        if kind == "coroutine" {
            return Err(crate::exc::runtime_err(
                "cannot reuse already awaited coroutine",
            ));
        }
        return match throw {
            Some(e) => Err(e),
            None => Err(crate::exc::stop_iteration(None)),
        };
    };
    frame.unpark();
    if !frame.started {
        if throw.is_none() && !is_none(&value) {
            frame.park();
            *gp.frame.borrow_mut() = Some(frame);
            return Err(type_err(&format!(
                "can't send non-None value to a just-started {kind}"
            )));
        }
        frame.started = true;
    } else if throw.is_none() {
        frame.stack.push(Some(value));
    }
    gp.running.set(true);
    gp.running_refs
        .set(frame.func.as_ref().map(|f| (f.ptr(), frame.code.ptr())));
    crate::rt::push_exc_state(gp.exc_state.take());
    let r = {
        let _g = crate::rt::enter_recursion("");
        match _g {
            Ok(_guard) => resume(&mut frame, throw),
            Err(e) => Err(e),
        }
    };
    let st = crate::rt::pop_exc_state();
    gp.exc_state.set(st);
    gp.running_refs.set(None);
    gp.running.set(false);
    match r {
        Ok(Exit::Yield(v)) => {
            frame.park();
            *gp.frame.borrow_mut() = Some(frame);
            Ok(Sent::Yielded(v))
        }
        Ok(Exit::Return(v)) => {
            drop(frame);
            Ok(Sent::Returned(v))
        }
        Err(e) => {
            drop(frame);
            let stop_async =
                kind == "async generator" && crate::exc::matches(&e, &crate::coro::stop_async());
            if crate::exc::matches(&e, &t().stop_iteration) || stop_async {
                let what = if stop_async {
                    "StopAsyncIteration"
                } else {
                    "StopIteration"
                };
                let re = new_err(&t().runtime_error, &format!("{kind} raised {what}"));
                if let Some(p) = crate::exc::ep(&re.exc) {
                    p.cause.set(Some(e.exc.clone()));
                    p.context.set(Some(e.exc));
                    p.suppress_context.set(true);
                }
                return Err(re);
            }
            Err(e)
        }
    }
}

/// Runs the frame; a throw into a frame suspended in `yield from` goes to
/// the delegate first.
fn resume(frame: &mut Frame, throw: Option<PyErr>) -> PyResult<Exit> {
    if let Some(e) = throw {
        let at_yf = crate::code::co(&frame.code)
            .and_then(|c| c.unit.instructions.get(frame.ip).copied())
            .is_some_and(|i| matches!(i, pyheap_compiler::Instruction::YieldFrom));
        if at_yf {
            let delegate = frame.stack.last().cloned().flatten();
            if let Some(d) = delegate {
                let is_exit = crate::exc::matches(&e, &t().generator_exit);
                let r: PyResult<Option<Sent>> = if is_exit {
                    let close = if is_gen_like(&d) {
                        gen_close(&d).map(|_| None::<Sent>)
                    } else {
                        match crate::attr::getattr_opt(&d, "close") {
                            Ok(Some(c)) => {
                                crate::ops::call(&c, vec![], vec![]).map(|_| None::<Sent>)
                            }
                            Ok(None) => Ok(None),
                            Err(x) => Err(x),
                        }
                    };
                    match close {
                        Ok(_) => Err(e),
                        Err(x) => Err(x),
                    }
                } else if is_gen_like(&d) {
                    gen_send(&d, none(), Some(e)).map(Some)
                } else {
                    match crate::attr::getattr_opt(&d, "throw")? {
                        Some(th) => match crate::ops::call(&th, vec![e.exc.clone()], vec![]) {
                            Ok(v) => Ok(Some(Sent::Yielded(v))),
                            Err(x) if crate::exc::matches(&x, &t().stop_iteration) => {
                                Ok(Some(Sent::Returned(stop_value(&x))))
                            }
                            Err(x) => Err(x),
                        },
                        None => Err(e),
                    }
                };
                match r {
                    Ok(Some(Sent::Yielded(v))) => return Ok(Exit::Yield(v)),
                    Ok(Some(Sent::Returned(v))) => {
                        frame.stack.pop();
                        frame.stack.push(Some(v));
                        frame.ip += 1;
                        return run_frame(frame, None);
                    }
                    Ok(None) => return run_frame(frame, None),
                    Err(x) => {
                        frame.stack.pop();
                        frame.ip += 1;
                        return run_frame(frame, Some(x));
                    }
                }
            }
        }
        return run_frame(frame, Some(e));
    }
    run_frame(frame, None)
}

/// `StopIteration.value` of an error.
pub fn stop_value(e: &PyErr) -> Obj {
    let d = crate::exc::exc_dict(&e.exc);
    crate::objects::dict::get_str(&d, "value").unwrap_or_else(none)
}

/// `yield from` step: send `x` to the delegate `it`.
pub fn delegate_send(it: &Obj, x: Obj) -> PyResult<Sent> {
    if is_gen_like(it) {
        return match gen_send(it, x, None) {
            Err(e) if crate::exc::matches(&e, &t().stop_iteration) => {
                Ok(Sent::Returned(stop_value(&e)))
            }
            r => r,
        };
    }
    let r = if is_none(&x) {
        match crate::ops::next_raw(it) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => return Ok(Sent::Returned(none())),
            Err(e) => Err(e),
        }
    } else {
        crate::ops::call_method(it, "send", vec![x])
    };
    match r {
        Ok(v) => Ok(Sent::Yielded(v)),
        Err(e) if crate::exc::matches(&e, &t().stop_iteration) => {
            Ok(Sent::Returned(stop_value(&e)))
        }
        Err(e) => Err(e),
    }
}

/// `gen.close()`.
pub fn gen_close(g: &Obj) -> PyResult<()> {
    let started = g
        .payload::<GenObj>()
        .and_then(|gp| {
            gp.frame
                .try_borrow()
                .ok()
                .map(|f| f.as_ref().map(|f| f.started))
        })
        .flatten();
    match started {
        None => return Ok(()),
        Some(false) => {
            if let Some(gp) = g.payload::<GenObj>() {
                let f = gp.frame.borrow_mut().take();
                drop(f);
            }
            return Ok(());
        }
        Some(true) => {}
    }
    let exit = crate::exc::new_exc(&t().generator_exit, vec![]);
    match gen_send(g, none(), Some(PyErr { exc: exit })) {
        Ok(Sent::Yielded(_)) => Err(crate::exc::runtime_err("generator ignored GeneratorExit")),
        Ok(Sent::Returned(_)) => Ok(()),
        Err(e)
            if crate::exc::matches(&e, &t().generator_exit)
                || crate::exc::matches(&e, &t().stop_iteration) =>
        {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// `next(gen)`: Some(value) or None when finished (StopIteration value dropped).
pub fn gen_next(g: &Obj) -> PyResult<Option<Obj>> {
    match gen_send(g, none(), None) {
        Ok(Sent::Yielded(v)) => Ok(Some(v)),
        Ok(Sent::Returned(v)) => {
            if is_none(&v) {
                Ok(None)
            } else {
                Err(crate::exc::stop_iteration(Some(v)))
            }
        }
        Err(e) => Err(e),
    }
}

// Python-visible methods ---------------------------------------------------

pub fn py_send(args: Vec<Obj>, _kw: crate::rt::Kw) -> PyResult<Obj> {
    let g = args.first().cloned().unwrap_or_else(none);
    let v = args.get(1).cloned().unwrap_or_else(none);
    match gen_send(&g, v, None)? {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(crate::exc::stop_iteration(if is_none(&v) {
            None
        } else {
            Some(v)
        })),
    }
}

pub fn py_throw(args: Vec<Obj>, _kw: crate::rt::Kw) -> PyResult<Obj> {
    let g = args.first().cloned().unwrap_or_else(none);
    let Some(v) = args.get(1).cloned() else {
        return Err(type_err("throw expected at least 1 argument, got 0"));
    };
    let exc = if crate::types::is_type(&v) {
        let val = args.get(2).cloned().filter(|x| !is_none(x));
        match val {
            Some(x) if crate::types::isinstance(&x, &v) => x,
            Some(x) => crate::ops::call(&v, vec![x], vec![])?,
            None => crate::ops::call(&v, vec![], vec![])?,
        }
    } else {
        v
    };
    if !crate::types::isinstance(&exc, &t().base_exception) {
        return Err(type_err(
            "exceptions must be classes or instances deriving from BaseException, not str",
        ));
    }
    match gen_send(&g, none(), Some(PyErr { exc }))? {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(crate::exc::stop_iteration(if is_none(&v) {
            None
        } else {
            Some(v)
        })),
    }
}

pub fn py_close(args: Vec<Obj>, _kw: crate::rt::Kw) -> PyResult<Obj> {
    let g = args.first().cloned().unwrap_or_else(none);
    gen_close(&g)?;
    Ok(none())
}
