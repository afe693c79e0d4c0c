//! Statement code generation (CPython 3.11 `compiler_visit_stmt` shapes).
//!
//! Read [`Compiler::stmt`] first. The exception-handling sequences follow
//! the contract documented in `bytecode.rs` (block stack + `PushExcInfo`).

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::{CResult, Compiler, FBlock, NameCtx};
use crate::bytecode::Instruction as I;
use crate::error::Mode;
use crate::fold::{self, FoldVal};
use crate::symtable::ScopeKind;

/// True if the statements contain an annotated assignment at this level
/// (CPython's `find_ann`).
pub(crate) fn find_ann(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::AnnAssign(_) => true,
        Stmt::For(f) => find_ann(&f.body) || find_ann(&f.orelse),
        Stmt::While(w) => find_ann(&w.body) || find_ann(&w.orelse),
        Stmt::If(i) => find_ann(&i.body) || i.elif_else_clauses.iter().any(|c| find_ann(&c.body)),
        Stmt::With(w) => find_ann(&w.body),
        Stmt::Try(t) => {
            find_ann(&t.body)
                || find_ann(&t.orelse)
                || find_ann(&t.finalbody)
                || t.handlers.iter().any(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    find_ann(&h.body)
                })
        }
        _ => false,
    })
}

impl<'a> Compiler<'a> {
    pub(crate) fn stmts(&mut self, body: &'a [Stmt]) -> CResult {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(crate) fn stmt(&mut self, s: &'a Stmt) -> CResult {
        self.set_loc(s.range());
        match s {
            Stmt::FunctionDef(f) => self.function_def(f),
            Stmt::ClassDef(c) => self.class_def(c),
            Stmt::Return(r) => self.return_stmt(r),
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete_target(t)?;
                }
                Ok(())
            }
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                let n = a.targets.len();
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < n {
                        self.emit(I::Copy(1));
                    }
                    self.store_target(t)?;
                }
                Ok(())
            }
            Stmt::AugAssign(a) => self.aug_assign(a),
            Stmt::AnnAssign(a) => self.ann_assign(a),
            Stmt::For(f) => self.for_stmt(f),
            Stmt::While(w) => self.while_stmt(w),
            Stmt::If(i) => self.if_stmt(i),
            Stmt::With(w) => {
                if w.is_async && !self.in_async_def() {
                    return Err(self.error("'async with' outside async function", w.range));
                }
                self.with_stmt(w, 0)
            }
            Stmt::Match(m) => self.match_stmt(m),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                    n += 1;
                    if let Some(c) = &r.cause {
                        self.expr(c)?;
                        n += 1;
                    }
                }
                self.set_loc(r.range);
                self.emit(I::RaiseVarargs(n));
                Ok(())
            }
            Stmt::Try(t) => {
                if !t.finalbody.is_empty() {
                    self.try_finally(t)
                } else if t.is_star {
                    self.try_star_except(t)
                } else {
                    self.try_except(t)
                }
            }
            Stmt::Assert(a) => {
                let end = self.new_label();
                self.jump_if(&a.test, end, true)?;
                self.emit(I::LoadAssertionError);
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                    self.emit(I::Call(0));
                }
                self.emit(I::RaiseVarargs(1));
                self.bind(end);
                Ok(())
            }
            Stmt::Import(i) => self.import(i),
            Stmt::ImportFrom(i) => self.import_from(i),
            Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) => Ok(()),
            Stmt::Expr(e) => {
                if self.mode == Mode::Single && self.units.len() == 1 {
                    self.expr(&e.value)?;
                    self.emit(I::PrintExpr);
                    return Ok(());
                }
                if fold::fold_expr(&e.value).is_some() {
                    return Ok(());
                }
                self.expr(&e.value)?;
                self.emit(I::PopTop);
                Ok(())
            }
            Stmt::Break(b) => self.break_stmt(b.range),
            Stmt::Continue(c) => self.continue_stmt(c.range),
            Stmt::TypeAlias(t) => Err(self.error("invalid syntax", t.range)),
            Stmt::IpyEscapeCommand(c) => Err(self.error("invalid syntax", c.range)),
        }
    }

    fn return_stmt(&mut self, r: &'a ast::StmtReturn) -> CResult {
        if !self.scope_kind().is_function() {
            return Err(self.error("'return' outside function", r.range));
        }
        if self.leaves_except_star(false) {
            let range = r.value.as_ref().map_or(r.range, |v| v.range());
            return Err(self.except_star_error(range));
        }
        let constant = r.value.as_deref().and_then(fold::fold_expr);
        let preserve_tos = r.value.is_some() && constant.is_none();
        if preserve_tos {
            if let Some(v) = &r.value {
                self.expr(v)?;
            }
        }
        self.set_loc(r.range);
        self.unwind_fblock_stack(preserve_tos, None)?;
        match (&r.value, constant) {
            (None, _) => self.load_none(),
            (Some(e), Some(c)) => self.load_folded(e, &c),
            _ => {}
        }
        self.emit(I::ReturnValue);
        Ok(())
    }

    fn delete_target(&mut self, t: &'a Expr) -> CResult {
        self.set_loc(t.range());
        match t {
            Expr::Name(n) => self.nameop(&n.id, NameCtx::Del),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let name = self.mangle(&a.attr.id);
                let i = self.name_idx(&name);
                self.set_loc(t.range());
                self.emit(I::DeleteAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_key(&s.slice)?;
                self.set_loc(t.range());
                self.emit(I::DeleteSubscr);
            }
            Expr::Tuple(tu) => {
                for e in &tu.elts {
                    self.delete_target(e)?;
                }
            }
            Expr::List(l) => {
                for e in &l.elts {
                    self.delete_target(e)?;
                }
            }
            _ => return Err(self.error("cannot delete expression", t.range())),
        }
        Ok(())
    }

    fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) -> CResult {
        // Locations as 3.11: target parts at the target, the operation at
        // the statement.
        let op = super::expr::binop(a.op, true);
        let target_range = a.target.range();
        match &*a.target {
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.set_loc(target_range);
                self.emit(I::Copy(1));
                self.match_attr_location(at);
                let name = self.mangle(&at.attr.id);
                let i = self.name_idx(&name);
                self.emit(I::LoadAttr(i));
                self.set_loc(a.range);
                self.expr(&a.value)?;
                self.emit(I::BinaryOp(op));
                self.set_loc(target_range);
                self.emit(I::Swap(2));
                self.emit(I::StoreAttr(i));
            }
            Expr::Subscript(sub) => {
                self.expr(&sub.value)?;
                self.subscript_key(&sub.slice)?;
                self.set_loc(target_range);
                self.emit(I::Copy(2));
                self.emit(I::Copy(2));
                self.emit(I::BinarySubscr);
                self.set_loc(a.range);
                self.expr(&a.value)?;
                self.emit(I::BinaryOp(op));
                self.set_loc(target_range);
                self.emit(I::Swap(3));
                self.emit(I::Swap(2));
                self.emit(I::StoreSubscr);
            }
            Expr::Name(n) => {
                self.set_loc(target_range);
                self.nameop(&n.id, NameCtx::Load);
                self.set_loc(a.range);
                self.expr(&a.value)?;
                self.emit(I::BinaryOp(op));
                self.set_loc(target_range);
                self.nameop(&n.id, NameCtx::Store);
            }
            t => {
                return Err(self.error(
                    "'expression' is an illegal expression for augmented assignment",
                    t.range(),
                ))
            }
        }
        Ok(())
    }

    fn ann_assign(&mut self, a: &'a ast::StmtAnnAssign) -> CResult {
        if let Some(v) = &a.value {
            self.expr(v)?;
            self.store_target(&a.target)?;
        }
        let module_or_class = matches!(self.scope_kind(), ScopeKind::Module | ScopeKind::Class);
        match &*a.target {
            Expr::Name(n) => {
                if a.simple && module_or_class {
                    self.annotation(&a.annotation)?;
                    let i = self.name_idx("__annotations__");
                    self.emit(I::LoadName(i));
                    let name = self.mangle(&n.id);
                    self.load_const(&FoldVal::Str(name));
                    self.emit(I::StoreSubscr);
                }
            }
            Expr::Attribute(at) => {
                if a.value.is_none() {
                    self.expr(&at.value)?;
                    self.emit(I::PopTop);
                }
            }
            Expr::Subscript(s) => {
                if a.value.is_none() {
                    self.expr(&s.value)?;
                    self.emit(I::PopTop);
                    self.subscript_key(&s.slice)?;
                    self.emit(I::PopTop);
                }
            }
            t => return Err(self.error("illegal target for annotation", t.range())),
        }
        if !a.simple && module_or_class && !self.future_annotations {
            self.expr(&a.annotation)?;
            self.emit(I::PopTop);
        }
        Ok(())
    }

    fn for_stmt(&mut self, f: &'a ast::StmtFor) -> CResult {
        if f.is_async {
            return self.async_for_stmt(f);
        }
        let start = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.push_fblock(FBlock::ForLoop { start, end });
        self.iter_expr(&f.iter)?;
        self.set_loc(f.range);
        self.emit(I::GetIter);
        self.bind(start);
        self.emit(I::ForIter(cleanup));
        self.store_target(&f.target)?;
        self.stmts(&f.body)?;
        self.emit(I::Jump(start));
        self.bind(cleanup);
        self.pop_fblock();
        self.stmts(&f.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn while_stmt(&mut self, w: &'a ast::StmtWhile) -> CResult {
        let looplbl = self.new_label();
        let body = self.new_label();
        let anchor = self.new_label();
        let end = self.new_label();
        self.bind(looplbl);
        self.push_fblock(FBlock::WhileLoop {
            start: looplbl,
            end,
        });
        self.jump_if(&w.test, anchor, false)?;
        self.bind(body);
        self.stmts(&w.body)?;
        self.set_loc(w.range);
        self.jump_if(&w.test, body, true)?;
        self.pop_fblock();
        self.bind(anchor);
        self.stmts(&w.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn if_stmt(&mut self, i: &'a ast::StmtIf) -> CResult {
        let end = self.new_label();
        let mut next = if i.elif_else_clauses.is_empty() {
            end
        } else {
            self.new_label()
        };
        self.jump_if(&i.test, next, false)?;
        self.stmts(&i.body)?;
        let n = i.elif_else_clauses.len();
        for (k, clause) in i.elif_else_clauses.iter().enumerate() {
            self.emit(I::Jump(end));
            self.bind(next);
            next = if k + 1 < n { self.new_label() } else { end };
            if let Some(t) = &clause.test {
                self.set_loc(clause.range);
                self.jump_if(t, next, false)?;
            }
            self.stmts(&clause.body)?;
        }
        self.bind(end);
        Ok(())
    }

    fn with_stmt(&mut self, w: &'a ast::StmtWith, pos: usize) -> CResult {
        let Some(item) = w.items.get(pos) else {
            return self.stmts(&w.body);
        };
        let final_ = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        self.expr(&item.context_expr)?;
        self.set_loc(w.range);
        if w.is_async {
            self.emit(I::BeforeAsyncWith);
            self.await_op(1);
        } else {
            self.emit(I::BeforeWith);
        }
        self.emit(I::SetupWith(final_));
        self.push_fblock(FBlock::With {
            range: w.range,
            is_async: w.is_async,
        });
        match &item.optional_vars {
            Some(v) => self.store_target(v)?,
            None => self.emit(I::PopTop),
        }
        if pos + 1 == w.items.len() {
            self.stmts(&w.body)?;
        } else {
            self.with_stmt(w, pos + 1)?;
        }
        self.pop_fblock();
        self.set_loc(w.range);
        self.emit(I::PopBlock);
        self.call_exit_with_nones();
        if w.is_async {
            self.await_op(2);
        }
        self.emit(I::PopTop);
        self.emit(I::Jump(exit));
        // Exceptional exit.
        self.bind(final_);
        self.emit(I::SetupFinally(cleanup));
        self.emit(I::PushExcInfo);
        self.emit(I::WithExceptStart);
        if w.is_async {
            self.await_op(2);
        }
        self.emit(I::PopJumpIfTrue(suppress));
        self.emit(I::Reraise);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(suppress);
        self.emit(I::PopTop);
        self.emit(I::PopBlock);
        self.emit(I::PopExcept);
        self.emit(I::PopTop);
        self.bind(exit);
        Ok(())
    }

    /// `exit(None, None, None)` with `[exit]` on the stack → `[result]`.
    pub(crate) fn call_exit_with_nones(&mut self) {
        self.load_none();
        self.load_none();
        self.load_none();
        self.emit(I::Call(2));
    }

    /// `[prev, exc] -> restore prev, re-raise exc`.
    pub(crate) fn pop_except_and_reraise(&mut self) {
        self.emit(I::Swap(2));
        self.emit(I::PopExcept);
        self.emit(I::Reraise);
    }

    fn try_except(&mut self, t: &'a ast::StmtTry) -> CResult {
        let except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        self.emit(I::SetupFinally(except));
        self.push_fblock(FBlock::TryExcept);
        self.stmts(&t.body)?;
        self.pop_fblock();
        self.emit(I::PopBlock);
        self.stmts(&t.orelse)?;
        self.emit(I::Jump(end));
        self.bind(except);
        self.emit(I::SetupFinally(cleanup));
        self.emit(I::PushExcInfo);
        self.push_fblock(FBlock::ExceptionHandler);
        let n = t.handlers.len();
        for (i, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_loc(h.range);
            if h.type_.is_none() && i + 1 < n {
                return Err(self.error("default 'except:' must be last", h.range));
            }
            let next = self.new_label();
            if let Some(ty) = &h.type_ {
                self.expr(ty)?;
                self.emit(I::CheckExcMatch);
                self.emit(I::PopJumpIfFalse(next));
            }
            match &h.name {
                Some(name) => {
                    let cleanup_end = self.new_label();
                    self.nameop(&name.id, NameCtx::Store);
                    self.emit(I::SetupFinally(cleanup_end));
                    self.push_fblock(FBlock::HandlerCleanup {
                        name: Some(name.id.to_string()),
                    });
                    self.stmts(&h.body)?;
                    self.pop_fblock();
                    self.emit(I::PopBlock);
                    self.emit(I::PopBlock);
                    self.emit(I::PopExcept);
                    self.load_none();
                    self.nameop(&name.id, NameCtx::Store);
                    self.nameop(&name.id, NameCtx::Del);
                    self.emit(I::Jump(end));
                    self.bind(cleanup_end);
                    self.load_none();
                    self.nameop(&name.id, NameCtx::Store);
                    self.nameop(&name.id, NameCtx::Del);
                    self.emit(I::Reraise);
                }
                None => {
                    self.emit(I::PopTop);
                    self.push_fblock(FBlock::HandlerCleanup { name: None });
                    self.stmts(&h.body)?;
                    self.pop_fblock();
                    self.emit(I::PopBlock);
                    self.emit(I::PopExcept);
                    self.emit(I::Jump(end));
                }
            }
            self.bind(next);
        }
        self.pop_fblock();
        self.emit(I::Reraise);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(end);
        Ok(())
    }

    /// `try`/`except*` (3.11's `compiler_try_star_except`). Handler
    /// stack: `[prev, orig, list, rest]` where `list` collects what the
    /// handlers raise and `rest` is the still unmatched part of the group.
    fn try_star_except(&mut self, t: &'a ast::StmtTry) -> CResult {
        let except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let reraise = self.new_label();
        self.emit(I::SetupFinally(except));
        self.push_fblock(FBlock::TryExcept);
        self.stmts(&t.body)?;
        self.pop_fblock();
        self.emit(I::PopBlock);
        self.stmts(&t.orelse)?;
        self.emit(I::Jump(end));
        self.bind(except);
        self.set_loc(t.range);
        self.emit(I::SetupFinally(cleanup));
        self.emit(I::PushExcInfo);
        self.push_fblock(FBlock::ExceptionGroupHandler);
        self.emit(I::Copy(1));
        self.emit(I::BuildList(0));
        self.emit(I::Swap(2));
        for h in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_loc(h.range);
            let next = self.new_label();
            let no_match = self.new_label();
            let handler_err = self.new_label();
            match &h.type_ {
                Some(ty) => self.expr(ty)?,
                None => return Err(self.error("expected one or more exception types", h.range)),
            }
            self.emit(I::CheckEgMatch);
            self.emit(I::Copy(1));
            self.emit(I::PopJumpIfNone(no_match));
            let name = h.name.as_ref().map(|n| n.id.to_string());
            match &name {
                Some(n) => self.nameop(n, NameCtx::Store),
                None => self.emit(I::PopTop),
            }
            self.emit(I::SetupFinally(handler_err));
            self.push_fblock(FBlock::HandlerCleanup { name: name.clone() });
            self.stmts(&h.body)?;
            self.pop_fblock();
            self.emit(I::PopBlock);
            if let Some(n) = &name {
                self.load_none();
                self.nameop(n, NameCtx::Store);
                self.nameop(n, NameCtx::Del);
            }
            self.emit(I::Jump(next));
            // [prev, orig, list, rest, raised]
            self.bind(handler_err);
            if let Some(n) = &name {
                self.load_none();
                self.nameop(n, NameCtx::Store);
                self.nameop(n, NameCtx::Del);
            }
            self.emit(I::ListAppend(2));
            self.emit(I::Jump(next));
            self.bind(no_match);
            self.emit(I::PopTop);
            self.bind(next);
        }
        self.pop_fblock();
        self.set_loc(t.range);
        self.emit(I::ListAppend(1));
        self.emit(I::PrepReraiseStar);
        self.emit(I::Copy(1));
        self.emit(I::PopJumpIfNotNone(reraise));
        self.emit(I::PopTop);
        self.emit(I::PopBlock);
        self.emit(I::PopExcept);
        self.emit(I::Jump(end));
        self.bind(reraise);
        self.emit(I::PopBlock);
        self.emit(I::Swap(2));
        self.emit(I::PopExcept);
        self.emit(I::Reraise);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(end);
        Ok(())
    }

    fn try_finally(&mut self, t: &'a ast::StmtTry) -> CResult {
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.emit(I::SetupFinally(end));
        self.push_fblock(FBlock::FinallyTry { body: &t.finalbody });
        if t.is_star {
            self.try_star_except(t)?;
        } else if !t.handlers.is_empty() {
            self.try_except(t)?;
        } else {
            self.stmts(&t.body)?;
        }
        self.emit(I::PopBlock);
        self.pop_fblock();
        self.stmts(&t.finalbody)?;
        self.emit(I::Jump(exit));
        self.bind(end);
        self.emit(I::SetupFinally(cleanup));
        self.emit(I::PushExcInfo);
        self.push_fblock(FBlock::FinallyEnd);
        self.stmts(&t.finalbody)?;
        self.pop_fblock();
        self.emit(I::Reraise);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(exit);
        Ok(())
    }

    fn import(&mut self, i: &'a ast::StmtImport) -> CResult {
        for a in &i.names {
            self.set_loc(i.range);
            self.load_const(&FoldVal::Int(0.into()));
            self.load_none();
            let full = a.name.id.to_string();
            let idx = self.name_idx(&full);
            self.emit(I::ImportName(idx));
            match &a.asname {
                Some(asname) => {
                    let parts: Vec<&str> = full.split('.').collect();
                    if parts.len() > 1 {
                        for (k, attr) in parts[1..].iter().enumerate() {
                            let ai = self.name_idx(attr);
                            self.emit(I::ImportFrom(ai));
                            if k + 2 < parts.len() {
                                self.emit(I::Swap(2));
                                self.emit(I::PopTop);
                            }
                        }
                        self.nameop(&asname.id, NameCtx::Store);
                        self.emit(I::PopTop);
                    } else {
                        self.nameop(&asname.id, NameCtx::Store);
                    }
                }
                None => {
                    let first = full.split('.').next().unwrap_or("").to_string();
                    self.nameop(&first, NameCtx::Store);
                }
            }
        }
        Ok(())
    }

    fn import_from(&mut self, i: &'a ast::StmtImportFrom) -> CResult {
        self.load_const(&FoldVal::Int(i.level.into()));
        let names: Vec<FoldVal> = i
            .names
            .iter()
            .map(|a| FoldVal::Str(a.name.id.to_string()))
            .collect();
        self.load_const(&FoldVal::Tuple(names));
        let module = i
            .module
            .as_ref()
            .map(|m| m.id.to_string())
            .unwrap_or_default();
        let mi = self.name_idx(&module);
        self.emit(I::ImportName(mi));
        for (k, a) in i.names.iter().enumerate() {
            if k == 0 && a.name.id.as_str() == "*" {
                self.emit(I::ImportStar);
                return Ok(());
            }
            let ai = self.name_idx(&a.name.id);
            self.emit(I::ImportFrom(ai));
            let store = a.asname.as_ref().unwrap_or(&a.name);
            self.nameop(&store.id, NameCtx::Store);
        }
        self.emit(I::PopTop);
        Ok(())
    }
}
