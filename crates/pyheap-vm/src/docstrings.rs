//! CPython 3.11's docstrings for the builtins pyheap implements.
//!
//! `print(sys.getsizeof.__doc__)` is observable output, so builtin
//! functions, method descriptors and builtin types answer `__doc__` with the
//! text CPython 3.11 has. The table is data, generated from the oracle by
//! `scripts/gen-docstrings` (which also documents the file format) and
//! restricted to what pyheap has; read [`builtin_doc`].

use std::collections::HashMap;
use std::sync::OnceLock;

/// Records separated by a line holding only ASCII RS (0x1e); each record is
/// a key line followed by the docstring.
const TABLE: &str = include_str!("docstrings/cpython-3.11.txt");

fn table() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        TABLE
            .trim_end_matches('\n')
            .split("\n\u{1e}\n")
            .filter_map(|rec| rec.split_once('\n'))
            .collect()
    })
}

/// The docstring for `key`: `module.name` (module functions), `Type.name`
/// (methods and descriptors of builtin types) or `type:Name` (a builtin
/// type's own docstring).
pub fn builtin_doc(key: &str) -> Option<&'static str> {
    table().get(key).copied()
}

#[cfg(test)]
mod tests {
    use super::builtin_doc;

    #[test]
    fn table_parses_keys_and_multiline_docs() {
        let d = builtin_doc("sys.getsizeof").expect("sys.getsizeof documented");
        assert!(d.starts_with("getsizeof(object [, default]) -> int"));
        assert!(d.contains('\n'));
        assert!(builtin_doc("list.append").is_some());
        assert!(builtin_doc("type:int").is_some());
        assert_eq!(builtin_doc("no.such"), None);
        // Every record has a key line; no key contains whitespace.
        assert!(super::table()
            .keys()
            .all(|k| !k.contains(char::is_whitespace)));
    }
}
