//! Source bytes → a pyheap-compiler code unit (parse, symtable, codegen,
//! optimize), in exec and eval modes. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyheap_compiler::Mode;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let _ = pyheap_compiler::compile(src, "<fuzz>", Mode::Exec);
        if src.len() < 4096 {
            let _ = pyheap_compiler::compile(src, "<fuzz>", Mode::Eval);
        }
    }
});
