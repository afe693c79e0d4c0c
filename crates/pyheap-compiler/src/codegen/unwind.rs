//! Leaving frame blocks early: `return`, `break`, `continue` through loops,
//! `try`, `with` and `except` (CPython's `compiler_unwind_fblock`).
//!
//! Read [`Compiler::unwind_fblock_stack`] first. Invariant: after unwinding,
//! the VM block stack and value stack are as they were outside the blocks,
//! except for the preserved TOS (the return value) when `preserve_tos`.

use ruff_text_size::TextRange;

use super::{CResult, Compiler, FBlock, NameCtx};
use crate::bytecode::Instruction as I;

impl<'a> Compiler<'a> {
    /// Emits the cleanup for one block being left.
    fn unwind_fblock(&mut self, b: &FBlock<'a>, preserve_tos: bool) -> CResult {
        match b {
            FBlock::WhileLoop { .. } | FBlock::ExceptionHandler | FBlock::ExceptionGroupHandler => {
            }
            FBlock::ForLoop { .. } => {
                if preserve_tos {
                    self.emit(I::Swap(2));
                }
                self.emit(I::PopTop);
            }
            FBlock::TryExcept => self.emit(I::PopBlock),
            FBlock::FinallyTry { body } => {
                self.emit(I::PopBlock);
                if preserve_tos {
                    self.push_fblock(FBlock::PopValue);
                }
                self.stmts(body)?;
                if preserve_tos {
                    self.pop_fblock();
                }
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.emit(I::Swap(2));
                }
                self.emit(I::PopTop);
                if preserve_tos {
                    self.emit(I::Swap(2));
                }
                self.emit(I::PopBlock);
                self.emit(I::PopExcept);
            }
            FBlock::With { range, is_async } => {
                let saved = self.ur().loc;
                self.set_loc(*range);
                self.emit(I::PopBlock);
                if preserve_tos {
                    self.emit(I::Swap(2));
                }
                self.call_exit_with_nones();
                if *is_async {
                    self.await_op(2);
                }
                self.emit(I::PopTop);
                self.u().loc = saved;
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.emit(I::PopBlock);
                }
                if preserve_tos {
                    self.emit(I::Swap(2));
                }
                self.emit(I::PopBlock);
                self.emit(I::PopExcept);
                if let Some(n) = name {
                    self.load_none();
                    self.nameop(n, NameCtx::Store);
                    self.nameop(n, NameCtx::Del);
                }
            }
            FBlock::PopValue => {
                if preserve_tos {
                    self.emit(I::Swap(2));
                }
                self.emit(I::PopTop);
            }
        }
        Ok(())
    }

    /// Unwinds all blocks (for `return`, `loop == None`) or up to the
    /// innermost loop, which is returned (not unwound).
    pub(crate) fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        want_loop: Option<&mut Option<FBlock<'a>>>,
    ) -> CResult {
        let Some(top) = self.u().fblocks.last().cloned() else {
            return Ok(());
        };
        if let Some(slot) = want_loop {
            if matches!(top, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }) {
                *slot = Some(top);
                return Ok(());
            }
            self.u().fblocks.pop();
            self.unwind_fblock(&top, preserve_tos)?;
            let r = self.unwind_fblock_stack(preserve_tos, Some(slot));
            self.u().fblocks.push(top);
            return r;
        }
        self.u().fblocks.pop();
        self.unwind_fblock(&top, preserve_tos)?;
        let r = self.unwind_fblock_stack(preserve_tos, None);
        self.u().fblocks.push(top);
        r
    }

    /// CPython 3.11 refuses to leave an `except*` handler early: `true`
    /// if an `except*` handler block is crossed before the innermost loop
    /// (any block when `to_loop` is false, i.e. `return`).
    pub(crate) fn leaves_except_star(&mut self, to_loop: bool) -> bool {
        for b in self.u().fblocks.iter().rev() {
            match b {
                FBlock::ExceptionGroupHandler => return true,
                FBlock::WhileLoop { .. } | FBlock::ForLoop { .. } if to_loop => return false,
                _ => {}
            }
        }
        false
    }

    pub(crate) fn except_star_error(&self, range: TextRange) -> super::CompileError {
        self.error(
            "'break', 'continue' and 'return' cannot appear in an except* block",
            range,
        )
    }

    pub(crate) fn break_stmt(&mut self, range: TextRange) -> CResult {
        if self.leaves_except_star(true) {
            return Err(self.except_star_error(range));
        }
        let mut lp = None;
        self.unwind_fblock_stack(false, Some(&mut lp))?;
        let Some(lp) = lp else {
            return Err(self.error("'break' outside loop", range));
        };
        self.unwind_fblock(&lp, false)?;
        match lp {
            FBlock::WhileLoop { end, .. } | FBlock::ForLoop { end, .. } => self.emit(I::Jump(end)),
            _ => {}
        }
        Ok(())
    }

    pub(crate) fn continue_stmt(&mut self, range: TextRange) -> CResult {
        if self.leaves_except_star(true) {
            return Err(self.except_star_error(range));
        }
        let mut lp = None;
        self.unwind_fblock_stack(false, Some(&mut lp))?;
        let Some(lp) = lp else {
            return Err(self.error("'continue' not properly in loop", range));
        };
        match lp {
            FBlock::WhileLoop { start, .. } | FBlock::ForLoop { start, .. } => {
                self.emit(I::Jump(start))
            }
            _ => {}
        }
        Ok(())
    }
}
