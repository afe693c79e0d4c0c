//! `match` statements (PEP 634) for the pattern kinds that need no special
//! VM support: value (`case 1:`, `case Color.RED:`), singleton
//! (`case None:`), capture (`case x:`), wildcard (`case _:`), `as` and `|`
//! patterns, with guards. Class, sequence and mapping patterns are rejected
//! by the symbol table with a clear error (they need 3.11's `MATCH_*`
//! instructions).
//!
//! Read [`Compiler::match_stmt`] first. Invariant of [`Compiler::pattern`]:
//! it is entered with the value to match on TOS and always consumes it —
//! on success it falls through, on failure it jumps to `fail` — so both
//! paths leave the stack as it was below the value.

use ruff_python_ast::{self as ast, Pattern};
use ruff_text_size::Ranged;

use super::{CResult, Compiler, LabelId, NameCtx};
use crate::bytecode::{ComparisonOperator, Instruction as I};
use crate::fold::FoldVal;

/// A pattern that always matches (capture or wildcard, possibly in `|`).
fn irrefutable(p: &Pattern) -> bool {
    match p {
        Pattern::MatchAs(a) => a.pattern.is_none(),
        Pattern::MatchOr(o) => o.patterns.iter().any(irrefutable),
        _ => false,
    }
}

impl<'a> Compiler<'a> {
    /// `match subject: case ...` (3.11's `compiler_match` shape: the
    /// subject is copied for every case but the last).
    pub(crate) fn match_stmt(&mut self, m: &'a ast::StmtMatch) -> CResult {
        let n = m.cases.len();
        for (i, case) in m.cases.iter().enumerate() {
            if i + 1 < n && case.guard.is_none() && irrefutable(&case.pattern) {
                let msg = match &case.pattern {
                    Pattern::MatchAs(ast::PatternMatchAs {
                        name: Some(name), ..
                    }) => format!(
                        "name capture '{}' makes remaining patterns unreachable",
                        name.id
                    ),
                    _ => "wildcard makes remaining patterns unreachable".to_string(),
                };
                return Err(self.error(&msg, case.pattern.range()));
            }
        }
        self.expr(&m.subject)?;
        let end = self.new_label();
        for (i, case) in m.cases.iter().enumerate() {
            let last = i + 1 == n;
            self.set_loc(case.pattern.range());
            if !last {
                self.emit(I::Copy(1));
            }
            let fail = self.new_label();
            self.pattern(&case.pattern, fail)?;
            if let Some(g) = &case.guard {
                self.jump_if(g, fail, false)?;
            }
            if !last {
                self.emit(I::PopTop);
            }
            self.stmts(&case.body)?;
            self.emit(I::Jump(end));
            self.bind(fail);
        }
        if n == 0 {
            self.emit(I::PopTop);
        }
        self.bind(end);
        Ok(())
    }

    /// Matches TOS against `p` (see the module invariant).
    fn pattern(&mut self, p: &'a Pattern, fail: LabelId) -> CResult {
        self.set_loc(p.range());
        match p {
            Pattern::MatchValue(v) => {
                self.expr(&v.value)?;
                self.emit(I::CompareOp(ComparisonOperator::Equal));
                self.emit(I::PopJumpIfFalse(fail));
            }
            Pattern::MatchSingleton(s) => {
                let v = match s.value {
                    ast::Singleton::None => FoldVal::None,
                    ast::Singleton::True => FoldVal::Bool(true),
                    ast::Singleton::False => FoldVal::Bool(false),
                };
                self.load_const(&v);
                self.emit(I::IsOp { invert: false });
                self.emit(I::PopJumpIfFalse(fail));
            }
            Pattern::MatchAs(a) => {
                if let Some(inner) = &a.pattern {
                    // Keep a copy for the name; drop it if the inner fails.
                    self.emit(I::Copy(1));
                    let inner_fail = self.new_label();
                    let ok = self.new_label();
                    self.pattern(inner, inner_fail)?;
                    self.emit(I::Jump(ok));
                    self.bind(inner_fail);
                    self.emit(I::PopTop);
                    self.emit(I::Jump(fail));
                    self.bind(ok);
                }
                match &a.name {
                    Some(name) => self.nameop(&name.id, NameCtx::Store),
                    None => self.emit(I::PopTop),
                }
            }
            Pattern::MatchOr(o) => {
                let ok = self.new_label();
                let n = o.patterns.len();
                for (i, alt) in o.patterns.iter().enumerate() {
                    if i + 1 == n {
                        self.pattern(alt, fail)?;
                    } else {
                        let next = self.new_label();
                        self.emit(I::Copy(1));
                        self.pattern(alt, next)?;
                        self.emit(I::PopTop);
                        self.emit(I::Jump(ok));
                        self.bind(next);
                    }
                }
                self.bind(ok);
            }
            other => {
                return Err(self.error(
                    "class, sequence and mapping patterns in match statements are not supported by pyheap yet",
                    other.range(),
                ))
            }
        }
        Ok(())
    }
}
