//! CPython's `TabError`: indentation that compares differently when a tab
//! counts as 8 columns (`col`) and as 1 column (`altcol`).
//!
//! Read [`check`]. Only the first physical line of each logical line counts
//! (lines inside brackets, inside triple-quoted strings or after a `\`
//! continuation are skipped); blank and comment-only lines are ignored, as
//! in CPython's tokenizer.

use ruff_text_size::{TextRange, TextSize};

use crate::error::{CompileError, ErrorKind};
use crate::linemap::LineIndex;
use crate::parse::make_error;

/// Returns the `TabError` for the first inconsistent line, if any.
pub(crate) fn check(source: &str, filename: &str, lines: &LineIndex<'_>) -> Option<CompileError> {
    if !source.contains('\t') {
        return None;
    }
    let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
    let mut depth = 0i32; // bracket depth
    let mut in_triple: Option<&str> = None;
    let mut continued = false;
    let mut offset = 0usize;
    for line in source.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let logical_start = depth == 0 && in_triple.is_none() && !continued;
        let body = line.trim_start_matches([' ', '\t', '\x0c']);
        let blank = body.trim_end().is_empty() || body.starts_with('#');
        if logical_start && !blank {
            let (mut col, mut altcol) = (0usize, 0usize);
            for c in line.chars() {
                match c {
                    ' ' => {
                        col += 1;
                        altcol += 1;
                    }
                    '\t' => {
                        col = (col / 8 + 1) * 8;
                        altcol += 1;
                    }
                    '\x0c' => {
                        col = 0;
                        altcol = 0;
                    }
                    _ => break,
                }
            }
            let &(top, alttop) = stack.last().unwrap_or(&(0, 0));
            let bad = if col == top {
                altcol != alttop
            } else if col > top {
                if altcol <= alttop {
                    true
                } else {
                    stack.push((col, altcol));
                    false
                }
            } else {
                while stack.len() > 1 && col < stack.last().map_or(0, |s| s.0) {
                    stack.pop();
                }
                let &(top, alttop) = stack.last().unwrap_or(&(0, 0));
                col == top && altcol != alttop
            };
            if bad {
                let pos = TextSize::from(start as u32);
                let mut e = make_error(
                    ErrorKind::TabError,
                    "inconsistent use of tabs and spaces in indentation",
                    filename,
                    source,
                    lines,
                    TextRange::new(pos, pos),
                );
                e.offset = 1;
                e.end_offset = 0;
                return Some(e);
            }
        }
        // Update bracket / string state for the rest of the line.
        scan_line(line, &mut depth, &mut in_triple);
        continued = in_triple.is_none() && line.trim_end_matches(['\n', '\r']).ends_with('\\');
    }
    None
}

/// Tracks bracket depth and open triple-quoted strings across one line.
fn scan_line<'q>(line: &str, depth: &mut i32, in_triple: &mut Option<&'q str>) {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(q) = *in_triple {
            if b[i..].starts_with(q.as_bytes()) {
                *in_triple = None;
                i += 3;
            } else {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            continue;
        }
        match b[i] {
            b'#' => return,
            b'(' | b'[' | b'{' => *depth += 1,
            b')' | b']' | b'}' => *depth = (*depth - 1).max(0),
            q @ (b'\'' | b'"') => {
                let triple: &'q str = if q == b'"' { "\"\"\"" } else { "'''" };
                if b[i..].starts_with(triple.as_bytes()) {
                    *in_triple = Some(triple);
                    i += 3;
                    continue;
                }
                i += 1;
                while i < b.len() && b[i] != q && b[i] != b'\n' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            _ => {}
        }
        i += 1;
    }
}
