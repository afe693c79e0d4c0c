//! The source line a `SyntaxError` of a file shows when that line is long:
//! CPython 3.11 re-reads the line from the file for a parser error's
//! `text` with a 1000-byte `fgets` buffer, so it keeps only the line's last
//! chunk of at most 999 bytes, and `offset`/`end_offset` stay byte offsets
//! into the whole line (the printed caret is then clamped to the chunk, see
//! `traceback::syntax_error_text`). This holds for the main script and for
//! imported modules.
//!
//! Read [`long_line_chunk`] first. Only parser errors are affected: errors
//! the tokenizer raises (brackets, bad characters, unterminated strings,
//! bad number literals, indentation) show the whole line from its buffer;
//! `compile()`/`exec` of strings and `-c` are not affected.

use pyheap_compiler::{CompileError, ErrorKind};

/// `fgets` reads at most this many bytes at a time (`char linebuf[1000]`).
const CHUNK: usize = 999;

/// Messages of errors raised by CPython's tokenizer, not its parser.
const TOKENIZER_MESSAGES: &[&str] = &[
    "unmatched",
    "does not match",
    "was never closed",
    "too many nested parentheses",
    "invalid character",
    "invalid non-printable character",
    "unterminated",
    "invalid decimal literal",
    "invalid hexadecimal literal",
    "invalid octal literal",
    "invalid binary literal",
    "invalid digit",
    "leading zeros",
    "unexpected EOF",
    "line continuation character",
    "inconsistent use of tabs",
];

/// Rewrites `e` as CPython reports it for a file whose error line is
/// longer than one `fgets` chunk.
pub fn long_line_chunk(e: &mut CompileError, src: &str) {
    if !matches!(e.kind, ErrorKind::SyntaxError | ErrorKind::IndentationError)
        || TOKENIZER_MESSAGES.iter().any(|m| e.message.contains(m))
    {
        return;
    }
    let Some(line) = src
        .split_inclusive('\n')
        .nth((e.line as usize).wrapping_sub(1))
    else {
        return;
    };
    let line = match line.strip_suffix("\r\n") {
        Some(l) => format!("{l}\n"),
        None => line.to_string(),
    };
    let bytes = line.as_bytes();
    if bytes.len() <= CHUNK {
        return;
    }
    let last = (bytes.len() - 1) / CHUNK * CHUNK;
    let chunk = String::from_utf8_lossy(&bytes[last..]);
    // 1-based character offsets become 1-based byte offsets.
    let to_bytes = |off: u32| -> u32 {
        match (off as usize).checked_sub(1) {
            Some(c) => line
                .char_indices()
                .nth(c)
                .map_or(bytes.len() + 1, |(b, _)| b + 1) as u32,
            None => 0,
        }
    };
    e.offset = to_bytes(e.offset);
    if e.end_line == e.line {
        e.end_offset = to_bytes(e.end_offset);
    }
    e.text = Some(chunk.trim_end_matches('\n').to_string());
}
