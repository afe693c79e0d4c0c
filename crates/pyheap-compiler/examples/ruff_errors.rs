//! Debug helper: prints ruff's raw parse errors for a file.
use ruff_python_ast::PythonVersion;
use ruff_python_parser::{Mode, ParseOptions};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let src = std::fs::read_to_string(&path).unwrap_or_default();
    let opts = ParseOptions::from(Mode::Module).with_target_version(PythonVersion::PY311);
    let parsed = ruff_python_parser::parse_unchecked(&src, opts);
    for e in parsed.errors() {
        println!("{:?} {:?}", e.error, e.location);
    }
    for e in parsed.unsupported_syntax_errors() {
        println!("unsupported {:?} {:?}", e.kind, e.range);
    }
}
