//! POSIX signal plumbing for the interpreter: handler installation, a
//! pending-signal set, sending signals, and an interruptible sleep.
//!
//! Read [`set_disposition`] first, then [`take_pending`]. Invariants:
//! - the installed handler ([`on_signal`]) only does async-signal-safe work:
//!   two atomic read-modify-writes, no allocation, no locks, errno untouched;
//! - the VM polls [`tripped`] (one relaxed load) at its check points and
//!   runs Python-level handlers from there, never from the signal handler;
//! - handlers are installed without `SA_RESTART`, so a blocking sleep or
//!   read returns `EINTR` and the VM can act on the signal promptly.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Bit `n` set: signal `n` (1..=63) arrived and was not yet taken.
static PENDING: AtomicU64 = AtomicU64::new(0);
/// Some bit of [`PENDING`] may be set (the cheap flag the VM polls).
static TRIPPED: AtomicBool = AtomicBool::new(false);

/// What the operating system does when a signal arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// The system default (`SIG_DFL`).
    Default,
    /// Ignored (`SIG_IGN`).
    Ignore,
    /// Recorded as pending for the VM to handle at its next check point.
    Record,
}

extern "C" fn on_signal(sig: libc::c_int) {
    if (1..64).contains(&sig) {
        PENDING.fetch_or(1u64 << sig, Ordering::SeqCst);
        TRIPPED.store(true, Ordering::SeqCst);
    }
}

/// Sets the disposition of signal `sig`; `Err(errno)` if the system refuses
/// (e.g. `EINVAL` for SIGKILL or an unknown number).
pub fn set_disposition(sig: i32, how: Disposition) -> Result<(), i32> {
    if !(1..64).contains(&sig) {
        return Err(libc::EINVAL);
    }
    let handler = match how {
        Disposition::Default => libc::SIG_DFL,
        Disposition::Ignore => libc::SIG_IGN,
        Disposition::Record => on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t,
    };
    // SAFETY: `sigaction` is given a fully initialised struct (zeroed, then
    // an empty mask, flags and a handler that is SIG_DFL, SIG_IGN or
    // `on_signal`, which only touches atomics and so is async-signal-safe);
    // the old-action pointer may be null.
    let rc = unsafe {
        let mut act: libc::sigaction = std::mem::zeroed();
        libc::sigemptyset(&mut act.sa_mask);
        act.sa_sigaction = handler;
        act.sa_flags = libc::SA_ONSTACK;
        libc::sigaction(sig, &act, std::ptr::null_mut())
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(last_errno())
    }
}

/// The current disposition of `sig` (a handler other than ours reads as
/// `Record`); `None` for an invalid number.
pub fn disposition(sig: i32) -> Option<Disposition> {
    if !(1..64).contains(&sig) {
        return None;
    }
    // SAFETY: a null new-action pointer only queries; `old` is a live,
    // zero-initialised `sigaction` the call fills in.
    let (rc, old) = unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        let rc = libc::sigaction(sig, std::ptr::null(), &mut old);
        (rc, old)
    };
    if rc != 0 {
        return None;
    }
    Some(match old.sa_sigaction {
        libc::SIG_DFL => Disposition::Default,
        libc::SIG_IGN => Disposition::Ignore,
        _ => Disposition::Record,
    })
}

/// Whether a signal may be pending (cheap; poll at check points).
#[inline]
pub fn tripped() -> bool {
    TRIPPED.load(Ordering::Relaxed)
}

/// Takes the set of pending signals (bit `n` = signal `n`) and clears it.
pub fn take_pending() -> u64 {
    if !TRIPPED.swap(false, Ordering::SeqCst) {
        return 0;
    }
    PENDING.swap(0, Ordering::SeqCst)
}

/// Marks signal `sig` pending as if it had arrived (for tests and for
/// re-queueing a signal whose handler could not run yet).
pub fn mark_pending(sig: i32) {
    on_signal(sig);
}

/// Sends `sig` to process `pid` (`kill(2)`); `Err(errno)` on failure.
pub fn send(pid: i32, sig: i32) -> Result<(), i32> {
    // SAFETY: `kill` takes two integers and touches no memory of ours.
    let rc = unsafe { libc::kill(pid, sig) };
    if rc == 0 {
        Ok(())
    } else {
        Err(last_errno())
    }
}

/// Delivers `sig` to the calling thread (`raise(3)`); `Err(errno)` on failure.
pub fn raise(sig: i32) -> Result<(), i32> {
    // SAFETY: `raise` takes an integer and touches no memory of ours.
    let rc = unsafe { libc::raise(sig) };
    if rc == 0 {
        Ok(())
    } else {
        Err(last_errno())
    }
}

/// Dies of `sig` the way a shell can see (exit status 128+sig): restores
/// the default disposition and sends the signal to this process. Returns
/// only if the signal did not terminate the process.
pub fn die_of(sig: i32) {
    let _ = set_disposition(sig, Disposition::Default);
    let _ = send(std::process::id() as i32, sig);
}

/// Blocks asynchronous signals in the calling thread, so the process's
/// signals are delivered to its other threads (call on a thread that only
/// waits for the interpreter thread: then a signal interrupts the
/// interpreter's blocking calls with `EINTR`). Fault signals stay unblocked.
pub fn block_in_current_thread() {
    // SAFETY: the set is initialised by `sigfillset` before use; the mask
    // change affects only the calling thread; a null old-mask pointer is
    // allowed.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut set);
        for sig in [libc::SIGSEGV, libc::SIGBUS, libc::SIGFPE, libc::SIGILL] {
            libc::sigdelset(&mut set, sig);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
}

/// Sleeps for `secs` seconds unless a signal interrupts it; returns the
/// time left (0 when the full time elapsed).
pub fn sleep_interruptible(secs: f64) -> f64 {
    let whole = secs.trunc();
    let req = libc::timespec {
        tv_sec: whole.min(libc::time_t::MAX as f64) as libc::time_t,
        tv_nsec: ((secs - whole) * 1e9) as libc::c_long,
    };
    let mut rem = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: both pointers refer to live, initialised `timespec`s on this
    // stack frame for the duration of the call.
    let rc = unsafe { libc::nanosleep(&req, &mut rem) };
    if rc == 0 {
        0.0
    } else {
        rem.tv_sec as f64 + rem.tv_nsec as f64 * 1e-9
    }
}

fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    // One test: the pending set is process-global.
    #[test]
    fn pending_set_and_dispositions() {
        assert_eq!(take_pending(), 0);
        mark_pending(2);
        mark_pending(15);
        assert!(tripped());
        assert_eq!(take_pending(), (1 << 2) | (1 << 15));
        assert!(!tripped());
        assert_eq!(take_pending(), 0);
        // Miri does not model sigaction/raise.
        if cfg!(miri) {
            return;
        }
        set_disposition(libc::SIGUSR1, Disposition::Record).unwrap();
        assert_eq!(disposition(libc::SIGUSR1), Some(Disposition::Record));
        raise(libc::SIGUSR1).unwrap();
        assert_eq!(take_pending(), 1 << libc::SIGUSR1);
        set_disposition(libc::SIGUSR1, Disposition::Ignore).unwrap();
        raise(libc::SIGUSR1).unwrap();
        assert_eq!(take_pending(), 0);
        set_disposition(libc::SIGUSR1, Disposition::Default).unwrap();
        assert_eq!(disposition(libc::SIGUSR1), Some(Disposition::Default));
        assert_eq!(
            set_disposition(libc::SIGKILL, Disposition::Ignore),
            Err(libc::EINVAL)
        );
        assert!(sleep_interruptible(0.001) < 0.001);
    }
}
