//! `tuple`: `24 + 8n` bytes with the items inline (trailing `Slot`s), GC
//! tracked at creation and untracked by collections when all items are
//! atomic (3.11's `_PyTuple_MaybeUntrack`).

use pyheap_mem::{new_object, ItemCount, ObjPtr, Payload, Slot, TypeSlots};

use crate::rt::Obj;
use crate::types::t;

pub struct TupleObj {
    /// `ob_size`, set by `new_object` to the item count it was given.
    pub size: ItemCount,
}

impl Payload for TupleObj {
    type Item = Slot;
    fn item_count(&self, _ty: &TypeSlots) -> usize {
        self.size.get()
    }
    const DROP_ITEMS_BACKWARDS: bool = true;
    fn fixed_item_count(&self) -> Option<&ItemCount> {
        Some(&self.size)
    }
}

pub fn set_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<TupleObj>(s, 16)
}

pub fn traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    for s in o.items::<TupleObj>().iter().rev() {
        if let Some(p) = s.peek() {
            visit(p);
        }
    }
}

/// The items as the collector walks them (`TypeSlots::slot_items`): the
/// same references [`traverse`] visits, which the collector visits last to
/// first too; with no `untrack_check` set, the collector also untracks a
/// tuple from these when no item may be tracked (`_PyTuple_MaybeUntrack`).
pub fn slot_items(o: &Obj) -> &[Slot] {
    o.items::<TupleObj>()
}

pub fn clear(o: &Obj) {
    for s in o.items::<TupleObj>() {
        drop(s.take());
    }
}

/// A tuple of type `ty` owning `items` (not tracked).
pub fn alloc_tuple_of(ty: &Obj, items: Vec<Obj>) -> Obj {
    alloc_tuple_from(ty, items.into_iter())
}

/// [`alloc_tuple_of`] filled from an iterator of known length (no
/// intermediate `Vec`: `BUILD_TUPLE` moves the items straight off the value
/// stack). An iterator yielding fewer items leaves the rest `None`.
pub fn alloc_tuple_from(ty: &Obj, items: impl ExactSizeIterator<Item = Obj>) -> Obj {
    let n = items.len();
    let o = match new_object(
        ty,
        TupleObj {
            size: ItemCount::new(),
        },
        n,
    ) {
        Ok(o) => o,
        Err(_) => return crate::exc::memory_error_obj(),
    };
    for (s, v) in o.items::<TupleObj>().iter().zip(items) {
        s.set(Some(v));
    }
    o
}

/// A new tuple (tracked; `()` is the shared empty tuple).
pub fn new_tuple(items: Vec<Obj>) -> Obj {
    new_tuple_from(items.into_iter())
}

/// [`new_tuple`] from an iterator of known length.
pub fn new_tuple_from(items: impl ExactSizeIterator<Item = Obj>) -> Obj {
    if items.len() == 0 {
        return t().empty_tuple.clone();
    }
    let o = alloc_tuple_from(&t().tuple, items);
    crate::gcapi::track(&o);
    o
}

/// A new tuple of the top `n` values of a value stack, moved off it
/// (3.11's `BUILD_TUPLE`: the tuple is allocated with the items still on
/// the stack; no intermediate vector). A NULL entry becomes `None`.
pub fn new_tuple_from_stack(stack: &mut Vec<Option<Obj>>, n: usize) -> Obj {
    let at = stack.len().saturating_sub(n);
    let n = stack.len() - at;
    if n == 0 {
        return t().empty_tuple.clone();
    }
    let o = match new_object(
        &t().tuple,
        TupleObj {
            size: ItemCount::new(),
        },
        n,
    ) {
        Ok(o) => o,
        Err(_) => {
            stack.truncate(at);
            return crate::exc::memory_error_obj();
        }
    };
    for s in o.items::<TupleObj>().iter().rev() {
        s.set(Some(
            stack.pop().flatten().unwrap_or_else(crate::types::none),
        ));
    }
    crate::gcapi::track(&o);
    o
}

/// Strong references to the items.
pub fn tuple_items(o: &Obj) -> Vec<Obj> {
    o.items::<TupleObj>()
        .iter()
        .filter_map(|s| s.get())
        .collect()
}

pub fn tuple_len(o: &Obj) -> usize {
    o.payload::<TupleObj>().map_or(0, |p| p.size.get())
}

pub fn tuple_get(o: &Obj, i: usize) -> Option<Obj> {
    o.items::<TupleObj>().get(i).and_then(|s| s.get())
}

pub fn is_tuple(o: &Obj) -> bool {
    o.payload::<TupleObj>().is_some()
}
