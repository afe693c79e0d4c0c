//! What the benchmarks time with: the worker thread's CPU time by default,
//! wall-clock time when `PYHEAP_BENCH_CLOCK=wall`.
//!
//! NOTE: the benchmark machine has two cores shared with other jobs; wall
//! time then includes whatever time the thread spent waiting for a core,
//! which varied by 2-3x between runs. The thread's CPU time (user + system,
//! so page faults still count) does not; on an idle machine the two agree
//! for these single-threaded, I/O-free workloads.

use std::time::{Duration, Instant};

/// A running measurement.
pub enum Stopwatch {
    Cpu(Duration),
    Wall(Instant),
}

fn wall_requested() -> bool {
    std::env::var("PYHEAP_BENCH_CLOCK").is_ok_and(|v| v == "wall")
}

/// CPU time consumed by the calling thread so far.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; CLOCK_THREAD_CPUTIME_ID is
    // supported on Linux, the only platform these benchmarks run on.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

impl Stopwatch {
    /// Starts measuring on the calling thread.
    pub fn start() -> Stopwatch {
        if wall_requested() {
            Stopwatch::Wall(Instant::now())
        } else {
            Stopwatch::Cpu(thread_cpu_time())
        }
    }

    /// Time since [`Stopwatch::start`] (call on the same thread).
    pub fn elapsed(&self) -> Duration {
        match self {
            Stopwatch::Cpu(t0) => thread_cpu_time().saturating_sub(*t0),
            Stopwatch::Wall(t0) => t0.elapsed(),
        }
    }
}

/// Name of the clock in use, for the report header.
pub fn clock_name() -> &'static str {
    if wall_requested() {
        "wall-clock time"
    } else {
        "thread CPU time"
    }
}
