//! Decimal int literals longer than the int/str digit limit are a
//! `SyntaxError` at compile time, as in CPython 3.11 (its parser converts
//! each number token with the run-time limit in force).
//!
//! Read [`check`] first. Invariant: tokens are visited in source order, so
//! the first offending literal is the one reported; hexadecimal, octal and
//! binary literals, floats and imaginary numbers are never limited.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_text_size::{Ranged, TextRange};

use crate::error::{CompileError, ErrorKind};
use crate::linemap::LineIndex;

/// The error for the first decimal int literal starting before byte `upto`
/// whose digit count (underscores excluded) exceeds the limit.
pub fn check(
    tokens: &Tokens,
    source: &str,
    filename: &str,
    lines: &LineIndex<'_>,
    upto: usize,
) -> Option<CompileError> {
    if crate::limits::max_str_digits() == 0 {
        return None;
    }
    for tok in tokens.iter() {
        let range: TextRange = tok.range();
        let start = range.start().to_usize();
        if start >= upto {
            break;
        }
        if tok.kind() != TokenKind::Int {
            continue;
        }
        let text = source.get(start..range.end().to_usize()).unwrap_or("");
        let lower = text.as_bytes().get(1).map(u8::to_ascii_lowercase);
        if text.starts_with('0') && matches!(lower, Some(b'x' | b'o' | b'b')) {
            continue;
        }
        let digits = text.bytes().filter(u8::is_ascii_digit).count();
        if crate::limits::exceeds(digits) {
            let (line, _) = lines.line_col(start);
            let message = format!(
                "Exceeds the limit ({} digits) for integer string conversion: value has {} \
                 digits; use sys.set_int_max_str_digits() to increase the limit - Consider \
                 hexadecimal for huge integer literals to avoid decimal conversion limits.",
                crate::limits::max_str_digits(),
                digits
            );
            // CPython reports no column for this error (offset 0).
            return Some(CompileError {
                kind: ErrorKind::SyntaxError,
                message,
                filename: filename.to_string(),
                line,
                offset: 0,
                end_line: line,
                end_offset: 0,
                text: lines.line_text(line).map(str::to_string),
            });
        }
    }
    None
}
