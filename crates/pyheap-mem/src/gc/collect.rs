//! One collection (`gc_collect_main`), its callback wrapper and the
//! automatic trigger. Read [`collect_main`] first: it is §2.4 of the
//! reference, step by step.

use std::time::Instant;

use crate::events::{self, Event};

use super::debug::{debug_cycle, show_stats_each_generations, validate_list};
use super::lists::{gc_list_merge, gc_list_size, Link, LocalList};
use super::phases::{
    deduce_unreachable, delete_garbage, finalize_garbage, handle_legacy_finalizers,
    handle_resurrected_objects, handle_weakrefs, move_legacy_finalizer_reachable,
    move_legacy_finalizers, untrack_dicts, untrack_tuples,
};
use super::state::{
    state, GcStats, DEBUG_COLLECTABLE, DEBUG_STATS, DEBUG_UNCOLLECTABLE, NUM_GENERATIONS,
};
use super::CollectResult;

/// Options for one collection that are not CPython's (stress mode).
#[derive(Clone, Copy)]
pub(crate) struct Quiet {
    /// Skip debug output and statistics, and keep the counts as they were.
    pub(crate) quiet: bool,
}

/// Collects `generation` (and all younger ones). The caller has set
/// `collecting`. Returns (m, n) = (collected, uncollectable).
pub(crate) fn collect_main(generation: usize, opts: Quiet) -> CollectResult {
    let st = state();
    let debug = if opts.quiet { 0 } else { st.debug.get() };
    let hooks = st.hooks();
    let saved_counts: [usize; NUM_GENERATIONS] =
        std::array::from_fn(|i| st.generations[i].count.get());

    // 1. Debug header.
    let t0 = if debug & DEBUG_STATS != 0 {
        (hooks.write_stderr)(&format!("gc: collecting generation {generation}...\n"));
        show_stats_each_generations();
        Some(Instant::now())
    } else {
        None
    };
    events::emit(Event::CollectStart { generation });

    // 2. Counts.
    if generation + 1 < NUM_GENERATIONS {
        let c = &st.generations[generation + 1].count;
        c.set(c.get() + 1);
    }
    for g in &st.generations[..=generation] {
        g.count.set(0);
    }

    // 3. Merge younger generations into this one.
    for i in 0..generation {
        gc_list_merge(st.gen_head(i), st.gen_head(generation));
    }
    let young = st.gen_head(generation);
    let old = if generation < NUM_GENERATIONS - 1 {
        st.gen_head(generation + 1)
    } else {
        young
    };
    validate_list(old, Some(false), Some(false));

    // 4–6. update_refs, subtract_refs, move_unreachable.
    let unreachable = LocalList::new();
    deduce_unreachable(young, unreachable.head());

    // 7. Survivors of tuple-like types may be untracked.
    untrack_tuples(young);

    // 8. Promote survivors (or, for a full collection, untrack dicts).
    if young != old {
        if generation == NUM_GENERATIONS - 2 {
            st.long_lived_pending
                .set(st.long_lived_pending.get() + gc_list_size(young));
        }
        gc_list_merge(young, old);
    } else {
        untrack_dicts(young);
        st.long_lived_pending.set(0);
        st.long_lived_total.set(gc_list_size(young));
    }

    // 9. Legacy finalizers and everything they reach are uncollectable.
    let finalizers = LocalList::new();
    move_legacy_finalizers(unreachable.head(), finalizers.head());
    move_legacy_finalizer_reachable(finalizers.head());
    validate_list(finalizers.head(), Some(false), Some(false));
    validate_list(unreachable.head(), Some(true), Some(false));

    // 10. Debug: the collectable objects.
    if debug & DEBUG_COLLECTABLE != 0 {
        for_each(unreachable.head(), |g| debug_cycle("collectable", g));
    }

    // 11. Weak references.
    let mut m = handle_weakrefs(unreachable.head(), old);
    validate_list(old, Some(false), Some(false));
    validate_list(unreachable.head(), Some(true), Some(false));

    // 12. PEP 442 finalizers.
    finalize_garbage(unreachable.head());

    // 13. What the finalizers resurrected goes to old.
    let final_unreachable = LocalList::new();
    handle_resurrected_objects(unreachable.head(), final_unreachable.head(), old);

    // 14. Break the cycles.
    m += gc_list_size(final_unreachable.head());
    delete_garbage(final_unreachable.head(), old);

    // 15. Uncollectable.
    let mut n = 0;
    for_each(finalizers.head(), |g| {
        n += 1;
        if debug & DEBUG_UNCOLLECTABLE != 0 {
            debug_cycle("uncollectable", g);
        }
    });

    // 16. Debug summary.
    if let Some(t0) = t0 {
        let secs = t0.elapsed().as_secs_f64();
        (hooks.write_stderr)(&format!(
            "gc: done, {} unreachable, {} uncollectable, {:.4}s elapsed\n",
            n + m,
            n,
            secs
        ));
    }

    // 17. gc.garbage, then the finalizers list joins old.
    handle_legacy_finalizers(finalizers.head(), old);
    validate_list(old, Some(false), Some(false));

    // 18. Free lists: pyheap-mem's own (crate::freelist), then the layer above's.
    if generation == NUM_GENERATIONS - 1 {
        crate::freelist::clear_all();
        (hooks.clear_freelists)();
    }

    // 19. Statistics.
    if opts.quiet {
        for (g, c) in st.generations.iter().zip(saved_counts) {
            g.count.set(c);
        }
    } else {
        let s = &st.stats[generation];
        let old_stats = s.get();
        s.set(GcStats {
            collections: old_stats.collections + 1,
            collected: old_stats.collected + m,
            uncollectable: old_stats.uncollectable + n,
        });
    }
    events::emit(Event::CollectEnd {
        generation,
        collected: m,
        uncollectable: n,
    });
    CollectResult {
        collected: m,
        uncollectable: n,
    }
}

fn for_each(list: Link, mut f: impl FnMut(Link)) {
    let mut g = list.next();
    while g != list {
        f(g);
        g = g.next();
    }
}

/// `gc_collect_with_callback`: "start" callbacks, the collection, "stop".
pub(crate) fn collect_with_callback(generation: usize) -> CollectResult {
    let hooks = state().hooks();
    (hooks.gc_callbacks)("start", generation, 0, 0);
    let r = collect_main(generation, Quiet { quiet: false });
    (hooks.gc_callbacks)("stop", generation, r.collected, r.uncollectable);
    r
}

/// `gc_collect_generations`: the automatic choice (oldest generation over
/// its threshold, skipping generation 2 under the 25 % rule).
pub(crate) fn collect_generations() -> usize {
    let st = state();
    for i in (0..NUM_GENERATIONS).rev() {
        let g = &st.generations[i];
        if g.count.get() > g.threshold.get() {
            if i == NUM_GENERATIONS - 1
                && st.long_lived_pending.get() < st.long_lived_total.get() / 4
            {
                continue;
            }
            let r = collect_with_callback(i);
            return r.collected + r.uncollectable;
        }
    }
    0
}

/// `_PyObject_GC_Link`'s trigger: called after every GC allocation.
pub(crate) fn maybe_collect_after_alloc() {
    let st = state();
    if st.collecting.get() || !st.enabled.get() {
        return;
    }
    let g0 = &st.generations[0];
    let t0 = g0.threshold.get();
    let over = t0 != 0 && g0.count.get() > t0;
    let stress = st.stress.get() && t0 != 0;
    if !(over || stress) || (st.hooks().exception_pending)() {
        return;
    }
    st.collecting.set(true);
    if over {
        collect_generations();
    } else {
        // NOTE: stress collections keep counts, statistics and callbacks
        // untouched so a program's own view of the collector changes as
        // little as possible; they still promote and free.
        collect_main(0, Quiet { quiet: true });
    }
    st.collecting.set(false);
}
