//! The `time` module (basics).

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use super::add_fn;
use crate::objects::float::new_float;
use crate::rt::{Kw, Obj, PyResult};

thread_local! {
    static START: Instant = Instant::now();
}

fn time_time(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    Ok(new_float(d))
}
fn time_ns(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    Ok(crate::objects::int::new_int_big(num_bigint::BigInt::from(
        d,
    )))
}
fn perf_counter(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(new_float(START.with(|s| s.elapsed().as_secs_f64())))
}
fn perf_counter_ns(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(crate::objects::int::new_int(
        START.with(|s| s.elapsed().as_nanos() as i64),
    ))
}
fn sleep(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let secs = a
        .first()
        .map(crate::objects::float::to_float)
        .transpose()?
        .unwrap_or(0.0);
    if secs < 0.0 {
        return Err(crate::exc::value_err("sleep length must be non-negative"));
    }
    if !secs.is_finite() {
        return Err(crate::exc::overflow("sleep length is too large"));
    }
    // Interrupted by a signal: run its handler (which may raise, e.g.
    // KeyboardInterrupt), then sleep for the time left, as CPython.
    let mut left = secs;
    loop {
        left = pyheap_mem::signals::sleep_interruptible(left);
        crate::modules::signal::check()?;
        if left <= 0.0 {
            return Ok(crate::types::none());
        }
    }
}

pub fn init(m: &Obj) -> PyResult<()> {
    add_fn(m, "time", time_time)?;
    add_fn(m, "time_ns", time_ns)?;
    add_fn(m, "perf_counter", perf_counter)?;
    add_fn(m, "perf_counter_ns", perf_counter_ns)?;
    add_fn(m, "monotonic", perf_counter)?;
    add_fn(m, "monotonic_ns", perf_counter_ns)?;
    add_fn(m, "process_time", perf_counter)?;
    add_fn(m, "sleep", sleep)?;
    Ok(())
}
