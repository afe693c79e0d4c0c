//! pyheap-vm: object types, the interpreter loop, builtins and modules,
//! running code units from pyheap-compiler on pyheap-mem's heap.
#![forbid(unsafe_code)]

pub mod containers;
pub mod values;
