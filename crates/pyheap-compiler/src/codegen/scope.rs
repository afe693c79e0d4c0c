//! Entering and leaving code units: functions, lambdas, classes,
//! comprehensions, closures (CPython's `compiler_enter_scope`,
//! `compiler_function`, `compiler_class`, `compiler_comprehension`).
//!
//! Read `function_def` first. Invariant: `enter_scope` pushes a `Unit` whose
//! cellvars/freevars come from the symbol table (sorted, like CPython), and
//! `exit_scope_code` pops it and returns the finished `CodeUnit`.

use std::collections::HashMap;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::{CResult, Compiler, FBlock, NameCtx, Unit};
use crate::bytecode::{
    flags, CodeKind, CodeUnit, Instruction as I, Location, MAKE_FUNCTION_ANNOTATIONS,
    MAKE_FUNCTION_CLOSURE, MAKE_FUNCTION_DEFAULTS, MAKE_FUNCTION_KWDEFAULTS,
};
use crate::fold::{self, FoldVal};
use crate::symtable::{NameScope, ScopeKind};

/// Comprehension kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

/// The docstring of a body, if its first statement is a string literal.
pub(crate) fn docstring(body: &[Stmt]) -> Option<String> {
    match body.first()? {
        Stmt::Expr(e) => match &*e.value {
            Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
            _ => None,
        },
        _ => None,
    }
}

impl<'a> Compiler<'a> {
    pub(crate) fn enter_scope(
        &mut self,
        scope: usize,
        kind: CodeKind,
        name: &str,
        first_line: u32,
        range: TextRange,
    ) {
        let st = &self.symtable.scopes[scope];
        // 3.11 orders cells that are parameters first (in parameter order),
        // then the other cells sorted by name.
        let mut cellvars: Vec<String> = st
            .params
            .iter()
            .filter(|p| st.cellvars().contains(p))
            .cloned()
            .collect();
        for c in st.cellvars() {
            if !cellvars.contains(&c) {
                cellvars.push(c);
            }
        }
        let freevars = st.freevars();
        let params = st.params.clone();
        let private = match st.kind {
            ScopeKind::Class => Some(name.to_string()),
            _ => self.units.last().and_then(|u| u.private.clone()),
        };
        let qualname = self.qualname(scope, name);
        let loc = if range.is_empty() {
            Location {
                line: first_line,
                ..Location::default()
            }
        } else {
            self.lines.location(range)
        };
        let mut unit = Unit {
            scope,
            kind,
            name: name.to_string(),
            qualname,
            instrs: Vec::new(),
            locs: Vec::new(),
            labels: Vec::new(),
            consts: Vec::new(),
            const_index: HashMap::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            varnames: Vec::new(),
            var_index: HashMap::new(),
            cellvars,
            freevars,
            fblocks: Vec::new(),
            loc,
            first_line,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags: 0,
            has_docstring: false,
            private,
        };
        for p in params {
            let i = unit.varnames.len() as u32;
            unit.var_index.insert(p.clone(), i);
            unit.varnames.push(p);
        }
        self.units.push(unit);
    }

    /// CPython's `compiler_set_qualname`.
    fn qualname(&self, scope: usize, name: &str) -> String {
        let Some(parent) = self.units.last() else {
            return name.to_string();
        };
        if self.units.len() == 1 && parent.kind == CodeKind::Module {
            return name.to_string();
        }
        let kind = self.symtable.scopes[scope].kind;
        let pscope = &self.symtable.scopes[parent.scope];
        if matches!(kind, ScopeKind::Function | ScopeKind::Class)
            && pscope.lookup(name) == NameScope::GlobalExplicit
        {
            return name.to_string();
        }
        match pscope.kind {
            ScopeKind::Function | ScopeKind::Lambda => {
                format!("{}.<locals>.{}", parent.qualname, name)
            }
            ScopeKind::Module => name.to_string(),
            _ => format!("{}.{}", parent.qualname, name),
        }
    }

    /// Finishes the current unit (`assemble`): appends the implicit
    /// `return None` when the last instruction is not a return.
    pub(crate) fn exit_scope_code(&mut self, add_none: bool) -> CResult<CodeUnit> {
        // CPython adds the implicit return unless the *current block* ends
        // in a return; a label bound at the end starts a new (empty) block.
        let end = self.ur().instrs.len() as u32;
        let label_at_end = self.ur().labels.contains(&Some(end));
        if label_at_end || !matches!(self.ur().instrs.last(), Some(I::ReturnValue)) {
            if add_none {
                self.load_none();
            }
            self.emit(I::ReturnValue);
        }
        let Some(u) = self.units.pop() else {
            return Err(self.error("internal compiler error", TextRange::default()));
        };
        let st = &self.symtable.scopes[u.scope];
        let mut fl = u.flags;
        if self.future_annotations {
            fl |= flags::CO_FUTURE_ANNOTATIONS;
        }
        if st.kind.is_function() {
            fl |= flags::CO_OPTIMIZED | flags::CO_NEWLOCALS;
            if st.nested {
                fl |= flags::CO_NESTED;
            }
            fl |= match (st.is_generator, st.is_coroutine) {
                (true, false) => flags::CO_GENERATOR,
                (false, true) => flags::CO_COROUTINE,
                (true, true) => flags::CO_ASYNC_GENERATOR,
                (false, false) => 0,
            };
        }
        let cell2arg = u
            .cellvars
            .iter()
            .map(|c| st.params.iter().position(|p| p == c).map(|i| i as u32))
            .collect();
        let mut code = CodeUnit {
            name: u.name,
            qualname: u.qualname,
            filename: self.filename.clone(),
            first_line: u.first_line,
            kind: u.kind,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            flags: fl,
            instructions: Vec::new(),
            locations: Vec::new(),
            consts: u.consts,
            names: u.names,
            varnames: u.varnames,
            cellvars: u.cellvars,
            freevars: u.freevars,
            cell2arg,
            stacksize: 0,
            has_docstring: u.has_docstring,
            unit_const_count: 0,
            arena_extra: Vec::new(),
        };
        let resolved = crate::optimize::resolve_labels(u.instrs, &u.labels);
        code.instructions = resolved;
        code.locations = u.locs;
        crate::optimize::optimize(&mut code, &mut self.pool);
        Ok(code)
    }

    /// Compiles an annotation: evaluated normally, or under
    /// `from __future__ import annotations` loaded as its source text.
    /// NOTE: CPython stores `ast.unparse`-normalized text; we store the
    /// source text, which is the same for ordinarily formatted annotations.
    pub(crate) fn annotation(&mut self, e: &'a Expr) -> CResult {
        if !self.future_annotations {
            return self.expr(e);
        }
        let r = e.range();
        let text = self
            .source
            .get(r.start().to_usize()..r.end().to_usize())
            .unwrap_or("")
            .to_string();
        self.load_const(&FoldVal::Str(text));
        Ok(())
    }

    /// Builds the closure tuple (if needed), loads the code and emits
    /// `MakeFunction` (CPython's `compiler_make_closure`).
    pub(crate) fn make_closure(&mut self, code: CodeUnit, mut fl: u32) {
        if !code.freevars.is_empty() {
            for name in code.freevars.clone() {
                let i = self.cell_idx(&name);
                self.emit(I::LoadClosure(i));
            }
            self.emit(I::BuildTuple(code.freevars.len() as u32));
            fl |= MAKE_FUNCTION_CLOSURE;
        }
        let c = self.pool.code(code);
        let i = self.add_const_obj(c);
        self.emit(I::LoadConst(i));
        self.emit(I::MakeFunction(fl));
    }

    /// Defaults and kw-only defaults (`compiler_default_arguments`).
    fn default_arguments(&mut self, p: &'a ast::Parameters) -> CResult<u32> {
        let mut fl = 0;
        let defaults: Vec<&Expr> = p
            .posonlyargs
            .iter()
            .chain(&p.args)
            .filter_map(|a| a.default.as_deref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.emit(I::BuildTuple(defaults.len() as u32));
            fl |= MAKE_FUNCTION_DEFAULTS;
        }
        let mut keys = Vec::new();
        for a in &p.kwonlyargs {
            if let Some(d) = &a.default {
                keys.push(FoldVal::Str(self.mangle(&a.parameter.name.id)));
                self.expr(d)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.load_const(&FoldVal::Tuple(keys));
            self.emit(I::BuildConstKeyMap(n));
            fl |= MAKE_FUNCTION_KWDEFAULTS;
        }
        Ok(fl)
    }

    /// Annotations tuple (`compiler_visit_annotations`).
    fn annotations(&mut self, p: &'a ast::Parameters, returns: Option<&'a Expr>) -> CResult<u32> {
        let mut n = 0;
        let mut all: Vec<&'a ast::Parameter> = Vec::new();
        for a in p.posonlyargs.iter().chain(&p.args) {
            all.push(&a.parameter);
        }
        if let Some(v) = &p.vararg {
            all.push(v);
        }
        for a in &p.kwonlyargs {
            all.push(&a.parameter);
        }
        if let Some(k) = &p.kwarg {
            all.push(k);
        }
        for a in all {
            if let Some(an) = &a.annotation {
                let name = self.mangle(&a.name.id);
                self.load_const(&FoldVal::Str(name));
                self.annotation(an)?;
                n += 2;
            }
        }
        if let Some(r) = returns {
            self.load_const(&FoldVal::Str("return".to_string()));
            self.annotation(r)?;
            n += 2;
        }
        if n > 0 {
            self.emit(I::BuildTuple(n));
            return Ok(MAKE_FUNCTION_ANNOTATIONS);
        }
        Ok(0)
    }

    fn set_arg_counts(&mut self, p: &ast::Parameters) {
        let u = self.u();
        u.argcount = (p.posonlyargs.len() + p.args.len()) as u32;
        u.posonlyargcount = p.posonlyargs.len() as u32;
        u.kwonlyargcount = p.kwonlyargs.len() as u32;
        if p.vararg.is_some() {
            u.flags |= flags::CO_VARARGS;
        }
        if p.kwarg.is_some() {
            u.flags |= flags::CO_VARKEYWORDS;
        }
    }

    fn scope_of(&self, range: TextRange, kind: ScopeKind) -> CResult<usize> {
        self.symtable
            .scope_for(range, kind)
            .ok_or_else(|| self.error("internal compiler error: unknown scope", range))
    }

    /// `def` statement.
    pub(crate) fn function_def(&mut self, f: &'a ast::StmtFunctionDef) -> CResult {
        if f.type_params.is_some() {
            return Err(self.error("invalid syntax", f.range));
        }
        for d in &f.decorator_list {
            self.expr(&d.expression)?;
        }
        let first_line = match f.decorator_list.first() {
            Some(d) => self.lines.line_col(d.range.start().to_usize()).0,
            None => self.lines.line_col(f.range.start().to_usize()).0,
        };
        self.set_loc(self.def_range(f.range, &f.decorator_list));
        let mut fl = self.default_arguments(&f.parameters)?;
        fl |= self.annotations(&f.parameters, f.returns.as_deref())?;
        let scope = self.scope_of(f.range, ScopeKind::Function)?;
        self.enter_scope(scope, CodeKind::Function, &f.name.id, first_line, f.range);
        self.set_arg_counts(&f.parameters);
        let doc = docstring(&f.body);
        match &doc {
            Some(d) => {
                self.add_const(&FoldVal::Str(d.clone()));
                self.u().has_docstring = true;
            }
            None => {
                self.add_const(&FoldVal::None);
            }
        }
        let start = usize::from(doc.is_some());
        for s in &f.body[start..] {
            self.stmt(s)?;
        }
        let code = self.exit_scope_code(true)?;
        let stmt_range = self.def_range(f.range, &f.decorator_list);
        self.set_loc(stmt_range);
        self.make_closure(code, fl);
        self.apply_decorators(&f.decorator_list);
        self.set_loc(stmt_range);
        self.nameop(&f.name.id, NameCtx::Store);
        Ok(())
    }

    /// The statement range as CPython's AST has it: decorated `def`/`class`
    /// statements start at the keyword, not at the first decorator.
    fn def_range(&self, range: TextRange, decos: &[ast::Decorator]) -> TextRange {
        let Some(last) = decos.last() else {
            return range;
        };
        let bytes = self.source.as_bytes();
        let mut i = last.range.end().to_usize();
        while i < range.end().to_usize() {
            match bytes.get(i) {
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\\') => i += 1,
                Some(b'#') => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
        TextRange::new(ruff_text_size::TextSize::from(i as u32), range.end())
    }

    fn apply_decorators(&mut self, decos: &[ast::Decorator]) {
        for d in decos.iter().rev() {
            self.set_loc(d.expression.range());
            self.emit(I::Call(0));
        }
    }

    /// `class` statement.
    pub(crate) fn class_def(&mut self, c: &'a ast::StmtClassDef) -> CResult {
        if c.type_params.is_some() {
            return Err(self.error("invalid syntax", c.range));
        }
        for d in &c.decorator_list {
            self.expr(&d.expression)?;
        }
        let first_line = match c.decorator_list.first() {
            Some(d) => self.lines.line_col(d.range.start().to_usize()).0,
            None => self.lines.line_col(c.range.start().to_usize()).0,
        };
        let scope = self.scope_of(c.range, ScopeKind::Class)?;
        self.enter_scope(scope, CodeKind::Class, &c.name.id, first_line, c.range);
        let qualname = self.ur().qualname.clone();
        self.nameop_name_load("__name__");
        self.nameop("__module__", NameCtx::Store);
        self.load_const(&FoldVal::Str(qualname));
        self.nameop("__qualname__", NameCtx::Store);
        self.body(&c.body)?;
        if self.symtable.scopes[scope].needs_class_closure {
            let i = self.cell_idx("__class__");
            self.emit(I::LoadClosure(i));
            self.emit(I::Copy(1));
            self.nameop("__classcell__", NameCtx::Store);
        } else {
            self.load_none();
        }
        self.emit(I::ReturnValue);
        let code = self.exit_scope_code(true)?;
        let stmt_range = self.def_range(c.range, &c.decorator_list);
        self.set_loc(stmt_range);
        self.emit(I::PushNull);
        self.emit(I::LoadBuildClass);
        self.make_closure(code, 0);
        self.load_const(&FoldVal::Str(c.name.id.to_string()));
        match &c.arguments {
            Some(args) => self.call_helper(2, &args.args, &args.keywords)?,
            None => self.call_helper(2, &[], &[])?,
        }
        self.apply_decorators(&c.decorator_list);
        self.set_loc(stmt_range);
        self.nameop(&c.name.id, NameCtx::Store);
        Ok(())
    }

    fn nameop_name_load(&mut self, name: &str) {
        let i = self.name_idx(name);
        self.emit(I::LoadName(i));
    }

    /// Module/class body with docstring handling (`compiler_body`).
    pub(crate) fn body(&mut self, body: &'a [Stmt]) -> CResult {
        if super::stmt::find_ann(body) {
            self.emit(I::SetupAnnotations);
        }
        let mut start = 0;
        if let Some(doc) = docstring(body) {
            if let Some(first) = body.first() {
                self.set_loc(first.range());
            }
            self.load_const(&FoldVal::Str(doc));
            self.nameop("__doc__", NameCtx::Store);
            start = 1;
        }
        for s in &body[start..] {
            self.stmt(s)?;
        }
        Ok(())
    }

    /// `lambda` expression.
    pub(crate) fn lambda(&mut self, l: &'a ast::ExprLambda) -> CResult {
        let mut fl = 0;
        if let Some(p) = &l.parameters {
            fl = self.default_arguments(p)?;
        }
        let scope = self.scope_of(l.range, ScopeKind::Lambda)?;
        let line = self.lines.line_col(l.range.start().to_usize()).0;
        self.enter_scope(scope, CodeKind::Lambda, "<lambda>", line, l.range);
        if let Some(p) = &l.parameters {
            self.set_arg_counts(p);
        }
        self.add_const(&FoldVal::None);
        self.set_loc(l.body.range());
        self.expr(&l.body)?;
        let is_gen = self.symtable.scopes[scope].is_generator;
        // NOTE: a generator lambda returns its body's value (3.11's
        // `assemble(c, 0)`), so no `None` is loaded.
        let code = if is_gen {
            self.exit_scope_code(false)?
        } else {
            self.emit(I::ReturnValue);
            self.exit_scope_code(true)?
        };
        self.set_loc(l.range);
        self.make_closure(code, fl);
        Ok(())
    }

    /// Comprehensions and generator expressions.
    pub(crate) fn comprehension(
        &mut self,
        range: TextRange,
        kind: CompKind,
        generators: &'a [ast::Comprehension],
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CResult {
        let Some(outermost) = generators.first() else {
            return Err(self.error("invalid syntax", range));
        };
        let scope = self.scope_of(range, ScopeKind::Comprehension)?;
        self.check_async_comprehension(scope, kind == CompKind::Gen, range)?;
        let is_async = self.symtable.scopes[scope].is_coroutine;
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Gen => "<genexpr>",
        };
        let loc_range = match self.genexp_range {
            Some((node, over)) if node == range => over,
            _ => range,
        };
        let line = self.lines.line_col(loc_range.start().to_usize()).0;
        self.enter_scope(scope, CodeKind::Comprehension, name, line, loc_range);
        if kind == CompKind::Gen {
            self.u().kind = CodeKind::Generator;
        }
        self.u().argcount = 1;
        match kind {
            CompKind::List => self.emit(I::BuildList(0)),
            CompKind::Set => self.emit(I::BuildSet(0)),
            CompKind::Dict => self.emit(I::BuildMap(0)),
            CompKind::Gen => {}
        }
        self.comprehension_generator(generators, 0, 0, elt, val, kind)?;
        if kind != CompKind::Gen {
            self.emit(I::ReturnValue);
        }
        let code = self.exit_scope_code(true)?;
        self.set_loc(loc_range);
        self.make_closure(code, 0);
        self.iter_expr(&outermost.iter)?;
        if outermost.is_async {
            self.emit(I::GetAiter);
        } else {
            self.emit(I::GetIter);
        }
        self.emit(I::Call(0));
        if is_async && kind != CompKind::Gen {
            self.await_op(0);
        }
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        generators: &'a [ast::Comprehension],
        index: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
    ) -> CResult {
        let gen = &generators[index];
        if gen.is_async {
            let range = gen.range;
            return self.async_comprehension_clause(gen, index == 0, range, &mut |c| {
                c.comprehension_body(generators, index, depth + 1, elt, val, kind)
            });
        }
        let mut start = Some(self.new_label());
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        if index == 0 {
            self.emit(I::LoadFast(0));
        } else {
            let single = match &gen.iter {
                Expr::List(l) if l.elts.len() == 1 => l.elts.first(),
                Expr::Tuple(t) if t.elts.len() == 1 => t.elts.first(),
                _ => None,
            };
            match single {
                Some(e) if !matches!(e, Expr::Starred(_)) => {
                    self.expr(e)?;
                    start = None;
                }
                _ => {
                    self.iter_expr(&gen.iter)?;
                    self.emit(I::GetIter);
                }
            }
        }
        if let Some(s) = start {
            depth += 1;
            self.bind(s);
            self.emit(I::ForIter(anchor));
        }
        self.store_target(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        self.comprehension_body(generators, index, depth, elt, val, kind)?;
        self.bind(if_cleanup);
        if let Some(s) = start {
            self.emit(I::Jump(s));
            self.bind(anchor);
        }
        Ok(())
    }

    /// What is inside clause `index`: the next clause or the element.
    fn comprehension_body(
        &mut self,
        generators: &'a [ast::Comprehension],
        index: usize,
        depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
    ) -> CResult {
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, elt, val, kind)?;
        } else {
            match kind {
                CompKind::Gen => {
                    self.expr(elt)?;
                    if self.in_async_generator() {
                        self.emit(I::AsyncGenWrap);
                    }
                    self.emit(I::YieldValue);
                    self.emit(I::PopTop);
                }
                CompKind::List => {
                    self.expr(elt)?;
                    self.emit(I::ListAppend(depth + 1));
                }
                CompKind::Set => {
                    self.expr(elt)?;
                    self.emit(I::SetAdd(depth + 1));
                }
                CompKind::Dict => {
                    self.expr(elt)?;
                    if let Some(v) = val {
                        self.expr(v)?;
                    }
                    self.emit(I::MapAdd(depth + 1));
                }
            }
        }
        Ok(())
    }

    /// Pushes an fblock.
    pub(crate) fn push_fblock(&mut self, b: FBlock<'a>) {
        self.u().fblocks.push(b);
    }

    pub(crate) fn pop_fblock(&mut self) {
        self.u().fblocks.pop();
    }
}

/// Helper for `fold_iter` on `for`/comprehension iterables.
pub(crate) fn iter_const(e: &Expr) -> Option<FoldVal> {
    match e {
        Expr::List(_) | Expr::Set(_) => fold::fold_iter(e),
        _ => fold::fold_expr(e),
    }
}
