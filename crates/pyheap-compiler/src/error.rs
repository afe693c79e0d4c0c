//! Compile errors carrying what a CPython-style `SyntaxError` display needs.
//!
//! Read [`CompileError::format_cpython`] first. Invariants: `line`/`offset`
//! are 1-based (CPython's `lineno` / `offset`, where `offset` counts
//! characters, i.e. code points, from the start of the line, plus one);
//! `end_offset` is exclusive-plus-one like CPython's `end_offset`.

use std::fmt;

/// Which exception class a compile error becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
    /// `RecursionError: maximum recursion depth exceeded during
    /// compilation` (the source nests deeper than CPython's compiler allows).
    /// Not a SyntaxError subclass: the VM raises it without location info.
    RecursionError,
    /// A bare `MemoryError`: CPython's parser ran past its stack limit
    /// (`parser_depth.rs`). Raised without message or location.
    MemoryError,
}

impl ErrorKind {
    /// The Python class name.
    pub fn class_name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
            ErrorKind::RecursionError => "RecursionError",
            ErrorKind::MemoryError => "MemoryError",
        }
    }
}

/// A syntax (or scope) error found while compiling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub kind: ErrorKind,
    /// The message, e.g. `invalid syntax` (CPython's `msg`).
    pub message: String,
    /// `filename` attribute.
    pub filename: String,
    /// 1-based line (`lineno`).
    pub line: u32,
    /// 1-based column in characters (`offset`); 0 when unknown.
    pub offset: u32,
    /// 1-based end line (`end_lineno`).
    pub end_line: u32,
    /// 1-based end column (`end_offset`).
    pub end_offset: u32,
    /// The source line text without its trailing newline (`text`), if known.
    pub text: Option<String>,
}

impl CompileError {
    /// An error about the whole source, with no position or text (line 1,
    /// offset 0): e.g. the parser's stack limit or an internal failure.
    pub fn whole_source(kind: ErrorKind, message: &str, filename: &str) -> CompileError {
        CompileError {
            kind,
            message: message.to_string(),
            filename: filename.to_string(),
            line: 1,
            offset: 0,
            end_line: 1,
            end_offset: 0,
            text: None,
        }
    }

    /// The text CPython 3.11 prints for this error when uncaught:
    ///
    /// ```text
    ///   File "x.py", line N
    ///     source line (left-stripped)
    ///     ^^^^
    /// SyntaxError: msg
    /// ```
    ///
    /// (No trailing newline.) The caret line is omitted when there is no
    /// source text.
    pub fn format_cpython(&self) -> String {
        // Mirrors `print_error_text` in CPython 3.11's pythonrun.c.
        let mut out = format!("  File \"{}\", line {}\n", self.filename, self.line);
        if let Some(text) = &self.text {
            let mut offset = self.offset as i64;
            let mut end_offset = self.end_offset as i64;
            // CPython's `text` ends with the newline: count it.
            let line_size = text.chars().count() as i64 + 1;
            if self.end_line > self.line {
                end_offset = line_size;
            }
            if end_offset > line_size + 1 {
                end_offset = line_size + 1;
            }
            let reps = if end_offset > 0 && end_offset > offset {
                end_offset - offset
            } else {
                1
            };
            offset -= 1;
            let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
            offset -= (text.chars().count() - stripped.chars().count()) as i64;
            let stripped = stripped.trim_end_matches(['\n', '\r']);
            let len = stripped.chars().count() as i64;
            if offset > len {
                offset = len;
            }
            out.push_str("    ");
            out.push_str(stripped);
            out.push('\n');
            if offset >= 0 {
                out.push_str("    ");
                for _ in 0..offset {
                    out.push(' ');
                }
                for _ in 0..reps {
                    out.push('^');
                }
                out.push('\n');
            }
        }
        out.push_str(self.kind.class_name());
        out.push_str(": ");
        out.push_str(&self.message);
        out
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}, line {})",
            self.message, self.filename, self.line
        )
    }
}

impl std::error::Error for CompileError {}

/// Compilation mode (`compile()`'s mode argument).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A module / `exec` source.
    Exec,
    /// A single expression (`eval`); the code returns its value.
    Eval,
    /// One interactive statement (REPL); expression statements emit
    /// `PrintExpr`.
    Single,
}
