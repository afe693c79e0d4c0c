//! pyheap-mem: a memory manager that reproduces CPython 3.11's where a Python
//! program can observe it — pymalloc-style allocator, object header,
//! reference counts, generational cycle collector, weak references and PEP 442
//! finalization — for any refcounted runtime written in Rust.
//!
//! It knows nothing about Python syntax or builtin types: it sees a type only
//! through the [`TypeSlots`] table at the start of every type object.
//!
//! Entry points: [`alloc_object`] (object allocation), [`Ref`] (strong
//! references; dropping the last one runs [`refs::dealloc`]), [`gc`] (the
//! collector), [`weakref`] (weak-reference lists), [`alloc`] (raw blocks).

pub mod alloc;
pub mod arrays;
pub mod census;
pub mod events;
pub mod freelist;
pub mod gc;
pub mod header;
pub mod managed;
pub mod object;
pub mod refs;
pub mod retype;
pub mod signals;
pub mod typed;
pub mod typeslots;
pub mod weakref;

pub use arrays::{RecordArray, RecordBlock, RefArray};
pub use freelist::FreeListSpec;
pub use header::{GcHead, ManagedDictHead, ObjHead, ObjPtr};
pub use managed::WeakListWord;
pub use object::{alloc_object, alloc_object_placed, free_object, MemoryError};
pub use refs::{decref, incref, Ref};
pub use typed::{
    new_object, new_object_no_freelist, new_object_placed, new_root_metatype, new_type_object,
    object_size, set_payload, ItemCount, NoItems, Payload, Slot, TYPE_PAYLOAD_OFFSET,
};
pub use typeslots::{TypeFlags, TypeHead, TypeSlots};
