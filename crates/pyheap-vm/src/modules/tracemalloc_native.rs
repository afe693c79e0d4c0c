//! `_tracemalloc`: allocation tracing fed by pyheap-mem's event sink; the
//! classes (`Snapshot`, `Statistic`, ...) are in `py/tracemalloc.py`.
//!
//! Read [`Tracer::on_event`] first. Invariants:
//! - a trace is keyed by the raw block address of `Event::BlockAlloc` and
//!   records the requested size (an object's whole request, GC header and
//!   pre-header included, as CPython's tracemalloc records it) and the Python
//!   stack (filename, line), most recent first, cut at the traceback limit;
//! - the state lives in a thread-local `RefCell`; module functions copy data
//!   out and release it before building result objects (building them
//!   allocates and so re-enters the sink, which skips events it cannot
//!   borrow for).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use pyheap_mem::events::{self, Event, EventSink};

use super::add_fn;
use crate::exc::{type_err, value_err};
use crate::objects::int::{new_int, new_int_usize};
use crate::objects::{list, str as pstr, tuple};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{none, py_bool};

/// A traceback: (filename, line) pairs, most recent first.
type Frames = Rc<[(Rc<str>, u32)]>;

struct Trace {
    size: usize,
    frames: Frames,
    total_nframe: usize,
}

#[derive(Default)]
struct Tracer {
    tracing: bool,
    limit: usize,
    traces: HashMap<usize, Trace>,
    current: usize,
    peak: usize,
    filenames: HashMap<String, Rc<str>>,
}

thread_local! {
    static STATE: RefCell<Tracer> = RefCell::new(Tracer { limit: 1, ..Tracer::default() });
}

/// The sink installed while tracing: forwards to the thread's [`Tracer`].
struct Sink;

impl EventSink for Sink {
    fn event(&mut self, ev: &Event) {
        match ev {
            Event::BlockAlloc { .. } | Event::BlockFree { .. } => {
                // NOTE: `try_with`: frees may still arrive while the thread's
                // locals are being destroyed at exit.
                let _ = STATE.try_with(|s| {
                    if let Ok(mut s) = s.try_borrow_mut() {
                        s.on_event(ev);
                    }
                });
            }
            _ => {}
        }
    }
}

impl Tracer {
    fn on_event(&mut self, ev: &Event) {
        match *ev {
            Event::BlockAlloc { addr, size } => {
                let (frames, total_nframe) = self.current_frames();
                if let Some(old) = self.traces.insert(
                    addr,
                    Trace {
                        size,
                        frames,
                        total_nframe,
                    },
                ) {
                    self.current = self.current.saturating_sub(old.size);
                }
                self.current += size;
                self.peak = self.peak.max(self.current);
            }
            Event::BlockFree { addr } => {
                if let Some(old) = self.traces.remove(&addr) {
                    self.current = self.current.saturating_sub(old.size);
                }
            }
            _ => {}
        }
    }

    /// The running Python stack, as CPython's tracemalloc stores it.
    fn current_frames(&mut self) -> (Frames, usize) {
        let (stack, total) = crate::frames::code_stack(self.limit);
        let mut out: Vec<(Rc<str>, u32)> = Vec::with_capacity(stack.len());
        for (code, lasti) in &stack {
            let Some(c) = crate::code::co(code) else {
                continue;
            };
            let line = c.unit.locations.get(*lasti).map_or(0, |l| l.line);
            let name = &c.unit.filename;
            let f = match self.filenames.get(name.as_str()) {
                Some(f) => f.clone(),
                None => {
                    let f: Rc<str> = Rc::from(name.as_str());
                    self.filenames.insert(name.clone(), f.clone());
                    f
                }
            };
            out.push((f, line));
        }
        if out.is_empty() {
            // NOTE: CPython records "<unknown>", line 0 when no Python frame runs.
            out.push((Rc::from("<unknown>"), 0));
        }
        drop(stack);
        (Rc::from(out), total.max(1))
    }
}

fn frames_obj(frames: &[(Rc<str>, u32)]) -> Obj {
    tuple::new_tuple(
        frames
            .iter()
            .map(|(f, l)| tuple::new_tuple(vec![pstr::new_str(f), new_int(*l as i64)]))
            .collect(),
    )
}

fn start(a: Vec<Obj>, k: Kw) -> PyResult<Obj> {
    let n = a
        .first()
        .cloned()
        .or_else(|| crate::builtins::kwarg(&k, "nframe"));
    let n = n.map(|o| crate::ops::to_i64(&o)).transpose()?.unwrap_or(1);
    if !(1..=65535).contains(&n) {
        return Err(value_err(
            "the number of frames must be in range [1; 65535]",
        ));
    }
    let was = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.limit = n as usize;
        std::mem::replace(&mut s.tracing, true)
    });
    if !was {
        let prev = events::set_sink(Some(Box::new(Sink)));
        drop(prev);
    }
    Ok(none())
}

fn stop(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let was = STATE.with(|s| s.borrow().tracing);
    if was {
        let prev = events::set_sink(None);
        drop(prev);
        let old = STATE.with(|s| {
            let mut s = s.borrow_mut();
            s.tracing = false;
            s.current = 0;
            s.peak = 0;
            std::mem::take(&mut s.traces)
        });
        drop(old);
    }
    Ok(none())
}

fn is_tracing(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(py_bool(STATE.with(|s| s.borrow().tracing)))
}

fn get_traceback_limit(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(new_int_usize(STATE.with(|s| s.borrow().limit)))
}

fn get_traced_memory(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let (c, p) = STATE.with(|s| {
        let s = s.borrow();
        if s.tracing {
            (s.current, s.peak)
        } else {
            (0, 0)
        }
    });
    Ok(tuple::new_tuple(vec![new_int_usize(c), new_int_usize(p)]))
}

fn reset_peak(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.peak = s.current;
    });
    Ok(none())
}

fn clear_traces(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let old = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.current = 0;
        s.peak = 0;
        std::mem::take(&mut s.traces)
    });
    drop(old);
    Ok(none())
}

/// Bytes the tracer itself uses (its tables live on the Rust heap; this is
/// an estimate from their capacities).
fn get_tracemalloc_memory(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let n = STATE.with(|s| {
        let s = s.borrow();
        let traces = s.traces.capacity() * (std::mem::size_of::<(usize, Trace)>() + 1);
        let names: usize = s.filenames.keys().map(|k| 2 * k.len() + 64).sum();
        traces + names
    });
    Ok(new_int_usize(n))
}

/// `_get_object_traceback(obj)`: the trace of the block holding `obj`.
///
/// NOTE: as CPython 3.11, only the GC header is subtracted from the object's
/// address, so objects with a pre-header (managed dict) are not found.
fn get_object_traceback(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let o = a
        .first()
        .ok_or_else(|| type_err("_get_object_traceback() takes exactly one argument (0 given)"))?;
    let addr = if o.is_gc() {
        o.addr().wrapping_sub(16)
    } else {
        o.addr()
    };
    let frames = STATE.with(|s| s.borrow().traces.get(&addr).map(|t| t.frames.clone()));
    Ok(frames.map(|f| frames_obj(&f)).unwrap_or_else(none))
}

/// `_get_traces()`: [(domain, size, frames, total_nframe), ...].
fn get_traces(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let all: Vec<(usize, Frames, usize)> = STATE.with(|s| {
        s.borrow()
            .traces
            .values()
            .map(|t| (t.size, t.frames.clone(), t.total_nframe))
            .collect()
    });
    let mut items = Vec::with_capacity(all.len());
    let mut cache: HashMap<*const (Rc<str>, u32), Obj> = HashMap::new();
    for (size, frames, total) in all {
        let key = frames.as_ptr();
        let fo = match cache.get(&key) {
            Some(o) => o.clone(),
            None => {
                let o = frames_obj(&frames);
                cache.insert(key, o.clone());
                o
            }
        };
        items.push(tuple::new_tuple(vec![
            new_int(0),
            new_int_usize(size),
            fo,
            new_int_usize(total),
        ]));
    }
    Ok(list::new_list(items))
}

pub fn init(m: &Obj) -> PyResult<()> {
    let fns: &[(&'static str, crate::rt::NativeFn)] = &[
        ("start", start),
        ("stop", stop),
        ("is_tracing", is_tracing),
        ("get_traceback_limit", get_traceback_limit),
        ("get_traced_memory", get_traced_memory),
        ("reset_peak", reset_peak),
        ("clear_traces", clear_traces),
        ("get_tracemalloc_memory", get_tracemalloc_memory),
        ("_get_object_traceback", get_object_traceback),
        ("_get_traces", get_traces),
    ];
    for (n, f) in fns {
        add_fn(m, n, *f)?;
    }
    Ok(())
}
