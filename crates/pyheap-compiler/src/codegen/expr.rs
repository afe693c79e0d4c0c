//! Expression code generation (CPython 3.11 `compiler_visit_expr1` shapes).
//!
//! Read [`Compiler::expr`] first. Every expression first tries
//! `fold::fold_expr`; a foldable expression becomes one `LoadConst`.

use ruff_python_ast::{self as ast, BoolOp, CmpOp, Expr, Operator, UnaryOp};
use ruff_text_size::{Ranged, TextRange};

use super::scope::{iter_const, CompKind};
use super::{CResult, Compiler, NameCtx, STACK_USE_GUIDELINE};
use crate::bytecode::{BinaryOperator as B, ComparisonOperator, Conversion, Instruction as I};
use crate::fold::{self, FoldVal};

/// Maps an AST operator to the instruction operator.
pub(crate) fn binop(op: Operator, inplace: bool) -> B {
    let b = match op {
        Operator::Add => B::Add,
        Operator::Sub => B::Subtract,
        Operator::Mult => B::Multiply,
        Operator::MatMult => B::MatrixMultiply,
        Operator::Div => B::TrueDivide,
        Operator::Mod => B::Remainder,
        Operator::Pow => B::Power,
        Operator::LShift => B::Lshift,
        Operator::RShift => B::Rshift,
        Operator::BitOr => B::Or,
        Operator::BitXor => B::Xor,
        Operator::BitAnd => B::And,
        Operator::FloorDiv => B::FloorDivide,
    };
    if !inplace {
        return b;
    }
    match b {
        B::Add => B::InplaceAdd,
        B::Subtract => B::InplaceSubtract,
        B::Multiply => B::InplaceMultiply,
        B::MatrixMultiply => B::InplaceMatrixMultiply,
        B::TrueDivide => B::InplaceTrueDivide,
        B::Remainder => B::InplaceRemainder,
        B::Power => B::InplacePower,
        B::Lshift => B::InplaceLshift,
        B::Rshift => B::InplaceRshift,
        B::Or => B::InplaceOr,
        B::Xor => B::InplaceXor,
        B::And => B::InplaceAnd,
        B::FloorDivide => B::InplaceFloorDivide,
        other => other,
    }
}

fn compare_instr(op: CmpOp) -> I {
    match op {
        CmpOp::Eq => I::CompareOp(ComparisonOperator::Equal),
        CmpOp::NotEq => I::CompareOp(ComparisonOperator::NotEqual),
        CmpOp::Lt => I::CompareOp(ComparisonOperator::Less),
        CmpOp::LtE => I::CompareOp(ComparisonOperator::LessEqual),
        CmpOp::Gt => I::CompareOp(ComparisonOperator::Greater),
        CmpOp::GtE => I::CompareOp(ComparisonOperator::GreaterEqual),
        CmpOp::Is => I::IsOp { invert: false },
        CmpOp::IsNot => I::IsOp { invert: true },
        CmpOp::In => I::ContainsOp { invert: false },
        CmpOp::NotIn => I::ContainsOp { invert: true },
    }
}

fn invert_cmp(op: CmpOp) -> Option<CmpOp> {
    Some(match op {
        CmpOp::Is => CmpOp::IsNot,
        CmpOp::IsNot => CmpOp::Is,
        CmpOp::In => CmpOp::NotIn,
        CmpOp::NotIn => CmpOp::In,
        _ => return None,
    })
}

/// One piece of a flattened f-string (or of a `%`-format rewritten into
/// one, see `optimize_format`).
enum FPiece<'a> {
    Lit(String),
    Value {
        expr: &'a Expr,
        conversion: Conversion,
        spec: Spec<'a>,
    },
}

/// Format spec of an f-string replacement field.
enum Spec<'a> {
    None,
    Elements(&'a ast::InterpolatedStringElements),
    Const(String),
}

fn flatten_elements<'a>(els: &'a ast::InterpolatedStringElements, out: &mut Vec<FPiece<'a>>) {
    for el in els.iter() {
        match el {
            ast::InterpolatedStringElement::Literal(l) => push_lit(out, &l.value),
            ast::InterpolatedStringElement::Interpolation(i) => {
                if let Some(d) = &i.debug_text {
                    push_lit(out, d.as_str());
                }
                let mut conversion = match i.conversion {
                    ast::ConversionFlag::None => Conversion::None,
                    ast::ConversionFlag::Str => Conversion::Str,
                    ast::ConversionFlag::Repr => Conversion::Repr,
                    ast::ConversionFlag::Ascii => Conversion::Ascii,
                };
                if i.debug_text.is_some()
                    && conversion == Conversion::None
                    && i.format_spec.is_none()
                {
                    conversion = Conversion::Repr;
                }
                let spec = match &i.format_spec {
                    Some(spec) => Spec::Elements(&spec.elements),
                    None => Spec::None,
                };
                out.push(FPiece::Value {
                    expr: &i.expression,
                    conversion,
                    spec,
                });
            }
        }
    }
}

/// 3.11's `optimize_format`: `'lit %s lit %r' % (a, b)` with only
/// `%s`/`%r`/`%a` units (optional `-` flag, width, precision; < 3 digits)
/// and exactly as many units as items becomes an f-string.
fn optimize_format<'a>(fmt: &str, elts: &'a [Expr]) -> Option<Vec<FPiece<'a>>> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut pos = 0;
    let mut cnt = 0;
    let mut out = Vec::new();
    loop {
        // Literal run (with %% → %).
        let start = pos;
        let mut lit = String::new();
        while pos < chars.len() {
            if chars[pos] != '%' {
                lit.push(chars[pos]);
                pos += 1;
            } else if pos + 1 < chars.len() && chars[pos + 1] == '%' {
                lit.push('%');
                pos += 2;
            } else {
                break;
            }
        }
        if pos > start {
            out.push(FPiece::Lit(lit));
        }
        if pos >= chars.len() {
            break;
        }
        if cnt >= elts.len() {
            return None;
        }
        pos += 1; // the '%'
        let next = |pos: &mut usize| -> Option<char> {
            let c = chars.get(*pos).copied();
            *pos += 1;
            c
        };
        let mut ljust = false;
        let mut ch;
        loop {
            ch = next(&mut pos)?;
            match ch {
                '-' => ljust = true,
                '+' | ' ' | '#' | '0' => {}
                _ => break,
            }
        }
        let mut width: i64 = -1;
        let mut prec: i64 = -1;
        if ch.is_ascii_digit() {
            width = 0;
            let mut digits = 0;
            while ch.is_ascii_digit() {
                width = width * 10 + ch.to_digit(10)? as i64;
                ch = next(&mut pos)?;
                digits += 1;
                if digits >= 3 {
                    return None;
                }
            }
        }
        if ch == '.' {
            ch = next(&mut pos)?;
            prec = 0;
            let mut digits = 0;
            while ch.is_ascii_digit() {
                prec = prec * 10 + ch.to_digit(10)? as i64;
                ch = next(&mut pos)?;
                digits += 1;
                if digits >= 3 {
                    return None;
                }
            }
        }
        let conversion = match ch {
            's' => Conversion::Str,
            'r' => Conversion::Repr,
            'a' => Conversion::Ascii,
            _ => return None,
        };
        let mut spec = String::new();
        if !ljust && width > 0 {
            spec.push('>');
        }
        if width >= 0 {
            spec.push_str(&width.to_string());
        }
        if prec >= 0 {
            spec.push('.');
            spec.push_str(&prec.to_string());
        }
        out.push(FPiece::Value {
            expr: &elts[cnt],
            conversion,
            spec: if spec.is_empty() {
                Spec::None
            } else {
                Spec::Const(spec)
            },
        });
        cnt += 1;
    }
    if cnt < elts.len() {
        return None;
    }
    Some(out)
}

fn push_lit(out: &mut Vec<FPiece<'_>>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(FPiece::Lit(prev)) = out.last_mut() {
        prev.push_str(s);
    } else {
        out.push(FPiece::Lit(s.to_string()));
    }
}

fn has_starred(elts: &[Expr]) -> bool {
    elts.iter().any(|e| matches!(e, Expr::Starred(_)))
}

/// Sequence-builder instruction family for `starunpack_helper`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seq {
    List,
    Set,
    Tuple,
}

impl<'a> Compiler<'a> {
    /// Compiles an expression in load context, leaving its value on TOS.
    pub(crate) fn expr(&mut self, e: &'a Expr) -> CResult {
        let saved = self.ur().loc;
        self.set_loc(e.range());
        let r = self.expr1(e);
        self.u().loc = saved;
        r
    }

    fn expr1(&mut self, e: &'a Expr) -> CResult {
        if let Some(v) = fold::fold_expr(e) {
            self.load_folded(e, &v);
            return Ok(());
        }
        match e {
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let n = b.values.len();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < n {
                        self.emit(match b.op {
                            BoolOp::And => I::JumpIfFalseOrPop(end),
                            BoolOp::Or => I::JumpIfTrueOrPop(end),
                        });
                    }
                }
                self.bind(end);
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(I::Copy(1));
                self.store_target(&n.target)?;
            }
            Expr::BinOp(b) => {
                if b.op == Operator::Mod {
                    if let (Some(FoldVal::Str(fmt)), Expr::Tuple(t)) =
                        (fold::fold_expr(&b.left), &*b.right)
                    {
                        if !has_starred(&t.elts) && fold::fold_expr(&b.right).is_none() {
                            if let Some(pieces) = optimize_format(&fmt, &t.elts) {
                                return self.joined(pieces, false);
                            }
                        }
                    }
                }
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(I::BinaryOp(binop(b.op, false)));
            }
            Expr::UnaryOp(u) => {
                if u.op == UnaryOp::Not {
                    if let Expr::Compare(c) = &*u.operand {
                        if c.ops.len() == 1 {
                            if let Some(inv) = invert_cmp(c.ops[0]) {
                                return self.compare(&c.left, &[inv], &c.comparators);
                            }
                        }
                    }
                }
                self.expr(&u.operand)?;
                self.emit(match u.op {
                    UnaryOp::Not => I::UnaryNot,
                    UnaryOp::Invert => I::UnaryInvert,
                    UnaryOp::UAdd => I::UnaryPositive,
                    UnaryOp::USub => I::UnaryNegative,
                });
            }
            Expr::Lambda(l) => self.lambda(l)?,
            Expr::If(i) => {
                let end = self.new_label();
                let next = self.new_label();
                self.jump_if(&i.test, next, false)?;
                self.expr(&i.body)?;
                self.emit(I::Jump(end));
                self.bind(next);
                self.expr(&i.orelse)?;
                self.bind(end);
            }
            Expr::Dict(d) => self.dict(d)?,
            Expr::Set(s) => self.starunpack(&s.elts, 0, Seq::Set)?,
            Expr::ListComp(c) => {
                self.comprehension(c.range, CompKind::List, &c.generators, &c.elt, None)?
            }
            Expr::SetComp(c) => {
                self.comprehension(c.range, CompKind::Set, &c.generators, &c.elt, None)?
            }
            Expr::DictComp(c) => match &c.key {
                Some(k) => {
                    self.comprehension(c.range, CompKind::Dict, &c.generators, k, Some(&c.value))?
                }
                None => {
                    return Err(self.error(
                        "dict unpacking cannot be used in dict comprehension",
                        c.range,
                    ))
                }
            },
            Expr::Generator(g) => {
                self.comprehension(g.range, CompKind::Gen, &g.generators, &g.elt, None)?
            }
            Expr::Await(a) => self.await_expr(a)?,
            Expr::Yield(y) => {
                if !self.scope_kind().is_function() {
                    return Err(self.error("'yield' outside function", y.range));
                }
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => self.load_none(),
                }
                if self.in_async_generator() {
                    self.emit(I::AsyncGenWrap);
                }
                self.emit(I::YieldValue);
            }
            Expr::YieldFrom(y) => {
                if !self.scope_kind().is_function() {
                    return Err(self.error("'yield' outside function", y.range));
                }
                self.check_yield_from(y.range)?;
                self.expr(&y.value)?;
                self.emit(I::GetYieldFromIter);
                self.load_none();
                self.emit(I::YieldFrom);
            }
            Expr::Compare(c) => {
                let ops: Vec<CmpOp> = c.ops.to_vec();
                self.compare(&c.left, &ops, &c.comparators)?;
            }
            Expr::Call(c) => self.call(c)?,
            Expr::FString(f) => self.fstring(f)?,
            Expr::TString(t) => return Err(self.error("invalid syntax", t.range)),
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {
                // Only reachable when the literal cannot be represented
                // (e.g. an unparsable int); report it.
                return Err(self.error("invalid literal", e.range()));
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                self.match_attr_location(a);
                let name = self.mangle(&a.attr.id);
                let i = self.name_idx(&name);
                self.emit(I::LoadAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_key(&s.slice)?;
                self.emit(I::BinarySubscr);
            }
            Expr::Starred(s) => {
                return Err(self.error("can't use starred expression here", s.range))
            }
            Expr::Name(n) => self.nameop(&n.id, NameCtx::Load),
            Expr::List(l) => self.starunpack(&l.elts, 0, Seq::List)?,
            Expr::Tuple(t) => self.starunpack(&t.elts, 0, Seq::Tuple)?,
            Expr::Slice(s) => self.slice(s)?,
            Expr::IpyEscapeCommand(c) => return Err(self.error("invalid syntax", c.range)),
        }
        Ok(())
    }

    /// The key of a subscript: slices become `BuildSlice`.
    pub(crate) fn subscript_key(&mut self, key: &'a Expr) -> CResult {
        match key {
            Expr::Slice(s) => {
                let saved = self.ur().loc;
                self.set_loc(key.range());
                self.slice(s)?;
                self.u().loc = saved;
                Ok(())
            }
            _ => self.expr(key),
        }
    }

    fn slice(&mut self, s: &'a ast::ExprSlice) -> CResult {
        match &s.lower {
            Some(l) => self.expr(l)?,
            None => self.load_none(),
        }
        match &s.upper {
            Some(u) => self.expr(u)?,
            None => self.load_none(),
        }
        match &s.step {
            Some(st) => {
                self.expr(st)?;
                self.emit(I::BuildSlice(3));
            }
            None => self.emit(I::BuildSlice(2)),
        }
        Ok(())
    }

    /// `for`/comprehension iterable with `fold_iter` applied.
    pub(crate) fn iter_expr(&mut self, e: &'a Expr) -> CResult {
        if let Some(v) = iter_const(e) {
            let saved = self.ur().loc;
            self.set_loc(e.range());
            self.load_const(&v);
            self.u().loc = saved;
            return Ok(());
        }
        if let Expr::List(l) = e {
            if !has_starred(&l.elts) {
                let saved = self.ur().loc;
                self.set_loc(e.range());
                self.starunpack(&l.elts, 0, Seq::Tuple)?;
                self.u().loc = saved;
                return Ok(());
            }
        }
        self.expr(e)
    }

    fn compare(&mut self, left: &'a Expr, ops: &[CmpOp], comparators: &'a [Expr]) -> CResult {
        let n = ops.len();
        self.expr(left)?;
        let last_is_in = matches!(ops.last(), Some(CmpOp::In | CmpOp::NotIn));
        let visit = |this: &mut Self, i: usize| -> CResult {
            if last_is_in && i + 1 == n {
                this.iter_expr(&comparators[i])
            } else {
                this.expr(&comparators[i])
            }
        };
        if n == 1 {
            visit(self, 0)?;
            self.emit(compare_instr(ops[0]));
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for (i, op) in ops.iter().enumerate().take(n - 1) {
            visit(self, i)?;
            self.emit(I::Swap(2));
            self.emit(I::Copy(2));
            self.emit(compare_instr(*op));
            self.emit(I::JumpIfFalseOrPop(cleanup));
        }
        visit(self, n - 1)?;
        self.emit(compare_instr(ops[n - 1]));
        self.emit(I::Jump(end));
        self.bind(cleanup);
        self.emit(I::Swap(2));
        self.emit(I::PopTop);
        self.bind(end);
        Ok(())
    }

    /// Conditional jump on an expression (`compiler_jump_if`).
    pub(crate) fn jump_if(&mut self, e: &'a Expr, target: u32, cond: bool) -> CResult {
        match e {
            Expr::UnaryOp(u) if u.op == UnaryOp::Not && fold::fold_expr(e).is_none() => {
                return self.jump_if(&u.operand, target, !cond);
            }
            Expr::BoolOp(b) if !b.values.is_empty() => {
                let cond2 = b.op == BoolOp::Or;
                let next2 = if cond != cond2 {
                    Some(self.new_label())
                } else {
                    None
                };
                let n = b.values.len();
                for v in &b.values[..n - 1] {
                    self.jump_if(v, next2.unwrap_or(target), cond2)?;
                }
                self.jump_if(&b.values[n - 1], target, cond)?;
                if let Some(l) = next2 {
                    self.bind(l);
                }
                return Ok(());
            }
            Expr::If(i) if fold::fold_expr(e).is_none() => {
                let end = self.new_label();
                let next2 = self.new_label();
                self.jump_if(&i.test, next2, false)?;
                self.jump_if(&i.body, target, cond)?;
                self.emit(I::Jump(end));
                self.bind(next2);
                self.jump_if(&i.orelse, target, cond)?;
                self.bind(end);
                return Ok(());
            }
            // NOTE: CPython 3.11 sets the location to the comparison here and
            // does not restore it, so the following instructions (e.g. an
            // assert's `AssertionError(msg)` call) carry the comparison's
            // position; we reproduce that for identical tracebacks.
            Expr::Compare(c) if c.ops.len() > 1 => {
                self.set_loc(c.range);
                return self.jump_if_chain(c, target, cond);
            }
            Expr::Compare(c) => self.set_loc(c.range),
            _ => {}
        }
        self.expr(e)?;
        self.emit(if cond {
            I::PopJumpIfTrue(target)
        } else {
            I::PopJumpIfFalse(target)
        });
        Ok(())
    }

    fn jump_if_chain(&mut self, c: &'a ast::ExprCompare, target: u32, cond: bool) -> CResult {
        let n = c.ops.len();
        let cleanup = self.new_label();
        self.expr(&c.left)?;
        for i in 0..n - 1 {
            self.expr(&c.comparators[i])?;
            self.emit(I::Swap(2));
            self.emit(I::Copy(2));
            self.emit(compare_instr(c.ops[i]));
            self.emit(I::PopJumpIfFalse(cleanup));
        }
        if matches!(c.ops[n - 1], CmpOp::In | CmpOp::NotIn) {
            self.iter_expr(&c.comparators[n - 1])?;
        } else {
            self.expr(&c.comparators[n - 1])?;
        }
        self.emit(compare_instr(c.ops[n - 1]));
        self.emit(if cond {
            I::PopJumpIfTrue(target)
        } else {
            I::PopJumpIfFalse(target)
        });
        let end = self.new_label();
        self.emit(I::Jump(end));
        self.bind(cleanup);
        self.emit(I::PopTop);
        if !cond {
            self.emit(I::Jump(target));
        }
        self.bind(end);
        Ok(())
    }

    /// Store to an assignment target.
    pub(crate) fn store_target(&mut self, t: &'a Expr) -> CResult {
        let saved = self.ur().loc;
        self.set_loc(t.range());
        let r = self.store_target1(t);
        self.u().loc = saved;
        r
    }

    fn store_target1(&mut self, t: &'a Expr) -> CResult {
        match t {
            Expr::Name(n) => {
                if n.id.as_str() == "__debug__" {
                    return Err(self.error("cannot assign to __debug__", n.range));
                }
                self.nameop(&n.id, NameCtx::Store);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                self.set_loc(t.range());
                self.match_attr_location(a);
                let name = self.mangle(&a.attr.id);
                let i = self.name_idx(&name);
                self.emit(I::StoreAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_key(&s.slice)?;
                self.set_loc(t.range());
                self.emit(I::StoreSubscr);
            }
            Expr::Tuple(tu) => self.unpack_store(&tu.elts, t.range())?,
            Expr::List(l) => self.unpack_store(&l.elts, t.range())?,
            Expr::Starred(s) => {
                return Err(self.error(
                    "starred assignment target must be in a list or tuple",
                    s.range,
                ))
            }
            other => return Err(self.error("cannot assign to expression", other.range())),
        }
        Ok(())
    }

    fn unpack_store(&mut self, elts: &'a [Expr], range: TextRange) -> CResult {
        let mut star: Option<usize> = None;
        for (i, e) in elts.iter().enumerate() {
            if matches!(e, Expr::Starred(_)) {
                if star.is_some() {
                    return Err(self.error("multiple starred expressions in assignment", range));
                }
                star = Some(i);
            }
        }
        match star {
            Some(i) => {
                let after = elts.len() - i - 1;
                if i >= 256 || after >= (1 << 24) {
                    return Err(
                        self.error("too many expressions in star-unpacking assignment", range)
                    );
                }
                self.emit(I::UnpackEx {
                    before: i as u32,
                    after: after as u32,
                });
            }
            None => self.emit(I::UnpackSequence(elts.len() as u32)),
        }
        for e in elts {
            match e {
                Expr::Starred(s) => self.store_target(&s.value)?,
                _ => self.store_target(e)?,
            }
        }
        Ok(())
    }

    /// `starunpack_helper`: list/set/tuple displays (and call args).
    fn starunpack(&mut self, elts: &'a [Expr], pushed: u32, kind: Seq) -> CResult {
        let n = elts.len();
        if n > 2 {
            let consts: Option<Vec<FoldVal>> = elts.iter().map(fold::fold_expr).collect();
            if let Some(items) = consts {
                let folded = match kind {
                    Seq::Set => fold::make_frozenset(items),
                    _ => FoldVal::Tuple(items),
                };
                if kind == Seq::Tuple && pushed == 0 {
                    self.load_const(&folded);
                    return Ok(());
                }
                let (build, extend) = match kind {
                    Seq::Set => (I::BuildSet(pushed), I::SetUpdate(1)),
                    _ => (I::BuildList(pushed), I::ListExtend(1)),
                };
                self.emit(build);
                self.load_const(&folded);
                self.emit(extend);
                if kind == Seq::Tuple {
                    self.emit(I::ListToTuple);
                }
                return Ok(());
            }
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = has_starred(elts);
        let build = |k: Seq, c: u32| match k {
            Seq::Set => I::BuildSet(c),
            Seq::List => I::BuildList(c),
            Seq::Tuple => I::BuildList(c),
        };
        if !seen_star && !big {
            for e in elts {
                self.expr(e)?;
            }
            let total = n as u32 + pushed;
            self.emit(match kind {
                Seq::Tuple => I::BuildTuple(total),
                Seq::List => I::BuildList(total),
                Seq::Set => I::BuildSet(total),
            });
            return Ok(());
        }
        let (add, extend) = match kind {
            Seq::Set => (I::SetAdd(1), I::SetUpdate(1)),
            _ => (I::ListAppend(1), I::ListExtend(1)),
        };
        let mut built = false;
        if big {
            self.emit(build(kind, pushed));
            built = true;
        }
        for (i, e) in elts.iter().enumerate() {
            if let Expr::Starred(s) = e {
                if !built {
                    self.emit(build(kind, i as u32 + pushed));
                    built = true;
                }
                self.expr(&s.value)?;
                self.emit(extend);
            } else {
                self.expr(e)?;
                if built {
                    self.emit(add);
                }
            }
        }
        if !built {
            self.emit(build(kind, n as u32 + pushed));
        }
        if kind == Seq::Tuple {
            self.emit(I::ListToTuple);
        }
        Ok(())
    }

    fn dict(&mut self, d: &'a ast::ExprDict) -> CResult {
        let items: Vec<&'a ast::DictItem> = d.items.iter().collect();
        let n = items.len();
        let mut have_dict = false;
        let mut elements = 0usize;
        for i in 0..n {
            if items[i].key.is_none() {
                if elements > 0 {
                    self.subdict(&items[i - elements..i])?;
                    if have_dict {
                        self.emit(I::DictUpdate(1));
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit(I::BuildMap(0));
                    have_dict = true;
                }
                self.expr(&items[i].value)?;
                self.emit(I::DictUpdate(1));
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(&items[i - elements..=i])?;
                if have_dict {
                    self.emit(I::DictUpdate(1));
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(&items[n - elements..n])?;
            if have_dict {
                self.emit(I::DictUpdate(1));
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit(I::BuildMap(0));
        }
        Ok(())
    }

    fn subdict(&mut self, items: &[&'a ast::DictItem]) -> CResult {
        let n = items.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            let keys: Option<Vec<FoldVal>> = items
                .iter()
                .map(|it| it.key.as_ref().and_then(fold::fold_expr))
                .collect();
            if let Some(keys) = keys {
                for it in items {
                    self.expr(&it.value)?;
                }
                self.load_const(&FoldVal::Tuple(keys));
                self.emit(I::BuildConstKeyMap(n as u32));
                return Ok(());
            }
        }
        if big {
            self.emit(I::BuildMap(0));
        }
        for it in items {
            if let Some(k) = &it.key {
                self.expr(k)?;
            }
            self.expr(&it.value)?;
            if big {
                self.emit(I::MapAdd(1));
            }
        }
        if !big {
            self.emit(I::BuildMap(n as u32));
        }
        Ok(())
    }

    fn call(&mut self, c: &'a ast::ExprCall) -> CResult {
        let args = &c.arguments;
        if let ([Expr::Generator(g)], true) = (&*args.args, args.keywords.is_empty()) {
            if !g.parenthesized {
                self.genexp_range = Some((g.range, args.range));
            }
        }
        if let Expr::Attribute(a) = &*c.func {
            let nargs = args.args.len();
            let nkw = args.keywords.len();
            let simple = !has_starred(&args.args)
                && args.keywords.iter().all(|k| k.arg.is_some())
                && nargs + nkw + usize::from(nkw != 0) < STACK_USE_GUIDELINE;
            if simple && a.ctx.is_load() {
                self.check_keywords(&args.keywords)?;
                self.expr(&a.value)?;
                let name = self.mangle(&a.attr.id);
                let i = self.name_idx(&name);
                let (end_line, _) = self.lines.line_col(a.range.end().to_usize());
                self.u().loc.line = end_line;
                self.emit(I::LoadMethod(i));
                for e in args.args.iter() {
                    self.expr(e)?;
                }
                for k in &args.keywords {
                    self.expr(&k.value)?;
                }
                self.set_loc(c.range());
                self.match_attr_location(a);
                self.kw_names(&args.keywords);
                self.emit(I::Call((nargs + nkw) as u32));
                return Ok(());
            }
        }
        self.emit(I::PushNull);
        self.expr(&c.func)?;
        self.set_loc(c.range());
        self.call_helper(0, &args.args, &args.keywords)
    }

    fn check_keywords(&self, keywords: &[ast::Keyword]) -> CResult {
        for (i, k) in keywords.iter().enumerate() {
            if let Some(name) = &k.arg {
                if keywords[i + 1..]
                    .iter()
                    .any(|o| o.arg.as_ref().map(|a| a.id == name.id).unwrap_or(false))
                {
                    let dup = keywords[i + 1..]
                        .iter()
                        .find(|o| o.arg.as_ref().map(|a| a.id == name.id).unwrap_or(false))
                        .map_or(k.range, |o| o.range);
                    return Err(self.error(&format!("keyword argument repeated: {}", name.id), dup));
                }
            }
        }
        Ok(())
    }

    fn kw_names(&mut self, keywords: &[ast::Keyword]) {
        if keywords.is_empty() {
            return;
        }
        let names: Vec<FoldVal> = keywords
            .iter()
            .map(|k| FoldVal::Str(k.arg.as_ref().map(|a| a.id.to_string()).unwrap_or_default()))
            .collect();
        let i = self.add_const(&FoldVal::Tuple(names));
        self.emit(I::KwNames(i));
    }

    /// `compiler_call_helper`: `n` positional values already pushed.
    pub(crate) fn call_helper(
        &mut self,
        n: u32,
        args: &'a [Expr],
        keywords: &'a [ast::Keyword],
    ) -> CResult {
        self.check_keywords(keywords)?;
        let nelts = args.len();
        let nkw = keywords.len();
        let ex_call = nelts + nkw * 2 > STACK_USE_GUIDELINE
            || has_starred(args)
            || keywords.iter().any(|k| k.arg.is_none());
        if !ex_call {
            for e in args {
                self.expr(e)?;
            }
            for k in keywords {
                self.expr(&k.value)?;
            }
            self.kw_names(keywords);
            self.emit(I::Call(n + (nelts + nkw) as u32));
            return Ok(());
        }
        if n == 0 && nelts == 1 {
            if let Some(Expr::Starred(s)) = args.first() {
                self.expr(&s.value)?;
            } else {
                self.starunpack(args, n, Seq::Tuple)?;
            }
        } else {
            self.starunpack(args, n, Seq::Tuple)?;
        }
        if nkw > 0 {
            let mut have_dict = false;
            let mut nseen = 0usize;
            for (i, k) in keywords.iter().enumerate() {
                if k.arg.is_none() {
                    if nseen > 0 {
                        self.subkwargs(&keywords[i - nseen..i])?;
                        if have_dict {
                            self.emit(I::DictMerge(1));
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.emit(I::BuildMap(0));
                        have_dict = true;
                    }
                    self.expr(&k.value)?;
                    self.emit(I::DictMerge(1));
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.subkwargs(&keywords[nkw - nseen..])?;
                if have_dict {
                    self.emit(I::DictMerge(1));
                }
            }
        }
        self.emit(I::CallFunctionEx {
            has_kwargs: nkw > 0,
        });
        Ok(())
    }

    fn subkwargs(&mut self, kws: &'a [ast::Keyword]) -> CResult {
        let n = kws.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        let name = |k: &ast::Keyword| k.arg.as_ref().map(|a| a.id.to_string()).unwrap_or_default();
        if n > 1 && !big {
            for k in kws {
                self.expr(&k.value)?;
            }
            let keys = FoldVal::Tuple(kws.iter().map(|k| FoldVal::Str(name(k))).collect());
            self.load_const(&keys);
            self.emit(I::BuildConstKeyMap(n as u32));
            return Ok(());
        }
        if big {
            self.emit(I::BuildMap(0));
        }
        for k in kws {
            self.load_const(&FoldVal::Str(name(k)));
            self.expr(&k.value)?;
            if big {
                self.emit(I::MapAdd(1));
            }
        }
        if !big {
            self.emit(I::BuildMap(n as u32));
        }
        Ok(())
    }

    fn fstring(&mut self, f: &'a ast::ExprFString) -> CResult {
        let mut pieces: Vec<FPiece<'a>> = Vec::new();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(l) => push_lit(&mut pieces, &l.value),
                ast::FStringPart::FString(fs) => flatten_elements(&fs.elements, &mut pieces),
            }
        }
        self.joined(pieces, true)
    }

    /// `compiler_joined_str` over flattened pieces. `top` f-strings with no
    /// values are a constant string.
    fn joined(&mut self, pieces: Vec<FPiece<'a>>, _top: bool) -> CResult {
        if pieces.iter().all(|p| matches!(p, FPiece::Lit(_))) {
            let s: String = pieces
                .iter()
                .map(|p| match p {
                    FPiece::Lit(s) => s.as_str(),
                    FPiece::Value { .. } => "",
                })
                .collect();
            self.load_const(&FoldVal::Str(s));
            return Ok(());
        }
        let n = pieces.len();
        if n > STACK_USE_GUIDELINE {
            self.load_const(&FoldVal::Str(String::new()));
            let j = self.name_idx("join");
            self.emit(I::LoadMethod(j));
            self.emit(I::BuildList(0));
            for p in pieces {
                self.fpiece(p)?;
                self.emit(I::ListAppend(1));
            }
            self.emit(I::Call(1));
        } else {
            for p in pieces {
                self.fpiece(p)?;
            }
            if n != 1 {
                self.emit(I::BuildString(n as u32));
            }
        }
        Ok(())
    }

    fn fpiece(&mut self, p: FPiece<'a>) -> CResult {
        match p {
            FPiece::Lit(s) => self.load_const(&FoldVal::Str(s)),
            FPiece::Value {
                expr,
                conversion,
                spec,
            } => {
                self.expr(expr)?;
                let has_spec = match spec {
                    Spec::Elements(elements) => {
                        let mut inner = Vec::new();
                        flatten_elements(elements, &mut inner);
                        if inner.is_empty() {
                            self.load_const(&FoldVal::Str(String::new()));
                        } else {
                            self.joined(inner, false)?;
                        }
                        true
                    }
                    Spec::Const(c) => {
                        self.load_const(&FoldVal::Str(c));
                        true
                    }
                    Spec::None => false,
                };
                self.emit(I::FormatValue {
                    conversion,
                    has_spec,
                });
            }
        }
        Ok(())
    }
}
