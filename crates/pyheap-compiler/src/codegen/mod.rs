//! Code generation: AST → instructions, one `Unit` per code object.
//!
//! Read [`Compiler::compile_module`] first, then `stmt.rs` and `expr.rs`
//! (statement/expression visitors, shaped like CPython 3.11's `compile.c`),
//! `scope.rs` (entering/leaving code units, closures) and `unwind.rs`
//! (`return`/`break`/`continue` through `try`/`with`).
//! Invariants:
//! * While a unit is being built, jump operands hold *label ids*; `finish`
//!   resolves them to instruction indices (see `Unit::label`).
//! * `Unit::consts` holds unit-wide constants (`pool.rs`); equal constants
//!   get one index per unit and one id per compilation.
//! * Every emitted instruction gets `Unit::loc` as its location.

mod async_ops;
mod expr;
mod pattern;
mod scope;
mod stmt;
mod unwind;

use std::collections::HashMap;

use ruff_python_ast::Stmt;
use ruff_text_size::{Ranged, TextRange};

use crate::bytecode::{CodeKind, CodeUnit, Instruction, Location};
use crate::constant::Constant;
use crate::error::{CompileError, ErrorKind, Mode};
use crate::fold::FoldVal;
use crate::linemap::LineIndex;
use crate::pool::ConstPool;
use crate::symtable::{NameScope, ScopeKind, SymbolTable};

/// CPython's `STACK_USE_GUIDELINE`.
pub(crate) const STACK_USE_GUIDELINE: usize = 30;

/// A label: index into `Unit::labels`.
pub(crate) type LabelId = u32;

/// Frame-block kinds tracked at compile time (CPython's `fblocktype`).
#[derive(Clone)]
pub(crate) enum FBlock<'a> {
    WhileLoop {
        start: LabelId,
        end: LabelId,
    },
    ForLoop {
        start: LabelId,
        end: LabelId,
    },
    TryExcept,
    FinallyTry {
        body: &'a [Stmt],
    },
    FinallyEnd,
    With {
        range: TextRange,
        is_async: bool,
    },
    HandlerCleanup {
        name: Option<String>,
    },
    PopValue,
    ExceptionHandler,
    /// Inside an `except*` handler: `break`/`continue`/`return` may not
    /// leave it.
    ExceptionGroupHandler,
}

/// A code unit under construction.
pub(crate) struct Unit<'a> {
    pub scope: usize,
    pub kind: CodeKind,
    pub name: String,
    pub qualname: String,
    pub instrs: Vec<Instruction>,
    pub locs: Vec<Location>,
    pub labels: Vec<Option<u32>>,
    pub consts: Vec<Constant>,
    const_index: HashMap<u32, u32>,
    pub names: Vec<String>,
    name_index: HashMap<String, u32>,
    pub varnames: Vec<String>,
    var_index: HashMap<String, u32>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub fblocks: Vec<FBlock<'a>>,
    pub loc: Location,
    pub first_line: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub has_docstring: bool,
    /// Name of the innermost enclosing class (for private-name mangling).
    pub private: Option<String>,
}

impl<'a> Unit<'a> {
    /// Allocates a new, unplaced label.
    pub fn label(&mut self) -> LabelId {
        self.labels.push(None);
        (self.labels.len() - 1) as LabelId
    }
}

/// The compiler for one compilation unit.
pub(crate) struct Compiler<'a> {
    pub filename: String,
    pub source: &'a str,
    pub lines: LineIndex<'a>,
    pub symtable: SymbolTable,
    pub pool: ConstPool,
    pub units: Vec<Unit<'a>>,
    pub mode: Mode,
    /// A generator expression that is the sole call argument takes the
    /// call's parenthesized range as its location (CPython's AST).
    pub genexp_range: Option<(TextRange, TextRange)>,
    /// `from __future__ import annotations` is in effect.
    pub future_annotations: bool,
}

pub(crate) type CResult<T = ()> = Result<T, CompileError>;

impl<'a> Compiler<'a> {
    pub fn new(source: &'a str, filename: &str, symtable: SymbolTable, mode: Mode) -> Self {
        Compiler {
            filename: filename.to_string(),
            source,
            lines: LineIndex::new(source),
            symtable,
            pool: ConstPool::default(),
            units: Vec::new(),
            mode,
            genexp_range: None,
            future_annotations: false,
        }
    }

    /// The unit being built. Panics never: a unit is always pushed first.
    pub fn u(&mut self) -> &mut Unit<'a> {
        let n = self.units.len();
        &mut self.units[n.saturating_sub(1)]
    }

    pub fn ur(&self) -> &Unit<'a> {
        &self.units[self.units.len().saturating_sub(1)]
    }

    /// A SyntaxError at `range`.
    pub fn error(&self, msg: &str, range: TextRange) -> CompileError {
        crate::parse::make_error(
            ErrorKind::SyntaxError,
            msg,
            &self.filename,
            self.source,
            &self.lines,
            range,
        )
    }

    /// CPython's `update_start_location_to_match_attr`: for an attribute
    /// whose name is on a later line than the current location, start the
    /// location at the attribute name.
    pub fn match_attr_location(&mut self, attr: &ruff_python_ast::ExprAttribute) {
        let end = self.lines.location(attr.range);
        let len = attr.attr.id.len() as u32;
        let u = self.u();
        if u.loc.line != end.end_line {
            u.loc.line = end.end_line;
            if len <= end.end_col {
                u.loc.col = end.end_col - len;
            }
            u.loc.end_line = u.loc.end_line.max(u.loc.line);
            if u.loc.line == u.loc.end_line {
                u.loc.end_col = u.loc.end_col.max(u.loc.col);
            }
        }
    }

    pub fn set_loc(&mut self, range: TextRange) {
        let loc = self.lines.location(range);
        self.u().loc = loc;
    }

    pub fn emit(&mut self, i: Instruction) {
        let u = self.u();
        let loc = u.loc;
        u.instrs.push(i);
        u.locs.push(loc);
    }

    pub fn new_label(&mut self) -> LabelId {
        self.u().label()
    }

    /// Places `l` at the next instruction.
    pub fn bind(&mut self, l: LabelId) {
        let u = self.u();
        let pos = u.instrs.len() as u32;
        if let Some(slot) = u.labels.get_mut(l as usize) {
            *slot = Some(pos);
        }
    }

    /// Adds a constant (deduplicated per unit) and returns its index.
    pub fn add_const(&mut self, v: &FoldVal) -> u32 {
        let c = self.pool.intern(v);
        self.add_const_obj(c)
    }

    pub fn add_const_obj(&mut self, c: Constant) -> u32 {
        let u = self.u();
        if let Some(i) = u.const_index.get(&c.id) {
            return *i;
        }
        let i = u.consts.len() as u32;
        u.const_index.insert(c.id, i);
        u.consts.push(c);
        i
    }

    /// Loads `v`, the constant expression `e` folds to, recording the AST
    /// arena's extra references for identity-returning folds
    /// (`ConstPool::intern_folded`).
    pub fn load_folded(&mut self, e: &ruff_python_ast::Expr, v: &FoldVal) {
        let folds = crate::fold::identity_folds(e);
        if folds == 0 {
            return self.load_const(v);
        }
        let c = self.pool.intern_folded(v, folds);
        let i = self.add_const_obj(c);
        self.emit(Instruction::LoadConst(i));
    }

    pub fn load_const(&mut self, v: &FoldVal) {
        let i = self.add_const(v);
        self.emit(Instruction::LoadConst(i));
    }

    pub fn load_none(&mut self) {
        self.load_const(&FoldVal::None);
    }

    /// Index of `name` in `co_names`.
    pub fn name_idx(&mut self, name: &str) -> u32 {
        let u = self.u();
        if let Some(i) = u.name_index.get(name) {
            return *i;
        }
        let i = u.names.len() as u32;
        u.name_index.insert(name.to_string(), i);
        u.names.push(name.to_string());
        i
    }

    /// Index of `name` in `co_varnames`.
    pub fn var_idx(&mut self, name: &str) -> u32 {
        let u = self.u();
        if let Some(i) = u.var_index.get(name) {
            return *i;
        }
        let i = u.varnames.len() as u32;
        u.var_index.insert(name.to_string(), i);
        u.varnames.push(name.to_string());
        i
    }

    /// Cell slot of `name` (cellvars first, then freevars).
    pub fn cell_idx(&self, name: &str) -> u32 {
        let u = self.ur();
        if let Some(i) = u.cellvars.iter().position(|n| n == name) {
            return i as u32;
        }
        let i = u.freevars.iter().position(|n| n == name).unwrap_or(0);
        (u.cellvars.len() + i) as u32
    }

    /// CPython's `_Py_Mangle` for attribute names inside classes.
    pub fn mangle(&self, name: &str) -> String {
        match &self.ur().private {
            Some(class) => mangle(class, name),
            None => name.to_string(),
        }
    }

    pub fn scope_kind(&self) -> ScopeKind {
        self.symtable.scopes[self.ur().scope].kind
    }

    /// Emits the load/store/delete for a plain name (`compiler_nameop`).
    pub fn nameop(&mut self, name: &str, ctx: NameCtx) {
        let mangled = self.mangle(name);
        let name = mangled.as_str();
        let sid = self.ur().scope;
        let scope = &self.symtable.scopes[sid];
        let kind = scope.kind;
        let mut ns = scope.lookup(name);
        if kind == ScopeKind::Class && scope.free_class.contains(name) {
            ns = NameScope::Local;
        }
        use Instruction as I;
        match ns {
            NameScope::Free | NameScope::Cell => {
                let i = self.cell_idx(name);
                self.emit(match ctx {
                    NameCtx::Load if kind == ScopeKind::Class => I::LoadClassDeref(i),
                    NameCtx::Load => I::LoadDeref(i),
                    NameCtx::Store => I::StoreDeref(i),
                    NameCtx::Del => I::DeleteDeref(i),
                });
            }
            NameScope::Local if kind.is_function() => {
                let i = self.var_idx(name);
                self.emit(match ctx {
                    NameCtx::Load => I::LoadFast(i),
                    NameCtx::Store => I::StoreFast(i),
                    NameCtx::Del => I::DeleteFast(i),
                });
            }
            NameScope::GlobalExplicit => self.global_op(name, ctx),
            NameScope::GlobalImplicit if kind.is_function() => self.global_op(name, ctx),
            _ => {
                let i = self.name_idx(name);
                self.emit(match ctx {
                    NameCtx::Load => I::LoadName(i),
                    NameCtx::Store => I::StoreName(i),
                    NameCtx::Del => I::DeleteName(i),
                });
            }
        }
    }

    fn global_op(&mut self, name: &str, ctx: NameCtx) {
        let i = self.name_idx(name);
        self.emit(match ctx {
            NameCtx::Load => Instruction::LoadGlobal(i),
            NameCtx::Store => Instruction::StoreGlobal(i),
            NameCtx::Del => Instruction::DeleteGlobal(i),
        });
    }

    /// Compiles a whole module (`exec`/`single`) or expression (`eval`).
    /// Checks the `from __future__ import ...` statements at the start of
    /// the module (after the docstring) and records the features.
    fn future_features(&mut self, body: &[Stmt]) -> CResult {
        let start = usize::from(scope::docstring(body).is_some() && self.mode != Mode::Single);
        let mut in_prefix = true;
        for s in &body[start.min(body.len())..] {
            let Stmt::ImportFrom(i) = s else {
                in_prefix = false;
                continue;
            };
            if i.module.as_ref().map(|m| m.id.as_str()) != Some("__future__") || i.level != 0 {
                in_prefix = false;
                continue;
            }
            if !in_prefix {
                return Err(self.error(
                    "from __future__ imports must occur at the beginning of the file",
                    i.range,
                ));
            }
            for a in &i.names {
                match a.name.id.as_str() {
                    "annotations" => self.future_annotations = true,
                    "nested_scopes" | "generators" | "division" | "absolute_import"
                    | "with_statement" | "print_function" | "unicode_literals"
                    | "generator_stop" => {}
                    "braces" => return Err(self.error("not a chance", one_char(i.range))),
                    other => {
                        return Err(self.error(
                            &format!("future feature {other} is not defined"),
                            one_char(i.range),
                        ))
                    }
                }
            }
        }
        Ok(())
    }

    pub fn compile_module(&mut self, body: &'a [Stmt]) -> CResult<CodeUnit> {
        self.future_features(body)?;
        self.enter_scope(0, CodeKind::Module, "<module>", 1, TextRange::default());
        if self.mode == Mode::Single {
            if stmt::find_ann(body) {
                self.emit(Instruction::SetupAnnotations);
            }
            for s in body {
                self.stmt(s)?;
            }
        } else {
            self.body(body)?;
        }
        self.exit_scope_code(true)
    }

    /// `eval` mode.
    pub fn compile_expression(&mut self, e: &'a ruff_python_ast::Expr) -> CResult<CodeUnit> {
        self.enter_scope(0, CodeKind::Module, "<module>", 1, TextRange::default());
        self.set_loc(e.range());
        self.expr(e)?;
        self.emit(Instruction::ReturnValue);
        self.exit_scope_code(false)
    }
}

/// Name operation context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameCtx {
    Load,
    Store,
    Del,
}

/// The first character of a range (CPython errors without an end offset).
fn one_char(r: TextRange) -> TextRange {
    TextRange::new(r.start(), r.start() + ruff_text_size::TextSize::from(1))
}

/// `_Py_Mangle`: `__x` inside class `C` → `_C__x`.
pub(crate) fn mangle(class: &str, name: &str) -> String {
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}
