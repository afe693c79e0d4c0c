//! The `signal` module (a minimal one) and the interpreter's signal check.
//!
//! Read [`check`] first: the eval loop calls it at its check points (frame
//! entry, backward jumps) and blocking calls call it after being
//! interrupted. A signal with a Python-level handler is recorded by
//! `pyheap_mem::signals` (async-signal-safe) and the handler runs here, on
//! the interpreter thread, as `handler(signum, frame)`.
//!
//! Invariants:
//! - `HANDLERS[n]` is what `signal.getsignal(n)` returns once the module
//!   exists; before that SIGINT behaves as `default_int_handler` (CPython
//!   installs it at start-up, see [`install_startup_handlers`]);
//! - the table's objects are released by [`fini`] at shutdown.

use std::cell::RefCell;
use std::mem::ManuallyDrop;

use pyheap_mem::signals::{self, Disposition};

use super::{add_fn, set_attr};
use crate::exc::{type_err, value_err};
use crate::objects::int::{as_i64, new_int};
use crate::rt::{Kw, Obj, PyErr, PyResult};
use crate::types::{none, t};

const NSIG: i64 = 65;
const SIGINT: i32 = 2;
const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;

thread_local! {
    /// Python-level handlers by signal number (empty until `signal` is
    /// imported).
    static HANDLERS: ManuallyDrop<RefCell<Vec<Obj>>> =
        const { ManuallyDrop::new(RefCell::new(Vec::new())) };
    /// Whether start-up installed the SIGINT handler.
    static STARTUP_INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// `signal.default_int_handler` once the module exists.
    static DEFAULT_INT: ManuallyDrop<RefCell<Option<Obj>>> =
        const { ManuallyDrop::new(RefCell::new(None)) };
}

/// Start-up: SIGINT raises `KeyboardInterrupt` (CPython's default) unless
/// the parent process left it ignored (e.g. `cmd &` in a script).
pub fn install_startup_handlers() {
    if signals::disposition(SIGINT) == Some(Disposition::Default) {
        let ok = signals::set_disposition(SIGINT, Disposition::Record).is_ok();
        STARTUP_INSTALLED.with(|c| c.set(ok));
    }
}

/// Re-applies SIGINT's disposition after foreign code (the REPL's line
/// editor) replaced the process's handler: the Python-level handler decides
/// (before `signal` is imported: ours, unless SIGINT was inherited ignored).
pub fn reclaim_sigint() {
    let how = HANDLERS.with(|h| {
        h.borrow().get(SIGINT as usize).map(|o| match as_i64(o) {
            Some(SIG_DFL) if !crate::builtins::is_callable(o) => Disposition::Default,
            Some(SIG_IGN) if !crate::builtins::is_callable(o) => Disposition::Ignore,
            _ => Disposition::Record,
        })
    });
    let how = how.unwrap_or(if STARTUP_INSTALLED.with(|c| c.get()) {
        Disposition::Record
    } else {
        Disposition::Ignore
    });
    let _ = signals::set_disposition(SIGINT, how);
}

/// Runs the handlers of pending signals; an error from a handler (e.g.
/// `KeyboardInterrupt`) is raised at the caller's check point.
#[inline]
pub fn check() -> PyResult<()> {
    if signals::tripped() {
        run_pending()
    } else {
        Ok(())
    }
}

fn run_pending() -> PyResult<()> {
    let bits = signals::take_pending();
    for sig in 1..64 {
        if bits & (1u64 << sig) == 0 {
            continue;
        }
        let handler = HANDLERS.with(|h| h.borrow().get(sig as usize).cloned());
        let r = match handler {
            None if sig == SIGINT => Err(keyboard_interrupt()),
            None => Ok(()),
            Some(h) if crate::builtins::is_callable(&h) => {
                let frame = crate::traceback::getframe(0).unwrap_or_else(|_| none());
                crate::ops::call(&h, vec![new_int(sig as i64), frame], Vec::new()).map(|_| ())
            }
            Some(_) => Ok(()),
        };
        if let Err(e) = r {
            // Signals not handled yet stay pending for the next check.
            for later in sig + 1..64 {
                if bits & (1u64 << later) != 0 {
                    signals::mark_pending(later);
                }
            }
            return Err(e);
        }
    }
    Ok(())
}

fn keyboard_interrupt() -> PyErr {
    PyErr {
        exc: crate::exc::new_exc(&t().keyboard_interrupt, Vec::new()),
    }
}

fn default_int_handler(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Err(keyboard_interrupt())
}

fn signum(a: &[Obj], what: &str) -> PyResult<i32> {
    let o = a
        .first()
        .ok_or_else(|| type_err(&format!("{what} expected at least 1 argument, got 0")))?;
    let n = crate::ops::to_i64(o)?;
    if !(1..NSIG).contains(&n) {
        return Err(value_err("signal number out of range"));
    }
    Ok(n as i32)
}

fn getsignal(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    crate::builtins::check_args("getsignal", &a, 1, 1)?;
    let sig = signum(&a, "getsignal")?;
    Ok(HANDLERS
        .with(|h| h.borrow().get(sig as usize).cloned())
        .unwrap_or_else(|| new_int(SIG_DFL)))
}

fn signal(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    crate::builtins::check_args("signal", &a, 2, 2)?;
    let sig = signum(&a, "signal")?;
    let handler = a[1].clone();
    let how = match as_i64(&handler) {
        Some(SIG_DFL) if !crate::builtins::is_callable(&handler) => Disposition::Default,
        Some(SIG_IGN) if !crate::builtins::is_callable(&handler) => Disposition::Ignore,
        _ if crate::builtins::is_callable(&handler) => Disposition::Record,
        _ => {
            return Err(type_err(
                "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
            ))
        }
    };
    signals::set_disposition(sig, how).map_err(|e| super::os_posix::os_err(e, None))?;
    let old = HANDLERS.with(|h| {
        let mut h = h.borrow_mut();
        h.get_mut(sig as usize)
            .map(|slot| std::mem::replace(slot, handler))
    });
    Ok(old.unwrap_or_else(|| new_int(SIG_DFL)))
}

fn raise_signal(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    crate::builtins::check_args("raise_signal", &a, 1, 1)?;
    let sig = signum(&a, "raise_signal")?;
    signals::raise(sig).map_err(|e| super::os_posix::os_err(e, None))?;
    check()?;
    Ok(none())
}

fn strsignal(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    crate::builtins::check_args("strsignal", &a, 1, 1)?;
    let sig = signum(&a, "strsignal")?;
    let name = NAMES.iter().find(|(_, n, _)| *n == sig).map(|(_, _, d)| *d);
    Ok(name.map(crate::objects::str::new_str).unwrap_or_else(none))
}

/// (name, number, description) of the signals the module names.
const NAMES: &[(&str, i32, &str)] = &[
    ("SIGHUP", 1, "Hangup"),
    ("SIGINT", 2, "Interrupt"),
    ("SIGQUIT", 3, "Quit"),
    ("SIGILL", 4, "Illegal instruction"),
    ("SIGABRT", 6, "Aborted"),
    ("SIGFPE", 8, "Floating point exception"),
    ("SIGKILL", 9, "Killed"),
    ("SIGUSR1", 10, "User defined signal 1"),
    ("SIGSEGV", 11, "Segmentation fault"),
    ("SIGUSR2", 12, "User defined signal 2"),
    ("SIGPIPE", 13, "Broken pipe"),
    ("SIGALRM", 14, "Alarm clock"),
    ("SIGTERM", 15, "Terminated"),
    ("SIGCHLD", 17, "Child exited"),
];

pub fn init(m: &Obj) -> PyResult<()> {
    add_fn(m, "signal", signal)?;
    add_fn(m, "getsignal", getsignal)?;
    add_fn(m, "raise_signal", raise_signal)?;
    add_fn(m, "strsignal", strsignal)?;
    add_fn(m, "default_int_handler", default_int_handler)?;
    let d = crate::objects::misc::module_dict(m).ok_or_else(|| type_err("bad module"))?;
    let dih = crate::objects::dict::get_str(&d, "default_int_handler").unwrap_or_else(none);
    DEFAULT_INT.with(|x| *x.borrow_mut() = Some(dih.clone()));
    HANDLERS.with(|h| {
        let mut h = h.borrow_mut();
        if h.is_empty() {
            // What the process inherited (Rust's runtime, like CPython,
            // ignores SIGPIPE); SIGINT's handler is ours (see
            // `install_startup_handlers`).
            *h = (0..NSIG as i32)
                .map(|sig| match signals::disposition(sig) {
                    Some(Disposition::Ignore) => new_int(SIG_IGN),
                    Some(Disposition::Record) if sig == SIGINT => dih.clone(),
                    Some(Disposition::Record) => none(),
                    _ => new_int(SIG_DFL),
                })
                .collect();
        }
    });
    set_attr(m, "SIG_DFL", new_int(SIG_DFL))?;
    set_attr(m, "SIG_IGN", new_int(SIG_IGN))?;
    set_attr(m, "NSIG", new_int(NSIG))?;
    for (name, n, _) in NAMES {
        set_attr(m, name, new_int(*n as i64))?;
    }
    Ok(())
}

/// Shutdown: releases the handler objects (after the modules are gone).
pub fn fini() {
    let old = HANDLERS.with(|h| std::mem::take(&mut *h.borrow_mut()));
    let dih = DEFAULT_INT.with(|x| x.borrow_mut().take());
    drop(old);
    drop(dih);
}
