//! Test fixture for the collector and weakref tests: a tiny object model.
//!
//! `Node`: a GC object with a weakref-list slot, a tag and 4 child slots.
//! Type variants differ only in their finalizer / legacy finalizer /
//! untrack hook. Weakref objects use pyheap-mem's `WeakrefHead` layout.
//! The hooks record what the collector asked the "VM" to do.
#![allow(dead_code)]

use std::cell::{Cell, RefCell};

use pyheap_mem::gc::{self, GcHooks};
use pyheap_mem::header::ObjHead;
use pyheap_mem::weakref::{self, WeakrefKind};
use pyheap_mem::{alloc_object, ObjPtr, Ref, TypeFlags, TypeHead, TypeSlots};

pub const NCHILD: usize = 4;

/// Object layout of a node.
#[repr(C)]
pub struct Node {
    pub ob: ObjHead,
    pub weaklist: Cell<usize>,
    pub tag: Cell<usize>,
    pub child: [Cell<*mut ObjHead>; NCHILD],
}
pub const NODE_SIZE: usize = std::mem::size_of::<Node>();
pub const WEAKLIST_OFFSET: usize = 16;

thread_local! {
    pub static FREED: Cell<usize> = const { Cell::new(0) };
    pub static FINALIZED: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    pub static SAVED: RefCell<Vec<Ref>> = const { RefCell::new(Vec::new()) };
    pub static GARBAGE: RefCell<Vec<Ref>> = const { RefCell::new(Vec::new()) };
    pub static HOLDER: RefCell<Vec<Ref>> = const { RefCell::new(Vec::new()) };
    pub static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    pub static STDERR: RefCell<String> = const { RefCell::new(String::new()) };
    /// (weakref type, plain node type) for finalizers that make weakrefs.
    static TYPE_PTRS: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

pub fn node(r: &Ref) -> &Node {
    // SAFETY: test objects made by `new_node` have the Node layout; the Ref keeps it alive.
    unsafe { &*(r.ptr().as_ptr() as *const Node) }
}

fn traverse_node(obj: &Ref, visit: &mut dyn FnMut(ObjPtr)) {
    for c in node(obj).child.iter() {
        // SAFETY: child slots hold owned references or null.
        if let Some(p) = unsafe { ObjPtr::from_raw(c.get()) } {
            visit(p);
        }
    }
}

/// Takes child `i` out of its slot (the caller drops the reference).
pub fn take_child(obj: &Ref, i: usize) -> Option<Ref> {
    let p = node(obj).child[i].replace(std::ptr::null_mut());
    // SAFETY: the slot owned one count, now ours.
    unsafe { ObjPtr::from_raw(p).map(|p| Ref::from_owned(p)) }
}

pub fn set_child(obj: &Ref, i: usize, v: Option<&Ref>) {
    let newp = v.map_or(std::ptr::null_mut(), |r| r.clone().into_raw().as_ptr());
    let old = node(obj).child[i].replace(newp);
    // SAFETY: the slot owned the old count.
    drop(unsafe { ObjPtr::from_raw(old).map(|p| Ref::from_owned(p)) });
}

pub fn child(obj: &Ref, i: usize) -> Option<Ref> {
    // SAFETY: the slot holds an owned reference, so the object is alive.
    unsafe { ObjPtr::from_raw(node(obj).child[i].get()).map(|p| Ref::new_ref(p)) }
}

fn clear_node(obj: &Ref) {
    for i in 0..NCHILD {
        drop(take_child(obj, i));
    }
}

fn dealloc_node(obj: &Ref) {
    FREED.with(|f| f.set(f.get() + 1));
    clear_node(obj);
}

fn fin_record(obj: &Ref) {
    FINALIZED.with(|f| f.borrow_mut().push(node(obj).tag.get()));
}

fn fin_resurrect(obj: &Ref) {
    fin_record(obj);
    SAVED.with(|s| s.borrow_mut().push(obj.clone()));
}

fn fin_break(obj: &Ref) {
    fin_record(obj);
    drop(take_child(obj, 0));
}

/// Like a `__del__` that does `HOLDER.append(weakref.ref(self, cb))`.
fn fin_make_weakref(obj: &Ref) {
    fin_record(obj);
    let (wt, pt) = TYPE_PTRS.with(|t| t.get());
    // SAFETY: the boxed types of the running test are alive.
    let (wt, pt) = unsafe {
        (
            Ref::new_ref(ObjPtr::from_raw(wt as *mut ObjHead).unwrap()),
            ObjPtr::from_raw(pt as *mut ObjHead).unwrap(),
        )
    };
    // SAFETY: pt is the live plain node type.
    let cb = unsafe { alloc_object(pt, NODE_SIZE) }.expect("allocation");
    node(&cb).tag.set(8);
    let wr = weakref::new_weakref(&wt, obj, Some(cb), WeakrefKind::Ref).expect("weakref");
    HOLDER.with(|h| h.borrow_mut().push(wr));
}

fn untrack_if_leaf(obj: &Ref) -> bool {
    // "Tuple": may be untracked when no child may be tracked.
    (0..NCHILD).all(|i| child(obj, i).is_none_or(|c| !gc::may_be_tracked(&c)))
}

/// The test's type objects: leaked boxes, freed when `Types` drops.
///
/// NOTE: kept as `&'static` from `Box::into_raw`, never as moved `Box`es:
/// moving a Box would invalidate (under Stacked Borrows) the type pointers
/// objects hold.
pub struct Types {
    pub meta: &'static TypeHead,
    pub plain: &'static TypeHead,
    pub fin: &'static TypeHead,
    pub resurrect: &'static TypeHead,
    pub breaker: &'static TypeHead,
    pub legacy: &'static TypeHead,
    pub tuple: &'static TypeHead,
    pub weakref: &'static TypeHead,
    pub leaf: &'static TypeHead,
    pub weak_fin: &'static TypeHead,
    raw: Vec<*mut TypeHead>,
}

thread_local! {
    static RAW_TYPES: RefCell<Vec<*mut TypeHead>> = const { RefCell::new(Vec::new()) };
}

fn leak(t: Box<TypeHead>) -> &'static TypeHead {
    let p = Box::into_raw(t);
    RAW_TYPES.with(|r| r.borrow_mut().push(p));
    // SAFETY: freed only in Types::drop, after every object is gone.
    unsafe { &*p }
}

fn type_head(flags: TypeFlags, basicsize: usize) -> &'static TypeHead {
    leak(Box::new(TypeHead {
        ob: ObjHead {
            refcnt: Cell::new(1 << 40),
            ty: Cell::new(std::ptr::null()),
        },
        ob_size: Cell::new(0),
        slots: TypeSlots::new(basicsize, 0, flags),
    }))
}

fn node_type(meta: &TypeHead) -> &'static TypeHead {
    let t = type_head(TypeFlags::HAVE_GC, NODE_SIZE);
    t.ob.ty.set(meta);
    t.slots.weaklistoffset.set(WEAKLIST_OFFSET);
    t.slots.traverse.set(Some(traverse_node));
    t.slots.clear.set(Some(clear_node));
    t.slots.dealloc.set(Some(dealloc_node));
    t
}

impl Types {
    pub fn new() -> Types {
        let meta = type_head(TypeFlags::IS_TYPE, std::mem::size_of::<TypeHead>());
        meta.ob.ty.set(meta);
        let plain = node_type(meta);
        let fin = node_type(meta);
        fin.slots.finalize.set(Some(fin_record));
        let resurrect = node_type(meta);
        resurrect.slots.finalize.set(Some(fin_resurrect));
        let breaker = node_type(meta);
        breaker.slots.finalize.set(Some(fin_break));
        let legacy = node_type(meta);
        legacy.slots.legacy_del.set(Some(fin_record));
        let tuple = node_type(meta);
        tuple
            .slots
            .flags
            .set(TypeFlags::HAVE_GC | TypeFlags::UNTRACK_AFTER_COLLECTION);
        tuple.slots.untrack_check.set(Some(untrack_if_leaf));
        let weakref = type_head(
            TypeFlags::HAVE_GC | TypeFlags::IS_WEAKREF,
            weakref::WEAKREF_HEAD_SIZE,
        );
        weakref.ob.ty.set(meta);
        // Non-GC leaf (like an int).
        let leaf = type_head(TypeFlags::default(), 24);
        leaf.ob.ty.set(meta);
        let weak_fin = node_type(meta);
        weak_fin.slots.finalize.set(Some(fin_make_weakref));
        TYPE_PTRS.with(|t| {
            t.set((
                weakref as *const TypeHead as usize,
                plain as *const TypeHead as usize,
            ))
        });
        install_hooks();
        gc::disable();
        Types {
            raw: RAW_TYPES.with(|r| std::mem::take(&mut *r.borrow_mut())),
            weak_fin,
            meta,
            plain,
            fin,
            resurrect,
            breaker,
            legacy,
            tuple,
            weakref,
            leaf,
        }
    }

    pub fn ty_ref(t: &TypeHead) -> Ref {
        // SAFETY: the boxed type is alive for the test; its huge count never reaches 0.
        unsafe { Ref::new_ref(ObjPtr::from_raw(t as *const TypeHead as *mut ObjHead).unwrap()) }
    }

    /// A new tracked node of type `t` with `tag`.
    pub fn new_in(&self, t: &TypeHead, tag: usize) -> Ref {
        // SAFETY: t is a live type object with basicsize NODE_SIZE.
        let r = unsafe {
            alloc_object(
                ObjPtr::from_raw(t as *const TypeHead as *mut ObjHead).unwrap(),
                NODE_SIZE,
            )
        }
        .expect("allocation");
        node(&r).tag.set(tag);
        r.gc_track();
        r
    }

    pub fn new_plain(&self, tag: usize) -> Ref {
        self.new_in(self.plain, tag)
    }

    pub fn new_leaf(&self) -> Ref {
        // SAFETY: leaf is a live non-GC type of 24 bytes.
        unsafe {
            alloc_object(
                ObjPtr::from_raw(self.leaf as *const TypeHead as *mut ObjHead).unwrap(),
                24,
            )
        }
        .expect("allocation")
    }

    pub fn weakref(&self, referent: &Ref, callback: Option<Ref>, kind: WeakrefKind) -> Ref {
        weakref::new_weakref(&Types::ty_ref(self.weakref), referent, callback, kind)
            .expect("weakref")
    }
}

impl Drop for Types {
    fn drop(&mut self) {
        SAVED.with(|s| s.borrow_mut().clear());
        GARBAGE.with(|s| s.borrow_mut().clear());
        HOLDER.with(|s| s.borrow_mut().clear());
        if !std::thread::panicking() {
            assert_eq!(gc::validate(), Ok(gc::generation_sizes().iter().sum()));
        }
        gc::set_hooks(GcHooks::NONE);
        // NOTE: the boxes are freed at thread exit, not here: `self`'s fields
        // are `&'static TypeHead`s into them, still protected while this drop
        // (and the test's `finish(types)`) runs, and freeing memory under a
        // protected reference is undefined behaviour (Miri rejects it).
        let raw = std::mem::take(&mut self.raw);
        TO_FREE.with(|f| f.borrow_mut().0.extend(raw));
    }
}

/// Type boxes waiting to be freed when the test's thread exits.
struct FreeAtExit(Vec<*mut TypeHead>);

impl Drop for FreeAtExit {
    fn drop(&mut self) {
        for p in self.0.drain(..) {
            // SAFETY: made by Box::into_raw in `leak`; no object of these
            // types is left and no reference to them outlives the test.
            drop(unsafe { Box::from_raw(p) });
        }
    }
}

thread_local! {
    static TO_FREE: RefCell<FreeAtExit> = const { RefCell::new(FreeAtExit(Vec::new())) };
}

// ----- hooks -----

fn hook_weakref_callback(cb: &Ref, wr: &Ref) {
    let alive = weakref::referent(wr).is_some();
    let tag = node(cb).tag.get();
    LOG.with(|l| {
        l.borrow_mut()
            .push(format!("cb{tag} referent_alive={alive}"))
    });
    if tag == 99 {
        // "pop from the holder dict"
        HOLDER.with(|h| h.borrow_mut().clear());
    }
}

fn hook_gc_callbacks(phase: &str, generation: usize, collected: usize, uncollectable: usize) {
    LOG.with(|l| {
        l.borrow_mut()
            .push(format!("{phase} {generation} {collected} {uncollectable}"))
    });
}

fn hook_describe(obj: &Ref) -> String {
    format!("Node {:#x}", obj.addr())
}

fn hook_write_stderr(text: &str) {
    STDERR.with(|s| s.borrow_mut().push_str(text));
}

fn hook_append_garbage(obj: &Ref) {
    GARBAGE.with(|g| g.borrow_mut().push(obj.clone()));
}

pub fn install_hooks() {
    gc::set_hooks(GcHooks {
        call_weakref_callback: hook_weakref_callback,
        gc_callbacks: hook_gc_callbacks,
        describe: hook_describe,
        write_stderr: hook_write_stderr,
        append_garbage: hook_append_garbage,
        ..GcHooks::NONE
    });
}

pub fn freed() -> usize {
    FREED.with(|f| f.get())
}

pub fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

pub fn finalized() -> Vec<usize> {
    FINALIZED.with(|f| f.borrow().clone())
}

/// Scales a size down under Miri.
pub fn scale(n: usize, miri: usize) -> usize {
    if cfg!(miri) {
        miri
    } else {
        n
    }
}

/// Returns the thread's heap to the system (Miri's leak check) after a test.
pub fn finish(types: Types) {
    drop(types);
    assert_eq!(
        gc::generation_sizes().iter().sum::<usize>(),
        0,
        "objects left tracked"
    );
    // SAFETY: every object of this test has been freed.
    unsafe { pyheap_mem::alloc::release_thread_heap() };
}
