//! The collector's public functions: tracking, counts and the `gc` module
//! surface (thresholds, enable, collect, freeze, introspection, debug).

use crate::header::ObjPtr;
use crate::refs::Ref;
use crate::typeslots::TypeFlags;

use super::collect::{collect_with_callback, maybe_collect_after_alloc};
use super::lists::{
    gc_list_append, gc_list_merge, gc_list_objects, gc_list_remove, gc_list_size, Link,
};
use super::objects::{is_gc, traverse};
use super::state::{state, GcHooks, GcStats, NUM_GENERATIONS};

/// `gc.collect()` was given a generation outside `0..=2`
/// (CPython: `ValueError("invalid generation")`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidGeneration;

/// Installs the hooks into the layer above; returns the previous ones.
pub fn set_hooks(hooks: GcHooks) -> GcHooks {
    state().hooks.replace(hooks)
}

/// The installed hooks.
pub fn hooks() -> GcHooks {
    state().hooks()
}

// ----- tracking -----

/// Links an untracked GC object at the tail of generation 0 (no-op when
/// already tracked or not a GC object).
///
/// # Safety
/// `p` must be a live object whose `traverse` may be called from now on.
#[inline]
pub unsafe fn track(p: ObjPtr) {
    // SAFETY: caller guarantees liveness.
    if !unsafe { is_gc(p) } {
        return;
    }
    // SAFETY: p is a live GC object.
    let g = unsafe { Link::of(p) };
    if g.is_tracked() {
        return;
    }
    gc_list_append(g, state().gen_head(0));
}

/// Unlinks a tracked object from whatever list it is in — a generation or
/// one of the collector's temporary lists — and clears COLLECTING (keeps
/// FINALIZED). No-op when untracked or not a GC object.
///
/// # Safety
/// `p` must be a live object (count may be 0 during its deallocation).
#[inline]
pub unsafe fn untrack(p: ObjPtr) {
    // SAFETY: caller guarantees liveness.
    if !unsafe { is_gc(p) } {
        return;
    }
    // SAFETY: p is a live GC object.
    let g = unsafe { Link::of(p) };
    if !g.is_tracked() {
        return;
    }
    gc_list_remove(g);
    g.reset_prev_keep_finalized();
}

/// `gc.is_tracked`: a GC object currently in some list.
///
/// # Safety
/// `p` must be alive.
#[inline]
pub unsafe fn is_tracked(p: ObjPtr) -> bool {
    // SAFETY: caller guarantees liveness; GC objects have a header.
    unsafe { is_gc(p) && Link::of(p).is_tracked() }
}

/// `gc.is_finalized`: a GC object whose finalizer has run.
///
/// # Safety
/// `p` must be alive.
pub unsafe fn is_finalized(p: ObjPtr) -> bool {
    // SAFETY: as above.
    unsafe { is_gc(p) && Link::of(p).is_finalized() }
}

/// Sets the FINALIZED bit of a GC object (no-op for others).
///
/// # Safety
/// `p` must be alive.
pub unsafe fn set_finalized(p: ObjPtr) {
    // SAFETY: as above.
    unsafe {
        if is_gc(p) {
            Link::of(p).set_finalized();
        }
    }
}

/// `_PyObject_GC_MAY_BE_TRACKED`: a GC object that is not a tuple-like
/// (`UNTRACK_AFTER_COLLECTION`) type, or one that is currently tracked;
/// a type object only if it is a heap type.
/// What `untrack_check` functions test their items with.
#[inline]
pub fn may_be_tracked(obj: &Ref) -> bool {
    let p = obj.ptr();
    // SAFETY: a Ref keeps its object alive.
    unsafe {
        if !is_gc(p) {
            return false;
        }
        if super::objects::has_flags(p, TypeFlags::UNTRACK_AFTER_COLLECTION) {
            return Link::of(p).is_tracked();
        }
        if !super::objects::has_flags(p, TypeFlags::IS_TYPE) {
            return true;
        }
    }
    // A type object is a GC object only if it is a heap type (CPython's
    // `type_is_gc`): a tuple or dict holding only static types (a class's
    // `__bases__`) is untracked by a collection.
    obj.as_type_slots()
        .is_some_and(|s| s.flags.get().contains(TypeFlags::HEAPTYPE))
}

impl Ref {
    /// True when the object's type is a GC type.
    #[inline]
    pub fn is_gc(&self) -> bool {
        // SAFETY: a Ref keeps its object alive.
        unsafe { is_gc(self.ptr()) }
    }
    /// Starts tracking (see [`track`]).
    #[inline]
    pub fn gc_track(&self) {
        // SAFETY: alive; typed objects' traverse is valid from creation.
        unsafe { track(self.ptr()) }
    }
    /// Stops tracking (see [`untrack`]).
    #[inline]
    pub fn gc_untrack(&self) {
        // SAFETY: alive.
        unsafe { untrack(self.ptr()) }
    }
    /// `gc.is_tracked(obj)`.
    #[inline]
    pub fn gc_is_tracked(&self) -> bool {
        // SAFETY: alive.
        unsafe { is_tracked(self.ptr()) }
    }
    /// `gc.is_finalized(obj)`.
    pub fn gc_is_finalized(&self) -> bool {
        // SAFETY: alive.
        unsafe { is_finalized(self.ptr()) }
    }
}

// ----- counts and the automatic trigger -----

/// Called by `alloc_object` for every new GC object: `count0 += 1`, then
/// maybe an automatic collection (CPython `_PyObject_GC_Link`).
pub fn on_gc_alloc() {
    let g0 = &state().generations[0];
    g0.count.set(g0.count.get() + 1);
    maybe_collect_after_alloc();
}

/// Called by `free_object` for every freed GC object: `count0 -= 1` (not below 0).
#[inline]
pub fn on_gc_free() {
    let g0 = &state().generations[0];
    g0.count.set(g0.count.get().saturating_sub(1));
}

/// `gc.get_count()`.
pub fn get_count() -> (usize, usize, usize) {
    let g = &state().generations;
    (g[0].count.get(), g[1].count.get(), g[2].count.get())
}

/// Sets the three generation counts (start-up calibration: see the VM's
/// `init_runtime`).
pub fn set_count(c0: usize, c1: usize, c2: usize) {
    let g = &state().generations;
    g[0].count.set(c0);
    g[1].count.set(c1);
    g[2].count.set(c2);
}

/// `gc.get_threshold()`.
pub fn get_threshold() -> (usize, usize, usize) {
    let g = &state().generations;
    (
        g[0].threshold.get(),
        g[1].threshold.get(),
        g[2].threshold.get(),
    )
}

/// `gc.set_threshold(t0[, t1[, t2]])`.
pub fn set_threshold(t0: usize, t1: Option<usize>, t2: Option<usize>) {
    let g = &state().generations;
    g[0].threshold.set(t0);
    if let Some(t) = t1 {
        g[1].threshold.set(t);
    }
    if let Some(t) = t2 {
        g[2].threshold.set(t);
    }
}

/// `gc.enable()`.
pub fn enable() {
    state().enabled.set(true)
}
/// `gc.disable()`.
pub fn disable() {
    state().enabled.set(false)
}
/// `gc.isenabled()`.
pub fn isenabled() -> bool {
    state().enabled.get()
}
/// True while a collection runs (finalizers and callbacks see this).
pub fn is_collecting() -> bool {
    state().collecting.get()
}

/// `gc.set_debug(flags)`.
pub fn set_debug(flags: u32) {
    state().debug.set(flags)
}
/// `gc.get_debug()`.
pub fn get_debug() -> u32 {
    state().debug.get()
}

/// `gc.get_stats()`.
pub fn get_stats() -> [GcStats; NUM_GENERATIONS] {
    let s = &state().stats;
    [s[0].get(), s[1].get(), s[2].get()]
}

/// GC-stress mode: collect generation 0 at every GC allocation (while the
/// collector is enabled and threshold 0 is not 0). Stress collections do
/// not touch counts, statistics, callbacks or debug output.
pub fn set_stress(on: bool) {
    state().stress.set(on)
}
/// Whether stress mode is on.
pub fn stress() -> bool {
    state().stress.get()
}

// ----- collection -----

/// `gc.collect(generation)`: ignores `enabled` and the 25 % rule; runs the
/// callbacks; returns collected + uncollectable, or 0 when a collection is
/// already running.
pub fn collect(generation: usize) -> Result<usize, InvalidGeneration> {
    collect_result(generation).map(|r| r.collected + r.uncollectable)
}

/// As [`collect`], with the two numbers apart.
pub fn collect_result(generation: usize) -> Result<super::CollectResult, InvalidGeneration> {
    if generation >= NUM_GENERATIONS {
        return Err(InvalidGeneration);
    }
    let st = state();
    if st.collecting.get() {
        return Ok(super::CollectResult::default());
    }
    st.collecting.set(true);
    let r = collect_with_callback(generation);
    st.collecting.set(false);
    Ok(r)
}

// ----- freeze -----

/// `gc.freeze()`: every tracked object moves to the permanent generation;
/// all counts become 0.
pub fn freeze() {
    let st = state();
    for i in 0..NUM_GENERATIONS {
        gc_list_merge(st.gen_head(i), st.gen_head(NUM_GENERATIONS));
        st.generations[i].count.set(0);
    }
}

/// `gc.unfreeze()`: the permanent generation joins the end of generation 2.
pub fn unfreeze() {
    let st = state();
    gc_list_merge(
        st.gen_head(NUM_GENERATIONS),
        st.gen_head(NUM_GENERATIONS - 1),
    );
}

/// `gc.get_freeze_count()`.
pub fn get_freeze_count() -> usize {
    gc_list_size(state().gen_head(NUM_GENERATIONS))
}

// ----- introspection -----

fn to_refs(v: Vec<ObjPtr>) -> Vec<Ref> {
    // SAFETY: the pointers were just read from tracked (live) objects and no
    // code ran since that could free them.
    v.into_iter().map(|p| unsafe { Ref::new_ref(p) }).collect()
}

/// `gc.get_objects(generation)`: tracked objects of one generation, or of
/// all three (generation 0 first), in list order. `None` for out-of-range
/// generations (the caller raises the ValueError).
pub fn get_objects(generation: Option<usize>) -> Option<Vec<Ref>> {
    let st = state();
    let mut out = Vec::new();
    match generation {
        Some(g) if g >= NUM_GENERATIONS => return None,
        Some(g) => out.extend(gc_list_objects(st.gen_head(g))),
        None => {
            for g in 0..NUM_GENERATIONS {
                out.extend(gc_list_objects(st.gen_head(g)));
            }
        }
    }
    Some(to_refs(out))
}

/// `gc.get_referrers(*objs)`: tracked objects of generations 0–2 whose
/// traverse visits any of `objs`, each once, in list order; objects in
/// `exclude` (the argument tuple, the result list) are skipped.
pub fn get_referrers(objs: &[Ref], exclude: &[Ref]) -> Vec<Ref> {
    let st = state();
    let targets: Vec<ObjPtr> = objs.iter().map(Ref::ptr).collect();
    let mut out = Vec::new();
    for i in 0..NUM_GENERATIONS {
        for p in gc_list_objects(st.gen_head(i)) {
            if exclude.iter().any(|e| e.ptr() == p) {
                continue;
            }
            let mut hit = false;
            // SAFETY: p is tracked, so alive; traverse runs no user code.
            unsafe { traverse(p, &mut |r| hit |= targets.contains(&r)) };
            if hit {
                out.push(p);
            }
        }
    }
    to_refs(out)
}

/// `gc.get_referents(*objs)`: for each GC argument, what its traverse
/// visits, in traversal order. Non-GC arguments contribute nothing.
pub fn get_referents(objs: &[Ref]) -> Vec<Ref> {
    let mut out = Vec::new();
    for o in objs {
        let p = o.ptr();
        // SAFETY: a Ref keeps p alive; traverse runs no user code.
        unsafe {
            if is_gc(p) {
                traverse(p, &mut |r| out.push(r));
            }
        }
    }
    to_refs(out)
}

/// Number of objects tracked in each generation and the permanent one.
pub fn generation_sizes() -> [usize; NUM_GENERATIONS + 1] {
    let st = state();
    std::array::from_fn(|i| gc_list_size(st.gen_head(i)))
}
