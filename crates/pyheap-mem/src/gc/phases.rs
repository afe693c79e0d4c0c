//! The phases of one collection, in the order [`super::collect`] runs them,
//! under CPython's names. Each function states its pre- and post-conditions
//! in terms of the GC-header state table (`gc/mod.rs`).
//!
//! Rule for every phase that runs code of the layer above (finalizers,
//! weakref callbacks, `clear`): objects may be freed meanwhile and unlink
//! themselves, so such loops always take the *first* element of a list
//! head and move it elsewhere before running the code.

use crate::events::{self, Event};
use crate::header::ObjPtr;
use crate::refs::Ref;
use crate::typeslots::TypeFlags;
use crate::weakref;

use super::lists::{
    clear_unreachable_mask, gc_list_append, gc_list_clear_collecting, gc_list_is_empty,
    gc_list_merge, gc_list_move, Link, LocalList, NEXT_MASK_UNREACHABLE,
};
use super::objects::{
    borrowed, has_flags, is_gc, slot_items_untrackable, slots, traverse, traverse_fast,
};
use super::state::{state, DEBUG_SAVEALL};

/// `update_refs`: copy each refcount into `gc_refs` and set COLLECTING.
///
/// Pre: `containers` is a proper list, COLLECTING clear. Post: prev words
/// hold `refcnt << 2 | COLLECTING | FINALIZED?` (the list is singly linked).
pub(crate) fn update_refs(containers: Link) {
    let mut gc = containers.next();
    while gc != containers {
        let op = gc.obj();
        // SAFETY: members of a list are live tracked objects.
        let rc = unsafe { op.refcnt() };
        debug_assert!(
            rc > 0,
            "a tracked object with refcount {rc} (dealloc left it tracked?)"
        );
        // NOTE: a count of 0 here is a bug elsewhere; treating the object as
        // reachable (1) leaks it instead of freeing it twice.
        gc.reset_refs(if rc > 0 { rc as usize } else { 1 });
        gc = gc.next();
    }
}

/// `visit_decref`: an internal reference to a collecting object.
#[inline(always)]
fn visit_decref(op: ObjPtr) {
    // SAFETY: a referent of a live object is alive.
    if unsafe { is_gc(op) } {
        // SAFETY: op is a live GC object.
        let g = unsafe { Link::of(op) };
        if g.is_collecting() {
            g.decref();
        }
    }
}

/// `subtract_refs`: after it, `gc_refs` counts references from outside.
pub(crate) fn subtract_refs(containers: Link) {
    let mut gc = containers.next();
    while gc != containers {
        // SAFETY: members are live.
        unsafe { traverse_fast(gc.obj(), visit_decref) };
        gc = gc.next();
    }
}

/// `visit_reachable`: `op` is referenced by a reachable object.
#[inline(always)]
fn visit_reachable(op: ObjPtr, reachable: Link) {
    // SAFETY: a referent of a live object is alive.
    if !unsafe { is_gc(op) } {
        return;
    }
    // SAFETY: op is a live GC object.
    let gc = unsafe { Link::of(op) };
    // Objects of other generations, and already-scanned young objects, are
    // not COLLECTING.
    if !gc.is_collecting() {
        return;
    }
    debug_assert!(gc.is_tracked());
    if gc.is_unreachable() {
        // Tentatively unreachable after all: unlink by hand (the list
        // functions do not handle the mask) and re-append to young.
        let prev = gc.prev();
        let next = gc.next_unmasked();
        debug_assert!(prev.next_word() & NEXT_MASK_UNREACHABLE != 0);
        prev.set_next_ptr(gc.next_ptr()); // keeps the mask bit
        next.set_prev(prev);
        gc_list_append(gc, reachable);
        gc.set_refs(1);
    } else if gc.refs() == 0 {
        // Not scanned yet: tell move_unreachable it is reachable.
        gc.set_refs(1);
    }
}

/// `move_unreachable`: split `young` into reachable (stays) and
/// tentatively unreachable (moved to `unreachable`, UNREACHABLE bit set).
///
/// Iterative: rescued objects are re-appended to `young`'s tail and scanned
/// when the walk gets there, so no recursion. Post: young is a proper list,
/// COLLECTING clear; unreachable members have COLLECTING and UNREACHABLE set.
pub(crate) fn move_unreachable(young: Link, unreachable: Link) {
    let mut prev = young;
    let mut gc = young.next();
    while gc != young {
        if gc.refs() != 0 {
            // Reachable: scan its referents. The traverse may append to young
            // (when young's tail is gc, gc.next changes), so read next after.
            let op = gc.obj();
            // SAFETY: op is a live member of young.
            unsafe { traverse_fast(op, |r| visit_reachable(r, young)) };
            gc.set_prev(prev); // gc_refs no longer needed: restore the link
            gc.clear_collecting();
            prev = gc;
        } else {
            // Move to unreachable; young stays singly linked until the end.
            prev.set_next_ptr(gc.next_ptr());
            let last = unreachable.prev();
            last.set_next_ptr(gc.tagged_unreachable());
            gc.set_prev(last);
            gc.set_next_ptr(unreachable.tagged_unreachable());
            unreachable.set_prev(gc);
        }
        gc = prev.next();
    }
    young.set_prev(prev);
    // The head's next may have picked up the mask above.
    unreachable.clear_unreachable();
}

/// `deduce_unreachable`: steps 4–6 (update_refs, subtract_refs, move_unreachable).
pub(crate) fn deduce_unreachable(base: Link, unreachable: Link) {
    super::debug::validate_list(base, Some(false), Some(false));
    events::emit(Event::CollectPhase {
        phase: "update_refs",
    });
    update_refs(base);
    events::emit(Event::CollectPhase {
        phase: "subtract_refs",
    });
    subtract_refs(base);
    events::emit(Event::CollectPhase {
        phase: "move_unreachable",
    });
    move_unreachable(base, unreachable);
    super::debug::validate_list(base, Some(false), Some(false));
    super::debug::validate_list(unreachable, Some(true), Some(true));
}

/// Offers every member of `head` whose type has `flag` to its `untrack_check`.
fn untrack_if(head: Link, flag: TypeFlags) {
    let mut gc = head.next();
    while gc != head {
        let next = gc.next();
        let op = gc.obj();
        // SAFETY: op is a live member.
        if unsafe { has_flags(op, flag) } {
            // SAFETY: as above.
            let untrack = match unsafe { slots(op) }.untrack_check.get() {
                Some(check) => {
                    // SAFETY: op is alive during the call.
                    let r = unsafe { borrowed(op) };
                    check(&r)
                }
                // SAFETY: op is alive.
                None => unsafe { slot_items_untrackable(op) }.unwrap_or(false),
            };
            if untrack {
                super::lists::gc_list_remove(gc);
                gc.reset_prev_keep_finalized();
            }
        }
        gc = next;
    }
}

/// `untrack_tuples`: survivors of types with `UNTRACK_AFTER_COLLECTION`.
pub(crate) fn untrack_tuples(young: Link) {
    events::emit(Event::CollectPhase {
        phase: "untrack_tuples",
    });
    untrack_if(young, TypeFlags::UNTRACK_AFTER_COLLECTION);
}

/// `untrack_dicts`: survivors of types with `UNTRACK_AFTER_FULL_COLLECTION`.
pub(crate) fn untrack_dicts(young: Link) {
    events::emit(Event::CollectPhase {
        phase: "untrack_dicts",
    });
    untrack_if(young, TypeFlags::UNTRACK_AFTER_FULL_COLLECTION);
}

/// `move_legacy_finalizers`: unreachable objects with `legacy_del` go to
/// `finalizers` (COLLECTING cleared). Also clears every UNREACHABLE bit.
pub(crate) fn move_legacy_finalizers(unreachable: Link, finalizers: Link) {
    events::emit(Event::CollectPhase {
        phase: "move_legacy_finalizers",
    });
    debug_assert_eq!(unreachable.next_word() & NEXT_MASK_UNREACHABLE, 0);
    let mut gc = unreachable.next();
    while gc != unreachable {
        debug_assert!(gc.is_unreachable());
        gc.clear_unreachable();
        let next = gc.next();
        // SAFETY: unreachable members are alive.
        if unsafe { slots(gc.obj()) }.legacy_del.get().is_some() {
            gc.clear_collecting();
            gc_list_move(gc, finalizers);
        }
        gc = next;
    }
}

/// `move_legacy_finalizer_reachable`: everything reachable from
/// `finalizers` that is still COLLECTING joins it (the list grows while
/// walked, so this is iterative too).
pub(crate) fn move_legacy_finalizer_reachable(finalizers: Link) {
    let mut gc = finalizers.next();
    while gc != finalizers {
        // SAFETY: members are alive.
        unsafe {
            traverse(gc.obj(), &mut |op| {
                // SAFETY: a referent of a live object is alive.
                if is_gc(op) {
                    // SAFETY: op is a live GC object.
                    let g = Link::of(op);
                    if g.is_collecting() {
                        gc_list_move(g, finalizers);
                        g.clear_collecting();
                    }
                }
            })
        };
        gc = gc.next();
    }
}

/// `handle_weakrefs`: clear every weakref to an unreachable object (and
/// every unreachable weakref), then run the callbacks of cleared weakrefs
/// that are not themselves trash. Returns how many of those weakrefs were
/// freed by their callback (they count as collected).
///
/// All clearing happens before any callback runs, so no callback can reach
/// trash through a weakref.
pub(crate) fn handle_weakrefs(unreachable: Link, old: Link) -> usize {
    events::emit(Event::CollectPhase {
        phase: "handle_weakrefs",
    });
    let wrcb_to_call = LocalList::new();
    // Weakrefs to call back, in order; `true` when also linked in wrcb_to_call.
    let mut queue: Vec<(Ref, bool)> = Vec::new();

    let mut gc = unreachable.next();
    while gc != unreachable {
        let op = gc.obj();
        let next = gc.next();
        // SAFETY: op is a live unreachable object.
        unsafe {
            if has_flags(op, TypeFlags::IS_WEAKREF) {
                // Trash weakref: its callback must never run.
                weakref::clear_ref_keep_callback(op);
            }
            if slots(op).weaklistoffset.get() != 0 {
                while let Some(wr) = weakref::first_weakref(op) {
                    weakref::clear_ref_keep_callback(wr);
                    if weakref::callback_ptr(wr).is_none() {
                        continue;
                    }
                    let wr_is_gc = is_gc(wr);
                    if wr_is_gc && Link::of(wr).is_collecting() {
                        continue; // the weakref is trash itself
                    }
                    let r = Ref::new_ref(wr);
                    let linked = wr_is_gc && Link::of(wr).is_tracked();
                    if linked {
                        gc_list_move(Link::of(wr), wrcb_to_call.head());
                    }
                    queue.push((r, linked));
                }
            }
        }
        gc = next;
    }

    let mut num_freed = 0;
    for (r, linked) in queue {
        let wr = r.ptr();
        // SAFETY: we hold a strong reference to wr.
        if let Some(cb) = unsafe { weakref::callback_ptr(wr) } {
            // SAFETY: the weakref owns the callback; hold our own reference for the call.
            let cb = unsafe { Ref::new_ref(cb) };
            events::emit(Event::WeakrefCallback { addr: wr.addr() });
            (state().hooks().call_weakref_callback)(&cb, &r);
            drop(cb);
        }
        if linked {
            // SAFETY: wr is alive while we hold r.
            let g = unsafe { Link::of(wr) };
            drop(r);
            if wrcb_to_call.head().next_word() == g.word() {
                // Still alive (it did not unlink itself): keep it in old.
                gc_list_move(g, old);
            } else {
                num_freed += 1;
            }
        } else {
            // NOTE: an untracked weakref cannot be followed through a list;
            // it dies with our reference iff ours is the last.
            if r.refcnt() == 1 {
                num_freed += 1;
            }
            drop(r);
        }
    }
    debug_assert!(gc_list_is_empty(wrcb_to_call.head()));
    num_freed
}

/// `finalize_garbage`: run each unreachable object's finalizer once
/// (FINALIZED bit), with a temporary strong reference. Objects may vanish
/// from the list meanwhile.
pub(crate) fn finalize_garbage(collectable: Link) {
    events::emit(Event::CollectPhase {
        phase: "finalize_garbage",
    });
    let seen = LocalList::new();
    while !gc_list_is_empty(collectable) {
        let gc = collectable.next();
        let op = gc.obj();
        gc_list_move(gc, seen.head());
        // SAFETY: op is alive (it was in the list).
        let fin = unsafe { slots(op) }.finalize.get();
        if let (false, Some(fin)) = (gc.is_finalized(), fin) {
            gc.set_finalized();
            // SAFETY: op is alive; the temporary reference keeps it so during the call.
            let tmp = unsafe { Ref::new_ref(op) };
            events::emit(Event::Finalize { addr: op.addr() });
            fin(&tmp);
            drop(tmp);
        }
    }
    gc_list_merge(seen.head(), collectable);
}

/// `handle_resurrected_objects`: redo the reachability analysis on the
/// unreachable set alone; what a finalizer made reachable again goes to
/// `old`, the rest to `still_unreachable` (COLLECTING set, mask cleared).
pub(crate) fn handle_resurrected_objects(unreachable: Link, still_unreachable: Link, old: Link) {
    events::emit(Event::CollectPhase {
        phase: "handle_resurrected_objects",
    });
    gc_list_clear_collecting(unreachable);
    deduce_unreachable(unreachable, still_unreachable);
    clear_unreachable_mask(still_unreachable);
    gc_list_merge(unreachable, old);
}

/// `delete_garbage`: break the cycles with each type's `clear` (or, with
/// DEBUG_SAVEALL, hand the objects to `gc.garbage`). Objects still alive
/// afterwards move to `old`.
pub(crate) fn delete_garbage(collectable: Link, old: Link) {
    events::emit(Event::CollectPhase {
        phase: "delete_garbage",
    });
    let st = state();
    while !gc_list_is_empty(collectable) {
        let gc = collectable.next();
        let op = gc.obj();
        // SAFETY: op is alive (in the list) and we hold a temporary reference.
        let tmp = unsafe { Ref::new_ref(op) };
        if st.debug.get() & DEBUG_SAVEALL != 0 {
            (st.hooks().append_garbage)(&tmp);
        } else {
            // SAFETY: op is alive.
            let s = unsafe { slots(op) };
            if let Some(clear) = s.clear.get() {
                clear(&tmp);
            }
            if s.flags.get().contains(TypeFlags::IS_WEAKREF) {
                // The weakref part of tp_clear: unlink, drop the callback.
                // SAFETY: op is a live weakref.
                unsafe { weakref::clear_weakref_ptr(op) };
            }
        }
        drop(tmp);
        if collectable.next_word() == gc.word() {
            // Still alive: it may die later.
            gc.clear_collecting();
            gc_list_move(gc, old);
        }
    }
}

/// `handle_legacy_finalizers`: objects with `legacy_del` (all of them with
/// DEBUG_SAVEALL) go to `gc.garbage`; the whole list then joins `old`.
pub(crate) fn handle_legacy_finalizers(finalizers: Link, old: Link) {
    let st = state();
    let saveall = st.debug.get() & DEBUG_SAVEALL != 0;
    let mut gc = finalizers.next();
    while gc != finalizers {
        let op = gc.obj();
        // SAFETY: members are alive.
        if saveall || unsafe { slots(op) }.legacy_del.get().is_some() {
            // SAFETY: op is alive for the call.
            let r = unsafe { borrowed(op) };
            (st.hooks().append_garbage)(&r);
        }
        gc = gc.next();
    }
    gc_list_merge(finalizers, old);
}
