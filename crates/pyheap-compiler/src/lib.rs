//! pyheap-compiler: Python 3.11 source → code units (plain Rust data, no
//! heap objects).
//!
//! Read `bytecode.rs` (instruction set and the VM contract) and
//! `constant.rs` (constants and unit-wide sharing) first; [`compile`] is the
//! entry point. Pipeline: `parse` (ruff, 3.11 target, CPython-style errors)
//! → `symtable` (scopes) → `codegen` (with `fold` = 3.11 AST constant
//! folding) → `optimize` (dead code, unused constants, stack depth).
//!
//! Fidelity checks: `tools/compare_stdlib.sh` compares `co_consts`, names,
//! cells, flags and traceback positions with CPython 3.11 over the standard
//! library (all 166 top-level modules without `match`/`async` match).
#![forbid(unsafe_code)]

mod brackets;
pub mod bytecode;
mod codegen;
pub mod constant;
pub mod disasm;
pub mod error;
mod fold;
pub mod int_shift;
pub mod interactive;
pub mod limits;
pub mod linemap;
mod literal_limit;
pub mod optimize;
mod parse;
mod parser_depth;
mod pool;
mod symtable;
mod tabs;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_async;

/// Runs the parser alone (no symbol table or code generation); used by the
/// `parse` fuzz target in `fuzz/`.
pub fn parse_only(source: &str, filename: &str, mode: Mode) -> Result<(), CompileError> {
    parse::parse(source, filename, mode).map(|_| ())
}

pub use bytecode::{CodeUnit, Instruction};
pub use constant::{ConstValue, Constant};
pub use error::{CompileError, ErrorKind, Mode};

use ruff_python_ast::Mod;

/// Stack size of the compiler thread: the parser and the AST walks are
/// recursive, and CPython-accepted inputs (up to its own nesting limits)
/// must never overflow the caller's stack.
const COMPILER_STACK: usize = 256 << 20;

/// Compiles one compilation unit (a module, an `eval` expression or one REPL
/// input). All constants of the result share unit-wide ids (see
/// `constant.rs`).
///
/// NOTE: runs on a helper thread with a large stack (`COMPILER_STACK`), so
/// deeply nested sources end in CPython's `RecursionError`/`SyntaxError`
/// instead of overflowing the caller's stack.
pub fn compile(source: &str, filename: &str, mode: Mode) -> Result<CodeUnit, CompileError> {
    let src = source.to_string();
    let name = filename.to_string();
    let spawned = std::thread::Builder::new()
        .name("pyheap-compiler".to_string())
        .stack_size(COMPILER_STACK)
        .spawn(move || compile_here(&src, &name, mode));
    match spawned {
        Ok(handle) => match handle.join() {
            Ok(result) => result,
            Err(_) => Err(CompileError::whole_source(
                ErrorKind::SyntaxError,
                "internal compiler error",
                filename,
            )),
        },
        Err(_) => compile_here(source, filename, mode),
    }
}

/// `compile` on the current thread.
pub fn compile_here(source: &str, filename: &str, mode: Mode) -> Result<CodeUnit, CompileError> {
    // A UTF-8 byte-order mark is not part of the program.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let module = parse::parse(source, filename, mode)?;
    let lines = linemap::LineIndex::new(source);
    if mode == Mode::Single {
        if let Mod::Module(m) = &module {
            check_single_statement(&m.body, source, filename, &lines)?;
        }
    }
    let sym_err = |e: symtable::SymtableError| {
        let kind = if e.recursion {
            ErrorKind::RecursionError
        } else {
            ErrorKind::SyntaxError
        };
        parse::make_error(kind, &e.message, filename, source, &lines, e.range)
    };
    let (mut code, count, extra) = match &module {
        Mod::Module(m) => {
            let st = symtable::build_module(&m.body).map_err(sym_err)?;
            let mut c = codegen::Compiler::new(source, filename, st, mode);
            let code = c.compile_module(&m.body)?;
            (
                code,
                c.pool.count(),
                std::mem::take(&mut c.pool.arena_extra),
            )
        }
        Mod::Expression(e) => {
            let st = symtable::build_expression(&e.body).map_err(sym_err)?;
            let mut c = codegen::Compiler::new(source, filename, st, mode);
            let code = c.compile_expression(&e.body)?;
            (
                code,
                c.pool.count(),
                std::mem::take(&mut c.pool.arena_extra),
            )
        }
    };
    code.arena_extra = extra;
    pool::set_unit_count(&mut code, count);
    Ok(code)
}

/// `Mode::Single` accepts one statement: one logical line of simple
/// statements or one compound statement (CPython's `interactive` rule).
fn check_single_statement(
    body: &[ruff_python_ast::Stmt],
    source: &str,
    filename: &str,
    lines: &linemap::LineIndex<'_>,
) -> Result<(), CompileError> {
    use ruff_python_ast::Stmt;
    use ruff_text_size::{Ranged, TextRange, TextSize};
    let Some(first) = body.first() else {
        return Ok(());
    };
    let compound = matches!(
        first,
        Stmt::FunctionDef(_)
            | Stmt::ClassDef(_)
            | Stmt::If(_)
            | Stmt::For(_)
            | Stmt::While(_)
            | Stmt::With(_)
            | Stmt::Try(_)
            | Stmt::Match(_)
    );
    let (first_line, _) = lines.line_col(first.range().start().to_usize());
    for s in &body[1..] {
        let (line, _) = lines.line_col(s.range().start().to_usize());
        if compound {
            let start = s.range().start();
            return Err(parse::make_error(
                ErrorKind::SyntaxError,
                "invalid syntax",
                filename,
                source,
                lines,
                TextRange::new(start, start + TextSize::from(1)),
            ));
        }
        if line != first_line {
            let text = lines.line_text(first_line).unwrap_or("");
            let offset = text.chars().count() as u32 + 1;
            return Err(CompileError {
                kind: ErrorKind::SyntaxError,
                message: "multiple statements found while compiling a single statement".to_string(),
                filename: filename.to_string(),
                line: first_line,
                offset,
                end_line: first_line,
                end_offset: offset,
                text: Some(text.to_string()),
            });
        }
    }
    Ok(())
}

impl CodeUnit {
    /// Debug disassembly of this unit and nested units.
    pub fn disassemble(&self) -> String {
        disasm::disassemble(self)
    }
}
