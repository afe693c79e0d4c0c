//! Byte offset → (line, column) conversion.
//!
//! Invariant: `starts[i]` is the byte offset where line `i + 1` begins.
//! Lines end at `\n`, `\r\n` or a lone `\r` (like CPython's tokenizer).

use ruff_text_size::TextRange;

use crate::bytecode::Location;

/// Line starts of one source text.
pub struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let bytes = source.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { source, starts }
    }

    /// 1-based line and 0-based byte column of `offset`.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let col = offset - self.starts[line];
        (line as u32 + 1, col as u32)
    }

    /// Location of a range (CPython's `co_positions` convention).
    pub fn location(&self, range: TextRange) -> Location {
        let (line, col) = self.line_col(range.start().to_usize());
        let (end_line, end_col) = self.line_col(range.end().to_usize());
        Location {
            line,
            col,
            end_line,
            end_col,
        }
    }

    /// Text of 1-based `line` without its line terminator.
    pub fn line_text(&self, line: u32) -> Option<&'a str> {
        let i = (line as usize).checked_sub(1)?;
        let start = *self.starts.get(i)?;
        let end = self.starts.get(i + 1).copied().unwrap_or(self.source.len());
        let text = self.source.get(start..end)?;
        Some(text.trim_end_matches(['\n', '\r']))
    }

    /// 1-based character (code point) column of a byte offset, as CPython's
    /// `SyntaxError.offset`.
    pub fn char_offset(&self, offset: usize) -> u32 {
        let (line, col) = self.line_col(offset);
        let start = self.starts[(line - 1) as usize];
        let text = self.source.get(start..start + col as usize).unwrap_or("");
        text.chars().count() as u32 + 1
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}
