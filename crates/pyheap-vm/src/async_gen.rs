//! Async generators (`async def` with `yield`): the `asend`/`athrow`
//! awaitables that drive them, wrapped yielded values, and the
//! `async for` protocol (`GetAiter`, `GetAnext`).
//!
//! Read [`unwrap_value`] first: an async generator's frame yields two kinds
//! of values through `gen::gen_send`: values its own `yield` produced
//! (wrapped by `AsyncGenWrap`), which end the current `asend` with
//! `StopIteration(value)`, and values its awaits pass through, which the
//! `asend` yields on to whoever drives it (the event loop).
//! Invariants (CPython 3.11's `genobject.c`):
//! - `AG_RUNNING_ASYNC` is set from the first step of an `asend`/`athrow`
//!   until it finishes, so a second `__anext__()` awaited meanwhile fails;
//! - `AG_CLOSED` is set once the generator finished (`StopAsyncIteration`,
//!   `GeneratorExit`) or `aclose()` started;
//! - an awaitable's state goes INIT → ITER → CLOSED and never back.

use std::cell::Cell;

use pyheap_mem::{ObjPtr, Payload, Slot, TypeSlots};

use crate::exc::{runtime_err, type_err};
use crate::gen::{self, GenObj, Sent};
use crate::rt::{Kw, Obj, PyErr, PyResult};
use crate::types::{is_none, none, py_bool, t, tname};

pub const AG_RUNNING_ASYNC: u8 = 1;
pub const AG_CLOSED: u8 = 2;
pub const AG_HOOKS_INITED: u8 = 4;

const INIT: u8 = 0;
const ITER: u8 = 1;
const CLOSED: u8 = 2;

/// `async_generator_asend` / `async_generator_athrow`.
pub struct AwaitableObj {
    pub gen: Slot,
    /// asend: the value to send; athrow: the `(typ, val, tb)` tuple, or
    /// empty for `aclose()`.
    pub arg: Slot,
    pub state: Cell<u8>,
    pub aclose: Cell<bool>,
}

impl Payload for AwaitableObj {
    type Item = pyheap_mem::typed::NoItems;
}

pub fn set_awaitable_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<AwaitableObj>(s, 16)
}

pub fn awaitable_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(a) = o.payload::<AwaitableObj>() {
        for s in [&a.gen, &a.arg] {
            if let Some(p) = s.peek() {
                visit(p);
            }
        }
    }
}

pub fn awaitable_clear(o: &Obj) {
    if let Some(a) = o.payload::<AwaitableObj>() {
        drop(a.gen.take());
        drop(a.arg.take());
    }
}

pub fn register(ag: &Obj, asend: &Obj, athrow: &Obj) {
    use crate::types::add_method;
    add_method(ag, "__aiter__", self_m);
    add_method(ag, "__anext__", ag_anext);
    add_method(ag, "asend", ag_asend);
    add_method(ag, "athrow", ag_athrow);
    add_method(ag, "aclose", ag_aclose);
    for ty in [asend, athrow] {
        add_method(ty, "send", aw_send);
        add_method(ty, "throw", aw_throw);
        add_method(ty, "close", aw_close);
        add_method(ty, "__next__", aw_next);
        add_method(ty, "__iter__", self_m);
        add_method(ty, "__await__", self_m);
    }
}

fn self_m(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(args.first().cloned().unwrap_or_else(none))
}

fn is_agen(o: &Obj) -> bool {
    crate::coro::types_if_made().is_some_and(|ct| o.has_type(&ct.async_generator))
}

fn flag(ag: &Obj, bit: u8) -> bool {
    ag.payload::<GenObj>()
        .is_some_and(|g| g.flags.get() & bit != 0)
}

fn set_flag(ag: &Obj, bit: u8, on: bool) {
    if let Some(g) = ag.payload::<GenObj>() {
        let f = g.flags.get();
        g.flags.set(if on { f | bit } else { f & !bit });
    }
}

pub fn ag_running(o: &Obj) -> PyResult<Obj> {
    Ok(py_bool(flag(o, AG_RUNNING_ASYNC)))
}

fn new_awaitable(ty: &Obj, ag: Obj, arg: Obj, aclose: bool) -> Obj {
    let o = pyheap_mem::new_object(
        ty,
        AwaitableObj {
            gen: Slot::new(Some(ag)),
            arg: Slot::new(Some(arg)),
            state: Cell::new(INIT),
            aclose: Cell::new(aclose),
        },
        0,
    )
    .unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&o);
    o
}

/// `ag.__anext__()`.
pub fn anext(ag: &Obj) -> Obj {
    new_awaitable(&crate::coro::types().asend, ag.clone(), none(), false)
}

fn agen_arg(args: &[Obj]) -> PyResult<Obj> {
    args.first()
        .filter(|a| is_agen(a))
        .cloned()
        .ok_or_else(|| type_err("descriptor requires an 'async_generator' object"))
}

fn ag_anext(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let ag = agen_arg(&args)?;
    init_hooks(&ag)?;
    Ok(anext(&ag))
}

fn ag_asend(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let ag = agen_arg(&args)?;
    init_hooks(&ag)?;
    let v = args.get(1).cloned().unwrap_or_else(none);
    Ok(new_awaitable(&crate::coro::types().asend, ag, v, false))
}

fn ag_athrow(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let ag = agen_arg(&args)?;
    init_hooks(&ag)?;
    if args.len() < 2 {
        return Err(type_err("athrow expected at least 1 argument, got 0"));
    }
    let rest = crate::objects::tuple::new_tuple(args[1..].to_vec());
    Ok(new_awaitable(&crate::coro::types().athrow, ag, rest, false))
}

fn ag_aclose(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let ag = agen_arg(&args)?;
    init_hooks(&ag)?;
    Ok(new_awaitable(
        &crate::coro::types().athrow,
        ag,
        none(),
        true,
    ))
}

/// One step of the generator; a finished one returns at once.
fn step(ag: &Obj, v: Obj, throw: Option<PyErr>) -> PyResult<Sent> {
    let finished = ag
        .payload::<GenObj>()
        .is_some_and(|g| g.frame.try_borrow().is_ok_and(|f| f.is_none()));
    if finished {
        return match throw {
            Some(e) => Err(e),
            None => Ok(Sent::Returned(none())),
        };
    }
    gen::gen_send(ag, v, throw)
}

/// CPython's `async_gen_unwrap_value`.
fn unwrap_value(ag: &Obj, r: PyResult<Sent>) -> PyResult<Obj> {
    match r {
        Ok(Sent::Yielded(v)) => {
            if v.has_type(&crate::coro::types().wrapped_value) {
                set_flag(ag, AG_RUNNING_ASYNC, false);
                let inner = crate::objects::misc::oneref(&v).unwrap_or_else(none);
                return Err(stop_iteration_with(inner));
            }
            Ok(v)
        }
        Ok(Sent::Returned(_)) => {
            set_flag(ag, AG_CLOSED, true);
            set_flag(ag, AG_RUNNING_ASYNC, false);
            Err(PyErr {
                exc: crate::exc::new_exc(&crate::coro::stop_async(), vec![]),
            })
        }
        Err(e) => {
            if crate::exc::matches(&e, &crate::coro::stop_async())
                || crate::exc::matches(&e, &t().generator_exit)
            {
                set_flag(ag, AG_CLOSED, true);
            }
            set_flag(ag, AG_RUNNING_ASYNC, false);
            Err(e)
        }
    }
}

/// `StopIteration` carrying `v` as its value (`_PyGen_SetStopIterationValue`).
fn stop_iteration_with(v: Obj) -> PyErr {
    if is_none(&v) {
        crate::exc::stop_iteration(None)
    } else {
        crate::exc::stop_iteration(Some(v))
    }
}

fn aw_parts(args: &[Obj]) -> PyResult<(Obj, &AwaitableObj, Obj)> {
    let o = args
        .first()
        .ok_or_else(|| type_err("descriptor needs an argument"))?;
    let p = o
        .payload::<AwaitableObj>()
        .ok_or_else(|| type_err("not an async generator awaitable"))?;
    let ag = p.gen.get().ok_or_else(|| runtime_err("bad awaitable"))?;
    Ok((o.clone(), p, ag))
}

fn is_athrow(o: &Obj) -> bool {
    crate::coro::types_if_made().is_some_and(|ct| o.has_type(&ct.athrow))
}

fn reuse_error(o: &Obj) -> PyErr {
    if is_athrow(o) {
        runtime_err("cannot reuse already awaited aclose()/athrow()")
    } else {
        runtime_err("cannot reuse already awaited __anext__()/asend()")
    }
}

fn aw_send(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let v = args.get(1).cloned().unwrap_or_else(none);
    let (o, p, ag) = aw_parts(&args)?;
    if is_athrow(&o) {
        return athrow_send(&o, p, &ag, v);
    }
    if p.state.get() == CLOSED {
        return Err(reuse_error(&o));
    }
    let mut v = v;
    if p.state.get() == INIT {
        if flag(&ag, AG_RUNNING_ASYNC) {
            return Err(runtime_err(
                "anext(): asynchronous generator is already running",
            ));
        }
        if is_none(&v) {
            v = p.arg.get().unwrap_or_else(none);
        }
        p.state.set(ITER);
    }
    set_flag(&ag, AG_RUNNING_ASYNC, true);
    let r = unwrap_value(&ag, step(&ag, v, None));
    if r.is_err() {
        p.state.set(CLOSED);
    }
    r
}

fn aw_next(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let o = args.first().cloned().unwrap_or_else(none);
    aw_send(vec![o, none()], Vec::new())
}

fn aw_close(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (_, p, _) = aw_parts(&args)?;
    p.state.set(CLOSED);
    Ok(none())
}

/// The exception `throw(typ[, val[, tb]])` raises.
fn throw_exc(args: &[Obj]) -> PyResult<PyErr> {
    let Some(v) = args.first().cloned() else {
        return Err(type_err("throw expected at least 1 argument, got 0"));
    };
    let exc = if crate::types::is_type(&v) {
        match args.get(1).cloned().filter(|x| !is_none(x)) {
            Some(x) if crate::types::isinstance(&x, &v) => x,
            Some(x) => crate::ops::call(&v, vec![x], vec![])?,
            None => crate::ops::call(&v, vec![], vec![])?,
        }
    } else {
        v
    };
    if !crate::types::isinstance(&exc, &t().base_exception) {
        return Err(type_err(&format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            tname(&exc)
        )));
    }
    Ok(PyErr { exc })
}

fn aw_throw(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (o, p, ag) = aw_parts(&args)?;
    if p.state.get() == CLOSED {
        return Err(reuse_error(&o));
    }
    let e = throw_exc(&args[1..])?;
    let r = gen::gen_send(&ag, none(), Some(e));
    let r = if p.aclose.get() {
        aclose_result(p, &ag, r)
    } else {
        unwrap_value(&ag, r)
    };
    if r.is_err() {
        p.state.set(CLOSED);
    }
    r
}

fn athrow_send(o: &Obj, p: &AwaitableObj, ag: &Obj, v: Obj) -> PyResult<Obj> {
    if p.state.get() == CLOSED {
        return Err(reuse_error(o));
    }
    let finished = ag
        .payload::<GenObj>()
        .is_some_and(|g| g.frame.try_borrow().is_ok_and(|f| f.is_none()));
    if finished {
        p.state.set(CLOSED);
        return Err(crate::exc::stop_iteration(None));
    }
    if p.state.get() == INIT {
        if flag(ag, AG_RUNNING_ASYNC) {
            let which = if p.aclose.get() { "aclose" } else { "athrow" };
            return Err(runtime_err(&format!(
                "{which}(): asynchronous generator is already running"
            )));
        }
        if flag(ag, AG_CLOSED) {
            p.state.set(CLOSED);
            return Err(PyErr {
                exc: crate::exc::new_exc(&crate::coro::stop_async(), vec![]),
            });
        }
        if !is_none(&v) {
            return Err(runtime_err(
                "can't send non-None value to a just-started coroutine",
            ));
        }
        p.state.set(ITER);
        set_flag(ag, AG_RUNNING_ASYNC, true);
        if p.aclose.get() {
            set_flag(ag, AG_CLOSED, true);
            let exit = crate::exc::new_exc(&t().generator_exit, vec![]);
            let r = gen::gen_send(ag, none(), Some(PyErr { exc: exit }));
            return aclose_result(p, ag, r);
        }
        let targs = p
            .arg
            .get()
            .map(|a| crate::objects::tuple::tuple_items(&a))
            .unwrap_or_default();
        let e = match throw_exc(&targs) {
            Ok(e) => e,
            Err(e) => {
                set_flag(ag, AG_RUNNING_ASYNC, false);
                p.state.set(CLOSED);
                return Err(e);
            }
        };
        let r = unwrap_value(ag, gen::gen_send(ag, none(), Some(e)));
        if r.is_err() {
            p.state.set(CLOSED);
        }
        return r;
    }
    let r = gen::gen_send(ag, v, None);
    if p.aclose.get() {
        return aclose_result(p, ag, r);
    }
    let r = unwrap_value(ag, r);
    if r.is_err() {
        p.state.set(CLOSED);
    }
    r
}

/// `aclose()`: a yielded value means GeneratorExit was ignored; the end of
/// the generator ends the `aclose()` await with `StopIteration`.
fn aclose_result(p: &AwaitableObj, ag: &Obj, r: PyResult<Sent>) -> PyResult<Obj> {
    let done = |e: PyErr| -> PyResult<Obj> {
        set_flag(ag, AG_RUNNING_ASYNC, false);
        p.state.set(CLOSED);
        if crate::exc::matches(&e, &crate::coro::stop_async())
            || crate::exc::matches(&e, &t().generator_exit)
        {
            return Err(crate::exc::stop_iteration(None));
        }
        Err(e)
    };
    match r {
        Ok(Sent::Yielded(v)) if v.has_type(&crate::coro::types().wrapped_value) => {
            set_flag(ag, AG_RUNNING_ASYNC, false);
            p.state.set(CLOSED);
            Err(runtime_err("async generator ignored GeneratorExit"))
        }
        Ok(Sent::Yielded(v)) => Ok(v),
        Ok(Sent::Returned(_)) => done(PyErr {
            exc: crate::exc::new_exc(&crate::coro::stop_async(), vec![]),
        }),
        Err(e) => done(e),
    }
}

// ----- `async for` -------------------------------------------------------------

/// `AsyncGenWrap`.
pub fn wrap(v: Obj) -> Obj {
    crate::objects::misc::new_oneref(&crate::coro::types().wrapped_value, v)
}

/// `GetAiter`.
pub fn get_aiter(o: Obj) -> PyResult<Obj> {
    let ty = o.type_ref();
    let Some(m) = crate::types::lookup(&ty, "__aiter__") else {
        return Err(type_err(&format!(
            "'async for' requires an object with __aiter__ method, got {}",
            tname(&o)
        )));
    };
    let r = crate::ops::call_unbound(&m, &ty, vec![o])?;
    if crate::types::lookup(&r.type_ref(), "__anext__").is_none() {
        return Err(type_err(&format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            tname(&r)
        )));
    }
    Ok(r)
}

/// `GetAnext`: the awaitable of the next step of `aiter`.
pub fn get_anext(aiter: &Obj) -> PyResult<Obj> {
    if is_agen(aiter) {
        init_hooks(aiter)?;
        return Ok(anext(aiter));
    }
    let ty = aiter.type_ref();
    let Some(m) = crate::types::lookup(&ty, "__anext__") else {
        return Err(type_err(&format!(
            "'async for' requires an iterator with __anext__ method, got {}",
            tname(aiter)
        )));
    };
    let r = crate::ops::call_unbound(&m, &ty, vec![aiter.clone()])?;
    let name = tname(&r);
    crate::coro::get_awaitable(r, 0).map_err(|e| {
        if crate::exc::matches(&e, &t().type_error) {
            type_err(&format!(
                "'async for' received an invalid object from __anext__: {name}"
            ))
        } else {
            e
        }
    })
}

// ----- `sys.set_asyncgen_hooks` ----------------------------------------------------

thread_local! {
    // NOTE: ManuallyDrop: no thread-exit destructor releasing objects after
    // the runtime is gone (as `frames.rs`).
    static HOOKS: std::mem::ManuallyDrop<std::cell::RefCell<(Option<Obj>, Option<Obj>)>> =
        const { std::mem::ManuallyDrop::new(std::cell::RefCell::new((None, None))) };
}

/// `sys.set_asyncgen_hooks(firstiter=..., finalizer=...)`: an omitted
/// argument keeps its hook, `None` removes it.
pub fn set_hooks(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let mut first = args.first().cloned();
    let mut fin = args.get(1).cloned();
    for (k, v) in kw {
        match crate::objects::str::as_str(&k) {
            Some("firstiter") => first = Some(v),
            Some("finalizer") => fin = Some(v),
            Some(other) => {
                return Err(type_err(&format!(
                    "set_asyncgen_hooks() got an unexpected keyword argument '{other}'"
                )))
            }
            None => return Err(type_err("keywords must be strings")),
        }
    }
    for (name, v) in [("finalizer", &fin), ("firstiter", &first)] {
        if let Some(v) = v {
            if !is_none(v) && !crate::builtins::is_callable(v) {
                return Err(type_err(&format!(
                    "callable {name} expected, got {}",
                    tname(v)
                )));
            }
        }
    }
    let old = HOOKS.with(|h| {
        let mut h = h.borrow_mut();
        let mut old = Vec::new();
        if let Some(f) = first {
            old.push(std::mem::replace(&mut h.0, Some(f).filter(|x| !is_none(x))));
        }
        if let Some(f) = fin {
            old.push(std::mem::replace(&mut h.1, Some(f).filter(|x| !is_none(x))));
        }
        old
    });
    drop(old);
    Ok(none())
}

/// `sys.get_asyncgen_hooks()` as a `(firstiter, finalizer)` tuple.
pub fn get_hooks(_args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (a, b) = HOOKS.with(|h| h.borrow().clone());
    Ok(crate::objects::tuple::new_tuple(vec![
        a.unwrap_or_else(none),
        b.unwrap_or_else(none),
    ]))
}

/// `async_gen_init_hooks`: at the first `__anext__`/`asend`/`athrow`/
/// `aclose`, remember the finalizer and call `firstiter(ag)`.
fn init_hooks(ag: &Obj) -> PyResult<()> {
    if flag(ag, AG_HOOKS_INITED) {
        return Ok(());
    }
    set_flag(ag, AG_HOOKS_INITED, true);
    let (first, fin) = HOOKS.with(|h| h.borrow().clone());
    if let (Some(f), Some(g)) = (fin, ag.payload::<GenObj>()) {
        g.finalizer.set(Some(f));
    }
    if let Some(f) = first {
        crate::ops::call(&f, vec![ag.clone()], vec![])?;
    }
    Ok(())
}

/// Finalization of an async generator: the loop's finalizer hook (which
/// schedules `aclose()`) replaces closing it here. `true` when handled.
pub fn finalize_with_hook(o: &Obj) -> bool {
    let Some(g) = o.payload::<GenObj>() else {
        return false;
    };
    let finished = g.frame.try_borrow().is_ok_and(|f| f.is_none());
    if finished || g.flags.get() & AG_CLOSED != 0 {
        return finished;
    }
    let Some(f) = g.finalizer.get() else {
        return false;
    };
    if let Err(e) = crate::ops::call(&f, vec![o.clone()], vec![]) {
        crate::builtins::write_unraisable(&e, Some(o));
    }
    true
}
