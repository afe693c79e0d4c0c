//! The evaluation loop: frames, argument binding, and one function that
//! executes the instruction set of `pyheap_compiler::bytecode`.
//!
//! Read [`run_frame`] first, then [`step`]. Invariants:
//! - the value stack holds owned references (`None` = the NULL marker);
//! - an exception raised by an instruction unwinds to the top block of the
//!   frame's block stack (see bytecode.rs "Exception handling"), adding a
//!   traceback entry first unless it came from `Reraise`;
//! - Python-to-Python calls recurse natively (the interpreter thread has a
//!   large stack) and are bounded by the recursion limit.

use pyheap_compiler::bytecode::{
    flags, BinaryOperator, ComparisonOperator, Conversion, Instruction as I,
};

use crate::code::{co, CodeObj};
use crate::exc::{new_err, type_err};
use crate::objects::func::{CellObj, FuncObj};
use crate::objects::{dict, list, set, str as pstr, tuple};
use crate::ops::{self, CmpOp};
use crate::rt::{Kw, Obj, PyErr, PyResult};
use crate::types::{is_none, none, py_bool, t, tname};

/// A running (or suspended) frame.
pub struct Frame {
    pub code: Obj,
    /// Fast locals, shared with the frame's activation entry (see
    /// `crate::frames::FastLocals`).
    pub fast: crate::frames::FastLocals,
    pub cells: Vec<Obj>,
    pub stack: Vec<Option<Obj>>,
    pub blocks: Vec<(u32, u32)>,
    /// The function whose code runs (`f_func`); `None` for module, class
    /// body and `exec` frames.
    pub func: Option<Obj>,
    /// `f_globals` and `f_builtins`. NOTE: `None` while the frame is parked
    /// in a generator ([`Frame::park`]): as in 3.11, a suspended generator's
    /// frame reaches them only through `f_func`.
    pub globals: Option<Obj>,
    pub builtins: Option<Obj>,
    pub locals: Option<Obj>,
    pub ip: usize,
    pub lasti: usize,
    pub kwnames: Option<Obj>,
    /// Frame object (created for tracebacks / `sys._getframe`).
    pub fobj: Option<Obj>,
    pub started: bool,
    pub reraise: bool,
    /// The emptied buffers of this frame's last fast-path call, reused by
    /// its next one (see `callfast`): no pool round trip per call.
    pub spare: Option<crate::frames::Bufs>,
    /// Set by [`Frame::release_for_reuse`]: the references are released
    /// and the buffers taken (dropping the frame then skips both).
    released: bool,
}

impl Drop for Frame {
    /// Releases locals, cells, then the value stack (the order the fields
    /// were dropped in before buffers were reused) and recycles the buffers.
    fn drop(&mut self) {
        if !self.released {
            self.release();
            let stack = std::mem::take(&mut self.stack);
            crate::frames::give_bufs(&self.fast, stack);
        }
        if let Some(b) = self.spare.take() {
            crate::frames::give_pair(b);
        }
    }
}

impl Frame {
    /// Releases the references in the locals, cells and value stack, in
    /// that order (the buffers stay).
    #[inline]
    fn release(&mut self) {
        for s in self.fast.iter() {
            drop(s.take());
        }
        if !self.cells.is_empty() {
            drop(std::mem::take(&mut self.cells));
        }
        self.stack.clear();
    }

    /// Releases what dropping the frame releases, in the same order, and
    /// takes its buffers for reuse (dropping the frame next skips that
    /// work; the caller checks that the locals block is unshared once the
    /// frame is gone).
    #[inline(always)]
    pub(crate) fn release_for_reuse(&mut self) -> crate::frames::Bufs {
        self.release();
        self.released = true;
        (
            std::rc::Rc::clone(&self.fast),
            std::mem::take(&mut self.stack),
        )
    }
}

/// How a frame stopped.
pub enum Exit {
    Return(Obj),
    Yield(Obj),
}

enum Ctl {
    Next,
    Return(Obj),
    Yield(Obj),
}

impl Frame {
    pub fn new(code: Obj, globals: Obj, locals: Option<Obj>) -> Frame {
        let builtins = builtins_of(&globals);
        Frame::with_parts(code, globals, builtins, locals)
    }

    /// A function frame whose builtins dict is already known.
    pub fn with_builtins(code: Obj, globals: Obj, builtins: Obj) -> Frame {
        Frame::with_parts(code, globals, builtins, None)
    }

    fn with_parts(code: Obj, globals: Obj, builtins: Obj, locals: Option<Obj>) -> Frame {
        let (nfast, ncells) =
            co(&code).map_or((0, 0), |c| (c.unit.varnames.len(), c.unit.ncells()));
        Frame::with_sizes(code, globals, builtins, locals, None, nfast, ncells)
    }

    /// A frame for `code` with `nfast` locals and `ncells` cells (the
    /// sizes the caller already read from the code object), on `spare`
    /// buffers when given.
    #[inline(always)]
    pub(crate) fn with_sizes(
        code: Obj,
        globals: Obj,
        builtins: Obj,
        locals: Option<Obj>,
        spare: Option<crate::frames::Bufs>,
        nfast: usize,
        ncells: usize,
    ) -> Frame {
        let (fast, stack) = crate::frames::take_bufs(spare, nfast);
        Frame {
            code,
            fast,
            cells: if ncells == 0 {
                Vec::new()
            } else {
                Vec::with_capacity(ncells)
            },
            stack,
            blocks: Vec::new(),
            func: None,
            globals: Some(globals),
            builtins: Some(builtins),
            locals,
            ip: 0,
            lasti: 0,
            kwnames: None,
            fobj: None,
            started: false,
            reraise: false,
            spare: None,
            released: false,
        }
    }

    #[inline(always)]
    fn pop(&mut self) -> Obj {
        match self.stack.pop() {
            Some(Some(v)) => v,
            _ => none(),
        }
    }

    #[inline(always)]
    fn push(&mut self, v: Obj) {
        self.stack.push(Some(v));
    }

    /// The stack of `CALL argc` is `[callable-or-NULL, self-or-callable,
    /// args...]`: the index of its first entry and whether that entry is a
    /// callable (a method call) rather than NULL. None when too short.
    #[inline(always)]
    pub(crate) fn call_base(&self, argc: usize) -> Option<(usize, bool)> {
        let base = self.stack.len().checked_sub(argc.checked_add(2)?)?;
        Some((base, self.stack[base].is_some()))
    }

    #[inline]
    fn top(&self) -> Obj {
        match self.stack.last() {
            Some(Some(v)) => v.clone(),
            _ => none(),
        }
    }

    /// The top of the stack, borrowed (CPython's `TOP()`: no new
    /// reference while e.g. `__next__` or `__bool__` runs on it).
    fn top_ref(&self) -> Option<&Obj> {
        self.stack.last().and_then(|v| v.as_ref())
    }

    fn peek(&self, n: usize) -> Option<Obj> {
        let len = self.stack.len();
        if n == 0 || n > len {
            return None;
        }
        self.stack[len - n].clone()
    }

    /// Traverses the frame's references (for generator objects), in the
    /// order of 3.11's `_PyFrame_Traverse`: the frame object, `f_locals`,
    /// `f_func`, `f_code`, then locals, cells and the value stack.
    pub fn visit(&self, visit: &mut dyn FnMut(pyheap_mem::ObjPtr)) {
        for o in [&self.fobj, &self.locals, &self.func].into_iter().flatten() {
            visit(o.ptr());
        }
        visit(self.code.ptr());
        for v in self.fast.iter().filter_map(|s| s.peek()) {
            visit(v);
        }
        for c in &self.cells {
            visit(c.ptr());
        }
        for v in self.stack.iter().flatten() {
            visit(v.ptr());
        }
        for o in [&self.globals, &self.builtins].into_iter().flatten() {
            visit(o.ptr());
        }
    }

    /// Drops the frame's own references to its globals and builtins while it
    /// is parked in a generator (it keeps `f_func`, which holds them).
    pub fn park(&mut self) {
        if self.func.is_some() {
            self.globals = None;
            self.builtins = None;
        }
    }

    /// Takes the globals and builtins back from `f_func` before the frame runs.
    pub fn unpark(&mut self) {
        if let Some(fp) = self.func.as_ref().and_then(|f| f.payload::<FuncObj>()) {
            if self.globals.is_none() {
                self.globals = fp.globals.get();
            }
            if self.builtins.is_none() {
                self.builtins = fp.builtins.get();
            }
        }
    }

    /// `f_globals`; an error only for a parked frame (never run parked).
    #[inline]
    pub fn globals(&self) -> PyResult<&Obj> {
        self.globals
            .as_ref()
            .ok_or_else(|| crate::exc::runtime_err("frame has no globals"))
    }

    /// `f_builtins`; an error only for a parked frame.
    #[inline]
    pub fn builtins(&self) -> PyResult<&Obj> {
        self.builtins
            .as_ref()
            .ok_or_else(|| crate::exc::runtime_err("frame has no builtins"))
    }

    /// `f_globals` as a new reference, also for a parked frame.
    pub fn globals_obj(&self) -> Obj {
        self.globals
            .clone()
            .or_else(|| {
                self.func
                    .as_ref()
                    .and_then(|f| f.payload::<FuncObj>())
                    .and_then(|fp| fp.globals.get())
            })
            .unwrap_or_else(none)
    }
}

/// The builtins dict for a globals dict.
pub fn builtins_of(globals: &Obj) -> Obj {
    if let Some(b) = dict::get_str_key(globals, &crate::typecache::names().builtins) {
        if dict::is_dict(&b) {
            return b;
        }
        if let Some(d) = crate::objects::misc::module_dict(&b) {
            return d;
        }
    }
    crate::builtins::builtins_dict()
}

/// Runs module-level code (or `exec`) with the given namespaces.
pub fn run_code(code: &Obj, globals: &Obj, locals: Option<&Obj>) -> PyResult<Obj> {
    // NOTE: like `exec` in 3.11 (`PyEval_GetBuiltins()`), globals without
    // `__builtins__` get the builtins *dict*; only `__main__` holds the module.
    if dict::get_str(globals, "__builtins__").is_none() {
        dict::set_str(globals, "__builtins__", crate::builtins::builtins_dict())?;
    }
    let mut f = Frame::new(
        code.clone(),
        globals.clone(),
        Some(locals.unwrap_or(globals).clone()),
    );
    let _g = crate::rt::enter_recursion("")?;
    match run_frame(&mut f, None)? {
        Exit::Return(v) | Exit::Yield(v) => Ok(v),
    }
}

fn func_parts(f: &Obj) -> Option<(&FuncObj, Obj)> {
    let p = f.payload::<FuncObj>()?;
    Some((p, p.code.get()?))
}

/// Calls a Python function: binds arguments into a new frame and runs it
/// (or returns a generator for generator functions).
pub fn call_function(f: &Obj, args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let Some((fp, code)) = func_parts(f) else {
        return Err(type_err("bad function"));
    };
    let globals = fp
        .globals
        .get()
        .unwrap_or_else(crate::objects::dict::new_dict);
    let builtins = fp.builtins.get().unwrap_or_else(|| builtins_of(&globals));
    let mut frame = Frame::with_builtins(code.clone(), globals, builtins);
    let Some(c) = co(&code) else {
        return Err(type_err("bad code"));
    };
    bind_args(f, fp, c, &mut frame, args, kw)?;
    init_cells(fp, c, &mut frame);
    if c.unit.flags & flags::CO_GENERATOR != 0 {
        return Ok(crate::gen::new_generator(frame, f, fp));
    }
    if c.unit.flags & (flags::CO_COROUTINE | flags::CO_ASYNC_GENERATOR) != 0 {
        return Ok(crate::coro::new_for_code(frame, f, fp));
    }
    let _g = crate::rt::enter_recursion("")?;
    match run_frame(&mut frame, None)? {
        Exit::Return(v) | Exit::Yield(v) => Ok(v),
    }
}

pub(crate) fn init_cells(fp: &FuncObj, c: &CodeObj, frame: &mut Frame) {
    for (i, _) in c.unit.cellvars.iter().enumerate() {
        let init = c
            .unit
            .cell2arg
            .get(i)
            .copied()
            .flatten()
            .and_then(|a| frame.fast.get(a as usize).and_then(|s| s.take()));
        frame.cells.push(crate::objects::func::new_cell(init));
    }
    if !c.unit.freevars.is_empty() {
        if let Some(cl) = fp.closure.get() {
            frame.cells.extend(tuple::tuple_items(&cl));
        }
    }
}

fn fname(fp: &FuncObj) -> String {
    fp.qualname
        .get()
        .and_then(|q| pstr::as_str(&q).map(|s| s.to_string()))
        .unwrap_or_default()
}

fn bind_args(
    _f: &Obj,
    fp: &FuncObj,
    c: &CodeObj,
    frame: &mut Frame,
    args: Vec<Obj>,
    kw: Kw,
) -> PyResult<()> {
    let u = &c.unit;
    let argcount = u.argcount as usize;
    let kwonly = u.kwonlyargcount as usize;
    let posonly = u.posonlyargcount as usize;
    let has_varargs = u.flags & flags::CO_VARARGS != 0;
    let has_varkw = u.flags & flags::CO_VARKEYWORDS != 0;
    let nargs = args.len();
    let mut extra_pos = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        if i < argcount {
            frame.fast[i].set(Some(a));
        } else {
            extra_pos.push(a);
        }
    }
    if !extra_pos.is_empty() && !has_varargs {
        let ndef = fp.defaults.get().map_or(0, |d| tuple::tuple_len(&d));
        let given_kwonly = kw
            .iter()
            .filter(|(k, _)| {
                let ks = pstr::as_str(k).unwrap_or("");
                u.varnames[argcount..argcount + kwonly]
                    .iter()
                    .any(|v| v == ks)
            })
            .count();
        let takes = if ndef > 0 {
            format!("from {} to {}", argcount - ndef, argcount)
        } else {
            argcount.to_string()
        };
        let kwpart = if given_kwonly > 0 {
            format!(
                " positional argument{} (and {} keyword-only argument{})",
                if nargs == 1 { "" } else { "s" },
                given_kwonly,
                if given_kwonly == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        };
        return Err(type_err(
            &format!(
                "{}() takes {} positional argument{} but {} {}{}",
                fname(fp),
                takes,
                if argcount == 1 && ndef == 0 { "" } else { "s" },
                nargs,
                if given_kwonly > 0 {
                    String::new()
                } else if nargs == 1 {
                    "was given".into()
                } else {
                    "were given".into()
                },
                kwpart
            )
            .replace("  ", " ")
            .replace(" (and", " positional arguments (and")
            .replace(
                "positional arguments positional arguments",
                "positional arguments",
            ),
        ));
    }
    let mut idx = argcount + kwonly;
    if has_varargs {
        frame.fast[idx].set(Some(tuple::new_tuple(extra_pos)));
        idx += 1;
    }
    let kwdict = if has_varkw {
        let d = dict::new_dict();
        frame.fast[idx].set(Some(d.clone()));
        Some(d)
    } else {
        None
    };
    for (k, v) in kw {
        let ks = pstr::as_str(&k).unwrap_or("").to_string();
        let pos = u.varnames[posonly..argcount + kwonly]
            .iter()
            .position(|n| *n == ks)
            .map(|p| p + posonly);
        match pos {
            Some(p) => {
                if frame.fast[p].peek().is_some() {
                    return Err(type_err(&format!(
                        "{}() got multiple values for argument '{}'",
                        fname(fp),
                        ks
                    )));
                }
                frame.fast[p].set(Some(v));
            }
            None => match &kwdict {
                Some(d) => dict::set_item(d, k, v)?,
                None => {
                    if u.varnames[..posonly].contains(&ks) {
                        return Err(type_err(&format!(
                            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                            fname(fp),
                            ks
                        )));
                    }
                    return Err(type_err(&format!(
                        "{}() got an unexpected keyword argument '{}'",
                        fname(fp),
                        ks
                    )));
                }
            },
        }
    }
    // defaults
    if nargs < argcount {
        let defaults = fp
            .defaults
            .get()
            .map(|d| tuple::tuple_items(&d))
            .unwrap_or_default();
        let first_def = argcount - defaults.len();
        let mut missing = Vec::new();
        for i in nargs..argcount {
            if frame.fast[i].peek().is_none() {
                if i >= first_def {
                    frame.fast[i].set(Some(defaults[i - first_def].clone()));
                } else {
                    missing.push(u.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(type_err(&format!(
                "{}() missing {} required positional argument{}: {}",
                fname(fp),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                join_names(&missing)
            )));
        }
    }
    if kwonly > 0 {
        let kwd = fp.kwdefaults.get();
        let mut missing = Vec::new();
        for i in argcount..argcount + kwonly {
            if frame.fast[i].peek().is_none() {
                let name = &u.varnames[i];
                match kwd.as_ref().and_then(|d| dict::get_str(d, name)) {
                    Some(v) => frame.fast[i].set(Some(v)),
                    None => missing.push(name.clone()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(type_err(&format!(
                "{}() missing {} required keyword-only argument{}: {}",
                fname(fp),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                join_names(&missing)
            )));
        }
    }
    Ok(())
}

fn join_names(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        _ => format!("{}, and {}", q[..q.len() - 1].join(", "), q[q.len() - 1]),
    }
}

/// The work done on every backward jump (see [`run_frame`]): a pending
/// soft heap-limit overshoot raises MemoryError; pending signals' handlers
/// run (Ctrl-C raises KeyboardInterrupt); the fuzzing budget ticks.
#[inline]
fn loop_checkpoint() -> PyResult<()> {
    if pyheap_mem::alloc::limit_exceeded() {
        return Err(crate::exc::heap_limit_error());
    }
    crate::modules::signal::check()?;
    crate::budget::tick()
}

/// Runs `frame` until it returns, yields, or raises. `throw` raises an
/// exception at the current instruction first (generator `throw`).
pub fn run_frame(frame: &mut Frame, throw: Option<PyErr>) -> PyResult<Exit> {
    let code_ref = frame.code.clone();
    let Some(c) = co(&code_ref) else {
        return Err(type_err("bad code object"));
    };
    run_frame_code(frame, c, throw)
}

/// [`run_frame`] for a caller that already holds the frame's code object
/// `c` (kept alive by the caller for the whole run).
pub(crate) fn run_frame_code(
    frame: &mut Frame,
    c: &CodeObj,
    throw: Option<PyErr>,
) -> PyResult<Exit> {
    let _active = crate::frames::enter_code(frame);
    crate::modules::signal::check()?;
    crate::budget::tick()?;
    let mut pending = throw;
    loop {
        // NOTE: the dispatch loop runs inside (no check of `pending` per
        // instruction); it ends with the error to handle.
        let err = match pending.take() {
            Some(e) => e,
            None => loop {
                let ip = frame.ip;
                let Some(ins) = c.unit.instructions.get(ip).copied() else {
                    return Ok(Exit::Return(none()));
                };
                frame.ip += 1;
                frame.lasti = ip;
                crate::frames::set_lasti(ip);
                match step(frame, c, ins) {
                    // A backward jump (any loop) is the interpreter's periodic
                    // check point: the fuzzing budget and `-X heaplimit`'s
                    // soft limit.
                    Ok(Ctl::Next) if frame.ip <= ip => match loop_checkpoint() {
                        Ok(()) => continue,
                        Err(e) => break e,
                    },
                    Ok(Ctl::Next) => continue,
                    Ok(Ctl::Return(v)) => {
                        finish_frame(frame);
                        return Ok(Exit::Return(v));
                    }
                    Ok(Ctl::Yield(v)) => {
                        crate::frame_objects::adopt_frame_object(frame);
                        return Ok(Exit::Yield(v));
                    }
                    Err(e) => break e,
                }
            },
        };
        if frame.reraise {
            frame.reraise = false;
        } else {
            crate::traceback::add_frame_entry(frame, &err.exc);
        }
        match frame.blocks.pop() {
            Some((handler, level)) => {
                while frame.stack.len() > level as usize {
                    let v = frame.stack.pop();
                    drop(v);
                }
                frame.push(err.exc);
                frame.ip = handler as usize;
            }
            None => {
                let old = std::mem::take(&mut frame.stack);
                drop(old);
                finish_frame(frame);
                return Err(err);
            }
        }
    }
}

/// At frame exit: a frame object that outlives the frame takes its locals.
fn finish_frame(frame: &mut Frame) {
    crate::traceback::frame_exit(frame);
}

fn unbound_local(c: &CodeObj, i: usize) -> PyErr {
    let name = c.unit.varnames.get(i).cloned().unwrap_or_default();
    new_err(
        &t().unbound_local_error,
        &format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

fn deref_error(c: &CodeObj, i: usize) -> PyErr {
    let name = c.unit.cell_name(i).unwrap_or("").to_string();
    if i < c.unit.cellvars.len() {
        new_err(
            &t().unbound_local_error,
            &format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    } else {
        new_err(
            &t().name_error,
            &format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
        )
    }
}

fn cell_of(frame: &Frame, i: usize) -> PyResult<&CellObj> {
    frame
        .cells
        .get(i)
        .and_then(|c| c.payload::<CellObj>())
        .ok_or_else(|| type_err("bad cell index"))
}

fn binop_symbol(op: BinaryOperator) -> (&'static str, bool) {
    let s = op.symbol();
    if op.is_inplace() {
        (&s[..s.len() - 1], true)
    } else {
        (s, false)
    }
}

fn cmpop(op: ComparisonOperator) -> CmpOp {
    CmpOp::from_index(op as usize)
}

fn load_global(frame: &Frame, c: &CodeObj, i: usize) -> PyResult<Obj> {
    let name = &c.names[i];
    let Some(h) = c.global_hints.get(i) else {
        return Err(crate::exc::name_err(pstr::as_str(name).unwrap_or("")));
    };
    let globals = frame.globals()?;
    // A name missing from these globals when they had this stamp is still
    // missing (no key was added since): straight to the builtins.
    let absent = h.absent.get();
    if absent == 0 || dict::absent_stamp(globals) != Some(absent) {
        let hint = h.globals.get() as usize;
        if let Some((v, ix)) = dict::get_str_key_at(globals, name, hint) {
            h.globals.set(u32::try_from(ix).unwrap_or(u32::MAX));
            return Ok(v);
        }
        h.absent.set(dict::absent_stamp(globals).unwrap_or(0));
    }
    let hint = h.builtins.get() as usize;
    if let Some((v, ix)) = dict::get_str_key_at(frame.builtins()?, name, hint) {
        h.builtins.set(u32::try_from(ix).unwrap_or(u32::MAX));
        return Ok(v);
    }
    Err(crate::exc::name_err(pstr::as_str(name).unwrap_or("")))
}

/// Executes one instruction.
// NOTE: inlined into `run_frame`'s loop: saves a call, a large prologue and
// a second dispatch on the returned `Ctl` per instruction.
#[inline(always)]
fn step(frame: &mut Frame, c: &CodeObj, ins: I) -> PyResult<Ctl> {
    match ins {
        I::Nop => {}
        I::PopTop => {
            let v = frame.stack.pop();
            drop(v);
        }
        I::PushNull => frame.stack.push(None),
        I::Copy(n) => {
            let v = frame.peek(n as usize);
            frame.stack.push(v);
        }
        I::Swap(n) => {
            let len = frame.stack.len();
            let n = n as usize;
            if n <= len {
                frame.stack.swap(len - 1, len - n);
            }
        }
        I::LoadConst(i) => frame.push(c.consts[i as usize].clone()),
        I::LoadFast(i) => match frame.fast[i as usize].get() {
            Some(v) => frame.push(v),
            None => return Err(unbound_local(c, i as usize)),
        },
        I::StoreFast(i) => {
            let v = frame.pop();
            let old = frame.fast[i as usize].replace(Some(v));
            drop(old);
        }
        I::DeleteFast(i) => match frame.fast[i as usize].take() {
            Some(v) => drop(v),
            None => return Err(unbound_local(c, i as usize)),
        },
        I::LoadName(i) => {
            let name = &c.names[i as usize];
            if let Some(l) = &frame.locals {
                if dict::is_dict(l) {
                    if let Some(v) = dict::get_str_key(l, name) {
                        frame.push(v);
                        return Ok(Ctl::Next);
                    }
                } else {
                    match ops::getitem(l, name) {
                        Ok(v) => {
                            frame.push(v);
                            return Ok(Ctl::Next);
                        }
                        Err(e) if crate::exc::matches(&e, &t().key_error) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            let v = load_global(frame, c, i as usize)?;
            frame.push(v);
        }
        I::StoreName(i) => {
            let v = frame.pop();
            let name = c.names[i as usize].clone();
            match &frame.locals {
                Some(l) if dict::is_dict(l) && !crate::types::is_heap_type(&l.type_ref()) => {
                    dict::set_item(l, name, v)?
                }
                Some(l) => ops::setitem(&l.clone(), &name, v)?,
                None => dict::set_item(frame.globals()?, name, v)?,
            }
        }
        I::DeleteName(i) => {
            let name = c.names[i as usize].clone();
            let l = frame.locals.clone().unwrap_or_else(|| frame.globals_obj());
            if dict::del_item(&l, &name)?.is_none() {
                return Err(crate::exc::name_err(pstr::as_str(&name).unwrap_or("")));
            }
        }
        I::LoadGlobal(i) => {
            let v = load_global(frame, c, i as usize)?;
            frame.push(v);
        }
        I::StoreGlobal(i) => {
            let v = frame.pop();
            dict::set_item(frame.globals()?, c.names[i as usize].clone(), v)?;
        }
        I::DeleteGlobal(i) => {
            let name = &c.names[i as usize];
            if dict::del_item(frame.globals()?, name)?.is_none() {
                return Err(crate::exc::name_err(pstr::as_str(name).unwrap_or("")));
            }
        }
        I::LoadDeref(i) => {
            let v = cell_of(frame, i as usize)?.v.get();
            match v {
                Some(v) => frame.push(v),
                None => return Err(deref_error(c, i as usize)),
            }
        }
        I::StoreDeref(i) => {
            let v = frame.pop();
            let old = cell_of(frame, i as usize)?.v.replace(Some(v));
            drop(old);
        }
        I::DeleteDeref(i) => {
            let old = cell_of(frame, i as usize)?.v.take();
            match old {
                Some(v) => drop(v),
                None => return Err(deref_error(c, i as usize)),
            }
        }
        I::LoadClosure(i) => {
            let cell = frame
                .cells
                .get(i as usize)
                .cloned()
                .ok_or_else(|| type_err("bad closure"))?;
            frame.push(cell);
        }
        I::LoadClassDeref(i) => {
            let name = c.cellnames.get(i as usize).cloned();
            if let (Some(l), Some(n)) = (&frame.locals, name) {
                if let Some(v) = dict::get_item(l, &n)? {
                    frame.push(v);
                    return Ok(Ctl::Next);
                }
            }
            let v = cell_of(frame, i as usize)?.v.get();
            match v {
                Some(v) => frame.push(v),
                None => return Err(deref_error(c, i as usize)),
            }
        }
        I::LoadAttr(i) => {
            let o = frame.pop();
            let i = i as usize;
            let line = &c.attr_cache[i];
            if let Some(v) = crate::attrcache::load(line, &o) {
                frame.push(v);
                return Ok(Ctl::Next);
            }
            let v = crate::attr::getattr(&o, &c.names[i])?;
            crate::attrcache::fill_load(line, &o, &c.names[i], &v);
            frame.push(v);
        }
        I::StoreAttr(i) => {
            let o = frame.pop();
            let v = frame.pop();
            let i = i as usize;
            let line = &c.attr_cache[c.names.len() + i];
            if let Err(v) = crate::attrcache::store(line, &o, v) {
                crate::attr::setattr(&o, &c.names[i], Some(v.clone()))?;
                crate::attrcache::fill_store(line, &o, &c.names[i], &v);
            }
        }
        I::DeleteAttr(i) => {
            let o = frame.pop();
            crate::attr::setattr(&o, &c.names[i as usize], None)?;
        }
        I::LoadMethod(i) => {
            let o = frame.pop();
            let name = &c.names[i as usize];
            match method_lookup(&o, name)? {
                Some(m) => {
                    frame.push(m);
                    frame.push(o);
                }
                None => {
                    let v = crate::attr::getattr(&o, name)?;
                    frame.stack.push(None);
                    frame.push(v);
                }
            }
        }
        I::BinarySubscr => {
            let k = frame.pop();
            let o = frame.pop();
            let v = ops::getitem(&o, &k)?;
            frame.push(v);
        }
        I::StoreSubscr => {
            let k = frame.pop();
            let o = frame.pop();
            let v = frame.pop();
            // (the value stays referenced during the store, as by CPython's
            // stack: a Python `__setitem__` sees that reference too)
            ops::setitem(&o, &k, v.clone())?;
            drop(v);
        }
        I::DeleteSubscr => {
            let k = frame.pop();
            let o = frame.pop();
            ops::delitem(&o, &k)?;
        }
        I::UnaryPositive | I::UnaryNegative | I::UnaryInvert => {
            let o = frame.pop();
            let op = match ins {
                I::UnaryPositive => "+",
                I::UnaryNegative => "-",
                _ => "~",
            };
            let v = ops::unary_op(&o, op)?;
            frame.push(v);
        }
        I::UnaryNot => {
            let o = frame.pop();
            let b = ops::truthy(&o)?;
            frame.push(py_bool(!b));
        }
        I::BinaryOp(op) => {
            let b = frame.pop();
            let a = frame.pop();
            if let Some(v) = crate::fastops::binary_int(&a, &b, op) {
                drop((a, b));
                frame.push(v);
                return Ok(Ctl::Next);
            }
            let (sym, inplace) = binop_symbol(op);
            let v = if inplace {
                ops::inplace_op(&a, &b, sym)?
            } else {
                ops::binary_op(&a, &b, sym)?
            };
            drop((a, b));
            frame.push(v);
        }
        I::CompareOp(op) => {
            let b = frame.pop();
            let a = frame.pop();
            if let Some(v) = crate::fastops::compare_int(&a, &b, op) {
                drop((a, b));
                frame.push(v);
                return Ok(Ctl::Next);
            }
            let v = ops::rich_compare(&a, &b, cmpop(op))?;
            frame.push(v);
        }
        I::IsOp { invert } => {
            let b = frame.pop();
            let a = frame.pop();
            frame.push(py_bool(a.is(&b) != invert));
        }
        I::ContainsOp { invert } => {
            let b = frame.pop();
            let a = frame.pop();
            let r = ops::contains(&b, &a)?;
            frame.push(py_bool(r != invert));
        }
        I::BuildTuple(n) => {
            let v = tuple::new_tuple_from_stack(&mut frame.stack, n as usize);
            frame.push(v);
        }
        I::BuildList(n) => {
            let v = list::new_list_from_stack(&mut frame.stack, n as usize);
            frame.push(v);
        }
        I::BuildSet(n) => {
            let items = pop_n(frame, n as usize);
            let s = set::new_set();
            for x in items {
                set::add(&s, x)?;
            }
            frame.push(s);
        }
        I::BuildMap(n) => {
            let items = pop_n(frame, 2 * n as usize);
            let unicode = dict::all_exact_str(items.iter().step_by(2));
            let d = dict::new_dict_presized_for(n as usize, unicode);
            // NOTE: new references are inserted while the popped ones are
            // held until the end, as CPython's BUILD_MAP inserts with the
            // items still on its stack (a Python `__hash__` of a key sees
            // both references).
            for kv in items.chunks_exact(2) {
                dict::set_item(&d, kv[0].clone(), kv[1].clone())?;
            }
            drop(items);
            frame.push(d);
        }
        I::BuildConstKeyMap(n) => {
            let keys = frame.pop();
            let vals = pop_n(frame, n as usize);
            let unicode = dict::all_exact_str(tuple::tuple_items(&keys).iter());
            let d = dict::new_dict_presized_for(n as usize, unicode);
            for (k, v) in tuple::tuple_items(&keys).into_iter().zip(vals) {
                dict::set_item(&d, k, v)?;
            }
            frame.push(d);
        }
        I::BuildString(n) => {
            let parts = pop_n(frame, n as usize);
            let mut s = String::new();
            for p in &parts {
                s.push_str(pstr::as_str(p).unwrap_or(""));
            }
            if parts.len() == 1 {
                frame.push(parts[0].clone());
            } else {
                frame.push(pstr::new_string(s));
            }
        }
        I::BuildSlice(n) => {
            let step = if n == 3 { frame.pop() } else { none() };
            let stop = frame.pop();
            let start = frame.pop();
            frame.push(crate::objects::misc::new_slice(start, stop, step));
        }
        I::ListAppend(n) => {
            let v = frame.pop();
            let l = frame.peek(n as usize).unwrap_or_else(none);
            list::list_append(&l, v)?;
        }
        I::SetAdd(n) => {
            let v = frame.pop();
            let s = frame.peek(n as usize).unwrap_or_else(none);
            set::add(&s, v)?;
        }
        I::MapAdd(n) => {
            let v = frame.pop();
            let k = frame.pop();
            let d = frame.peek(n as usize).unwrap_or_else(none);
            dict::set_item(&d, k, v)?;
        }
        I::ListExtend(n) => {
            let it = frame.pop();
            let l = frame.peek(n as usize).unwrap_or_else(none);
            let items = match ops::to_vec(&it) {
                Ok(v) => v,
                Err(e) if crate::exc::matches(&e, &t().type_error) && !has_iter(&it) => {
                    return Err(type_err(&format!(
                        "Value after * must be an iterable, not {}",
                        tname(&it)
                    )))
                }
                Err(e) => return Err(e),
            };
            list::list_extend_items(&l, items)?;
        }
        I::SetUpdate(n) => {
            let it = frame.pop();
            let s = frame.peek(n as usize).unwrap_or_else(none);
            set::update_from(&s, &it)?;
        }
        I::DictUpdate(n) | I::DictMerge(n) => {
            let m = frame.pop();
            let d = frame.peek(n as usize).unwrap_or_else(none);
            let pairs = mapping_pairs(&m).map_err(|e| {
                if crate::exc::matches(&e, &t().attribute_error) {
                    if matches!(ins, I::DictMerge(_)) {
                        let f = frame.peek(n as usize + 2).unwrap_or_else(none);
                        type_err(&format!(
                            "{} argument after ** must be a mapping, not {}",
                            crate::builtins::func_display_name(&f),
                            tname(&m)
                        ))
                    } else {
                        type_err(&format!("'{}' object is not a mapping", tname(&m)))
                    }
                } else {
                    e
                }
            })?;
            for (k, v) in pairs {
                if matches!(ins, I::DictMerge(_)) && dict::get_item(&d, &k)?.is_some() {
                    let f = frame.peek(n as usize + 2).unwrap_or_else(none);
                    return Err(type_err(&format!(
                        "{} got multiple values for keyword argument '{}'",
                        crate::builtins::func_display_name(&f),
                        pstr::as_str(&k).unwrap_or("")
                    )));
                }
                dict::set_item(&d, k, v)?;
            }
        }
        I::ListToTuple => {
            let l = frame.pop();
            frame.push(tuple::new_tuple(list::list_items(&l)));
        }
        I::UnpackSequence(n) => {
            let seq = frame.pop();
            // (CPython's UNPACK_SEQUENCE_TUPLE/_TWO_TUPLE: an exact tuple of
            // the right length is pushed item by item, no vector)
            if seq.has_type(&t().tuple) {
                let items = seq.items::<tuple::TupleObj>();
                if items.len() == n as usize && tuple::tuple_len(&seq) == items.len() {
                    for s in items.iter().rev() {
                        frame.push(s.get().unwrap_or_else(none));
                    }
                    return Ok(Ctl::Next);
                }
            }
            let items = unpack(&seq, n as usize)?;
            for v in items.into_iter().rev() {
                frame.push(v);
            }
        }
        I::UnpackEx { before, after } => {
            let seq = frame.pop();
            let items = match ops::to_vec(&seq) {
                Ok(v) => v,
                Err(e) if !has_iter(&seq) => {
                    drop(e);
                    return Err(type_err(&format!(
                        "cannot unpack non-iterable {} object",
                        tname(&seq)
                    )));
                }
                Err(e) => return Err(e),
            };
            let (b, a) = (before as usize, after as usize);
            if items.len() < b + a {
                return Err(crate::exc::value_err(&format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    b + a,
                    items.len()
                )));
            }
            let n = items.len();
            let mut items = items;
            let tail: Vec<Obj> = items.split_off(n - a);
            let middle: Vec<Obj> = items.split_off(b);
            for v in tail.into_iter().rev() {
                frame.push(v);
            }
            frame.push(list::new_list(middle));
            for v in items.into_iter().rev() {
                frame.push(v);
            }
        }
        I::Jump(t) => frame.ip = t as usize,
        I::PopJumpIfFalse(t) => {
            let v = frame.pop();
            if !ops::truthy(&v)? {
                frame.ip = t as usize;
            }
        }
        I::PopJumpIfNone(t) => {
            let v = frame.pop();
            if is_none(&v) {
                frame.ip = t as usize;
            }
        }
        I::PopJumpIfNotNone(t) => {
            let v = frame.pop();
            if !is_none(&v) {
                frame.ip = t as usize;
            }
        }
        I::PopJumpIfTrue(t) => {
            let v = frame.pop();
            if ops::truthy(&v)? {
                frame.ip = t as usize;
            }
        }
        I::JumpIfFalseOrPop(t) => {
            let v = frame.top_ref().map_or(Ok(false), ops::truthy)?;
            if !v {
                frame.ip = t as usize;
            } else {
                frame.pop();
            }
        }
        I::JumpIfTrueOrPop(t) => {
            let v = frame.top_ref().map_or(Ok(false), ops::truthy)?;
            if v {
                frame.ip = t as usize;
            } else {
                frame.pop();
            }
        }
        I::GetIter => {
            let o = frame.pop();
            let it = ops::iter(&o)?;
            frame.push(it);
        }
        I::ForIter(target) => {
            let next = match frame.top_ref() {
                Some(it) => ops::next(it)?,
                None => None,
            };
            match next {
                Some(v) => frame.push(v),
                None => {
                    frame.pop();
                    frame.ip = target as usize;
                }
            }
        }
        I::MakeFunction(fl) => {
            let code = frame.pop();
            let closure = if fl & 0x08 != 0 {
                Some(frame.pop())
            } else {
                None
            };
            let ann = if fl & 0x04 != 0 {
                Some(frame.pop())
            } else {
                None
            };
            let kwdefaults = if fl & 0x02 != 0 {
                Some(frame.pop())
            } else {
                None
            };
            let defaults = if fl & 0x01 != 0 {
                Some(frame.pop())
            } else {
                None
            };
            let (qn, nm, doc) = match co(&code) {
                Some(cc) => (
                    cc.qualname.clone(),
                    cc.name.clone(),
                    if cc.unit.has_docstring {
                        cc.consts.first().cloned()
                    } else {
                        None
                    },
                ),
                None => (pstr::new_str("?"), pstr::new_str("?"), None),
            };
            let f = crate::objects::func::new_function(code, frame.globals()?.clone(), qn, nm);
            if let Some(fp) = f.payload::<FuncObj>() {
                fp.closure.set(closure);
                fp.defaults.set(defaults);
                fp.kwdefaults.set(kwdefaults);
                fp.doc.set(Some(doc.unwrap_or_else(none)));
                // NOTE: kept as the compiler's flat tuple, as 3.11 does;
                // `__annotations__` turns it into a dict when first read.
                fp.annotations.set(ann);
            }
            frame.push(f);
        }
        I::KwNames(i) => frame.kwnames = Some(c.consts[i as usize].clone()),
        I::Call(argc) => {
            if frame.kwnames.is_none() {
                if let Some(r) = crate::callfast::try_call(frame, argc as usize) {
                    frame.push(r?);
                    return Ok(Ctl::Next);
                }
                if let Some(r) = crate::builtincall::try_call(frame, argc as usize) {
                    frame.push(r?);
                    return Ok(Ctl::Next);
                }
            }
            // Off the plain-function fast path: a bound method object is
            // unpacked (and its function may then take the fast path).
            if unpack_bound_method(frame, argc as usize) && frame.kwnames.is_none() {
                if let Some(r) = crate::callfast::try_call(frame, argc as usize) {
                    frame.push(r?);
                    return Ok(Ctl::Next);
                }
            }
            let kwnames = frame.kwnames.take();
            // Stack: [callable-or-NULL, self-or-callable, args...]. A method
            // call's self is the first argument: it is taken with the
            // arguments in one move (no shifting insert).
            let argc = argc as usize;
            let len = frame.stack.len();
            if len < argc + 2 {
                return Err(type_err("bad call stack"));
            }
            let is_method = frame.stack[len - argc - 2].is_some();
            let mut args = pop_n(frame, argc + usize::from(is_method));
            let callable = if is_method {
                frame.stack.pop().flatten()
            } else {
                let b = frame.stack.pop().flatten();
                frame.stack.pop();
                b
            };
            let Some(callable) = callable else {
                return Err(type_err("bad call stack"));
            };
            let kw = split_kw(&mut args, kwnames);
            let r = call_in_frame(frame, c, &callable, args, kw)?;
            drop(callable);
            frame.push(r);
        }
        I::CallFunctionEx { has_kwargs } => {
            let kwargs = if has_kwargs { Some(frame.pop()) } else { None };
            let args = frame.pop();
            let f = frame.pop();
            let _null = frame.stack.pop();
            let args = if tuple::is_tuple(&args) {
                tuple::tuple_items(&args)
            } else {
                ops::to_vec(&args)?
            };
            let kw = match kwargs {
                Some(d) => dict::items(&d),
                None => Vec::new(),
            };
            let r = call_in_frame(frame, c, &f, args, kw)?;
            frame.push(r);
        }
        I::ReturnValue => {
            let v = frame.pop();
            return Ok(Ctl::Return(v));
        }
        I::YieldValue => {
            let v = frame.pop();
            return Ok(Ctl::Yield(v));
        }
        I::GetYieldFromIter => {
            let o = frame.pop();
            if crate::coro::is_coroutine(&o) {
                let fl = flags::CO_COROUTINE | flags::CO_ITERABLE_COROUTINE;
                if c.unit.flags & fl == 0 {
                    return Err(type_err(
                        "cannot 'yield from' a coroutine object in a non-coroutine generator",
                    ));
                }
                frame.push(o);
            } else if crate::gen::is_generator(&o) {
                frame.push(o);
            } else {
                let it = ops::iter(&o)?;
                frame.push(it);
            }
        }
        I::YieldFrom => {
            let x = frame.pop();
            let it = frame.top();
            match crate::gen::delegate_send(&it, x)? {
                crate::gen::Sent::Yielded(y) => {
                    frame.ip -= 1;
                    return Ok(Ctl::Yield(y));
                }
                crate::gen::Sent::Returned(r) => {
                    frame.pop();
                    frame.push(r);
                }
            }
        }
        I::GetAwaitable(w) => {
            let v = frame.pop();
            frame.push(crate::coro::get_awaitable(v, w)?);
        }
        I::GetAiter => {
            let v = frame.pop();
            frame.push(crate::async_gen::get_aiter(v)?);
        }
        I::GetAnext => {
            let aiter = frame.top();
            frame.push(crate::async_gen::get_anext(&aiter)?);
        }
        I::EndAsyncFor => {
            let exc = frame.pop();
            if !crate::types::isinstance(&exc, &crate::coro::stop_async()) {
                frame.reraise = true;
                return Err(PyErr { exc });
            }
            frame.pop();
        }
        I::AsyncGenWrap => {
            let v = frame.pop();
            frame.push(crate::async_gen::wrap(v));
        }
        I::BeforeAsyncWith => {
            let cm = frame.pop();
            let (exit, enter) = crate::coro::before_async_with(&cm)?;
            frame.push(exit);
            frame.push(enter);
        }
        I::LoadBuildClass => {
            let v = dict::get_str(frame.builtins()?, "__build_class__")
                .ok_or_else(|| new_err(&t().name_error, "__build_class__ not found"))?;
            frame.push(v);
        }
        I::ImportName(i) => {
            let fromlist = frame.pop();
            let level = frame.pop();
            let m = crate::import::import_name(
                &c.names[i as usize],
                frame.globals()?,
                &fromlist,
                crate::objects::int::as_i64(&level).unwrap_or(0),
            )?;
            frame.push(m);
        }
        I::ImportFrom(i) => {
            let m = frame.top();
            let v = crate::import::import_from(&m, &c.names[i as usize])?;
            frame.push(v);
        }
        I::ImportStar => {
            let m = frame.pop();
            let target = frame.locals.clone().unwrap_or_else(|| frame.globals_obj());
            crate::import::import_star(&m, &target)?;
        }
        I::FormatValue {
            conversion,
            has_spec,
        } => {
            let spec = if has_spec { Some(frame.pop()) } else { None };
            let v = frame.pop();
            let v = match conversion {
                Conversion::None => v,
                Conversion::Str => ops::str_(&v)?,
                Conversion::Repr => ops::repr(&v)?,
                Conversion::Ascii => {
                    pstr::new_string(crate::builtins::ascii_of(&ops::repr_string(&v)?))
                }
            };
            let spec_s = spec
                .as_ref()
                .and_then(|s| pstr::as_str(s).map(|x| x.to_string()))
                .unwrap_or_default();
            if spec_s.is_empty() && v.has_type(&t().str_) {
                frame.push(v);
            } else {
                let r = ops::format(&v, &spec_s)?;
                frame.push(r);
            }
        }
        I::PrintExpr => {
            let v = frame.pop();
            crate::interactive::print_expr(v)?;
        }
        I::SetupAnnotations => {
            let l = frame.locals.clone().unwrap_or_else(|| frame.globals_obj());
            if dict::get_str(&l, "__annotations__").is_none() {
                dict::set_str(&l, "__annotations__", dict::new_dict())?;
            }
        }
        I::LoadAssertionError => frame.push(t().assertion_error.clone()),
        I::RaiseVarargs(n) => {
            let e = do_raise(frame, n)?;
            // A bare `raise` adds no traceback entry (CPython skips
            // PyTraceBack_Here for it).
            frame.reraise = n == 0;
            return Err(e);
        }
        I::SetupFinally(target) => {
            let level = frame.stack.len() as u32;
            frame.blocks.push((target, level));
        }
        I::SetupWith(target) => {
            let level = frame.stack.len().saturating_sub(1) as u32;
            frame.blocks.push((target, level));
        }
        I::PopBlock => {
            frame.blocks.pop();
        }
        I::PushExcInfo => {
            let exc = frame.pop();
            let prev = crate::rt::swap_top_exc(Some(exc.clone()));
            frame.push(prev.unwrap_or_else(none));
            frame.push(exc);
        }
        I::PopExcept => {
            let prev = frame.pop();
            let old = crate::rt::swap_top_exc(if is_none(&prev) { None } else { Some(prev) });
            drop(old);
        }
        I::Reraise => {
            let exc = frame.pop();
            frame.reraise = true;
            return Err(PyErr { exc });
        }
        I::CheckExcMatch => {
            let ty = frame.pop();
            let exc = frame.top();
            let r = exc_matches(&exc, &ty)?;
            frame.push(py_bool(r));
        }
        I::BeforeWith => {
            let cm = frame.pop();
            let ty = cm.type_ref();
            let enter = crate::types::lookup(&ty, "__enter__");
            let exit = crate::types::lookup(&ty, "__exit__");
            let (Some(enter), Some(exit)) = (enter, exit) else {
                let missing = if crate::types::lookup(&ty, "__enter__").is_none() {
                    ""
                } else {
                    " (missed __exit__ method)"
                };
                return Err(type_err(&format!(
                    "'{}' object does not support the context manager protocol{}",
                    tname(&cm),
                    missing
                )));
            };
            // Both are looked up as bound methods, as CPython's
            // `_PyObject_LookupSpecial` does (the bound `__enter__` holds a
            // reference to the manager while it runs).
            let bound_enter = crate::attr::descr_get(enter, Some(&cm), &ty)?;
            let bound_exit = crate::attr::descr_get(exit, Some(&cm), &ty)?;
            drop(cm);
            frame.push(bound_exit);
            let r = ops::call(&bound_enter, vec![], vec![])?;
            drop(bound_enter);
            frame.push(r);
        }
        I::WithExceptStart => {
            let exc = frame.top();
            let exit = frame.peek(3).unwrap_or_else(none);
            let tb = crate::exc::ep(&exc)
                .and_then(|e| e.traceback.get())
                .unwrap_or_else(none);
            let r = ops::call(&exit, vec![exc.type_ref(), exc, tb], vec![])?;
            frame.push(r);
        }
        I::GetLen | I::MatchSequence | I::MatchMapping | I::MatchKeys | I::MatchClass(_) => {
            crate::pattern_ops::exec(&mut frame.stack, ins)?;
        }
        I::CheckEgMatch | I::PrepReraiseStar => crate::exc_group::exec(&mut frame.stack, ins)?,
    }
    Ok(Ctl::Next)
}

/// Calls `f`, giving the frame-aware builtins (`globals()`, `locals()`,
/// `super()` ...) what they need from the current frame.
fn call_in_frame(
    frame: &mut Frame,
    c: &CodeObj,
    f: &Obj,
    mut args: Vec<Obj>,
    kw: Kw,
) -> PyResult<Obj> {
    if f.is(&t().super_) && args.is_empty() && kw.is_empty() {
        let cls = c
            .unit
            .freevars
            .iter()
            .position(|n| n == "__class__")
            .and_then(|i| frame.cells.get(c.unit.cellvars.len() + i))
            .and_then(|cell| cell.payload::<CellObj>().and_then(|x| x.v.get()));
        let Some(cls) = cls else {
            return Err(crate::exc::runtime_err("super(): __class__ cell not found"));
        };
        let first = if c.unit.argcount + c.unit.kwonlyargcount > 0
            || c.unit.flags & flags::CO_VARARGS != 0
        {
            match frame.fast.first().and_then(|s| s.get()) {
                Some(v) => Some(v),
                None => c
                    .unit
                    .cell2arg
                    .iter()
                    .position(|a| *a == Some(0))
                    .and_then(|i| frame.cells.get(i))
                    .and_then(|cell| cell.payload::<CellObj>().and_then(|x| x.v.get())),
            }
        } else {
            None
        };
        let Some(first) = first else {
            return Err(crate::exc::runtime_err("super(): no arguments"));
        };
        args = vec![cls, first];
    }
    let needs = f
        .payload::<crate::objects::func::BuiltinObj>()
        .is_some_and(|b| {
            b.self_.peek().is_none()
                && matches!(
                    b.def.name,
                    "globals" | "locals" | "vars" | "dir" | "exec" | "eval"
                )
        });
    if !needs {
        return ops::call(f, args, kw);
    }
    let locals = match &frame.locals {
        Some(l) => l.clone(),
        None => {
            let d = dict::new_dict();
            for (i, v) in frame.fast.iter().enumerate() {
                if let Some(v) = v.get() {
                    dict::set_item(&d, c.varnames[i].clone(), v)?;
                }
            }
            for (i, cell) in frame.cells.iter().enumerate() {
                if let Some(v) = cell.payload::<CellObj>().and_then(|x| x.v.get()) {
                    dict::set_item(&d, c.cellnames[i].clone(), v)?;
                }
            }
            d
        }
    };
    crate::frames::push(frame.globals_obj(), locals);
    let r = ops::call(f, args, kw);
    crate::frames::pop();
    r
}

fn has_iter(o: &Obj) -> bool {
    let ty = o.type_ref();
    crate::iters::is_native_iterable(o)
        || crate::types::lookup(&ty, "__iter__").is_some()
        || crate::types::lookup(&ty, "__getitem__").is_some()
}

/// CPython 3.11's `CALL` of a bound method object (not a `LOAD_METHOD`
/// pair): `[NULL, method, args...]` becomes `[func, self, args...]` and the
/// method object is released before the call, so `self` is held by the
/// stack alone (and a Python function then takes the fast path).
fn unpack_bound_method(frame: &mut Frame, argc: usize) -> bool {
    let len = frame.stack.len();
    if len < argc + 2 {
        return false;
    }
    let base = len - argc - 2;
    if frame.stack[base].is_some() {
        return false;
    }
    let Some(m) = frame.stack[base + 1]
        .as_ref()
        .and_then(|c| c.payload::<crate::objects::func::BoundObj>())
    else {
        return false;
    };
    let (Some(func), Some(self_)) = (m.func.get(), m.self_.get()) else {
        return false;
    };
    frame.stack[base] = Some(func);
    let method = frame.stack[base + 1].replace(self_);
    drop(method);
    true
}

fn pop_n(frame: &mut Frame, n: usize) -> Vec<Obj> {
    let at = frame.stack.len().saturating_sub(n);
    // NOTE: one exact allocation, reused by the in-place collect (an
    // `Option<Obj>` and an `Obj` have the same layout).
    frame
        .stack
        .split_off(at)
        .into_iter()
        .map(|v| v.unwrap_or_else(none))
        .collect()
}

fn split_kw(args: &mut Vec<Obj>, kwnames: Option<Obj>) -> Kw {
    let Some(names) = kwnames else {
        return Vec::new();
    };
    let names = tuple::tuple_items(&names);
    let at = args.len().saturating_sub(names.len());
    let vals = args.split_off(at);
    names.into_iter().zip(vals).collect()
}

/// The `LoadMethod` fast path: a plain function on the type not shadowed
/// by an instance attribute.
fn method_lookup(o: &Obj, name: &Obj) -> PyResult<Option<Obj>> {
    let ty = o.type_ref();
    if crate::types::is_type(o) || ty.is(&t().super_) {
        return Ok(None);
    }
    if crate::types::is_heap_type(&ty)
        && crate::typecache::lookup_kind(&ty, &crate::typecache::names().getattribute)
            == crate::typecache::Kind::Function
    {
        return Ok(None);
    }
    let Some(m) = crate::types::lookup_obj(&ty, name) else {
        return Ok(None);
    };
    let is_plain = (m.has_type(&t().method_descriptor)
        && m.payload::<crate::objects::func::DescrObj>().is_some())
        || m.payload::<FuncObj>().is_some();
    if !is_plain {
        return Ok(None);
    }
    // Only objects with a managed dict or a payload dict can shadow the
    // method with an attribute of their own (a list, str, ... cannot).
    let may_shadow = o
        .type_slots()
        .flags
        .get()
        .contains(pyheap_mem::TypeFlags::MANAGED_DICT)
        || crate::attr::has_payload_dict_slot(o);
    if may_shadow && crate::attr::own_attr_obj(o, name).is_some() {
        return Ok(None);
    }
    Ok(Some(m))
}

fn unpack(seq: &Obj, n: usize) -> PyResult<Vec<Obj>> {
    if tuple::is_tuple(seq) || list::is_list(seq) {
        let items = ops::to_vec(seq)?;
        if items.len() == n {
            return Ok(items);
        }
        if items.len() < n {
            return Err(crate::exc::value_err(&format!(
                "not enough values to unpack (expected {}, got {})",
                n,
                items.len()
            )));
        }
        return Err(crate::exc::value_err(&format!(
            "too many values to unpack (expected {n})"
        )));
    }
    let it = match ops::iter(seq) {
        Ok(it) => it,
        Err(e) if crate::exc::matches(&e, &t().type_error) => {
            return Err(type_err(&format!(
                "cannot unpack non-iterable {} object",
                tname(seq)
            )))
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        match ops::next(&it)? {
            Some(v) => out.push(v),
            None => {
                return Err(crate::exc::value_err(&format!(
                    "not enough values to unpack (expected {}, got {})",
                    n,
                    out.len()
                )))
            }
        }
    }
    if ops::next(&it)?.is_some() {
        return Err(crate::exc::value_err(&format!(
            "too many values to unpack (expected {n})"
        )));
    }
    Ok(out)
}

/// (key, value) pairs of a mapping (`keys()` + `__getitem__` protocol).
pub fn mapping_pairs(m: &Obj) -> PyResult<Vec<(Obj, Obj)>> {
    if dict::is_dict(m) && !crate::types::is_heap_type(&m.type_ref()) {
        return Ok(dict::items(m));
    }
    let keys = crate::attr::getattr_str(m, "keys")?;
    let keys = ops::call(&keys, vec![], vec![])?;
    let mut out = Vec::new();
    for k in ops::to_vec(&keys)? {
        let v = ops::getitem(m, &k)?;
        out.push((k, v));
    }
    Ok(out)
}

/// `except T:` matching (T a class or tuple of classes).
pub fn exc_matches(exc: &Obj, ty: &Obj) -> PyResult<bool> {
    if tuple::is_tuple(ty) {
        for t1 in tuple::tuple_items(ty) {
            if exc_matches(exc, &t1)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if !crate::types::is_type(ty) || !crate::types::is_subtype(ty, &t().base_exception) {
        return Err(type_err(
            "catching classes that do not inherit from BaseException is not allowed",
        ));
    }
    Ok(crate::types::isinstance(exc, ty))
}

fn do_raise(frame: &mut Frame, n: u32) -> PyResult<PyErr> {
    match n {
        0 => match crate::rt::current_exc() {
            Some(e) => Ok(PyErr { exc: e }),
            None => Err(crate::exc::runtime_err("No active exception to reraise")),
        },
        1 => {
            let v = frame.pop();
            let exc = crate::exc::make_raisable(v)?;
            Ok(PyErr { exc })
        }
        _ => {
            let cause = frame.pop();
            let v = frame.pop();
            let exc = crate::exc::make_raisable(v)?;
            let cause = if is_none(&cause) {
                None
            } else {
                Some(
                    crate::exc::make_raisable(cause)
                        .map_err(|_| type_err("exception causes must derive from BaseException"))?,
                )
            };
            if let Some(e) = crate::exc::ep(&exc) {
                e.cause.set(cause);
                e.suppress_context.set(true);
            }
            Ok(PyErr { exc })
        }
    }
}

pub fn unused(_: Exit) {}
