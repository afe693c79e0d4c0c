//! Builtin modules: a plain registration table `name → init function`.
//!
//! To add a module: write `src/modules/<name>.rs` with
//! `pub fn init(m: &Obj) -> PyResult<()>` that fills the module (use
//! [`add_fn`] for functions), then add one line to [`BUILTIN_MODULES`].

pub mod atexit;
pub mod ctypes;
pub mod functools_native;
pub mod gc;
pub mod io;
pub mod math;
pub mod os_posix;
pub mod re_engine;
pub mod signal;
pub mod sys;
pub mod sys_flags;
pub mod sys_malloc;
pub mod time;
pub mod tracemalloc_native;
pub mod weakref;

use crate::objects::{dict, func};
use crate::rt::{NativeFn, Obj, PyResult};

/// Initialises a freshly created module object.
pub type ModuleInit = fn(&Obj) -> PyResult<()>;

/// The builtin modules.
pub const BUILTIN_MODULES: &[(&str, ModuleInit)] = &[
    ("sys", sys::init),
    ("gc", gc::init),
    ("time", time::init),
    ("math", math::init),
    ("builtins", init_builtins_alias),
    ("_functools", functools_native::init),
    ("posix", os_posix::init),
    ("_re", re_engine::init),
    ("_tracemalloc", tracemalloc_native::init),
    ("_weakref", weakref::init),
    ("_ctypes", ctypes::init),
    ("atexit", atexit::init),
    ("signal", signal::init),
    ("_coro", crate::coro::init_module),
];

fn init_builtins_alias(_m: &Obj) -> PyResult<()> {
    Ok(())
}

/// Builtin modules written in Python (compiled on first import).
pub const PY_MODULES: &[(&str, &str)] = &[
    ("types", include_str!("py/types.py")),
    ("io", include_str!("py/io.py")),
    ("functools", include_str!("py/functools.py")),
    ("copy", include_str!("py/copy.py")),
    ("tracemalloc", include_str!("py/tracemalloc.py")),
    ("os", include_str!("py/os.py")),
    ("posixpath", include_str!("py/posixpath.py")),
    ("tempfile", include_str!("py/tempfile.py")),
    ("re", include_str!("py/re.py")),
    ("weakref", include_str!("py/weakref.py")),
    ("_weakrefset", include_str!("py/_weakrefset.py")),
    ("ctypes", include_str!("py/ctypes.py")),
    ("_structseq", include_str!("py/_structseq.py")),
    ("asyncio", include_str!("py/asyncio.py")),
    ("typing", include_str!("py/typing.py")),
    ("_typing_records", include_str!("py/_typing_records.py")),
    ("_typing_generic", include_str!("py/_typing_generic.py")),
    ("_typing_helpers", include_str!("py/_typing_helpers.py")),
    ("_collections_abc", include_str!("py/_collections_abc.py")),
    ("__future__", include_str!("py/__future__.py")),
    ("operator", include_str!("py/operator.py")),
    ("itertools", include_str!("py/itertools.py")),
    ("abc", include_str!("py/abc.py")),
    (
        "_collections_abc_base",
        include_str!("py/_collections_abc_base.py"),
    ),
    ("_collections", include_str!("py/_collections.py")),
    (
        "_collections_counter",
        include_str!("py/_collections_counter.py"),
    ),
    (
        "_collections_chainmap",
        include_str!("py/_collections_chainmap.py"),
    ),
    ("collections", include_str!("py/collections.py")),
    ("keyword", include_str!("py/keyword.py")),
    ("heapq", include_str!("py/heapq.py")),
    ("bisect", include_str!("py/bisect.py")),
    ("contextlib", include_str!("py/contextlib.py")),
    ("string", include_str!("py/string.py")),
    ("dataclasses", include_str!("py/dataclasses.py")),
    (
        "_dataclasses_process",
        include_str!("py/_dataclasses_process.py"),
    ),
    ("enum", include_str!("py/enum.py")),
    ("_enum_members", include_str!("py/_enum_members.py")),
    ("random", include_str!("py/random.py")),
    ("json", include_str!("py/json.py")),
    ("_json_decode", include_str!("py/_json_decode.py")),
    ("_sitebuiltins", include_str!("py/_sitebuiltins.py")),
];

/// The source of a builtin Python module.
pub fn find_py(name: &str) -> Option<&'static str> {
    PY_MODULES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// The init function of a builtin module.
pub fn find_builtin(name: &str) -> Option<ModuleInit> {
    BUILTIN_MODULES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, f)| *f)
}

/// Adds a native function to a module.
pub fn add_fn(m: &Obj, name: &'static str, f: NativeFn) -> PyResult<()> {
    let d = crate::objects::misc::module_dict(m).unwrap_or_else(dict::new_dict);
    let fo = func::new_builtin(name, f, None);
    if let Some(b) = fo.payload::<func::BuiltinObj>() {
        b.module.set(dict::get_str(&d, "__name__"));
    }
    dict::set_str(&d, name, fo)
}

/// Sets a module attribute.
pub fn set_attr(m: &Obj, name: &str, v: Obj) -> PyResult<()> {
    let d = crate::objects::misc::module_dict(m).unwrap_or_else(dict::new_dict);
    dict::set_str(&d, name, v)
}
