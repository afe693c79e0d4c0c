//! Coroutines (`async def`): generator objects of type `coroutine` built on
//! [`crate::gen`], their `__await__` wrapper, the `await` protocol
//! (`GetAwaitable`), and the "never awaited" warning.
//!
//! Read [`get_awaitable`] first, then [`finalize`]. Invariants:
//! - a coroutine, an async generator and a generator share the `GenObj`
//!   payload and `gen::gen_send`; only the type differs (so `iter()` refuses
//!   a coroutine and `gen::kind_name` picks the messages);
//! - a coroutine is "suspended in an await" exactly when its frame is
//!   started and stopped on a `YieldFrom` ([`awaiting`]);
//! - an unstarted coroutine that is finalized was never awaited: the
//!   `RuntimeWarning` is printed (once per message and line, like the
//!   `default` warnings action) and the frame is dropped without running.

use std::cell::RefCell;

use pyheap_compiler::bytecode::{flags, Instruction};
use pyheap_mem::TypeFlags;

use crate::exc::type_err;
use crate::gen::{self, GenObj, Sent};
use crate::objects::misc;
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{is_none, none, py_bool, t, tname};

/// The builtin types of coroutines and async generators.
pub struct CoroTypes {
    pub coroutine: Obj,
    pub coroutine_wrapper: Obj,
    pub async_generator: Obj,
    pub asend: Obj,
    pub athrow: Obj,
    pub wrapped_value: Obj,
}

thread_local! {
    static TYPES: std::cell::OnceCell<&'static CoroTypes> = const { std::cell::OnceCell::new() };
}

/// The types, created (and their methods registered) on first use.
/// NOTE: lazily, so a program without coroutines allocates exactly what it
/// did before: the start-up allocation count decides when the first
/// automatic collections run, which conformance cases observe.
pub fn types() -> &'static CoroTypes {
    if let Some(ct) = types_if_made() {
        return ct;
    }
    // The types live until exit like the start-up types: the leak census
    // counts them (and their method descriptors) as runtime objects.
    pyheap_mem::census::runtime_scope(|| {
        let tt = t();
        let made: &'static CoroTypes = Box::leak(Box::new(make_types(&tt.type_, &tt.object)));
        TYPES.with(|c| {
            let _ = c.set(made);
        });
        register(made);
        made
    })
}

/// The types if a coroutine was ever made (type checks need no types
/// before that: no object can have them).
pub fn types_if_made() -> Option<&'static CoroTypes> {
    TYPES.with(|c| c.get().copied())
}

fn make_types(meta: &Obj, object: &Obj) -> CoroTypes {
    let gc = TypeFlags::HAVE_GC;
    let mk = |name: &str, size: usize, setter: crate::types::PayloadSetter| {
        crate::types::new_builtin_type(meta, name, Some(object), size, gc, Some(setter))
    };
    let gen_like = |name: &str| {
        let ty = mk(name, 16, gen::set_payload);
        if let Some(s) = ty.as_type_slots() {
            s.basicsize.set(gen::GEN_BASICSIZE);
            s.itemsize.set(8);
            s.traverse.set(Some(gen::traverse));
            s.clear.set(Some(gen::clear));
            s.finalize.set(Some(finalize));
            s.weaklistoffset.set(gen::GEN_WEAKLIST_OFFSET);
        }
        ty
    };
    let oneref = |name: &str| {
        let ty = mk(name, 24, misc::set_oneref_payload);
        if let Some(s) = ty.as_type_slots() {
            s.traverse.set(Some(misc::oneref_traverse));
            s.clear.set(Some(misc::oneref_clear));
        }
        ty
    };
    let awaitable = |name: &str| {
        let ty = mk(name, 40, crate::async_gen::set_awaitable_payload);
        if let Some(s) = ty.as_type_slots() {
            s.traverse.set(Some(crate::async_gen::awaitable_traverse));
            s.clear.set(Some(crate::async_gen::awaitable_clear));
        }
        ty
    };
    CoroTypes {
        coroutine: gen_like("coroutine"),
        coroutine_wrapper: oneref("coroutine_wrapper"),
        async_generator: gen_like("async_generator"),
        asend: awaitable("async_generator_asend"),
        athrow: awaitable("async_generator_athrow"),
        wrapped_value: oneref("async_generator_wrapped_value"),
    }
}

/// Methods and attributes.
fn register(ct: &CoroTypes) {
    use crate::types::{add_getset, add_method};
    for ty in [
        &ct.coroutine,
        &ct.coroutine_wrapper,
        &ct.async_generator,
        &ct.asend,
        &ct.athrow,
        &ct.wrapped_value,
    ] {
        crate::types::finish_builtin(ty);
    }
    let c = &ct.coroutine;
    crate::methods::core::reg_dunders(c, &["__repr__"]);
    crate::methods::core::reg_dunders(&ct.async_generator, &["__repr__"]);
    add_method(c, "send", gen::py_send);
    add_method(c, "throw", gen::py_throw);
    add_method(c, "close", gen::py_close);
    add_method(c, "__await__", coro_await);
    add_getset(c, "__name__", g_name, None);
    add_getset(c, "__qualname__", g_qualname, None);
    add_getset(c, "cr_running", g_running, None);
    add_getset(c, "cr_frame", g_frame, None);
    add_getset(c, "cr_code", g_code, None);
    add_getset(c, "cr_await", g_await, None);
    add_getset(c, "cr_origin", |_| Ok(none()), None);
    let w = &ct.coroutine_wrapper;
    add_method(w, "send", wrapper_send);
    add_method(w, "throw", wrapper_throw);
    add_method(w, "close", wrapper_close);
    add_method(w, "__next__", wrapper_next);
    add_method(w, "__iter__", self_m);
    crate::async_gen::register(&ct.async_generator, &ct.asend, &ct.athrow);
    let a = &ct.async_generator;
    add_getset(a, "__name__", g_name, None);
    add_getset(a, "__qualname__", g_qualname, None);
    add_getset(a, "ag_running", crate::async_gen::ag_running, None);
    add_getset(a, "ag_frame", g_frame, None);
    add_getset(a, "ag_code", g_code, None);
    add_getset(a, "ag_await", g_await, None);
}

/// `StopAsyncIteration`.
pub fn stop_async() -> Obj {
    exc_type("StopAsyncIteration")
}

pub(crate) fn exc_type(name: &str) -> Obj {
    t().exc_table
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, o)| o.clone())
        .unwrap_or_else(|| t().exception.clone())
}

pub fn is_coroutine(o: &Obj) -> bool {
    types_if_made().is_some_and(|ct| o.has_type(&ct.coroutine))
}

/// A generator whose code was marked by `types.coroutine`.
pub fn is_iterable_coroutine(o: &Obj) -> bool {
    gen::is_generator(o) && code_flags(o) & flags::CO_ITERABLE_COROUTINE != 0
}

fn code_flags(o: &Obj) -> u32 {
    o.payload::<GenObj>()
        .and_then(|g| g.code.get())
        .and_then(|c| crate::code::co(&c).map(|c| c.unit.flags))
        .unwrap_or(0)
}

/// Creates the object a call of an `async def` function returns.
pub fn new_for_code(
    frame: crate::eval::Frame,
    func: &Obj,
    fp: &crate::objects::func::FuncObj,
) -> Obj {
    let is_agen =
        crate::code::co(&frame.code).is_some_and(|c| c.unit.flags & flags::CO_ASYNC_GENERATOR != 0);
    let ty = if is_agen {
        &types().async_generator
    } else {
        &types().coroutine
    };
    gen::new_gen_of(ty, frame, func, fp)
}

/// The object a generator-like `g` is suspended on (`_PyGen_yf`): the
/// delegate of the `YieldFrom` its frame stopped at.
pub fn awaiting(g: &Obj) -> Option<Obj> {
    let gp = g.payload::<GenObj>()?;
    let f = gp.frame.try_borrow().ok()?;
    let f = f.as_ref()?;
    if !f.started {
        return None;
    }
    let at_yf = crate::code::co(&f.code)
        .and_then(|c| c.unit.instructions.get(f.ip).copied())
        .is_some_and(|i| matches!(i, Instruction::YieldFrom));
    if at_yf {
        f.stack.last().cloned().flatten()
    } else {
        None
    }
}

/// `GetAwaitable(where_)`: the iterator an `await v` drives.
pub fn get_awaitable(v: Obj, where_: u32) -> PyResult<Obj> {
    if is_coroutine(&v) {
        if awaiting(&v).is_some() {
            return Err(crate::exc::runtime_err(
                "coroutine is being awaited already",
            ));
        }
        return Ok(v);
    }
    if is_iterable_coroutine(&v) {
        return Ok(v);
    }
    let ty = v.type_ref();
    let Some(m) = crate::types::lookup(&ty, "__await__") else {
        let n = tname(&v);
        let msg = match where_ {
            1 => format!(
                "'async with' received an object from __aenter__ that does not implement __await__: {n}"
            ),
            2 => format!(
                "'async with' received an object from __aexit__ that does not implement __await__: {n}"
            ),
            _ => format!("object {n} can't be used in 'await' expression"),
        };
        return Err(type_err(&msg));
    };
    let r = crate::ops::call_unbound(&m, &ty, vec![v])?;
    if is_coroutine(&r) || is_iterable_coroutine(&r) {
        return Err(type_err("__await__() returned a coroutine"));
    }
    if !crate::ops::is_iterator(&r) {
        return Err(type_err(&format!(
            "__await__() returned non-iterator of type '{}'",
            tname(&r)
        )));
    }
    Ok(r)
}

/// `tp_finalize` of coroutines and async generators.
pub fn finalize(o: &Obj) {
    let unstarted = o.payload::<GenObj>().is_some_and(|g| {
        g.frame
            .try_borrow()
            .ok()
            .is_some_and(|f| f.as_ref().is_some_and(|f| !f.started))
    });
    if unstarted && is_coroutine(o) {
        warn_unawaited(o);
        return;
    }
    if !is_coroutine(o) && crate::async_gen::finalize_with_hook(o) {
        return;
    }
    gen::finalize(o);
}

thread_local! {
    /// `(filename, line, message)` already printed (the `default` action).
    static WARNED: RefCell<Vec<(String, u32, String)>> = const { RefCell::new(Vec::new()) };
}

/// `RuntimeWarning: coroutine 'f' was never awaited`, attributed to the
/// running Python frame as `warnings.warn(..., stacklevel=2)` does.
fn warn_unawaited(o: &Obj) {
    let qual = o
        .payload::<GenObj>()
        .and_then(|g| g.qualname.get())
        .and_then(|q| crate::objects::str::as_str(&q).map(str::to_string))
        .unwrap_or_default();
    let msg = format!("coroutine '{qual}' was never awaited");
    let (stack, _) = crate::frames::code_stack(1);
    let (file, line) = match stack.first() {
        Some((code, lasti)) => match crate::code::co(code) {
            Some(c) => (
                c.unit.filename.clone(),
                c.unit.locations.get(*lasti).map_or(0, |l| l.line),
            ),
            None => ("sys".to_string(), 1),
        },
        None => ("sys".to_string(), 1),
    };
    let key = (file.clone(), line, msg.clone());
    let seen = WARNED.with(|w| {
        let mut w = w.borrow_mut();
        if w.contains(&key) {
            true
        } else {
            w.push(key);
            false
        }
    });
    if seen {
        return;
    }
    let mut out = format!("{file}:{line}: RuntimeWarning: {msg}\n");
    if let Some(src) = crate::rt::source_line(&file, line) {
        let s = src.trim();
        if !s.is_empty() {
            out.push_str(&format!("  {s}\n"));
        }
    }
    out.push_str("RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n");
    crate::modules::sys::write_stderr(&out);
}

// ----- attributes -------------------------------------------------------------

fn gp(o: &Obj) -> PyResult<&GenObj> {
    o.payload::<GenObj>()
        .ok_or_else(|| type_err("descriptor requires a coroutine"))
}

fn g_name(o: &Obj) -> PyResult<Obj> {
    Ok(gp(o)?.name.get().unwrap_or_else(none))
}

fn g_qualname(o: &Obj) -> PyResult<Obj> {
    Ok(gp(o)?.qualname.get().unwrap_or_else(none))
}

fn g_running(o: &Obj) -> PyResult<Obj> {
    Ok(py_bool(gp(o)?.running.get()))
}

fn g_code(o: &Obj) -> PyResult<Obj> {
    Ok(gp(o)?.code.get().unwrap_or_else(none))
}

fn g_await(o: &Obj) -> PyResult<Obj> {
    Ok(awaiting(o).unwrap_or_else(none))
}

fn g_frame(o: &Obj) -> PyResult<Obj> {
    let g = gp(o)?;
    let Ok(mut f) = g.frame.try_borrow_mut() else {
        return Ok(none());
    };
    match f.as_mut() {
        Some(fr) => Ok(crate::traceback::frame_object(fr)),
        None => Ok(none()),
    }
}

fn self_m(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(args.first().cloned().unwrap_or_else(none))
}

// ----- coroutine_wrapper (`coro.__await__()`) -----------------------------------

fn coro_await(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let c = args.first().cloned().unwrap_or_else(none);
    Ok(misc::new_oneref(&types().coroutine_wrapper, c))
}

fn wrapped_coro(args: &[Obj]) -> PyResult<Obj> {
    args.first()
        .and_then(misc::oneref)
        .ok_or_else(|| type_err("bad coroutine_wrapper"))
}

fn with_coro(mut args: Vec<Obj>, f: crate::rt::NativeFn) -> PyResult<Obj> {
    let c = wrapped_coro(&args)?;
    if let Some(first) = args.first_mut() {
        *first = c;
    }
    f(args, Vec::new())
}

fn wrapper_send(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    with_coro(args, gen::py_send)
}

fn wrapper_throw(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    with_coro(args, gen::py_throw)
}

fn wrapper_close(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    with_coro(args, gen::py_close)
}

fn wrapper_next(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let c = wrapped_coro(&args)?;
    match gen::gen_send(&c, none(), None)? {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(crate::exc::stop_iteration(if is_none(&v) {
            None
        } else {
            Some(v)
        })),
    }
}

// ----- `types.coroutine` support ---------------------------------------------

/// `_coro.mark_iterable(func)`: gives `func` a copy of its code with
/// `CO_ITERABLE_COROUTINE` (what `types.coroutine` does to generator
/// functions).
fn mark_iterable(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = args.first().cloned().unwrap_or_else(none);
    let Some(fp) = f.payload::<crate::objects::func::FuncObj>() else {
        return Err(type_err("mark_iterable() expects a function"));
    };
    let Some(code) = fp.code.get() else {
        return Ok(f);
    };
    let Some(c) = crate::code::co(&code) else {
        return Ok(f);
    };
    let mut unit: pyheap_compiler::CodeUnit = (*c.unit).clone();
    unit.flags |= flags::CO_ITERABLE_COROUTINE;
    fp.code.set(Some(crate::code::code_from_unit(&unit)));
    Ok(f)
}

/// The `_coro` builtin module.
pub fn init_module(m: &Obj) -> PyResult<()> {
    crate::modules::add_fn(m, "mark_iterable", mark_iterable)
}

/// `BeforeAsyncWith`: `(bound __aexit__, __aenter__())`.
pub fn before_async_with(cm: &Obj) -> PyResult<(Obj, Obj)> {
    let ty = cm.type_ref();
    let enter = crate::types::lookup(&ty, "__aenter__");
    let exit = crate::types::lookup(&ty, "__aexit__");
    let (Some(enter), Some(exit)) = (enter, exit) else {
        let missing = if crate::types::lookup(&ty, "__aenter__").is_none() {
            ""
        } else {
            " (missed __aexit__ method)"
        };
        return Err(type_err(&format!(
            "'{}' object does not support the asynchronous context manager protocol{}",
            tname(cm),
            missing
        )));
    };
    let bound_exit = crate::attr::descr_get(exit, Some(cm), &ty)?;
    let r = crate::ops::call_unbound(&enter, &ty, vec![cm.clone()])?;
    Ok((bound_exit, r))
}

/// The builtin iterators of the await protocol (`coroutine_wrapper`,
/// `async_generator_asend`/`_athrow`): `iter()` returns them as they are.
pub fn is_await_iterator(o: &Obj) -> bool {
    types_if_made().is_some_and(|ct| {
        o.has_type(&ct.coroutine_wrapper) || o.has_type(&ct.asend) || o.has_type(&ct.athrow)
    })
}
