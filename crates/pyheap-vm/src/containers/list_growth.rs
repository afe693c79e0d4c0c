//! List capacities, as CPython 3.11's `listobject.c` chooses them.
//!
//! Read [`list_resize`] first: every size change of a list goes through it
//! (append, insert, pop, slice assignment, extend onto a non-empty list).
//! The other functions give the capacity of each creation path, so the
//! interpreter allocates exactly what CPython does and `sys.getsizeof(list)`
//! (= 56 + 8·capacity) matches.
//!
//! All functions are pure; overflow saturates instead of panicking (a list
//! that large fails to allocate anyway).

/// Size of a list object including its GC header, before the item vector.
pub const LIST_BASE_SIZEOF: usize = 56;

/// `sys.getsizeof` of a list with `capacity` allocated slots.
pub fn list_sizeof(capacity: usize) -> usize {
    LIST_BASE_SIZEOF.saturating_add(capacity.saturating_mul(8))
}

/// `list_resize(self, newsize)`: the capacity after changing the length from
/// `oldsize` to `newsize` with `allocated` slots. `None` means "keep the
/// current storage" (CPython does not reallocate while
/// `allocated/2 <= newsize <= allocated`).
///
/// Otherwise the new capacity is `(newsize + newsize/8 + 6) & !3`, but when
/// the growth is larger than that over-allocation would give
/// (`newsize - oldsize > new - newsize`) it is `(newsize + 3) & !3`, and 0 for
/// an empty list.
pub fn list_resize(allocated: usize, oldsize: usize, newsize: usize) -> Option<usize> {
    if allocated >= newsize && newsize >= (allocated >> 1) {
        return None;
    }
    if newsize == 0 {
        return Some(0);
    }
    let mut new_allocated = newsize.saturating_add(newsize >> 3).saturating_add(6) & !3;
    if newsize.saturating_sub(oldsize) > new_allocated.saturating_sub(newsize) {
        new_allocated = newsize.saturating_add(3) & !3;
    }
    Some(new_allocated)
}

/// Capacity after `list_resize`, whether or not it reallocates.
pub fn capacity_after_resize(allocated: usize, oldsize: usize, newsize: usize) -> usize {
    list_resize(allocated, oldsize, newsize).unwrap_or(allocated)
}

/// `list_preallocate_exact(n)`: used when extending a list that has never
/// allocated storage by something of known length (`[1, 2, 3]` = empty list
/// extended by a constant tuple, `list(iterable)` with a length hint): `n`
/// rounded up to even.
pub fn preallocate_exact(n: usize) -> usize {
    n.saturating_add(1) & !1
}

/// `BUILD_LIST n` (a display of non-constant items): exactly `n`.
pub fn build_list_capacity(n: usize) -> usize {
    n
}

/// `[x] * n` and other `list_new_prealloc` paths (`list_repeat`, slicing
/// `l[a:b]`, `list.copy()`): exactly `n`.
pub fn repeat_capacity(n: usize) -> usize {
    n
}

/// `list.extend(seq)` / `list(iterable)` where the source length `n` is
/// known, applied to a list of length `size` with `allocated` slots; returns
/// the capacity before the items are stored. A list without storage uses
/// [`preallocate_exact`]; otherwise [`list_resize`] to `size + n`.
/// (For `list(iterable)` `n` is the length hint; when the iteration ends
/// short, [`shrink_after_extend`] applies.)
pub fn extend_capacity(allocated: usize, size: usize, n: usize) -> usize {
    if n == 0 {
        return allocated;
    }
    if allocated == 0 {
        return preallocate_exact(n);
    }
    capacity_after_resize(allocated, size, size.saturating_add(n))
}

/// After extending from a generic iterator, CPython calls
/// `list_resize(self, Py_SIZE(self))` when the list is shorter than its
/// capacity: it only shrinks when the length is below half the capacity.
pub fn shrink_after_extend(allocated: usize, size: usize) -> usize {
    if size < allocated {
        capacity_after_resize(allocated, size, size)
    } else {
        allocated
    }
}

/// Capacity after one `append` (or `insert`) on a list of length `size`.
pub fn append_capacity(allocated: usize, size: usize) -> usize {
    capacity_after_resize(allocated, size, size.saturating_add(1))
}

/// Capacity after one `pop` (or `del l[i]`) on a list of length `size >= 1`.
pub fn pop_capacity(allocated: usize, size: usize) -> usize {
    capacity_after_resize(allocated, size, size.saturating_sub(1))
}

/// `list.clear()` / `del l[:]` frees the storage: capacity 0.
pub fn clear_capacity() -> usize {
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn append_sequence_matches_cpython() {
        // Probe 074: getsizeof before each of 21 appends.
        let (mut cap, mut sizes) = (0usize, Vec::new());
        for n in 0..21 {
            sizes.push(list_sizeof(cap));
            cap = append_capacity(cap, n);
        }
        assert_eq!(
            sizes,
            [
                56, 88, 88, 88, 88, 120, 120, 120, 120, 184, 184, 184, 184, 184, 184, 184, 184,
                248, 248, 248, 248
            ]
        );
        let (mut cap, mut caps) = (0usize, Vec::new());
        for n in 0..200 {
            cap = append_capacity(cap, n);
            if caps.last() != Some(&cap) {
                caps.push(cap);
            }
        }
        assert_eq!(
            caps,
            [4, 8, 16, 24, 32, 40, 52, 64, 76, 92, 108, 128, 148, 172, 200]
        );
    }

    #[test]
    fn pop_shrinks_below_half() {
        // list(range(20)) then append: capacity 20 → append → 28? (probe: 280 = cap 28)
        let mut cap = extend_capacity(0, 0, 20);
        assert_eq!(cap, 20);
        cap = append_capacity(cap, 20);
        assert_eq!(list_sizeof(cap), 280);
        let mut out = Vec::new();
        for size in (1..=21).rev() {
            cap = pop_capacity(cap, size);
            let s = list_sizeof(cap);
            if !out.contains(&s) {
                out.push(s);
            }
        }
        assert_eq!(out, [280, 216, 184, 152, 120, 88, 56]);
        assert_eq!(list_sizeof(clear_capacity()), 56);
    }

    #[test]
    fn creation_paths() {
        // Probe 073.
        let bl: Vec<usize> = [0, 1, 2, 3, 5]
            .iter()
            .map(|&n| list_sizeof(build_list_capacity(n)))
            .collect();
        assert_eq!(bl, [56, 64, 72, 80, 96]);
        assert_eq!(list_sizeof(extend_capacity(0, 0, 3)), 88);
        assert_eq!(list_sizeof(extend_capacity(0, 0, 5)), 104);
        let from_range: Vec<usize> = [0, 1, 2, 3, 5, 9]
            .iter()
            .map(|&n| list_sizeof(extend_capacity(0, 0, n)))
            .collect();
        assert_eq!(from_range, [56, 72, 72, 88, 104, 136]);
        assert_eq!(list_sizeof(repeat_capacity(10)), 136);
        assert_eq!(list_sizeof(repeat_capacity(100)), 856);
        // Comprehensions append.
        let comp: Vec<usize> = [0, 1, 4, 5, 9, 17]
            .iter()
            .map(|&n| list_sizeof((0..n).fold(0, append_capacity)))
            .collect();
        assert_eq!(comp, [56, 88, 88, 120, 184, 248]);
        // Extending a non-empty list uses list_resize.
        assert_eq!(extend_capacity(4, 4, 1), 8);
        assert_eq!(shrink_after_extend(8, 3), 8);
        assert_eq!(shrink_after_extend(16, 3), 8);
    }
}
