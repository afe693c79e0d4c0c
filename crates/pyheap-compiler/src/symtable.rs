//! Symbol tables: which names are local, global, free or cell in each scope.
//!
//! Read [`build`] first: pass 1 (`Builder`) walks the AST recording raw
//! definitions/uses per scope; pass 2 (`analyze`) resolves each name like
//! CPython's `analyze_name`/`analyze_block`. Invariants:
//! * Scopes are keyed by the defining node's source range (function/class
//!   statement, lambda, comprehension expression), which is unique.
//! * Class scopes do not make their names visible to nested scopes; a class
//!   whose methods use `super` or `__class__` gets a `__class__` cell.
//! * Comprehensions are function scopes with the implicit parameter `.0`;
//!   their first iterable is evaluated in the enclosing scope.

use std::collections::{BTreeSet, HashMap};

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// Kind of scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

impl ScopeKind {
    /// Function-like scopes use fast locals.
    pub fn is_function(self) -> bool {
        matches!(
            self,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }
}

/// Resolved scope of one name in one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameScope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

const DEF_LOCAL: u32 = 1;
const DEF_PARAM: u32 = 2;
const DEF_GLOBAL: u32 = 4;
const DEF_NONLOCAL: u32 = 8;
const USE: u32 = 16;
/// A name bound in a class that nested scopes also need from outside.
const DEF_FREE_CLASS: u32 = 32;

/// One scope.
#[derive(Debug, Clone)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    /// Raw flags per name, in first-seen order.
    flags: Vec<(String, u32)>,
    index: HashMap<String, usize>,
    /// Resolved scopes (after analysis).
    pub scopes: HashMap<String, NameScope>,
    /// Parameter names in order.
    pub params: Vec<String>,
    pub children: Vec<usize>,
    pub is_generator: bool,
    /// CPython's `ste_coroutine`: an `async def`, or a comprehension with
    /// `async for`/`await` (see `async_scope` in codegen).
    pub is_coroutine: bool,
    /// The scope is an `async def` body (CPython's
    /// `COMPILER_SCOPE_ASYNC_FUNCTION`).
    pub is_async_def: bool,
    /// First `return <value>` in this scope (for the async-generator check).
    return_value: Option<TextRange>,
    /// Class scope needs a `__class__` cell.
    pub needs_class_closure: bool,
    /// Names that are free in this class because a nested scope needs them
    /// from an enclosing function although the class binds them too.
    pub free_class: BTreeSet<String>,
    pub range: TextRange,
    /// Where each `nonlocal` name was declared (for error positions).
    nonlocal_ranges: HashMap<String, TextRange>,
    /// Nested inside a function-like scope (CO_NESTED).
    pub nested: bool,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, range: TextRange) -> Self {
        Scope {
            kind,
            name: name.to_string(),
            flags: Vec::new(),
            index: HashMap::new(),
            scopes: HashMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            is_async_def: false,
            return_value: None,
            needs_class_closure: false,
            free_class: BTreeSet::new(),
            range,
            nonlocal_ranges: HashMap::new(),
            nested: false,
        }
    }

    fn flag(&self, name: &str) -> u32 {
        self.index.get(name).map_or(0, |i| self.flags[*i].1)
    }

    /// Resolved scope of `name` (names never seen are implicit globals, or
    /// for class/module scopes "name" lookups).
    pub fn lookup(&self, name: &str) -> NameScope {
        self.scopes
            .get(name)
            .copied()
            .unwrap_or(NameScope::GlobalImplicit)
    }

    /// Sorted cell variable names (`co_cellvars`).
    pub fn cellvars(&self) -> Vec<String> {
        let mut v: BTreeSet<String> = self
            .scopes
            .iter()
            .filter(|(_, s)| **s == NameScope::Cell)
            .map(|(n, _)| n.clone())
            .collect();
        if self.needs_class_closure {
            v.insert("__class__".to_string());
        }
        v.into_iter().collect()
    }

    /// Sorted free variable names (`co_freevars`).
    pub fn freevars(&self) -> Vec<String> {
        let mut v: BTreeSet<String> = self
            .scopes
            .iter()
            .filter(|(_, s)| **s == NameScope::Free)
            .map(|(n, _)| n.clone())
            .collect();
        v.extend(self.free_class.iter().cloned());
        v.into_iter().collect()
    }
}

/// An error found while building symbol tables.
#[derive(Debug, Clone)]
pub struct SymtableError {
    pub message: String,
    pub range: TextRange,
    /// True for "maximum recursion depth exceeded during compilation".
    pub recursion: bool,
}

/// CPython 3.11's compiler recursion limit: `sys.getrecursionlimit()`
/// (1000) times `COMPILER_STACK_FRAME_SCALE` (3).
const MAX_DEPTH: usize = 3000;

/// All scopes of one compilation unit.
#[derive(Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_range: HashMap<(TextRange, u8), usize>,
}

impl SymbolTable {
    /// The scope defined by the node with this range and kind.
    pub fn scope_for(&self, range: TextRange, kind: ScopeKind) -> Option<usize> {
        self.by_range.get(&(range, kind as u8)).copied()
    }
}

/// Builds and analyzes the symbol table of a module (or expression).
pub fn build_module(body: &[Stmt]) -> Result<SymbolTable, SymtableError> {
    let mut b = Builder::new(ScopeKind::Module, TextRange::default());
    for s in body {
        b.stmt(s)?;
    }
    b.finish()
}

/// Same for an `eval` expression.
pub fn build_expression(e: &Expr) -> Result<SymbolTable, SymtableError> {
    let mut b = Builder::new(ScopeKind::Module, TextRange::default());
    b.expr(e)?;
    b.finish()
}

struct Builder {
    scopes: Vec<Scope>,
    stack: Vec<usize>,
    /// Enclosing class name per stack entry (private-name mangling).
    private: Vec<Option<String>>,
    /// Current AST nesting depth (statements + expressions).
    depth: usize,
    by_range: HashMap<(TextRange, u8), usize>,
}

fn err<T>(message: String, range: TextRange) -> Result<T, SymtableError> {
    Err(SymtableError {
        message,
        range,
        recursion: false,
    })
}

fn too_deep<T>(range: TextRange) -> Result<T, SymtableError> {
    Err(SymtableError {
        message: "maximum recursion depth exceeded during compilation".to_string(),
        range,
        recursion: true,
    })
}

impl Builder {
    fn new(kind: ScopeKind, range: TextRange) -> Self {
        Builder {
            scopes: vec![Scope::new(kind, "top", range)],
            stack: vec![0],
            private: vec![None],
            depth: 0,
            by_range: HashMap::new(),
        }
    }

    fn finish(mut self) -> Result<SymbolTable, SymtableError> {
        analyze(&mut self.scopes, 0, &BTreeSet::new())?;
        Ok(SymbolTable {
            scopes: self.scopes,
            by_range: self.by_range,
        })
    }

    fn cur(&mut self) -> &mut Scope {
        let i = *self.stack.last().unwrap_or(&0);
        &mut self.scopes[i]
    }

    fn mangled(&self, name: &str) -> String {
        match self.private.last().cloned().flatten() {
            Some(class) => crate::codegen::mangle(&class, name),
            None => name.to_string(),
        }
    }

    fn add(&mut self, name: &str, flag: u32, range: TextRange) -> Result<(), SymtableError> {
        let mangled = self.mangled(name);
        let name = mangled.as_str();
        let scope = self.cur();
        let old = scope.flag(name);
        if flag & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
            let which = if flag & DEF_GLOBAL != 0 {
                "global"
            } else {
                "nonlocal"
            };
            if old & DEF_PARAM != 0 {
                return err(format!("name '{name}' is parameter and {which}"), range);
            }
            if flag & DEF_GLOBAL != 0 && old & DEF_NONLOCAL != 0 {
                return err(format!("name '{name}' is nonlocal and global"), range);
            }
            if flag & DEF_NONLOCAL != 0 && old & DEF_GLOBAL != 0 {
                return err(format!("name '{name}' is nonlocal and global"), range);
            }
            if old & DEF_LOCAL != 0 {
                return err(
                    format!("name '{name}' is assigned to before {which} declaration"),
                    range,
                );
            }
            if old & USE != 0 {
                return err(
                    format!("name '{name}' is used prior to {which} declaration"),
                    range,
                );
            }
        }
        match scope.index.get(name) {
            Some(i) => scope.flags[*i].1 |= flag,
            None => {
                scope.index.insert(name.to_string(), scope.flags.len());
                scope.flags.push((name.to_string(), flag));
            }
        }
        Ok(())
    }

    fn push(&mut self, kind: ScopeKind, name: &str, range: TextRange) {
        let parent = *self.stack.last().unwrap_or(&0);
        let mut s = Scope::new(kind, name, range);
        s.nested = self.scopes[parent].kind.is_function() || self.scopes[parent].nested;
        let id = self.scopes.len();
        self.scopes.push(s);
        self.scopes[parent].children.push(id);
        self.by_range.insert((range, kind as u8), id);
        self.stack.push(id);
        let private = if kind == ScopeKind::Class {
            Some(name.to_string())
        } else {
            self.private.last().cloned().flatten()
        };
        self.private.push(private);
    }

    fn pop(&mut self) {
        self.stack.pop();
        self.private.pop();
    }

    fn stmts(&mut self, body: &[Stmt]) -> Result<(), SymtableError> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn params_defaults(&mut self, p: &ast::Parameters) -> Result<(), SymtableError> {
        for a in p.posonlyargs.iter().chain(&p.args).chain(&p.kwonlyargs) {
            if let Some(d) = &a.default {
                self.expr(d)?;
            }
        }
        Ok(())
    }

    fn params_annotations(&mut self, p: &ast::Parameters) -> Result<(), SymtableError> {
        for a in p.posonlyargs.iter().chain(&p.args).chain(&p.kwonlyargs) {
            if let Some(an) = &a.parameter.annotation {
                self.expr(an)?;
            }
        }
        for a in p.vararg.iter().chain(p.kwarg.iter()) {
            if let Some(an) = &a.annotation {
                self.expr(an)?;
            }
        }
        Ok(())
    }

    fn params_define(&mut self, p: &ast::Parameters) -> Result<(), SymtableError> {
        let mut names = Vec::new();
        let mut ranges = Vec::new();
        for a in p.posonlyargs.iter().chain(&p.args).chain(&p.kwonlyargs) {
            names.push(a.parameter.name.id.to_string());
            ranges.push(a.parameter.range);
        }
        if let Some(v) = &p.vararg {
            names.push(v.name.id.to_string());
            ranges.push(v.range);
        }
        if let Some(k) = &p.kwarg {
            names.push(k.name.id.to_string());
            ranges.push(k.range);
        }
        // NOTE: ruff orders kw-only before *args in our list; fast slot order
        // in CPython is positional, kw-only, *args, **kwargs — same order.
        for (n, r) in names.iter().zip(&ranges) {
            if self.cur().flag(n) & DEF_PARAM != 0 {
                return err(
                    format!("duplicate argument '{n}' in function definition"),
                    *r,
                );
            }
            self.add(n, DEF_PARAM, *r)?;
        }
        let names = names.iter().map(|n| self.mangled(n)).collect();
        self.cur().params = names;
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), SymtableError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return too_deep(s.range());
        }
        let r = self.stmt1(s);
        self.depth -= 1;
        r
    }

    fn stmt1(&mut self, s: &Stmt) -> Result<(), SymtableError> {
        match s {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(&d.expression)?;
                }
                self.params_defaults(&f.parameters)?;
                self.params_annotations(&f.parameters)?;
                if let Some(r) = &f.returns {
                    self.expr(r)?;
                }
                self.add(&f.name.id, DEF_LOCAL, f.range)?;
                self.push(ScopeKind::Function, &f.name.id, f.range);
                if f.is_async {
                    self.cur().is_coroutine = true;
                    self.cur().is_async_def = true;
                }
                self.params_define(&f.parameters)?;
                self.stmts(&f.body)?;
                let sc = self.cur();
                if sc.is_coroutine && sc.is_generator {
                    if let Some(r) = sc.return_value {
                        return err("'return' with value in async generator".to_string(), r);
                    }
                }
                self.pop();
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.expr(&d.expression)?;
                }
                if let Some(args) = &c.arguments {
                    for a in args.args.iter() {
                        self.expr(a)?;
                    }
                    for k in &args.keywords {
                        self.expr(&k.value)?;
                    }
                }
                self.add(&c.name.id, DEF_LOCAL, c.range)?;
                self.push(ScopeKind::Class, &c.name.id, c.range);
                self.stmts(&c.body)?;
                self.pop();
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v)?;
                    if self.cur().return_value.is_none() {
                        self.cur().return_value = Some(r.range);
                    }
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.expr(t)?;
                }
            }
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                for t in &a.targets {
                    self.expr(t)?;
                }
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.target)?;
                if let Expr::Name(n) = &*a.target {
                    self.add(&n.id, USE, n.range)?;
                }
                self.expr(&a.value)?;
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    let f = self.cur().flag(&n.id);
                    if f & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && a.simple {
                        let which = if f & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return err(
                            format!("annotated name '{}' can't be {which}", n.id),
                            n.range,
                        );
                    }
                }
                self.expr(&a.annotation)?;
                if let Some(v) = &a.value {
                    self.expr(v)?;
                }
                if a.value.is_some() || !matches!(&*a.target, Expr::Name(_)) {
                    self.expr(&a.target)?;
                } else if let Expr::Name(n) = &*a.target {
                    self.add(&n.id, DEF_LOCAL, n.range)?;
                }
            }
            Stmt::For(f) => {
                self.expr(&f.iter)?;
                self.expr(&f.target)?;
                self.stmts(&f.body)?;
                self.stmts(&f.orelse)?;
            }
            Stmt::While(w) => {
                self.expr(&w.test)?;
                self.stmts(&w.body)?;
                self.stmts(&w.orelse)?;
            }
            Stmt::If(i) => {
                self.expr(&i.test)?;
                self.stmts(&i.body)?;
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.expr(t)?;
                    }
                    self.stmts(&c.body)?;
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.expr(v)?;
                    }
                }
                self.stmts(&w.body)?;
            }
            Stmt::Match(m) => {
                self.expr(&m.subject)?;
                for case in &m.cases {
                    self.pattern(&case.pattern)?;
                    if let Some(g) = &case.guard {
                        self.expr(g)?;
                    }
                    self.stmts(&case.body)?;
                }
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                }
                if let Some(c) = &r.cause {
                    self.expr(c)?;
                }
            }
            Stmt::Try(t) => {
                self.stmts(&t.body)?;
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.expr(ty)?;
                    }
                    if let Some(n) = &h.name {
                        self.add(&n.id, DEF_LOCAL, n.range)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(&t.orelse)?;
                self.stmts(&t.finalbody)?;
            }
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let name = match &a.asname {
                        Some(n) => n.id.to_string(),
                        None => a.name.id.split('.').next().unwrap_or("").to_string(),
                    };
                    self.add(&name, DEF_LOCAL, a.range)?;
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    if a.name.id.as_str() == "*" {
                        if self.cur().kind != ScopeKind::Module {
                            return err(
                                "import * only allowed at module level".to_string(),
                                i.range,
                            );
                        }
                        continue;
                    }
                    let name = a.asname.as_ref().unwrap_or(&a.name);
                    self.add(&name.id, DEF_LOCAL, a.range)?;
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    self.add(&n.id, DEF_GLOBAL, g.range)?;
                }
            }
            Stmt::Nonlocal(n) => {
                if self.cur().kind == ScopeKind::Module {
                    return err(
                        "nonlocal declaration not allowed at module level".to_string(),
                        n.range,
                    );
                }
                for name in &n.names {
                    self.add(&name.id, DEF_NONLOCAL, n.range)?;
                    self.cur()
                        .nonlocal_ranges
                        .insert(name.id.to_string(), n.range);
                }
            }
            Stmt::Expr(e) => self.expr(&e.value)?,
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            Stmt::TypeAlias(t) => {
                return err("invalid syntax".to_string(), t.range);
            }
            Stmt::IpyEscapeCommand(c) => return err("invalid syntax".to_string(), c.range),
        }
        Ok(())
    }

    /// Names bound by a `case` pattern (captures, `*rest`, `**rest`) and
    /// the expressions it evaluates (values, mapping keys, class names).
    fn pattern(&mut self, p: &ast::Pattern) -> Result<(), SymtableError> {
        match p {
            ast::Pattern::MatchValue(v) => self.expr(&v.value),
            ast::Pattern::MatchSingleton(_) => Ok(()),
            ast::Pattern::MatchAs(a) => {
                if let Some(inner) = &a.pattern {
                    self.pattern(inner)?;
                }
                if let Some(n) = &a.name {
                    self.add(&n.id, DEF_LOCAL, n.range)?;
                }
                Ok(())
            }
            ast::Pattern::MatchOr(o) => {
                for alt in &o.patterns {
                    self.pattern(alt)?;
                }
                Ok(())
            }
            ast::Pattern::MatchSequence(x) => {
                for sub in &x.patterns {
                    self.pattern(sub)?;
                }
                Ok(())
            }
            ast::Pattern::MatchStar(x) => {
                if let Some(n) = &x.name {
                    self.add(&n.id, DEF_LOCAL, n.range)?;
                }
                Ok(())
            }
            ast::Pattern::MatchMapping(x) => {
                for k in &x.keys {
                    self.expr(k)?;
                }
                for sub in &x.patterns {
                    self.pattern(sub)?;
                }
                if let Some(n) = &x.rest {
                    self.add(&n.id, DEF_LOCAL, n.range)?;
                }
                Ok(())
            }
            ast::Pattern::MatchClass(x) => {
                self.expr(&x.cls)?;
                for sub in &x.arguments.patterns {
                    self.pattern(sub)?;
                }
                for kw in &x.arguments.keywords {
                    self.pattern(&kw.pattern)?;
                }
                Ok(())
            }
        }
    }

    fn comprehension(
        &mut self,
        range: TextRange,
        name: &str,
        generators: &[ast::Comprehension],
        elts: &[&Expr],
        is_generator: bool,
    ) -> Result<(), SymtableError> {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        self.expr(&first.iter)?;
        self.push(ScopeKind::Comprehension, name, range);
        self.cur().is_generator = is_generator;
        if generators.iter().any(|g| g.is_async) {
            self.cur().is_coroutine = true;
        }
        self.add(".0", DEF_PARAM, range)?;
        self.cur().params = vec![".0".to_string()];
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter)?;
            }
            self.expr(&g.target)?;
            for cond in &g.ifs {
                self.expr(cond)?;
            }
        }
        for e in elts {
            self.expr(e)?;
        }
        // 3.11: a non-generator comprehension that awaits makes its
        // enclosing scope a coroutine too.
        let is_async = self.cur().is_coroutine && !is_generator;
        self.pop();
        if is_async {
            self.cur().is_coroutine = true;
        }
        Ok(())
    }

    fn named_target(&mut self, name: &str, range: TextRange) -> Result<(), SymtableError> {
        // Walrus inside comprehensions binds in the nearest enclosing
        // non-comprehension scope.
        let mut depth = self.stack.len();
        while depth > 0 && self.scopes[self.stack[depth - 1]].kind == ScopeKind::Comprehension {
            depth -= 1;
        }
        if depth == self.stack.len() {
            return self.add(name, DEF_LOCAL, range);
        }
        let target = self.stack.get(depth.wrapping_sub(1)).copied().unwrap_or(0);
        match self.scopes[target].kind {
            ScopeKind::Class => err(
                "assignment expression within a comprehension cannot be used in a class body"
                    .to_string(),
                range,
            ),
            kind => {
                let saved = self.stack.clone();
                self.stack.truncate(depth);
                self.add(name, DEF_LOCAL, range)?;
                self.stack = saved;
                // Every comprehension in between refers to it from outside.
                let flag = if kind == ScopeKind::Module {
                    DEF_GLOBAL
                } else {
                    DEF_NONLOCAL
                };
                for i in depth..self.stack.len() {
                    let sid = self.stack[i];
                    let s = &mut self.scopes[sid];
                    match s.index.get(name) {
                        Some(ix) => s.flags[*ix].1 |= flag,
                        None => {
                            s.index.insert(name.to_string(), s.flags.len());
                            s.flags.push((name.to_string(), flag));
                        }
                    }
                }
                Ok(())
            }
        }
    }

    fn expr(&mut self, e: &Expr) -> Result<(), SymtableError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return too_deep(e.range());
        }
        let r = self.expr1(e);
        self.depth -= 1;
        r
    }

    fn expr1(&mut self, e: &Expr) -> Result<(), SymtableError> {
        match e {
            Expr::Name(n) => {
                let flag = if n.ctx.is_load() { USE } else { DEF_LOCAL };
                self.add(&n.id, flag, n.range)?;
                if n.ctx.is_load() && n.id.as_str() == "super" && self.cur().kind.is_function() {
                    self.add("__class__", USE, n.range)?;
                }
            }
            Expr::BoolOp(b) => {
                for v in &b.values {
                    self.expr(v)?;
                }
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                if let Expr::Name(t) = &*n.target {
                    self.named_target(&t.id, t.range)?;
                }
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
            }
            Expr::UnaryOp(u) => self.expr(&u.operand)?,
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.params_defaults(p)?;
                }
                self.push(ScopeKind::Lambda, "<lambda>", l.range);
                if let Some(p) = &l.parameters {
                    self.params_define(p)?;
                }
                self.expr(&l.body)?;
                self.pop();
            }
            Expr::If(i) => {
                self.expr(&i.test)?;
                self.expr(&i.body)?;
                self.expr(&i.orelse)?;
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    if let Some(k) = &item.key {
                        self.expr(k)?;
                    }
                    self.expr(&item.value)?;
                }
            }
            Expr::Set(s) => {
                for x in &s.elts {
                    self.expr(x)?;
                }
            }
            Expr::ListComp(c) => {
                self.comprehension(c.range, "listcomp", &c.generators, &[&c.elt], false)?
            }
            Expr::SetComp(c) => {
                self.comprehension(c.range, "setcomp", &c.generators, &[&c.elt], false)?
            }
            Expr::DictComp(c) => {
                let mut elts: Vec<&Expr> = Vec::new();
                if let Some(k) = &c.key {
                    elts.push(k);
                }
                elts.push(&c.value);
                self.comprehension(c.range, "dictcomp", &c.generators, &elts, false)?
            }
            Expr::Generator(g) => {
                self.comprehension(g.range, "genexpr", &g.generators, &[&g.elt], true)?
            }
            Expr::Await(a) => {
                self.expr(&a.value)?;
                self.cur().is_coroutine = true;
            }
            Expr::Yield(y) => {
                self.check_yield(y.range)?;
                if let Some(v) = &y.value {
                    self.expr(v)?;
                }
            }
            Expr::YieldFrom(y) => {
                self.check_yield(y.range)?;
                self.expr(&y.value)?;
            }
            Expr::Compare(c) => {
                self.expr(&c.left)?;
                for x in c.comparators.iter() {
                    self.expr(x)?;
                }
            }
            Expr::Call(c) => {
                self.expr(&c.func)?;
                for a in c.arguments.args.iter() {
                    self.expr(a)?;
                }
                for k in &c.arguments.keywords {
                    self.expr(&k.value)?;
                }
            }
            Expr::FString(f) => {
                for part in f.value.iter() {
                    if let ast::FStringPart::FString(fs) = part {
                        self.fstring_elements(&fs.elements)?;
                    }
                }
            }
            Expr::TString(t) => return err("invalid syntax".to_string(), t.range),
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {}
            Expr::Attribute(a) => self.expr(&a.value)?,
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
            }
            Expr::Starred(s) => self.expr(&s.value)?,
            Expr::List(l) => {
                for x in &l.elts {
                    self.expr(x)?;
                }
            }
            Expr::Tuple(t) => {
                for x in &t.elts {
                    self.expr(x)?;
                }
            }
            Expr::Slice(s) => {
                for x in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.expr(x)?;
                }
            }
            Expr::IpyEscapeCommand(c) => return err("invalid syntax".to_string(), c.range),
        }
        Ok(())
    }

    fn fstring_elements(
        &mut self,
        elements: &ast::InterpolatedStringElements,
    ) -> Result<(), SymtableError> {
        for el in elements.iter() {
            if let ast::InterpolatedStringElement::Interpolation(i) = el {
                self.expr(&i.expression)?;
                if let Some(spec) = &i.format_spec {
                    self.fstring_elements(&spec.elements)?;
                }
            }
        }
        Ok(())
    }

    fn check_yield(&mut self, range: TextRange) -> Result<(), SymtableError> {
        let kind = self.cur().kind;
        match kind {
            ScopeKind::Module | ScopeKind::Class => {
                err("'yield' outside function".to_string(), range)
            }
            ScopeKind::Comprehension => {
                let name = self.cur().name.clone();
                let what = match name.as_str() {
                    "listcomp" => "list comprehension",
                    "setcomp" => "set comprehension",
                    "dictcomp" => "dict comprehension",
                    _ => "generator expression",
                };
                err(format!("'yield' inside {what}"), range)
            }
            _ => {
                self.cur().is_generator = true;
                Ok(())
            }
        }
    }
}

/// Pass 2: resolve names in scope `id` given the names bound by enclosing
/// function scopes; returns the names free in this scope.
fn analyze(
    scopes: &mut [Scope],
    id: usize,
    enclosing_bound: &BTreeSet<String>,
) -> Result<BTreeSet<String>, SymtableError> {
    let kind = scopes[id].kind;
    let mut free = BTreeSet::new();
    let mut local = BTreeSet::new();
    let mut explicit_global = BTreeSet::new();
    let flags = scopes[id].flags.clone();
    for (name, f) in &flags {
        let s = if f & DEF_GLOBAL != 0 {
            explicit_global.insert(name.clone());
            NameScope::GlobalExplicit
        } else if f & DEF_NONLOCAL != 0 {
            if !enclosing_bound.contains(name) {
                let r = scopes[id]
                    .nonlocal_ranges
                    .get(name)
                    .copied()
                    .unwrap_or(scopes[id].range);
                return err(format!("no binding for nonlocal '{name}' found"), r);
            }
            free.insert(name.clone());
            NameScope::Free
        } else if f & (DEF_LOCAL | DEF_PARAM) != 0 {
            local.insert(name.clone());
            NameScope::Local
        } else if kind != ScopeKind::Module && enclosing_bound.contains(name) {
            free.insert(name.clone());
            NameScope::Free
        } else {
            NameScope::GlobalImplicit
        };
        scopes[id].scopes.insert(name.clone(), s);
    }
    let mut new_bound: BTreeSet<String> = match kind {
        ScopeKind::Module => BTreeSet::new(),
        ScopeKind::Class => {
            let mut b = enclosing_bound.clone();
            b.insert("__class__".to_string());
            b
        }
        _ => {
            let mut b = enclosing_bound.clone();
            b.extend(local.iter().cloned());
            b.extend(free.iter().cloned());
            b
        }
    };
    for g in &explicit_global {
        new_bound.remove(g);
    }
    let children = scopes[id].children.clone();
    let mut child_free = BTreeSet::new();
    for c in children {
        child_free.extend(analyze(scopes, c, &new_bound)?);
    }
    for name in child_free {
        if kind == ScopeKind::Class && name == "__class__" {
            scopes[id].needs_class_closure = true;
            continue;
        }
        let cur = scopes[id].scopes.get(&name).copied();
        match (kind.is_function(), cur) {
            (true, Some(NameScope::Local)) => {
                scopes[id].scopes.insert(name, NameScope::Cell);
            }
            (_, Some(NameScope::Free)) | (_, Some(NameScope::Cell)) => {}
            (false, Some(NameScope::Local)) => {
                scopes[id].free_class.insert(name.clone());
                free.insert(name);
            }
            (_, Some(NameScope::GlobalExplicit))
            | (_, Some(NameScope::GlobalImplicit))
            | (_, None) => {
                if kind == ScopeKind::Module {
                    continue;
                }
                if cur.is_none() {
                    // Pass-through free variable.
                    scopes[id].scopes.insert(name.clone(), NameScope::Free);
                    free.insert(name);
                } else if let Some(NameScope::GlobalImplicit) = cur {
                    scopes[id].scopes.insert(name.clone(), NameScope::Free);
                    free.insert(name);
                }
            }
        }
    }
    let _ = DEF_FREE_CLASS;
    Ok(free)
}
