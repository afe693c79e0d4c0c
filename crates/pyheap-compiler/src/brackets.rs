//! Bracket matching errors as CPython's tokenizer reports them:
//! `'(' was never closed`, `unmatched ')'`, and
//! `closing parenthesis ']' does not match opening parenthesis '('`.
//!
//! Read [`check`] first. It scans the source skipping comments and string
//! literals (including triple-quoted and prefixed ones; f-string
//! replacement fields are treated as string contents, a simplification).

use ruff_text_size::{TextRange, TextSize};

use crate::error::{CompileError, ErrorKind};
use crate::linemap::LineIndex;
use crate::parse::make_error;

fn range_at(pos: usize) -> TextRange {
    let p = TextSize::from(pos as u32);
    TextRange::new(p, p + TextSize::from(1))
}

/// A bracket error: the error, the byte position it refers to, and whether
/// it is an "was never closed" error (reported only at end of input).
pub(crate) struct BracketError {
    pub error: CompileError,
    pub pos: usize,
    pub never_closed: bool,
}

/// Returns the first bracket error, if any.
pub(crate) fn check(source: &str, filename: &str, lines: &LineIndex<'_>) -> Option<BracketError> {
    let b = source.as_bytes();
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut i = 0;
    let err = |msg: String, pos: usize| {
        let never_closed = msg.ends_with("was never closed");
        let mut error = make_error(
            ErrorKind::SyntaxError,
            &msg,
            filename,
            source,
            lines,
            range_at(pos),
        );
        // CPython's tokenizer errors end where they start; "was never
        // closed" has no end column (0).
        error.end_offset = if never_closed { 0 } else { error.offset };
        Some(BracketError {
            error,
            pos,
            never_closed,
        })
    };
    while i < b.len() {
        let c = b[i];
        match c {
            b'#' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'\'' | b'"' => {
                let triple = i + 2 < b.len() && b[i + 1] == c && b[i + 2] == c;
                let raw = {
                    let mut j = i;
                    let mut raw = false;
                    while j > 0 && b[j - 1].is_ascii_alphabetic() {
                        j -= 1;
                        if b[j] == b'r' || b[j] == b'R' {
                            raw = true;
                        }
                    }
                    raw
                };
                if triple {
                    i += 3;
                    loop {
                        if i + 2 >= b.len() + 2 && i >= b.len() {
                            return None; // unterminated; the parser reports it
                        }
                        if i >= b.len() {
                            return None;
                        }
                        if b[i] == b'\\' && !raw {
                            i += 2;
                            continue;
                        }
                        if b[i] == b'\\' {
                            i += 2;
                            continue;
                        }
                        if i + 2 < b.len() && b[i] == c && b[i + 1] == c && b[i + 2] == c {
                            i += 3;
                            break;
                        }
                        i += 1;
                    }
                } else {
                    i += 1;
                    while i < b.len() && b[i] != c && b[i] != b'\n' && b[i] != b'\r' {
                        if b[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                    if i >= b.len() || b[i] != c {
                        return None; // unterminated string: the parser reports it
                    }
                    i += 1;
                }
                continue;
            }
            b'(' | b'[' | b'{' => {
                // CPython's tokenizer MAXLEVEL.
                if stack.len() >= 200 {
                    return Some(BracketError {
                        error: make_error(
                            ErrorKind::SyntaxError,
                            "too many nested parentheses",
                            filename,
                            source,
                            lines,
                            range_at(i),
                        ),
                        pos: 0,
                        never_closed: false,
                    });
                }
                stack.push((c, i))
            }
            b')' | b']' | b'}' => {
                let open = match c {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                match stack.pop() {
                    None => return err(format!("unmatched '{}'", c as char), i),
                    Some((o, opos)) if o != open => {
                        let (oline, _) = lines.line_col(opos);
                        let (cline, _) = lines.line_col(i);
                        let msg = if oline == cline {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                c as char, o as char
                            )
                        } else {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                                c as char, o as char, oline
                            )
                        };
                        return err(msg, i);
                    }
                    Some(_) => {}
                }
            }
            _ => {}
        }
        i += 1;
    }
    if let Some((o, pos)) = stack.last() {
        return err(format!("'{}' was never closed", *o as char), *pos);
    }
    None
}
