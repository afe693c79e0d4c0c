//! Optional event sink: allocation, free, collection phases, finalizer and
//! weakref callback calls. Costs one thread-local flag test when no sink is
//! installed.

use std::cell::{Cell, RefCell};

/// Something the memory manager did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A block of `size` bytes was allocated for the object at `addr`.
    Alloc { addr: usize, size: usize },
    /// The object at `addr` was freed.
    Free { addr: usize },
    /// The allocator handed out the raw block at `addr` for a request of
    /// `size` bytes (every `alloc::malloc`/`alloc::realloc`, objects included;
    /// `size` is the requested size, as tracemalloc reports it).
    BlockAlloc { addr: usize, size: usize },
    /// The raw block at `addr` was freed (or resized away by `alloc::realloc`).
    BlockFree { addr: usize },
    /// A finalizer resurrected the object at `addr` on the refcount path.
    Resurrected { addr: usize },
    /// A collection of `generation` started.
    CollectStart { generation: usize },
    /// A named phase of the running collection began.
    CollectPhase { phase: &'static str },
    /// The collection ended.
    CollectEnd {
        generation: usize,
        collected: usize,
        uncollectable: usize,
    },
    /// A finalizer is about to run for `addr`.
    Finalize { addr: usize },
    /// A weakref callback is about to run for weakref `addr`.
    WeakrefCallback { addr: usize },
}

/// Receives events.
pub trait EventSink {
    fn event(&mut self, ev: &Event);
}

thread_local! {
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
    static SINK: RefCell<Option<Box<dyn EventSink>>> = const { RefCell::new(None) };
}

/// Installs (or with `None` removes) the sink; returns the previous one.
pub fn set_sink(sink: Option<Box<dyn EventSink>>) -> Option<Box<dyn EventSink>> {
    let prev = SINK.with(|s| std::mem::replace(&mut *s.borrow_mut(), sink));
    refresh_active();
    prev
}

/// Recomputes the "anyone listening" flag: a sink or the leak census
/// (`crate::census`).
pub(crate) fn refresh_active() {
    let sink = SINK.with(|s| s.try_borrow().map(|s| s.is_some()).unwrap_or(true));
    ACTIVE.with(|a| a.set(sink || crate::census::running()));
}

/// Reports an event to the sink, if any. A sink that triggers events itself
/// (re-entrancy) has those dropped.
#[inline(always)]
pub fn emit(ev: Event) {
    if ACTIVE.with(|a| a.get()) {
        emit_slow(ev)
    }
}

#[cold]
fn emit_slow(ev: Event) {
    crate::census::record(&ev);
    SINK.with(|s| {
        if let Ok(mut guard) = s.try_borrow_mut() {
            if let Some(sink) = guard.as_mut() {
                sink.event(&ev);
            }
        }
    })
}
