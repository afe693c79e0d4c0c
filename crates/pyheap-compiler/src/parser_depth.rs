//! CPython 3.11's parser stack limit: its PEG parser counts nested rule
//! calls and fails with a bare `MemoryError` when the count passes
//! `MAXSTACK` (6000). `eval('-' * 100000 + '1')` ends there, before the
//! compiler's own limit (`RecursionError ... during compilation`, at about
//! 3000 AST levels, `symtable.rs`) is reached.
//!
//! Read [`check`] first. pyheap parses with another parser, so the rule
//! depth is estimated: a base per mode plus, along each path of the AST,
//! the rule levels each construct adds per nesting (one for a unary
//! operator, `not` or an `else` branch; two for `**`'s right operand,
//! `and`/`or` operands after the first and lambda bodies; three for
//! comparison operands) plus, per enclosing bracket, the levels between an
//! expression and an atom (24 for call and subscript brackets, 28 for a
//! parenthesised group, 29 for list, set and dict displays; 3 more for
//! keyword and starred arguments), 6–8 per enclosing block statement and
//! a few per statement kind. The constants were measured with CPython
//! 3.11.7 (`compile()` of each construct nested n times, the smallest
//! failing n); they are exact for single chains in `eval` input and in simple
//! statements, approximate for mixes (a file's statement-level brackets
//! cost CPython less, as its assignment-target rules parse them first).

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_ast::visitor::{walk_expr, walk_stmt, Visitor};
use ruff_python_ast::{Expr, Mod, Operator, Stmt};
use ruff_text_size::{Ranged, TextSize};

use crate::error::{CompileError, ErrorKind, Mode};

/// `MAXSTACK` of CPython 3.11's generated parser.
const MAXSTACK: i64 = 6000;

/// Rule levels above the first expression: `eval` input, and a file's
/// expression statement.
const BASE_EVAL: i64 = 25;
const BASE_EXEC: i64 = 31;

/// `Err(MemoryError)` when CPython's parser would pass `MAXSTACK` on this
/// (successfully parsed) source.
pub fn check(
    module: &Mod,
    tokens: &Tokens,
    mode: Mode,
    filename: &str,
) -> Result<(), CompileError> {
    let mut v = DepthVisitor {
        brackets: bracket_weights(tokens),
        depth: 0,
        max: 0,
    };
    let base = match module {
        Mod::Expression(e) => {
            v.visit_expr(&e.body);
            BASE_EVAL
        }
        Mod::Module(m) => {
            for s in &m.body {
                v.visit_stmt(s);
            }
            if mode == Mode::Eval {
                BASE_EVAL
            } else {
                BASE_EXEC
            }
        }
    };
    if base + v.max <= MAXSTACK {
        return Ok(());
    }
    Err(CompileError::whole_source(
        ErrorKind::MemoryError,
        "",
        filename,
    ))
}

/// For each token start, the rule levels of the brackets open before it.
fn bracket_weights(tokens: &Tokens) -> Vec<(TextSize, i64)> {
    let mut out = Vec::new();
    let mut stack: Vec<i64> = Vec::new();
    let mut total = 0i64;
    let mut prev: Option<TokenKind> = None;
    for tok in tokens.iter() {
        let kind = tok.kind();
        out.push((tok.start(), total));
        // A bracket right after an operand is a call or subscript.
        let after_operand = matches!(
            prev,
            Some(
                TokenKind::Name
                    | TokenKind::Rpar
                    | TokenKind::Rsqb
                    | TokenKind::Rbrace
                    | TokenKind::String
                    | TokenKind::FStringEnd
            )
        );
        let opened = match kind {
            TokenKind::Lpar if after_operand => Some(24),
            TokenKind::Lpar => Some(28),
            TokenKind::Lsqb if after_operand => Some(24),
            TokenKind::Lsqb | TokenKind::Lbrace => Some(29),
            _ => None,
        };
        if let Some(w) = opened {
            stack.push(w);
            total += w;
        } else if matches!(kind, TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace) {
            total -= stack.pop().unwrap_or(0);
        }
        if !matches!(
            kind,
            TokenKind::Comment | TokenKind::NonLogicalNewline | TokenKind::Newline
        ) {
            prev = Some(kind);
        }
    }
    out
}

struct DepthVisitor {
    brackets: Vec<(TextSize, i64)>,
    /// Levels added by the enclosing constructs.
    depth: i64,
    /// The deepest estimate seen.
    max: i64,
}

impl DepthVisitor {
    fn bracket_weight(&self, pos: TextSize) -> i64 {
        let i = self.brackets.partition_point(|(s, _)| *s <= pos);
        if i == 0 {
            0
        } else {
            self.brackets[i - 1].1
        }
    }

    fn nested(&mut self, extra: i64, e: &Expr) {
        self.depth += extra;
        self.visit_expr(e);
        self.depth -= extra;
    }
}

impl<'a> Visitor<'a> for DepthVisitor {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        let extra = match stmt {
            Stmt::FunctionDef(_) => 7,
            Stmt::ClassDef(_) => 7,
            Stmt::If(_)
            | Stmt::For(_)
            | Stmt::While(_)
            | Stmt::With(_)
            | Stmt::Try(_)
            | Stmt::Match(_) => 6,
            Stmt::Assign(_) | Stmt::AugAssign(_) | Stmt::AnnAssign(_) => 2,
            Stmt::Return(_) => 1,
            Stmt::Assert(_) => -1,
            _ => 0,
        };
        self.depth += extra;
        walk_stmt(self, stmt);
        self.depth -= extra;
    }

    fn visit_expr(&mut self, e: &'a Expr) {
        let here = self.depth + self.bracket_weight(e.start());
        self.max = self.max.max(here);
        match e {
            Expr::UnaryOp(u) => self.nested(1, &u.operand),
            Expr::BinOp(b) if b.op == Operator::Pow => {
                self.visit_expr(&b.left);
                self.nested(2, &b.right);
            }
            Expr::BoolOp(b) => {
                for (i, x) in b.values.iter().enumerate() {
                    self.nested(if i == 0 { 0 } else { 2 }, x);
                }
            }
            Expr::Compare(c) => {
                self.visit_expr(&c.left);
                for x in c.comparators.iter() {
                    self.nested(3, x);
                }
            }
            Expr::If(i) => {
                self.visit_expr(&i.test);
                self.visit_expr(&i.body);
                self.nested(1, &i.orelse);
            }
            Expr::Lambda(l) => self.nested(2, &l.body),
            Expr::Call(c) => {
                self.visit_expr(&c.func);
                for a in c.arguments.args.iter() {
                    let extra = if matches!(a, Expr::Starred(_)) { 3 } else { 0 };
                    self.nested(extra, a);
                }
                for k in c.arguments.keywords.iter() {
                    self.nested(3, &k.value);
                }
            }
            _ => walk_expr(self, e),
        }
    }
}
