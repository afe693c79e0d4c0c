//! `list`: 40 bytes + an item vector (`RefArray`) sized by 3.11's
//! `list_resize` over-allocation rule.
//!
//! Read [`list_resize`] first. Invariants: `len <= items.capacity()`; slots
//! `>= len` are empty. Every mutation stores first and drops replaced values
//! afterwards (a dropped value may run `__del__`, which may touch the list).

use std::cell::{Cell, RefCell};

use pyheap_mem::{new_object, ObjPtr, Payload, RefArray, TypeSlots};

use crate::rt::{Obj, PyResult};
use crate::types::t;

/// NOTE: `repr(C)` in CPython's `PyListObject` order, so memory reads by
/// address see `ob_size` at +16, the item pointer at +24 and `allocated` at +32.
#[repr(C)]
pub struct ListObj {
    pub len: Cell<usize>,
    pub items: RefArray,
}

const _: () =
    assert!(std::mem::offset_of!(ListObj, len) == 0 && std::mem::size_of::<ListObj>() == 24);

impl Payload for ListObj {
    type Item = pyheap_mem::typed::NoItems;
}

pub fn set_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<ListObj>(s, 16)
}

fn lp(o: &Obj) -> Option<&ListObj> {
    o.payload::<ListObj>()
}

pub fn is_list(o: &Obj) -> bool {
    lp(o).is_some()
}

pub fn traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(l) = lp(o) {
        for i in (0..l.len.get()).rev() {
            if let Some(p) = l.items.peek(i) {
                visit(p);
            }
        }
    }
}

/// The items as the collector walks them (`TypeSlots::ref_items`): the
/// same references [`traverse`] visits, in the same (reverse) order.
pub fn ref_items(o: &Obj) -> Option<(&RefArray, usize)> {
    lp(o).map(|l| (&l.items, l.len.get()))
}

pub fn clear(o: &Obj) {
    list_clear(o);
}

/// Empties the list and frees the item vector (`list.clear()`).
pub fn list_clear(o: &Obj) {
    if let Some(l) = lp(o) {
        if l.items.capacity() > 0 {
            note_storage_change(l);
        }
        // CPython's _list_clear: the list is empty before the first item
        // is released; items go last first, then the vector.
        l.len.set(0);
        l.items.clear();
    }
}

/// An empty list of type `ty` (tracked), reusing a block from the list
/// free list when there is one (CPython's `PyList_New`: displays,
/// comprehensions, slices, `split`, `sorted`, …).
pub fn new_list_of(ty: &Obj) -> Obj {
    let o = new_object(ty, empty_payload(), 0).unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&o);
    o
}

/// An empty list of type `ty` (tracked) that never comes from the free list:
/// `list.__new__`, i.e. `list()` and `list(iterable)` calls, which CPython
/// allocates with `PyType_GenericAlloc`.
pub fn new_list_no_freelist(ty: &Obj) -> Obj {
    let o = pyheap_mem::new_object_no_freelist(ty, empty_payload(), 0)
        .unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&o);
    o
}

fn empty_payload() -> ListObj {
    ListObj {
        items: RefArray::empty(),
        len: Cell::new(0),
    }
}

/// A list holding exactly `items` (capacity = len, like `BUILD_LIST`).
pub fn new_list(items: Vec<Obj>) -> Obj {
    let o = new_list_of(&t().list);
    if let Some(l) = lp(&o) {
        if !items.is_empty() && l.items.resize(items.len()).is_ok() {
            let n = items.len();
            for (i, v) in items.into_iter().enumerate() {
                l.items.set(i, Some(v));
            }
            l.len.set(n);
        }
    }
    o
}

/// `items * k` as a new list: one vector of exactly `len·k` slots filled in
/// place (CPython's list_repeat), without a temporary vector of the result.
pub fn new_list_repeated(items: &[Obj], k: usize) -> Obj {
    let o = new_list_of(&t().list);
    let n = items.len().saturating_mul(k);
    if let Some(l) = lp(&o) {
        if n > 0 && l.items.resize(n).is_ok() {
            for i in 0..n {
                l.items.set(i, Some(items[i % items.len()].clone()));
            }
            l.len.set(n);
        }
    }
    o
}

/// A new list of the top `n` values of a value stack, moved off it (3.11's
/// `BUILD_LIST`, no intermediate vector; as [`new_list`], the items are
/// dropped if their storage cannot be allocated). NULL becomes `None`.
pub fn new_list_from_stack(stack: &mut Vec<Option<Obj>>, n: usize) -> Obj {
    let at = stack.len().saturating_sub(n);
    let n = stack.len() - at;
    let o = new_list_of(&t().list);
    if let Some(l) = lp(&o) {
        if n > 0 && l.items.resize(n).is_ok() {
            for i in (0..n).rev() {
                let v = stack.pop().flatten().unwrap_or_else(crate::types::none);
                l.items.set(i, Some(v));
            }
            l.len.set(n);
        }
    }
    stack.truncate(at);
    o
}

/// 3.11's `list_resize`: makes room for `newsize` items.
pub fn list_resize(l: &ListObj, newsize: usize) -> PyResult<()> {
    note_storage_change(l);
    let allocated = l.items.capacity();
    if allocated >= newsize && newsize >= (allocated >> 1) {
        return Ok(());
    }
    let mut new_alloc = (newsize + (newsize >> 3) + 6) & !3;
    if newsize - l.len.get().min(newsize) > new_alloc.saturating_sub(newsize) {
        new_alloc = (newsize + 3) & !3;
    }
    if newsize == 0 {
        new_alloc = 0;
    }
    l.items
        .resize(new_alloc)
        .map_err(|_| crate::exc::memory_error())
}

pub fn list_append(o: &Obj, v: Obj) -> PyResult<()> {
    let Some(l) = lp(o) else { return Ok(()) };
    let n = l.len.get();
    list_resize(l, n + 1)?;
    l.items.set(n, Some(v));
    l.len.set(n + 1);
    Ok(())
}

pub fn list_len(o: &Obj) -> usize {
    lp(o).map_or(0, |l| l.len.get())
}

pub fn list_get(o: &Obj, i: usize) -> Option<Obj> {
    let l = lp(o)?;
    if i < l.len.get() {
        l.items.get(i)
    } else {
        None
    }
}

pub fn list_set(o: &Obj, i: usize, v: Obj) -> bool {
    let Some(l) = lp(o) else { return false };
    if i >= l.len.get() {
        return false;
    }
    let old = l.items.replace(i, Some(v));
    drop(old);
    true
}

/// Snapshot of the items.
pub fn list_items(o: &Obj) -> Vec<Obj> {
    let Some(l) = lp(o) else { return Vec::new() };
    (0..l.len.get()).filter_map(|i| l.items.get(i)).collect()
}

/// Replaces the whole content with `items`, using the exact-fit rule
/// of slice assignment / extend from empty (capacity via `list_resize`).
pub fn list_set_all(o: &Obj, items: Vec<Obj>) -> PyResult<()> {
    let Some(l) = lp(o) else { return Ok(()) };
    let n_old = l.len.get();
    let mut old = Vec::with_capacity(n_old);
    for i in 0..n_old {
        if let Some(v) = l.items.take(i) {
            old.push(v);
        }
    }
    l.len.set(0);
    let n = items.len();
    if n > l.items.capacity() || n < l.items.capacity() / 2 {
        list_resize(l, n)?;
    }
    for (i, v) in items.into_iter().enumerate() {
        l.items.set(i, Some(v));
    }
    l.len.set(n);
    // Replaced items are released last first (list_ass_slice's recycle order).
    while let Some(v) = old.pop() {
        drop(v);
    }
    Ok(())
}

/// `list.extend` from a sequence of known items: CPython's `list_extend`
/// for a sized source (`list_resize(n + m)`), or the exact "even" rule for a
/// never-allocated empty list.
pub fn list_extend_items(o: &Obj, items: Vec<Obj>) -> PyResult<()> {
    let Some(l) = lp(o) else { return Ok(()) };
    let n = l.len.get();
    let m = items.len();
    if m == 0 {
        return Ok(());
    }
    if l.items.capacity() == 0 && n == 0 {
        // 3.11 list_extend → list_preallocate_exact: round up to even.
        let cap = (m + 1) & !1;
        note_storage_change(l);
        l.items
            .resize(cap)
            .map_err(|_| crate::exc::memory_error())?;
    } else {
        list_resize(l, n + m)?;
    }
    for (i, v) in items.into_iter().enumerate() {
        l.items.set(n + i, Some(v));
    }
    l.len.set(n + m);
    Ok(())
}

/// Removes and returns item `i`.
pub fn list_pop(o: &Obj, i: usize) -> Option<Obj> {
    let l = lp(o)?;
    let n = l.len.get();
    if i >= n {
        return None;
    }
    let v = l.items.take(i);
    l.items.move_within(i + 1, i, n - i - 1);
    l.len.set(n - 1);
    let _ = list_resize(l, n - 1);
    v
}

/// Inserts `v` before index `i` (clamped).
pub fn list_insert(o: &Obj, i: usize, v: Obj) -> PyResult<()> {
    let Some(l) = lp(o) else { return Ok(()) };
    let n = l.len.get();
    let i = i.min(n);
    list_resize(l, n + 1)?;
    l.items.move_within(i, i + 1, n - i);
    l.items.set(i, Some(v));
    l.len.set(n + 1);
    Ok(())
}

/// Bytes of `__sizeof__`: the type's basic size (40 for `list`; subclasses
/// add their weakref word) + 8·allocated.
pub fn sizeof(o: &Obj) -> usize {
    let base = o.type_slots().basicsize.get();
    match lp(o) {
        // NOTE: CPython computes basicsize + 8·allocated with allocated = -1.
        Some(l) if sort_state(l) == Some(false) => base.saturating_sub(8),
        Some(l) => base + l.items.heap_bytes(),
        None => base,
    }
}

// ----- list.sort support (see objects/list_sort.rs) ------------------------

thread_local! {
    /// Lists being sorted, innermost last: the payload address and whether
    /// the list got item storage since the sort began (CPython's
    /// `allocated != -1` test for "list modified during sort").
    static SORTING: RefCell<Vec<(usize, bool)>> = const { RefCell::new(Vec::new()) };
}

fn payload_addr(l: &ListObj) -> usize {
    l as *const ListObj as usize
}

/// Records that `l`'s item storage was (re)allocated or freed, which is what
/// sets CPython's `allocated` and so marks a list being sorted as modified.
fn note_storage_change(l: &ListObj) {
    let a = payload_addr(l);
    SORTING.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            if let Some(e) = s.iter_mut().rev().find(|e| e.0 == a) {
                e.1 = true;
            }
        }
    });
}

/// None when `l` is not being sorted, else whether it was modified.
fn sort_state(l: &ListObj) -> Option<bool> {
    let a = payload_addr(l);
    SORTING.with(|s| {
        s.try_borrow()
            .ok()
            .and_then(|s| s.iter().rev().find(|e| e.0 == a).map(|e| e.1))
    })
}

/// The items of a list detached by [`sort_detach`].
pub struct Detached {
    storage: RefArray,
    pub items: Vec<Obj>,
}

/// `list.sort`'s prologue: the list becomes empty with no item array while
/// its items (returned, in order) are sorted; the item block is kept aside
/// and given back by [`sort_reattach`]. None for a non-list.
pub fn sort_detach(o: &Obj) -> Option<Detached> {
    let l = lp(o)?;
    let storage = RefArray::empty();
    storage.swap_storage(&l.items);
    let n = l.len.get();
    l.len.set(0);
    let items = (0..n).filter_map(|i| storage.take(i)).collect();
    SORTING.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            s.push((payload_addr(l), false));
        }
    });
    Some(Detached { storage, items })
}

/// Whether the list got item storage since [`sort_detach`] (CPython:
/// `self->allocated != -1`).
pub fn sort_was_modified(o: &Obj) -> bool {
    lp(o).is_some_and(|l| {
        sort_state(l).unwrap_or(true) || l.len.get() != 0 || l.items.capacity() != 0
    })
}

/// `list.sort`'s epilogue: puts `d.items` (now in their final order) back
/// in the original block and drops whatever the list was given during the
/// sort, last item first (after the list is whole again, as CPython does).
pub fn sort_reattach(o: &Obj, d: Detached) {
    let Some(l) = lp(o) else { return };
    let a = payload_addr(l);
    SORTING.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            if let Some(i) = s.iter().rposition(|e| e.0 == a) {
                s.remove(i);
            }
        }
    });
    let Detached { storage, items } = d;
    let n = items.len();
    for (i, v) in items.into_iter().enumerate() {
        storage.set(i, Some(v));
    }
    let tlen = l.len.get();
    l.items.swap_storage(&storage);
    l.len.set(n);
    // `storage` now holds what the list held during the sort.
    for i in (0..tlen).rev() {
        drop(storage.take(i));
    }
    drop(storage);
}
