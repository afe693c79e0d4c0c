//! Leak accounting: a census of live objects and raw blocks, fed by the
//! allocation events (`-X showrefcount`, the leak test).
//!
//! Read [`start`] first. While the census runs, every object allocation and
//! free ([`Event::Alloc`]/[`Event::Free`]) and every raw block allocation
//! and free ([`Event::BlockAlloc`]/[`Event::BlockFree`]) updates two maps
//! address → "allocated during the program". [`begin_program`] flips that
//! flag for later allocations, so [`snapshot`] can tell the runtime's own
//! start-up objects from objects the program allocated.
//!
//! Invariants: the maps hold exactly the objects / blocks allocated since
//! [`start`] and not freed since (the events are emitted by `alloc_object` /
//! `free_object` and `alloc::malloc` / `free` / `realloc`). The census costs
//! nothing when off: it shares the event module's single "active" flag.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::alloc;
use crate::events::Event;

#[derive(Default)]
struct Census {
    objects: HashMap<usize, bool>,
    blocks: HashMap<usize, bool>,
    program: bool,
    /// Debug aid (`PYHEAP_LEAKCHECK_BLOCKS=1`): size and allocation
    /// backtrace of each live program block.
    sites: Option<HashMap<usize, (usize, String)>>,
}

thread_local! {
    static CENSUS: RefCell<Option<Census>> = const { RefCell::new(None) };
}

/// Starts the census (call before anything is allocated to see everything).
pub fn start() {
    let sites = std::env::var_os("PYHEAP_LEAKCHECK_BLOCKS").map(|_| HashMap::new());
    CENSUS.with(|c| {
        *c.borrow_mut() = Some(Census {
            sites,
            ..Census::default()
        })
    });
    crate::events::refresh_active();
}

/// Whether the census runs.
pub fn running() -> bool {
    CENSUS.with(|c| c.try_borrow().map(|c| c.is_some()).unwrap_or(true))
}

/// Marks the end of start-up: later allocations belong to the program.
pub fn begin_program() {
    set_program(true);
}

/// Whether later allocations count as the program's (`false`: the
/// runtime's own, e.g. state created lazily during finalisation).
pub fn set_program(on: bool) {
    CENSUS.with(|c| {
        if let Ok(mut g) = c.try_borrow_mut() {
            if let Some(c) = g.as_mut() {
                c.program = on;
            }
        }
    });
}

/// Runs `f` with its allocations counted as the runtime's (for state a
/// runtime creates lazily and keeps until exit, e.g. a cached type).
pub fn runtime_scope<R>(f: impl FnOnce() -> R) -> R {
    let prev = CENSUS.with(|c| {
        c.try_borrow()
            .ok()
            .and_then(|g| g.as_ref().map(|c| c.program))
    });
    set_program(false);
    let r = f();
    if let Some(p) = prev {
        set_program(p);
    }
    r
}

/// Feeds one event (called by `events::emit` while the census runs).
pub(crate) fn record(ev: &Event) {
    CENSUS.with(|c| {
        let Ok(mut g) = c.try_borrow_mut() else {
            return;
        };
        let Some(c) = g.as_mut() else {
            return;
        };
        let program = c.program;
        match *ev {
            Event::Alloc { addr, .. } => {
                c.objects.insert(addr, program);
                // A block reused from a free list now belongs to whoever
                // took it: a runtime object made in a block the program
                // once allocated is not the program's block any more.
                if let Some(b) = alloc::block_of(addr) {
                    if let Some(owner) = c.blocks.get_mut(&b.start) {
                        *owner = program;
                    }
                }
            }
            Event::Free { addr } => {
                c.objects.remove(&addr);
            }
            Event::BlockAlloc { addr, size } => {
                c.blocks.insert(addr, program);
                if let (Some(sites), true) = (c.sites.as_mut(), program) {
                    let bt = std::backtrace::Backtrace::force_capture().to_string();
                    sites.insert(addr, (size, bt));
                }
            }
            Event::BlockFree { addr } => {
                c.blocks.remove(&addr);
                if let Some(sites) = c.sites.as_mut() {
                    sites.remove(&addr);
                }
            }
            _ => {}
        }
    })
}

/// One live object seen by the census.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveObject {
    /// The object's address (`id()`).
    pub addr: usize,
    /// Its reference count, read through the allocator's checked reader.
    pub refcnt: isize,
    /// Allocated after [`begin_program`].
    pub program: bool,
}

/// What is live now.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Live objects, in address order.
    pub objects: Vec<LiveObject>,
    /// Live raw blocks allocated since [`start`] (objects' blocks included).
    pub blocks: usize,
    /// Of those, blocks allocated after [`begin_program`].
    pub program_blocks: usize,
}

/// The live objects and block counts (empty when the census is off).
pub fn snapshot() -> Snapshot {
    let (objs, blocks, program_blocks) = CENSUS.with(|c| {
        let g = c.borrow();
        match g.as_ref() {
            Some(c) => (
                c.objects.iter().map(|(a, p)| (*a, *p)).collect::<Vec<_>>(),
                c.blocks.len(),
                c.blocks.values().filter(|p| **p).count(),
            ),
            None => (Vec::new(), 0, 0),
        }
    });
    let mut objects: Vec<LiveObject> = objs
        .into_iter()
        .map(|(addr, program)| LiveObject {
            addr,
            refcnt: alloc::read_live_word(addr).map_or(0, |w| w as isize),
            program,
        })
        .collect();
    objects.sort_by_key(|o| o.addr);
    Snapshot {
        objects,
        blocks,
        program_blocks,
    }
}

/// Debug aid: the live program blocks that start no program object (an
/// object's block starts at its address or 16/32 bytes before), as (address, size,
/// allocation backtrace); empty unless `PYHEAP_LEAKCHECK_BLOCKS` was set
/// when the census started.
pub fn raw_program_blocks() -> Vec<(usize, usize, String)> {
    CENSUS.with(|c| {
        let g = c.borrow();
        let Some(c) = g.as_ref() else {
            return Vec::new();
        };
        let Some(sites) = c.sites.as_ref() else {
            return Vec::new();
        };
        let mut v: Vec<(usize, usize, String)> = sites
            .iter()
            .filter(|(a, _)| c.blocks.get(*a) == Some(&true))
            .filter(|(a, _)| {
                ![0, 16, 32]
                    .iter()
                    .any(|d| c.objects.get(&(*a + d)) == Some(&true))
            })
            .map(|(a, (size, bt))| {
                let obj = [0, 16, 32]
                    .iter()
                    .find_map(|d| c.objects.get(&(*a + d)).map(|p| (*a + d, *p)));
                (*a, *size, format!("object at block: {obj:?}\n{bt}"))
            })
            .collect();
        v.sort_by_key(|x| x.0);
        v
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{emit, Event};

    #[test]
    fn census_tracks_program_allocations() {
        start();
        assert!(running());
        emit(Event::Alloc { addr: 16, size: 32 });
        begin_program();
        emit(Event::Alloc { addr: 48, size: 32 });
        emit(Event::Alloc { addr: 96, size: 32 });
        emit(Event::Free { addr: 48 });
        emit(Event::BlockAlloc { addr: 400, size: 8 });
        let s = snapshot();
        let seen: Vec<(usize, bool)> = s.objects.iter().map(|o| (o.addr, o.program)).collect();
        assert_eq!(seen, vec![(16, false), (96, true)]);
        assert_eq!((s.blocks, s.program_blocks), (1, 1));
        CENSUS.with(|c| *c.borrow_mut() = None);
        crate::events::refresh_active();
    }

    #[test]
    fn reused_block_belongs_to_its_new_owner() {
        // A block the program allocated, then taken (as a free list does)
        // for an object the runtime keeps: not a program block any more.
        start();
        begin_program();
        let Some(b) = alloc::malloc(64) else {
            panic!("malloc(64) failed")
        };
        assert_eq!(snapshot().program_blocks, 1);
        set_program(false);
        emit(Event::Alloc {
            addr: b.as_ptr().addr() + 16,
            size: 64,
        });
        let s = snapshot();
        assert_eq!((s.blocks, s.program_blocks), (1, 0));
        // SAFETY: b came from malloc above and is freed once.
        unsafe { alloc::free(b.as_ptr()) };
        assert_eq!(snapshot().blocks, 0);
        CENSUS.with(|c| *c.borrow_mut() = None);
        crate::events::refresh_active();
        // SAFETY: nothing from this thread's heap is used after this.
        unsafe { alloc::release_thread_heap() };
    }
}
