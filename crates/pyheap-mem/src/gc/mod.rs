//! The generational cycle collector: CPython 3.11's algorithm, with its
//! phase names so the two can be read side by side.
//!
//! # Read first
//! `collect::collect_main` (CPython `gc_collect_main`): one collection,
//! step by step. Then `phases` (one function per phase) and `lists`
//! (the intrusive lists and the header bit fields).
//!
//! # Overview
//! Every tracked GC object is in one of three generation lists (or the
//! permanent one, after [`freeze`]); [`track`] links new objects at the
//! tail of generation 0. Each GC allocation bumps generation 0's count and,
//! past its threshold (700), runs an automatic collection of the oldest
//! generation whose count exceeds its threshold (generation 2 only when the
//! 25 % long-lived rule allows). A collection of generation `g`:
//!
//! 1. merges the younger lists into `g` ("young"); "old" is `g + 1` (or young for `g == 2`);
//! 2. `update_refs`: `gc_refs = refcount` for each young object;
//! 3. `subtract_refs`: minus one per reference from another young object —
//!    what remains counts references from outside;
//! 4. `move_unreachable`: objects with outside references, and everything
//!    they reach, stay; the rest move to `unreachable` (iteratively: no recursion);
//! 5. `untrack_tuples` / `untrack_dicts` on the survivors, which then move to old;
//! 6. `move_legacy_finalizers`: objects with a legacy `tp_del`, and all they
//!    reach, are uncollectable (they end in `gc.garbage`);
//! 7. `handle_weakrefs`: clear weakrefs to trash, then run the callbacks of
//!    the weakrefs that are not trash themselves;
//! 8. `finalize_garbage`: PEP 442 finalizers, once per object;
//! 9. `handle_resurrected_objects`: steps 2–4 again on the unreachable set;
//!    what a finalizer made reachable goes to old;
//! 10. `delete_garbage`: each type's `clear` breaks the cycles; refcounting
//!     then frees the objects.
//!
//! # GC header state table (`_gc_next`, `_gc_prev`)
//!
//! | state                         | next                        | prev bits 2.. | COLLECTING (prev bit 1) | FINALIZED (prev bit 0) |
//! |-------------------------------|-----------------------------|---------------|-------------|-----------|
//! | untracked                     | 0                           | 0             | 0           | any       |
//! | tracked, between collections  | next node                   | prev node     | 0           | any       |
//! | young, update_refs → move_unreachable | next node           | `gc_refs`     | 1           | any       |
//! | unreachable, in move_unreachable | next node \| UNREACHABLE (bit 0) | prev node | 1        | any       |
//! | unreachable, after move_legacy_finalizers | next node       | prev node     | 1           | any       |
//! | survivor / finalizers / old   | next node                   | prev node     | 0           | any       |
//!
//! # Phase pre- and post-conditions
//! - `deduce_unreachable(base, unreachable)`: pre: `base` proper, COLLECTING
//!   clear. Post: `base` proper with COLLECTING clear (reachable);
//!   `unreachable` proper, COLLECTING and UNREACHABLE set.
//! - `move_legacy_finalizers`: post: `unreachable` members have UNREACHABLE
//!   clear, COLLECTING set; `finalizers` members have both clear.
//! - `handle_weakrefs`: post: no weakref points at an `unreachable` object;
//!   the weakrefs whose callbacks ran are in old (or freed).
//! - `finalize_garbage`: post: every `unreachable` member with a finalizer
//!   is FINALIZED; members may have been freed (they unlinked themselves).
//! - `handle_resurrected_objects`: post: `still_unreachable` proper with
//!   COLLECTING set, UNREACHABLE clear; resurrected objects are in old.
//! - `delete_garbage`: post: the list is empty; survivors are in old.
//!
//! Objects can be freed by refcounting whenever code of the layer above
//! runs (finalizers, weakref callbacks, `clear`); they [`untrack`]
//! themselves from whatever list holds them, so every such loop takes the
//! first element of a list and moves it before running that code.
//!
//! Traverse functions visit all referents, GC or not; the collector only
//! touches referents whose type is GC, and during a collection only those
//! marked COLLECTING. For weak references pyheap-mem visits the callback
//! itself (the type's traverse must not).

mod api;
mod collect;
mod debug;
mod lists;
mod objects;
mod phases;
mod state;

pub use api::{
    collect, collect_result, disable, enable, freeze, generation_sizes, get_count, get_debug,
    get_freeze_count, get_objects, get_referents, get_referrers, get_stats, get_threshold, hooks,
    is_collecting, is_finalized, is_tracked, isenabled, may_be_tracked, on_gc_alloc, on_gc_free,
    set_count, set_debug, set_finalized, set_hooks, set_stress, set_threshold, stress, track,
    unfreeze, untrack, InvalidGeneration,
};
pub use debug::validate;
pub use state::{
    GcHooks, GcStats, DEBUG_COLLECTABLE, DEBUG_LEAK, DEBUG_SAVEALL, DEBUG_STATS,
    DEBUG_UNCOLLECTABLE, NUM_GENERATIONS,
};

/// Result of one collection: `collected` (m) and `uncollectable` (n); the
/// `gc.collect()` return value is their sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CollectResult {
    pub collected: usize,
    pub uncollectable: usize,
}
