//! The collector's per-thread state (CPython's `GCState`) and the hooks into
//! the layer above.
//!
//! Read [`GcState`] first. The heap is single-threaded: every thread has its
//! own state (so tests running in parallel threads are independent).

use std::cell::Cell;

use crate::header::GcHead;
use crate::refs::Ref;

use super::lists::{gc_list_init, Link};

/// Number of generations (the permanent one is extra).
pub const NUM_GENERATIONS: usize = 3;

/// `gc.DEBUG_STATS`: print statistics during collection.
pub const DEBUG_STATS: u32 = 1;
/// `gc.DEBUG_COLLECTABLE`: print collectable objects found.
pub const DEBUG_COLLECTABLE: u32 = 2;
/// `gc.DEBUG_UNCOLLECTABLE`: print uncollectable objects found.
pub const DEBUG_UNCOLLECTABLE: u32 = 4;
/// `gc.DEBUG_SAVEALL`: append all garbage to `gc.garbage` instead of freeing it.
pub const DEBUG_SAVEALL: u32 = 32;
/// `gc.DEBUG_LEAK`.
pub const DEBUG_LEAK: u32 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

/// One entry of `gc.get_stats()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GcStats {
    pub collections: usize,
    pub collected: usize,
    pub uncollectable: usize,
}

/// Functions of the layer above that the collector calls. Every field has a
/// do-nothing default ([`GcHooks::NONE`]), so the crate works without them.
/// Install with [`super::set_hooks`].
#[derive(Clone, Copy)]
pub struct GcHooks {
    /// Call `callback(weakref)`; report errors as unraisable.
    pub call_weakref_callback: fn(callback: &Ref, weakref: &Ref),
    /// Run `gc.callbacks` with `phase` ("start"/"stop") and the info dict values.
    pub gc_callbacks: fn(phase: &str, generation: usize, collected: usize, uncollectable: usize),
    /// Text between the angle brackets of a debug line: `"A 0x7f..."` (type name, address).
    pub describe: fn(obj: &Ref) -> String,
    /// Write to `sys.stderr`.
    pub write_stderr: fn(text: &str),
    /// Append to `gc.garbage`.
    pub append_garbage: fn(obj: &Ref),
    /// Clear the per-type free lists (after a generation-2 collection).
    pub clear_freelists: fn(),
    /// True while a Python exception is set (automatic collection then waits).
    pub exception_pending: fn() -> bool,
}

fn no_weakref_callback(_: &Ref, _: &Ref) {}
fn no_gc_callbacks(_: &str, _: usize, _: usize, _: usize) {}
fn default_describe(obj: &Ref) -> String {
    format!("object {:#x}", obj.addr())
}
// NOTE: the only default that does something: debug output is asked for
// explicitly (gc.set_debug), so dropping it silently would be surprising.
fn default_write_stderr(text: &str) {
    eprint!("{text}");
}
fn no_append_garbage(_: &Ref) {}
fn no_clear_freelists() {}
fn no_exception_pending() -> bool {
    false
}

impl GcHooks {
    /// The defaults.
    pub const NONE: GcHooks = GcHooks {
        call_weakref_callback: no_weakref_callback,
        gc_callbacks: no_gc_callbacks,
        describe: default_describe,
        write_stderr: default_write_stderr,
        append_garbage: no_append_garbage,
        clear_freelists: no_clear_freelists,
        exception_pending: no_exception_pending,
    };
}

impl Default for GcHooks {
    fn default() -> GcHooks {
        GcHooks::NONE
    }
}

/// One generation: a list head, a threshold and a count.
pub(crate) struct Generation {
    pub(crate) head: GcHead,
    pub(crate) threshold: Cell<usize>,
    pub(crate) count: Cell<usize>,
}

impl Generation {
    const fn new(threshold: usize) -> Generation {
        Generation {
            head: GcHead::untracked(),
            threshold: Cell::new(threshold),
            count: Cell::new(0),
        }
    }

    pub(crate) fn head(&self) -> Link {
        // SAFETY: generation heads live in the thread's GcState for the thread's lifetime.
        unsafe { Link::from_raw(&self.head as *const GcHead as *mut GcHead) }
    }
}

/// The collector's state (CPython: `struct _gc_runtime_state`).
pub(crate) struct GcState {
    pub(crate) generations: [Generation; NUM_GENERATIONS],
    pub(crate) permanent: Generation,
    pub(crate) enabled: Cell<bool>,
    /// Re-entrancy guard: a collection is running.
    pub(crate) collecting: Cell<bool>,
    pub(crate) debug: Cell<u32>,
    /// Objects that survived the last full collection.
    pub(crate) long_lived_total: Cell<usize>,
    /// Objects promoted into generation 2 since the last full collection.
    pub(crate) long_lived_pending: Cell<usize>,
    pub(crate) stats: [Cell<GcStats>; NUM_GENERATIONS],
    /// Collect generation 0 at every GC allocation.
    pub(crate) stress: Cell<bool>,
    pub(crate) hooks: Cell<GcHooks>,
    initialized: Cell<bool>,
}

impl GcState {
    const fn new() -> GcState {
        GcState {
            generations: [
                Generation::new(700),
                Generation::new(10),
                Generation::new(10),
            ],
            permanent: Generation::new(0),
            enabled: Cell::new(true),
            collecting: Cell::new(false),
            debug: Cell::new(0),
            long_lived_total: Cell::new(0),
            long_lived_pending: Cell::new(0),
            stats: [
                Cell::new(GcStats {
                    collections: 0,
                    collected: 0,
                    uncollectable: 0,
                }),
                Cell::new(GcStats {
                    collections: 0,
                    collected: 0,
                    uncollectable: 0,
                }),
                Cell::new(GcStats {
                    collections: 0,
                    collected: 0,
                    uncollectable: 0,
                }),
            ],
            stress: Cell::new(false),
            hooks: Cell::new(GcHooks::NONE),
            initialized: Cell::new(false),
        }
    }

    /// List head of generation `i` (0..3) or, for `i == 3`, the permanent one.
    pub(crate) fn gen_head(&self, i: usize) -> Link {
        if i < NUM_GENERATIONS {
            self.generations[i].head()
        } else {
            self.permanent.head()
        }
    }

    pub(crate) fn hooks(&self) -> GcHooks {
        self.hooks.get()
    }
}

thread_local! {
    static STATE: GcState = const { GcState::new() };
}

/// This thread's collector state.
///
/// NOTE: the `'static` lifetime is the thread's lifetime. `GcState` has no
/// destructor, so the thread-local is never torn down while the thread runs,
/// and `&GcState` is `!Send` (it is all `Cell`s), so it cannot leave the thread.
#[inline]
pub(crate) fn state() -> &'static GcState {
    let p: *const GcState = STATE.with(|s| s as *const GcState);
    // SAFETY: see the NOTE above: the thread-local outlives every use on this thread.
    let s = unsafe { &*p };
    if !s.initialized.get() {
        init_lists(s);
    }
    s
}

#[cold]
#[inline(never)]
fn init_lists(s: &GcState) {
    s.initialized.set(true);
    for i in 0..=NUM_GENERATIONS {
        gc_list_init(s.gen_head(i));
    }
}
