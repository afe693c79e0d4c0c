//! Allocator tests. Each test runs on its own thread, so it has its own
//! heap; [`Fresh`] returns it to the system at the end (Miri checks leaks).
//! Sizes shrink under Miri.

use super::geometry::*;
use super::pool::PoolHeader;
use super::state::{with_state, State, NIL};
use super::*;
use crate::events::{self, Event, EventSink};
use std::cell::RefCell;
use std::rc::Rc;

/// Releases this thread's heap when dropped (also on panic).
struct Fresh;

impl Drop for Fresh {
    fn drop(&mut self) {
        // SAFETY: each test owns its thread's heap and stops using it here.
        unsafe { release_thread_heap() };
    }
}

fn m(size: usize) -> *mut u8 {
    match malloc(size) {
        Some(p) => p.as_ptr(),
        None => panic!("malloc({size}) failed"),
    }
}

fn f(p: *mut u8) {
    // SAFETY: tests only free blocks they allocated and still own.
    unsafe { free(p) }
}

/// Checks every structural invariant of the state.
fn check_invariants() {
    with_state(|st: &mut State| {
        // usable_arenas: doubly linked, sorted ascending, nfp2lasta right.
        let mut prev = NIL;
        let mut a = st.usable_arenas;
        let mut last_with = [NIL; MAX_POOLS_IN_ARENA + 1];
        let mut usable = 0;
        while a != NIL {
            let ao = &st.arenas[a as usize];
            assert!(!ao.address.is_null());
            assert_eq!(ao.prevarena, prev);
            assert!(ao.nfreepools > 0);
            if prev != NIL {
                assert!(
                    st.arenas[prev as usize].nfreepools <= ao.nfreepools,
                    "usable_arenas unsorted"
                );
            }
            last_with[ao.nfreepools as usize] = a;
            usable += 1;
            prev = a;
            a = ao.nextarena;
        }
        assert_eq!(last_with, st.nfp2lasta, "nfp2lasta");
        // Every arena: pools add up, headers agree with the bitmap.
        let mut full_or_usable = 0;
        for (i, ao) in st.arenas.iter().enumerate() {
            if ao.address.is_null() {
                continue;
            }
            full_or_usable += 1;
            assert_eq!(st.map.lookup(ao.address.addr()), Some(i as u32));
            let mut free_pools = 0;
            let mut fp = ao.freepools;
            while !fp.is_null() {
                free_pools += 1;
                // SAFETY: free pools have initialized headers.
                fp = unsafe { (*fp).nextpool };
            }
            let carved = (ao.pool_address.addr() - ao.first_pool.addr()) / POOL_SIZE;
            assert_eq!(
                ao.nfreepools as usize,
                free_pools + (ao.ntotalpools as usize - carved)
            );
            let mut p = ao.first_pool;
            while p < ao.pool_address {
                let pool = p.cast::<PoolHeader>();
                // SAFETY: carved pool: header and bitmap initialized.
                let (count, sz, bits) = unsafe {
                    let words = std::slice::from_raw_parts((*pool).bitmap, BITMAP_WORDS_PER_POOL);
                    (
                        (*pool).ref_count as usize,
                        (*pool).szidx as usize,
                        words.iter().map(|w| w.count_ones() as usize).sum::<usize>(),
                    )
                };
                assert_eq!(count, bits, "ref count vs bitmap");
                if count > 0 && count < numblocks(sz) {
                    // Partially used pools are in usedpools[sz].
                    let mut q = st.usedpools[sz];
                    let mut found = false;
                    while !q.is_null() {
                        found |= q == pool;
                        // SAFETY: list members have initialized headers.
                        q = unsafe { (*q).nextpool };
                    }
                    assert!(found, "used pool missing from usedpools");
                }
                // SAFETY: stays within the arena (p < pool_address).
                p = unsafe { p.add(POOL_SIZE) };
            }
        }
        assert_eq!(full_or_usable, st.narenas_currently_allocated);
        assert!(usable <= full_or_usable);
        let s = st.stats();
        assert_eq!(s.total, s.arenas_allocated_current * ARENA_SIZE);
    });
}

#[test]
fn alloc_lifo_reuse_same_class() {
    let _g = Fresh;
    let (a, b, c) = (m(96), m(96), m(96));
    assert!(a != b && b != c && a != c);
    for p in [a, b, c] {
        assert_eq!(p.addr() % ALIGNMENT, 0);
    }
    f(a);
    f(b);
    f(c);
    let (x, y, z) = (m(96), m(96), m(96));
    assert_eq!((x, y, z), (c, b, a));
    // Any request of the same class (81..=96) reuses the block.
    f(y);
    assert_eq!(m(81), b);
    check_invariants();
}

#[test]
fn alloc_no_cross_class_reuse() {
    let _g = Fresh;
    let keep = m(48); // keep the 48-byte pool alive
    let q = m(40); // 48-byte class
    f(q);
    let w = m(96);
    assert_ne!(w, q);
    assert_eq!(m(48), q);
    let _ = keep;
    check_invariants();
}

#[test]
fn alloc_virgin_blocks_are_carved_in_address_order() {
    let _g = Fresh;
    let ps: Vec<*mut u8> = (0..10).map(|_| m(32)).collect();
    for w in ps.windows(2) {
        assert_eq!(w[1].addr() - w[0].addr(), 32);
    }
    // The first block of a fresh pool follows its 48-byte header.
    assert_eq!(ps[0].addr() & POOL_SIZE_MASK, POOL_OVERHEAD);
}

#[test]
fn alloc_many_then_free_reclaims_arenas() {
    let _g = Fresh;
    // CPython's probe 088 pattern: 300k 48-byte blocks; fewer, larger ones under Miri.
    let (n, size) = if cfg!(miri) {
        (8000, 512)
    } else {
        (300_000, 48)
    };
    let s0 = stats();
    let ps: Vec<*mut u8> = (0..n).map(|_| m(size)).collect();
    let s1 = stats();
    let per_arena = (MAX_POOLS_IN_ARENA - 1) * numblocks(size2index(size));
    assert!(s1.arenas_allocated_current - s0.arenas_allocated_current >= n / per_arena - 1);
    assert_eq!(s1.classes[size2index(size)].blocks_in_use, n);
    check_invariants();
    for p in ps {
        f(p);
    }
    let s2 = stats();
    assert!(s2.arenas_reclaimed > s1.arenas_reclaimed);
    assert!(s2.arenas_allocated_current < s1.arenas_allocated_current);
    // Only the one wholly free arena kept against thrashing remains.
    assert!(s2.arenas_allocated_current <= 1);
    assert_eq!(s2.classes[size2index(size)].blocks_in_use, 0);
    assert_eq!(s2.arenas_highwater_mark, s1.arenas_allocated_current);
    check_invariants();
}

#[test]
fn alloc_random_workload_keeps_invariants() {
    let _g = Fresh;
    let steps = if cfg!(miri) { 3000 } else { 200_000 };
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut live: Vec<(*mut u8, usize, u8)> = Vec::new();
    for step in 0..steps {
        let r = next();
        if live.is_empty() || r % 3 != 0 {
            let size = (next() % 700) as usize;
            let p = m(size);
            let tag = (step % 251) as u8;
            // SAFETY: p has at least `size` bytes.
            unsafe { std::ptr::write_bytes(p, tag, size) };
            live.push((p, size, tag));
        } else {
            let i = (next() % live.len() as u64) as usize;
            let (p, size, tag) = live.swap_remove(i);
            // SAFETY: p has `size` bytes that we wrote.
            let bytes = unsafe { std::slice::from_raw_parts(p, size) };
            assert!(bytes.iter().all(|&b| b == tag), "block contents clobbered");
            f(p);
        }
        if step % (steps / 10) == 0 {
            check_invariants();
        }
    }
    let s = stats();
    assert_eq!(s.allocated_blocks, live.len());
    for (p, _, _) in live {
        f(p);
    }
    check_invariants();
    assert_eq!(stats().allocated_blocks, 0);
}

#[test]
fn alloc_stats_arithmetic_is_consistent() {
    let _g = Fresh;
    let ps: Vec<*mut u8> = (0..1000).map(|i| m(1 + (i * 7) % 512)).collect();
    let s = stats();
    assert_eq!(
        s.bytes_in_allocated_blocks
            + s.bytes_in_available_blocks
            + s.unused_pools * POOL_SIZE
            + s.bytes_lost_to_pool_headers
            + s.bytes_lost_to_quantization
            + s.bytes_lost_to_arena_alignment,
        s.total
    );
    assert_eq!(s.total, s.arenas_allocated_current * ARENA_SIZE);
    let in_use: usize = s.classes.iter().map(|c| c.blocks_in_use).sum();
    assert_eq!(in_use, 1000);
    let alloc_bytes: usize = ps
        .iter()
        .enumerate()
        .map(|(i, _)| index2size(size2index(1 + (i * 7) % 512)))
        .sum();
    assert_eq!(s.bytes_in_allocated_blocks, alloc_bytes);
    // Arena alignment: 16 KiB per arena whose base is not pool-aligned.
    let misaligned = with_state(|st| {
        st.arenas
            .iter()
            .filter(|a| !a.address.is_null() && a.address.addr() % POOL_SIZE != 0)
            .count()
    });
    assert_eq!(s.bytes_lost_to_arena_alignment, misaligned * POOL_SIZE);
    assert!(s.arena_map_mid_nodes >= 1 && s.arena_map_bot_nodes >= 1);
    assert_eq!(s.bytes_lost_to_arena_map_root, 262_144);
    assert_eq!(
        s.bytes_lost_to_arena_map_mid,
        s.arena_map_mid_nodes * 262_144
    );
    assert_eq!(
        s.bytes_lost_to_arena_map_bot,
        s.arena_map_bot_nodes * 131_072
    );
    for p in ps {
        f(p);
    }
}

#[test]
fn alloc_render_matches_cpython_layout() {
    let _g = Fresh;
    let ps: Vec<*mut u8> = (0..100).map(|_| m(64)).collect();
    let s = stats();
    let extra = vec![
        free_list_line("PyDictObject", 8, 48),
        free_list_line("1-sized PyTupleObject", 4, 32),
    ];
    let text = render_debug_malloc_stats(&s, &extra);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Small block threshold = 512, in 32 size classes.");
    assert_eq!(lines[1], "");
    assert_eq!(
        lines[2],
        "class   size   num pools   blocks in use  avail blocks"
    );
    assert_eq!(
        lines[3],
        "-----   ----   ---------   -------------  ------------"
    );
    assert_eq!(
        lines[4],
        "    3     64           1             100           155"
    );
    assert_eq!(lines[5], "");
    assert_eq!(
        lines[6],
        "# arenas allocated total           =                    1"
    );
    assert!(text.contains("\n1 arenas * 1048576 bytes/arena     =            1,048,576\n"));
    assert!(text.contains("\n# bytes in allocated blocks        =                6,400\n"));
    assert!(text.contains(
        "\narena map counts\n# arena map mid nodes              =                    1\n"
    ));
    assert!(text.contains("\n# bytes lost to arena map root     =              262,144\n"));
    assert!(text.ends_with(
        "Total                              =              655,360\n\n            8 free PyDictObjects * 48 bytes each =                  384\n   4 free 1-sized PyTupleObjects * 32 bytes each =                  128\n"
    ));
    for p in ps {
        f(p);
    }
}

#[test]
fn alloc_large_blocks_are_tracked_and_freed() {
    let _g = Fresh;
    let s0 = stats();
    let big = m(1000);
    let zero = m(0);
    let s1 = stats();
    assert_eq!(s1.large_blocks, s0.large_blocks + 2);
    assert_eq!(s1.large_bytes, s0.large_bytes + 1001);
    assert_eq!(big.addr() % ALIGNMENT, 0);
    assert!(is_heap_address(big.addr() + 999));
    assert!(
        !is_heap_address(big.addr() + 1000)
            || block_of(big.addr() + 1000).is_some_and(|b| b.start != big.addr())
    );
    assert_eq!(
        block_of(big.addr() + 10),
        Some(BlockInfo {
            start: big.addr(),
            size: 1000,
            live: true
        })
    );
    f(big);
    f(zero);
    let s2 = stats();
    assert_eq!(
        (s2.large_blocks, s2.large_bytes),
        (s0.large_blocks, s0.large_bytes)
    );
    assert_eq!(block_of(big.addr()), None);
    // Nothing in the small-object table changed.
    assert_eq!(s2.arenas_allocated_total, s0.arenas_allocated_total);
}

#[test]
fn alloc_read_word_inside_outside_freed() {
    let _g = Fresh;
    let p = m(64);
    let q = m(64);
    // SAFETY: p has 64 bytes.
    unsafe { p.add(8).cast::<usize>().write(0xdead_beef) };
    assert_eq!(read_word(p.addr() + 8), Ok(0xdead_beef));
    assert_eq!(read_live_word(p.addr() + 8), Ok(0xdead_beef));
    assert_eq!(read_word(p.addr() + 3), Err(AddrError::Misaligned));
    let local = 5usize;
    assert_eq!(
        read_word(std::ptr::addr_of!(local).addr()),
        Err(AddrError::NotInHeap)
    );
    assert_eq!(read_word(8), Err(AddrError::NotInHeap));
    assert_eq!(read_word(usize::MAX - 7), Err(AddrError::NotInHeap));
    assert!(!is_heap_address(0));
    assert_eq!(
        block_of(p.addr() + 63),
        Some(BlockInfo {
            start: p.addr(),
            size: 64,
            live: true
        })
    );
    f(p);
    assert_eq!(
        block_of(p.addr() + 8),
        Some(BlockInfo {
            start: p.addr(),
            size: 64,
            live: false
        })
    );
    assert_eq!(read_live_word(p.addr() + 8), Err(AddrError::Freed));
    // Memory-wise still readable: the word after the free-list link is intact.
    assert_eq!(read_word(p.addr() + 8), Ok(0xdead_beef));
    // Pool header and virgin space: ours, but no block / not live.
    let pool = q.addr() & !POOL_SIZE_MASK;
    assert!(is_heap_address(pool));
    assert_eq!(block_of(pool + 8), None);
    assert!(read_word(pool + 32).is_ok());
    let virgin = q.addr() + 64 * 4;
    assert_eq!(block_of(virgin).map(|b| b.live), Some(false));
    assert_eq!(read_live_word(virgin), Err(AddrError::Freed));
    // A large block: readable up to its end only.
    let big = m(1000);
    // SAFETY: big has 1000 bytes.
    unsafe { big.add(992).cast::<usize>().write(42) };
    assert_eq!(read_word(big.addr() + 992), Ok(42));
    f(big);
    assert_eq!(read_live_word(big.addr() + 992), Err(AddrError::NotInHeap));
    f(q);
}

#[test]
fn alloc_double_free_is_ignored() {
    let _g = Fresh;
    let keep = m(32);
    let p = m(32);
    f(p);
    f(p);
    assert_eq!(stats().invalid_frees, 1);
    let a = m(32);
    let b = m(32);
    assert_ne!(a, b);
    let _ = keep;
    check_invariants();
}

#[test]
fn alloc_bogus_frees_inside_arenas_are_ignored() {
    let _g = Fresh;
    let keep = m(48);
    let pool = keep.addr() & !POOL_SIZE_MASK;
    let arena_end_slack = with_state(|st| st.arenas[0].pool_address);
    // SAFETY (all frees below): each address is inside our arena but is not
    // a live block start; the allocator must ignore it.
    for bogus in [
        keep.wrapping_add(8),      // misaligned interior pointer
        keep.wrapping_add(16),     // aligned interior pointer
        keep.with_addr(pool),      // pool header
        keep.wrapping_add(48 * 5), // virgin block of a carved pool
        arena_end_slack,           // uncarved pool
    ] {
        f(bogus);
    }
    assert_eq!(stats().invalid_frees, 5);
    // SAFETY: as above, realloc of a non-block is refused.
    assert!(unsafe { realloc(keep.wrapping_add(16), 10) }.is_none());
    assert_eq!(block_of(keep.addr()).map(|b| b.live), Some(true));
    check_invariants();
    f(keep);
}

#[test]
fn alloc_heap_limit_refuses_then_recovers() {
    let _g = Fresh;
    let first = m(512);
    let obtained = stats().obtained_bytes;
    set_heap_limit(Some(obtained));
    assert_eq!(heap_limit(), Some(obtained));
    assert!(
        malloc(1000).is_none(),
        "a system block would exceed the limit"
    );
    // Fill what the existing arena(s) hold; then requests are refused.
    let mut ps = vec![first];
    let cap = MAX_POOLS_IN_ARENA * numblocks(31) + 1;
    while let Some(p) = malloc(512) {
        ps.push(p.as_ptr());
        assert!(ps.len() <= cap, "limit not enforced");
    }
    let s = stats();
    assert_eq!(s.obtained_bytes, obtained);
    assert_eq!(s.total, s.arenas_allocated_current * ARENA_SIZE);
    check_invariants();
    // Freeing makes room again (and the block comes right back).
    let last = ps.pop().unwrap_or(first);
    f(last);
    assert_eq!(m(512), last);
    assert!(malloc(512).is_none());
    set_heap_limit(None);
    let more = m(512);
    ps.push(more);
    ps.push(last);
    for p in ps {
        f(p);
    }
    check_invariants();
}

#[test]
fn alloc_realloc_in_place_rule() {
    let _g = Fresh;
    let p = m(100); // 112-byte block
                    // SAFETY: p has 100 bytes.
    unsafe { std::ptr::write_bytes(p, 7, 100) };
    // SAFETY: p is live; each call returns the live block to use next.
    unsafe {
        assert_eq!(realloc(p, 112).map(|x| x.as_ptr()), Some(p));
        assert_eq!(realloc(p, 90).map(|x| x.as_ptr()), Some(p)); // 360 > 336
        let q = realloc(p, 84).map_or(std::ptr::null_mut(), |x| x.as_ptr()); // 336, not > 336: moves
        assert!(!q.is_null() && q != p);
        assert_eq!(block_of(p.addr()).map(|b| b.live), Some(false));
        assert!(std::slice::from_raw_parts(q, 84).iter().all(|&b| b == 7));
        let r = realloc(q, 300).map_or(std::ptr::null_mut(), |x| x.as_ptr());
        assert_eq!(block_of(r.addr()).map(|b| b.size), Some(304));
        assert!(std::slice::from_raw_parts(r, 84).iter().all(|&b| b == 7));
        // Growing past 512 moves to the system allocator.
        let big = realloc(r, 5000).map_or(std::ptr::null_mut(), |x| x.as_ptr());
        assert_eq!(block_of(big.addr()).map(|b| b.size), Some(5000));
        assert!(std::slice::from_raw_parts(big, 84).iter().all(|&b| b == 7));
        // A system block stays with the system allocator.
        let small = realloc(big, 20).map_or(std::ptr::null_mut(), |x| x.as_ptr());
        assert_eq!(block_of(small.addr()).map(|b| b.size), Some(20));
        assert!(std::slice::from_raw_parts(small, 20)
            .iter()
            .all(|&b| b == 7));
        f(small);
        assert_eq!(
            realloc(std::ptr::null_mut(), 10).map(|x| x.as_ptr().addr() % 16),
            Some(0)
        );
    }
    assert_eq!(stats().large_blocks, 0);
}

struct Recorder(Rc<RefCell<Vec<Event>>>);

impl EventSink for Recorder {
    fn event(&mut self, ev: &Event) {
        self.0.borrow_mut().push(ev.clone());
    }
}

#[test]
fn alloc_events_report_requested_sizes() {
    let _g = Fresh;
    let log = Rc::new(RefCell::new(Vec::new()));
    events::set_sink(Some(Box::new(Recorder(log.clone()))));
    let p = m(40);
    let big = m(1033);
    f(p);
    f(big);
    events::set_sink(None);
    let got = log.borrow().clone();
    assert_eq!(
        got,
        vec![
            Event::BlockAlloc {
                addr: p.addr(),
                size: 40
            },
            Event::BlockAlloc {
                addr: big.addr(),
                size: 1033
            },
            Event::BlockFree { addr: p.addr() },
            Event::BlockFree { addr: big.addr() },
        ]
    );
}

#[test]
fn alloc_empty_arena_kept_only_when_last() {
    let _g = Fresh;
    // One pool's worth: allocate and free repeatedly; the arena stays (the
    // anti-thrashing rule), so no arena is allocated twice.
    for _ in 0..5 {
        let p = m(200);
        f(p);
    }
    let s = stats();
    assert_eq!(
        (s.arenas_allocated_total, s.arenas_allocated_current),
        (1, 1)
    );
    assert_eq!(
        s.unused_pools,
        with_state(|st| st.arenas[0].ntotalpools as usize)
    );
}

/// Prints ns/op of an alloc+free pair, ours vs libc (run in release with
/// `--nocapture`); asserts nothing about time.
#[test]
#[cfg_attr(miri, ignore)]
fn alloc_bench_alloc_free_vs_libc() {
    use std::hint::black_box;
    use std::time::Instant;
    let _g = Fresh;
    let n = if cfg!(debug_assertions) {
        200_000
    } else {
        20_000_000
    };
    let keep = m(64);
    let t = Instant::now();
    for _ in 0..n {
        let p = m(black_box(64));
        f(black_box(p));
    }
    let ours = t.elapsed().as_nanos() as f64 / n as f64;
    let t = Instant::now();
    for _ in 0..n {
        // SAFETY: plain malloc/free pair.
        unsafe {
            let p = libc::malloc(black_box(64));
            libc::free(black_box(p));
        }
    }
    let libc_ns = t.elapsed().as_nanos() as f64 / n as f64;
    // A batch pattern: 1000 live blocks, then free them all.
    let mut v = Vec::with_capacity(1000);
    let t = Instant::now();
    for _ in 0..n / 1000 {
        for _ in 0..1000 {
            v.push(m(black_box(48)));
        }
        for p in v.drain(..) {
            f(p);
        }
    }
    let batch = t.elapsed().as_nanos() as f64 / n as f64;
    let t = Instant::now();
    let mut w: Vec<*mut libc::c_void> = Vec::with_capacity(1000);
    for _ in 0..n / 1000 {
        for _ in 0..1000 {
            // SAFETY: plain malloc.
            w.push(unsafe { libc::malloc(black_box(48)) });
        }
        for p in w.drain(..) {
            // SAFETY: p from malloc above.
            unsafe { libc::free(p) };
        }
    }
    let libc_batch = t.elapsed().as_nanos() as f64 / n as f64;
    println!(
        "alloc+free pair: pyheap {ours:.2} ns, libc {libc_ns:.2} ns; 1000-batch: pyheap {batch:.2} ns, libc {libc_batch:.2} ns"
    );
    f(keep);
}

/// Output of `python3 -c "import sys; sys._debugmallocstats()"` (CPython 3.11.7).
const CPYTHON_SAMPLE: &str = include_str!("cpython_debugmallocstats.txt");

fn parse_value(line: &str) -> usize {
    let v = line
        .rsplit('=')
        .next()
        .unwrap_or("")
        .trim()
        .replace(',', "");
    v.parse().unwrap_or(usize::MAX)
}

#[test]
fn alloc_render_reproduces_cpython_output_exactly() {
    // Rebuild the numbers from CPython's text, render them, compare bytes.
    let mut s = MallocStats {
        classes: [ClassStats::default(); NB_SMALL_SIZE_CLASSES],
        arenas_allocated_total: 0,
        arenas_reclaimed: 0,
        arenas_highwater_mark: 0,
        arenas_allocated_current: 0,
        bytes_in_allocated_blocks: 0,
        bytes_in_available_blocks: 0,
        unused_pools: 0,
        bytes_lost_to_pool_headers: 0,
        bytes_lost_to_quantization: 0,
        bytes_lost_to_arena_alignment: 0,
        total: 0,
        arena_map_mid_nodes: 0,
        arena_map_bot_nodes: 0,
        bytes_lost_to_arena_map_root: 0,
        bytes_lost_to_arena_map_mid: 0,
        bytes_lost_to_arena_map_bot: 0,
        large_blocks: 0,
        large_bytes: 0,
        allocated_blocks: 0,
        obtained_bytes: 0,
        invalid_frees: 0,
    };
    let mut extra = Vec::new();
    let mut totals = 0;
    for line in CPYTHON_SAMPLE.lines() {
        let w: Vec<&str> = line.split_whitespace().collect();
        if w.len() == 5 && w.iter().all(|x| x.parse::<usize>().is_ok()) {
            let n: Vec<usize> = w.iter().filter_map(|x| x.parse().ok()).collect();
            s.classes[n[0]] = ClassStats {
                num_pools: n[2],
                blocks_in_use: n[3],
                avail_blocks: n[4],
            };
        } else if line.contains(" free ") {
            // "<k> free <name>s * <size> bytes each = ..."
            let head = line.split('=').next().unwrap_or("").trim();
            let (k, rest) = head.split_once(" free ").unwrap_or(("", ""));
            let (name, rest) = rest.split_once("s * ").unwrap_or(("", ""));
            let size = rest.trim_end_matches(" bytes each");
            extra.push(free_list_line(
                name,
                k.parse().unwrap_or(0),
                size.parse().unwrap_or(0),
            ));
        } else if line.contains('=') {
            let v = parse_value(line);
            let key = line.split('=').next().unwrap_or("").trim();
            match key {
                "# arenas allocated total" => s.arenas_allocated_total = v,
                "# arenas reclaimed" => s.arenas_reclaimed = v,
                "# arenas highwater mark" => s.arenas_highwater_mark = v,
                "# arenas allocated current" => s.arenas_allocated_current = v,
                "# bytes in allocated blocks" => s.bytes_in_allocated_blocks = v,
                "# bytes in available blocks" => s.bytes_in_available_blocks = v,
                "# bytes lost to pool headers" => s.bytes_lost_to_pool_headers = v,
                "# bytes lost to quantization" => s.bytes_lost_to_quantization = v,
                "# bytes lost to arena alignment" => s.bytes_lost_to_arena_alignment = v,
                "# arena map mid nodes" => s.arena_map_mid_nodes = v,
                "# arena map bot nodes" => s.arena_map_bot_nodes = v,
                "# bytes lost to arena map root" => s.bytes_lost_to_arena_map_root = v,
                "# bytes lost to arena map mid" => s.bytes_lost_to_arena_map_mid = v,
                "# bytes lost to arena map bot" => s.bytes_lost_to_arena_map_bot = v,
                "Total" if totals == 0 => {
                    s.total = v;
                    totals += 1;
                }
                k if k.ends_with("unused pools * 16384 bytes") => s.unused_pools = v / POOL_SIZE,
                _ => {}
            }
        }
    }
    // CPython's own accounting identities hold for its numbers too.
    let derived: (usize, usize, usize) =
        s.classes.iter().enumerate().fold((0, 0, 0), |acc, (i, c)| {
            let size = index2size(i);
            (
                acc.0 + c.blocks_in_use * size,
                acc.1 + c.num_pools * POOL_OVERHEAD,
                acc.2 + c.num_pools * ((POOL_SIZE - POOL_OVERHEAD) % size),
            )
        });
    assert_eq!(
        derived,
        (
            s.bytes_in_allocated_blocks,
            s.bytes_lost_to_pool_headers,
            s.bytes_lost_to_quantization
        )
    );
    assert_eq!(s.total, s.arenas_allocated_current * ARENA_SIZE);
    assert_eq!(render_debug_malloc_stats(&s, &extra), CPYTHON_SAMPLE);
}
