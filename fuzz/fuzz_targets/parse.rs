//! Source bytes → the parser. Any input must give Ok or a CompileError, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyheap_compiler::Mode;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let _ = pyheap_compiler::parse_only(src, "<fuzz>", Mode::Exec);
    }
});
