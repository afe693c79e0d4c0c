//! Builtin object kinds: payload structs, allocation and core operations.
//! Methods visible from Python are registered in `crate::methods`.

pub mod bytes;
pub mod dict;
pub mod float;
pub mod func;
pub mod generic_alias;
pub mod instance;
pub mod int;
pub mod int_shift;
pub mod iterobj;
pub mod keyops;
pub mod list;
pub mod list_sort;
pub mod listsort;
pub mod longrange;
pub mod memoryview;
pub mod misc;
pub mod set;
pub mod set_algebra;
pub mod str;
pub mod tuple;
pub mod union_type;

#[cfg(test)]
mod traverse_tests;
