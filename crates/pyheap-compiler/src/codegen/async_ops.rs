//! Coroutine syntax: `await`, `async for`, the async step of comprehensions,
//! and the scope checks CPython 3.11's compiler makes for them
//! (`compiler_visit_expr1` Await, `compiler_async_for`,
//! `compiler_async_comprehension_generator`).
//!
//! Read [`Compiler::await_op`] first: every await is
//! `GetAwaitable(where); LoadConst None; YieldFrom` (3.11's
//! `GET_AWAITABLE; LOAD_CONST None; SEND` loop, with `YieldFrom` as `SEND`).
//! Invariant: an `async for` step runs under its own `SetupFinally` whose
//! handler is `EndAsyncFor`, entered with `[.., aiter, exc]`; the step's
//! block is popped before the loop body runs, so only `__anext__` and its
//! await end the loop.

use ruff_python_ast as ast;
use ruff_text_size::TextRange;

use super::{CResult, Compiler, FBlock};
use crate::bytecode::Instruction as I;
use crate::symtable::ScopeKind;

impl<'a> Compiler<'a> {
    /// The current unit is an `async def` body (3.11's
    /// `COMPILER_SCOPE_ASYNC_FUNCTION`).
    pub(crate) fn in_async_def(&self) -> bool {
        self.symtable.scopes[self.ur().scope].is_async_def
    }

    /// The current unit is an async generator (`yield` in a coroutine
    /// scope): its yields are wrapped.
    pub(crate) fn in_async_generator(&self) -> bool {
        let s = &self.symtable.scopes[self.ur().scope];
        s.is_coroutine && s.is_generator
    }

    /// `[v] -> [result of awaiting v]`.
    pub(crate) fn await_op(&mut self, where_: u32) {
        self.emit(I::GetAwaitable(where_));
        self.load_none();
        self.emit(I::YieldFrom);
    }

    /// `await e` with 3.11's scope checks.
    pub(crate) fn await_expr(&mut self, a: &'a ast::ExprAwait) -> CResult {
        let kind = self.scope_kind();
        if !kind.is_function() {
            return Err(self.error("'await' outside function", a.range));
        }
        if !self.in_async_def() && kind != ScopeKind::Comprehension {
            return Err(self.error("'await' outside async function", a.range));
        }
        self.expr(&a.value)?;
        self.set_loc(a.range);
        self.await_op(0);
        Ok(())
    }

    /// `async for` statement.
    pub(crate) fn async_for_stmt(&mut self, f: &'a ast::StmtFor) -> CResult {
        if !self.in_async_def() {
            return Err(self.error("'async for' outside async function", f.range));
        }
        let start = self.new_label();
        let except = self.new_label();
        let end = self.new_label();
        self.iter_expr(&f.iter)?;
        self.set_loc(f.range);
        self.emit(I::GetAiter);
        self.bind(start);
        self.async_step(except, f.range);
        self.push_fblock(FBlock::ForLoop { start, end });
        self.store_target(&f.target)?;
        self.stmts(&f.body)?;
        self.pop_fblock();
        self.set_loc(f.range);
        self.emit(I::Jump(start));
        self.bind(except);
        self.emit(I::EndAsyncFor);
        self.stmts(&f.orelse)?;
        self.bind(end);
        Ok(())
    }

    /// `[aiter] -> [aiter, next value]`; `StopAsyncIteration` goes to
    /// `except`.
    fn async_step(&mut self, except: super::LabelId, range: TextRange) {
        self.set_loc(range);
        self.emit(I::SetupFinally(except));
        self.emit(I::GetAnext);
        self.await_op(0);
        self.emit(I::PopBlock);
    }

    /// One `async for` clause of a comprehension; `body` compiles what is
    /// inside it (the next clause or the element). `[..] -> [..]`.
    pub(crate) fn async_comprehension_clause(
        &mut self,
        gen: &'a ast::Comprehension,
        first: bool,
        range: TextRange,
        body: &mut dyn FnMut(&mut Self) -> CResult,
    ) -> CResult {
        let start = self.new_label();
        let except = self.new_label();
        let if_cleanup = self.new_label();
        if first {
            self.emit(I::LoadFast(0));
        } else {
            self.iter_expr(&gen.iter)?;
            self.emit(I::GetAiter);
        }
        self.bind(start);
        self.async_step(except, range);
        self.store_target(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        body(self)?;
        self.bind(if_cleanup);
        self.emit(I::Jump(start));
        self.bind(except);
        self.emit(I::EndAsyncFor);
        Ok(())
    }

    /// 3.11's check in `compiler_comprehension`: a comprehension that awaits
    /// (other than a generator expression) needs an async function or an
    /// enclosing comprehension.
    pub(crate) fn check_async_comprehension(
        &self,
        scope: usize,
        is_genexp: bool,
        range: TextRange,
    ) -> CResult {
        let is_async = self.symtable.scopes[scope].is_coroutine;
        if is_async
            && !is_genexp
            && !self.in_async_def()
            && self.scope_kind() != ScopeKind::Comprehension
        {
            return Err(self.error(
                "asynchronous comprehension outside of an asynchronous function",
                range,
            ));
        }
        Ok(())
    }

    /// `yield from` is refused in `async def`.
    pub(crate) fn check_yield_from(&self, range: TextRange) -> CResult {
        if self.in_async_def() {
            return Err(self.error("'yield from' inside async function", range));
        }
        Ok(())
    }
}
