//! REPL support: deciding whether an interactive input is complete, needs
//! more lines (CPython's `...` prompt), or is an error.
//!
//! Read [`input_status`]. Rules (CPython's interactive loop):
//! * an input with unclosed brackets, an unterminated triple-quoted string,
//!   a trailing line continuation, or whose parse fails only at end of input
//!   needs more lines;
//! * an input that opened a compound statement (a line ending in `:`, or an
//!   indented continuation line) needs more lines until an empty line ends
//!   it;
//! * otherwise it is complete (compile it with `Mode::Single`) or invalid.

use crate::error::{CompileError, Mode};

/// Status of one interactive input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputStatus {
    /// Compile and run it.
    Complete,
    /// Show the continuation prompt and append the next line.
    Incomplete,
    /// Report the error.
    Invalid(CompileError),
}

/// Classifies `source` (the lines entered so far, each ending in `\n`).
pub fn input_status(source: &str) -> InputStatus {
    let ends_with_blank_line = source.ends_with("\n\n") || source.trim().is_empty();
    let result = crate::compile(source, "<stdin>", Mode::Single);
    match result {
        Ok(_) => {
            if !ends_with_blank_line && opens_block(source) {
                InputStatus::Incomplete
            } else {
                InputStatus::Complete
            }
        }
        Err(e) => {
            if !ends_with_blank_line && error_at_end(source, &e) {
                InputStatus::Incomplete
            } else {
                InputStatus::Invalid(e)
            }
        }
    }
}

/// True if the input is a compound statement still open for more lines:
/// its (first) statement is compound (`if`, `def`, a decorator, ...).
/// NOTE: indentation alone says nothing — a continuation line inside
/// brackets or after a backslash may be indented, and CPython runs such
/// an input as soon as it is complete.
fn opens_block(source: &str) -> bool {
    if let Ok(ruff_python_ast::Mod::Module(m)) = crate::parse::parse(source, "<stdin>", Mode::Exec)
    {
        use ruff_python_ast::Stmt;
        return m.body.first().is_some_and(|s| {
            matches!(
                s,
                Stmt::If(_)
                    | Stmt::For(_)
                    | Stmt::While(_)
                    | Stmt::FunctionDef(_)
                    | Stmt::ClassDef(_)
                    | Stmt::With(_)
                    | Stmt::Try(_)
                    | Stmt::Match(_)
            )
        });
    }
    let first = source.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let last = source
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    strip_comment(last).trim_end().ends_with(':')
        || strip_comment(first).trim_end().ends_with(':')
        || first.trim_start().starts_with('@')
}

fn strip_comment(line: &str) -> &str {
    // NOTE: a '#' inside a string literal is rare on a block header line;
    // treating it as a comment only makes the REPL ask for one more line.
    match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    }
}

/// True if the error means "the input stopped too early".
fn error_at_end(source: &str, e: &CompileError) -> bool {
    let m = e.message.as_str();
    if m.ends_with("was never closed")
        || m.starts_with("unexpected EOF")
        || m.starts_with("expected an indented block")
        || m.starts_with("unterminated triple-quoted string")
    {
        return true;
    }
    let trimmed = source.trim_end_matches(['\n', '\r']);
    if trimmed.ends_with('\\') {
        return true;
    }
    // Unterminated triple-quoted string: odd number of triple quotes.
    for q in ["\"\"\"", "'''"] {
        if source.matches(q).count() % 2 == 1 {
            return true;
        }
    }
    // A parse error on the last line right at its end.
    let last_line = trimmed.lines().count() as u32;
    e.line >= last_line && opens_block(source) && m == "invalid syntax"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_repl_inputs_like_cpython() {
        assert_eq!(input_status("x = 1\n"), InputStatus::Complete);
        assert_eq!(input_status("print(1,\n"), InputStatus::Incomplete);
        assert_eq!(input_status("if x:\n"), InputStatus::Incomplete);
        assert_eq!(input_status("if x:\n    y = 1\n"), InputStatus::Incomplete);
        assert_eq!(input_status("if x:\n    y = 1\n\n"), InputStatus::Complete);
        assert_eq!(input_status("def f():\n"), InputStatus::Incomplete);
        assert_eq!(input_status("s = '''abc\n"), InputStatus::Incomplete);
        assert_eq!(input_status("x = 1 +\\\n"), InputStatus::Incomplete);
        assert!(matches!(input_status("x = = 1\n"), InputStatus::Invalid(_)));
        assert!(matches!(input_status("x = 1)\n"), InputStatus::Invalid(_)));
        assert_eq!(input_status("x=1; y=2\n"), InputStatus::Complete);
        // Indented continuation lines of a simple statement end it at once.
        assert_eq!(input_status("x = [1,\n     2]\n"), InputStatus::Complete);
        assert_eq!(input_status("y = 1 + \\\n    2\n"), InputStatus::Complete);
        assert_eq!(
            input_status("s = \"\"\"a\n  b\"\"\"\n"),
            InputStatus::Complete
        );
        assert_eq!(input_status("@dec\n"), InputStatus::Incomplete);
        assert_eq!(
            input_status("@dec\ndef f(): pass\n"),
            InputStatus::Incomplete
        );
        assert_eq!(
            input_status("for i in x: print(i)\n"),
            InputStatus::Incomplete
        );
        match input_status("x = 1\ny = 2\n") {
            InputStatus::Invalid(e) => assert_eq!(
                e.message,
                "multiple statements found while compiling a single statement"
            ),
            other => panic!("{other:?}"),
        }
    }
}
