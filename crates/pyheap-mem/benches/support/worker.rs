//! A thread that owns one contender and one workload for a whole benchmark.
//!
//! All the collectors measured keep their state per thread, and some of the
//! other crates recurse once per node when dropping a chain or tracing a
//! graph, so each benchmark runs on its own thread with a chosen stack size
//! (a big one for the crates that need it; see BENCHMARKS.md). Setup that
//! must not be timed (building a graph) happens once, on that thread.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use super::workloads::Routine;

/// The stack of the main thread on this machine (`ulimit -s`: 8 MiB).
pub const NORMAL_STACK: usize = 8 << 20;
/// For crates that recurse once per node: 1,000,000 levels fit.
pub const BIG_STACK: usize = 4 << 30;

/// Runs a [`Routine`] on a dedicated thread, one call at a time.
pub struct Worker {
    tx: Option<Sender<u64>>,
    rx: Receiver<Duration>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the thread and builds the routine on it with `make`.
    pub fn spawn(stack: usize, make: impl FnOnce() -> Routine + Send + 'static) -> Worker {
        let (tx, job_rx) = channel::<u64>();
        let (done_tx, rx) = channel::<Duration>();
        let thread = std::thread::Builder::new()
            .name("bench-worker".into())
            .stack_size(stack)
            .spawn(move || {
                let mut routine = make();
                while let Ok(iters) = job_rx.recv() {
                    if done_tx.send(routine(iters)).is_err() {
                        break;
                    }
                }
                // The routine (and whatever it built) is dropped here, on
                // the thread that owns the heap.
            })
            .expect("spawn benchmark worker");
        Worker {
            tx: Some(tx),
            rx,
            thread: Some(thread),
        }
    }

    /// Runs `iters` iterations; returns the measured time.
    pub fn run(&self, iters: u64) -> Duration {
        let tx = self.tx.as_ref().expect("worker alive");
        tx.send(iters).expect("worker thread alive");
        self.rx.recv().expect("worker thread answered")
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        drop(self.tx.take());
        if let Some(t) = self.thread.take() {
            // A panic on the worker was already reported by `run`.
            let _ = t.join();
        }
    }
}
