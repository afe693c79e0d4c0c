//! Method tables of the builtin types (registered by `init::populate`).

pub mod bytes_pad;
pub mod containers;
pub mod core;
pub mod scalars;
