//! `match` statements (PEP 634) compiled as CPython 3.11 compiles them:
//! value, singleton, capture, wildcard, `as`, `|`, sequence (with one
//! star), mapping (with `**rest`) and class patterns, with guards, using
//! the `MatchSequence`/`MatchMapping`/`MatchKeys`/`MatchClass`/`GetLen`
//! instructions.
//!
//! Read [`Compiler::match_stmt`] first, then [`Compiler::pattern`].
//!
//! Invariants (3.11's `pattern_context`):
//! - a pattern is entered with its subject on TOS and always consumes it;
//! - captured values are not stored while matching: each one is rotated
//!   down the stack below the `on_top` in-flight items and the earlier
//!   captures, and its name appended to `stores` (so `stores[0]`'s value is
//!   the topmost capture). Only when the whole case pattern matched are the
//!   names stored, in `stores` order — a failed pattern binds nothing;
//! - a failure jumps to `fail_pop[n]` with `n = on_top + stores.len()`: the
//!   chain of labels emitted by [`Compiler::emit_and_reset_fail_pop`] pops
//!   exactly those `n` items and continues after the case.

use ruff_python_ast::{self as ast, Expr, Pattern};
use ruff_text_size::{Ranged, TextRange};

use super::{CResult, Compiler, LabelId, NameCtx};
use crate::bytecode::{BinaryOperator, ComparisonOperator, Instruction as I};
use crate::fold::{self, FoldVal};

/// CPython's `pattern_context`.
struct PatternCtx {
    /// Names captured so far, in the order they will be stored.
    stores: Vec<String>,
    /// Whether an irrefutable pattern is allowed here.
    allow_irrefutable: bool,
    /// `fail_pop[n]` pops `n` items, then fails.
    fail_pop: Vec<LabelId>,
    /// Items on the stack above the captures that a failure must pop.
    on_top: usize,
    /// Range of the pattern compiled last (CPython's error location).
    loc: TextRange,
}

/// `case _:` (CPython's `WILDCARD_CHECK`).
fn is_wildcard(p: &Pattern) -> bool {
    matches!(
        p,
        Pattern::MatchAs(ast::PatternMatchAs {
            pattern: None,
            name: None,
            ..
        })
    )
}

/// `*_` (CPython's `WILDCARD_STAR_CHECK`).
fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(
        p,
        Pattern::MatchStar(ast::PatternMatchStar { name: None, .. })
    )
}

impl<'a> Compiler<'a> {
    /// `match subject: case ...` (3.11's `compiler_match_inner`: the
    /// subject is copied for every case but the last; a trailing `case _:`
    /// is compiled without a pattern).
    pub(crate) fn match_stmt(&mut self, m: &'a ast::StmtMatch) -> CResult {
        self.expr(&m.subject)?;
        let end = self.new_label();
        let cases = m.cases.len();
        let has_default = cases > 1 && m.cases.last().is_some_and(|c| is_wildcard(&c.pattern));
        let n = cases - usize::from(has_default);
        for (i, case) in m.cases.iter().take(n).enumerate() {
            self.set_loc(case.pattern.range());
            let last = i + 1 == n;
            if !last {
                self.emit(I::Copy(1));
            }
            let mut pc = PatternCtx {
                stores: Vec::new(),
                allow_irrefutable: case.guard.is_some() || i + 1 == cases,
                fail_pop: Vec::new(),
                on_top: 0,
                loc: case.pattern.range(),
            };
            self.pattern(&case.pattern, &mut pc)?;
            for name in &pc.stores {
                self.nameop(name, NameCtx::Store);
            }
            if let Some(g) = &case.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let target = pc.fail_pop[0];
                self.jump_if(g, target, false)?;
            }
            if !last {
                self.emit(I::PopTop);
            }
            self.stmts(&case.body)?;
            self.emit(I::Jump(end));
            // The cleanup belongs to the pattern's line, not the body's.
            self.set_loc(case.pattern.range());
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            if let Some(case) = m.cases.last() {
                self.set_loc(case.pattern.range());
                self.emit(I::Nop);
                if let Some(g) = &case.guard {
                    self.jump_if(g, end, false)?;
                }
                self.stmts(&case.body)?;
            }
        }
        self.bind(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatternCtx, n: usize) {
        while pc.fail_pop.len() <= n {
            let l = self.new_label();
            pc.fail_pop.push(l);
        }
    }

    /// Emits `op(fail_pop[on_top + len(stores)])`.
    fn jump_to_fail_pop(&mut self, pc: &mut PatternCtx, op: fn(LabelId) -> I) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.emit(op(pc.fail_pop[pops]));
    }

    /// Binds the `fail_pop` chain here (each label pops one more item).
    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternCtx) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for pops in (1..pc.fail_pop.len()).rev() {
            self.bind(pc.fail_pop[pops]);
            self.emit(I::PopTop);
        }
        self.bind(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    /// Moves TOS down to position `n` (`Swap(n) .. Swap(2)`).
    fn rotate(&mut self, n: usize) {
        for k in (2..=n).rev() {
            self.emit(I::Swap(k as u32));
        }
    }

    /// Records a capture of TOS under `name` (`None`: discard it).
    fn store_name(&mut self, name: Option<&str>, pc: &mut PatternCtx) -> CResult {
        let Some(name) = name else {
            self.emit(I::PopTop);
            return Ok(());
        };
        if pc.stores.iter().any(|s| s == name) {
            return Err(self.error(
                &format!("multiple assignments to name '{name}' in pattern"),
                pc.loc,
            ));
        }
        self.rotate(pc.on_top + pc.stores.len() + 1);
        pc.stores.push(name.to_string());
        Ok(())
    }

    /// A nested pattern: irrefutable ones are always allowed there.
    fn subpattern(&mut self, p: &'a Pattern, pc: &mut PatternCtx) -> CResult {
        let old = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        let r = self.pattern(p, pc);
        pc.allow_irrefutable = old;
        r
    }

    /// Matches TOS against `p` (see the module invariants).
    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternCtx) -> CResult {
        self.set_loc(p.range());
        pc.loc = p.range();
        match p {
            Pattern::MatchValue(v) => {
                self.expr(&v.value)?;
                self.emit(I::CompareOp(ComparisonOperator::Equal));
                self.jump_to_fail_pop(pc, I::PopJumpIfFalse);
                Ok(())
            }
            Pattern::MatchSingleton(s) => {
                let v = match s.value {
                    ast::Singleton::None => FoldVal::None,
                    ast::Singleton::True => FoldVal::Bool(true),
                    ast::Singleton::False => FoldVal::Bool(false),
                };
                self.load_const(&v);
                self.emit(I::IsOp { invert: false });
                self.jump_to_fail_pop(pc, I::PopJumpIfFalse);
                Ok(())
            }
            Pattern::MatchAs(a) => self.pattern_as(a, pc),
            Pattern::MatchStar(s) => self.store_name(s.name.as_ref().map(|n| n.id.as_str()), pc),
            Pattern::MatchOr(o) => self.pattern_or(o, pc),
            Pattern::MatchSequence(s) => self.pattern_sequence(s, pc),
            Pattern::MatchMapping(m) => self.pattern_mapping(m, pc),
            Pattern::MatchClass(c) => self.pattern_class(c, pc),
        }
    }

    fn pattern_as(&mut self, a: &'a ast::PatternMatchAs, pc: &mut PatternCtx) -> CResult {
        let name = a.name.as_ref().map(|n| n.id.as_str());
        let Some(inner) = &a.pattern else {
            if !pc.allow_irrefutable {
                let msg = match name {
                    Some(n) => format!("name capture '{n}' makes remaining patterns unreachable"),
                    None => "wildcard makes remaining patterns unreachable".to_string(),
                };
                return Err(self.error(&msg, a.range));
            }
            return self.store_name(name, pc);
        };
        // Keep a copy of the subject for the name.
        pc.on_top += 1;
        self.emit(I::Copy(1));
        self.pattern(inner, pc)?;
        pc.on_top -= 1;
        self.store_name(name, pc)
    }

    fn pattern_or(&mut self, o: &'a ast::PatternMatchOr, pc: &mut PatternCtx) -> CResult {
        let end = self.new_label();
        let size = o.patterns.len();
        let old_stores = std::mem::take(&mut pc.stores);
        let old_fail_pop = std::mem::take(&mut pc.fail_pop);
        let (old_on_top, old_allow) = (pc.on_top, pc.allow_irrefutable);
        // The names bound by the first alternative; the others must bind
        // the same set and are reordered to this order.
        let mut control: Option<Vec<String>> = None;
        for (i, alt) in o.patterns.iter().enumerate() {
            self.set_loc(alt.range());
            pc.stores = Vec::new();
            pc.allow_irrefutable = i + 1 == size && old_allow;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.emit(I::Copy(1));
            self.pattern(alt, pc)?;
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctl) => {
                    let same =
                        ctl.len() == pc.stores.len() && ctl.iter().all(|n| pc.stores.contains(n));
                    if !same {
                        return Err(self.error("alternative patterns bind different names", pc.loc));
                    }
                    self.permute_captures(&mut pc.stores, ctl);
                }
            }
            self.emit(I::Jump(end));
            self.emit_and_reset_fail_pop(pc);
        }
        pc.stores = old_stores;
        pc.fail_pop = old_fail_pop;
        pc.on_top = old_on_top;
        pc.allow_irrefutable = old_allow;
        self.set_loc(o.range);
        // No alternative matched: drop the remaining copy of the subject.
        self.emit(I::PopTop);
        self.jump_to_fail_pop(pc, I::Jump);
        self.bind(end);
        let control = control.unwrap_or_default();
        // Between the new captures and their place: the other new captures,
        // the subject copy, the in-flight items and the earlier captures.
        let nrots = control.len() + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(self.error(
                    &format!("multiple assignments to name '{name}' in pattern"),
                    pc.loc,
                ));
            }
            pc.stores.push(name);
        }
        // The copy of the subject.
        self.emit(I::PopTop);
        Ok(())
    }

    /// Reorders the captures on top of the stack (`cur[0]` topmost) into
    /// the order `target` by swaps. NOTE: CPython uses rotations here; the
    /// resulting stack is the same.
    fn permute_captures(&mut self, cur: &mut [String], target: &[String]) {
        for (i, want) in target.iter().enumerate() {
            let Some(j) = cur.iter().position(|n| n == want) else {
                continue;
            };
            if j == i {
                continue;
            }
            let (p, q) = (i as u32 + 1, j as u32 + 1);
            if p == 1 {
                self.emit(I::Swap(q));
            } else {
                self.emit(I::Swap(p));
                self.emit(I::Swap(q));
                self.emit(I::Swap(p));
            }
            cur.swap(i, j);
        }
    }

    fn pattern_sequence(
        &mut self,
        s: &'a ast::PatternMatchSequence,
        pc: &mut PatternCtx,
    ) -> CResult {
        let patterns = &s.patterns;
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, p) in patterns.iter().enumerate() {
            if let Pattern::MatchStar(_) = p {
                if star.is_some() {
                    return Err(self.error("multiple starred names in sequence pattern", s.range));
                }
                star_wildcard = is_star_wildcard(p);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(p);
        }
        // Keep the subject on top during the type and length checks.
        pc.on_top += 1;
        self.emit(I::MatchSequence);
        self.jump_to_fail_pop(pc, I::PopJumpIfFalse);
        match star {
            None => {
                self.emit(I::GetLen);
                self.load_const(&FoldVal::Int(size.into()));
                self.emit(I::CompareOp(ComparisonOperator::Equal));
                self.jump_to_fail_pop(pc, I::PopJumpIfFalse);
            }
            Some(_) if size > 1 => {
                self.emit(I::GetLen);
                self.load_const(&FoldVal::Int((size - 1).into()));
                self.emit(I::CompareOp(ComparisonOperator::GreaterEqual));
                self.jump_to_fail_pop(pc, I::PopJumpIfFalse);
            }
            Some(_) => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.emit(I::PopTop);
        } else if star_wildcard {
            self.sequence_subscr(patterns, star.unwrap_or(size), pc)?;
        } else {
            self.sequence_unpack(patterns, star, pc)?;
        }
        Ok(())
    }

    /// Unpacks the subject and matches each item (`pattern_helper_sequence_unpack`).
    fn sequence_unpack(
        &mut self,
        patterns: &'a [Pattern],
        star: Option<usize>,
        pc: &mut PatternCtx,
    ) -> CResult {
        let size = patterns.len();
        match star {
            Some(i) => self.emit(I::UnpackEx {
                before: i as u32,
                after: (size - i - 1) as u32,
            }),
            None => self.emit(I::UnpackSequence(size as u32)),
        }
        pc.on_top += size;
        for p in patterns {
            pc.on_top -= 1;
            self.subpattern(p, pc)?;
        }
        Ok(())
    }

    /// `[a, *_, b]`: index the subject instead of unpacking it
    /// (`pattern_helper_sequence_subscr`).
    fn sequence_subscr(
        &mut self,
        patterns: &'a [Pattern],
        star: usize,
        pc: &mut PatternCtx,
    ) -> CResult {
        pc.on_top += 1;
        let size = patterns.len();
        for (i, p) in patterns.iter().enumerate() {
            if is_wildcard(p) || i == star {
                continue;
            }
            self.emit(I::Copy(1));
            if i < star {
                self.load_const(&FoldVal::Int(i.into()));
            } else {
                // The subject may not support negative indexes.
                self.emit(I::GetLen);
                self.load_const(&FoldVal::Int((size - i).into()));
                self.emit(I::BinaryOp(BinaryOperator::Subtract));
            }
            self.emit(I::BinarySubscr);
            self.subpattern(p, pc)?;
        }
        pc.on_top -= 1;
        self.emit(I::PopTop);
        Ok(())
    }

    fn pattern_mapping(&mut self, m: &'a ast::PatternMatchMapping, pc: &mut PatternCtx) -> CResult {
        let size = m.keys.len();
        let rest = m.rest.as_ref().map(|n| n.id.as_str());
        pc.on_top += 1;
        self.emit(I::MatchMapping);
        self.jump_to_fail_pop(pc, I::PopJumpIfFalse);
        if size == 0 && rest.is_none() {
            pc.on_top -= 1;
            self.emit(I::PopTop);
            return Ok(());
        }
        if size > 0 {
            self.emit(I::GetLen);
            self.load_const(&FoldVal::Int(size.into()));
            self.emit(I::CompareOp(ComparisonOperator::GreaterEqual));
            self.jump_to_fail_pop(pc, I::PopJumpIfFalse);
        }
        let mut seen: Vec<FoldVal> = Vec::new();
        for key in &m.keys {
            if let Some(v) = fold::fold_expr(key) {
                if seen.iter().any(|s| s.py_eq(&v)) {
                    let repr = self.pool.intern(&v).python_repr();
                    return Err(self.error(
                        &format!("mapping pattern checks duplicate key ({repr})"),
                        m.range,
                    ));
                }
                seen.push(v);
            } else if !matches!(key, Expr::Attribute(_)) {
                return Err(self.error(
                    "mapping pattern keys may only match literals and attribute lookups",
                    m.range,
                ));
            }
            self.expr(key)?;
        }
        self.emit(I::BuildTuple(size as u32));
        self.emit(I::MatchKeys);
        // The key tuple and the value tuple (or None) sit on the subject.
        pc.on_top += 2;
        self.emit(I::Copy(1));
        self.load_none();
        self.emit(I::IsOp { invert: true });
        self.jump_to_fail_pop(pc, I::PopJumpIfFalse);
        self.emit(I::UnpackSequence(size as u32));
        pc.on_top = pc.on_top + size - 1;
        for p in &m.patterns {
            pc.on_top -= 1;
            self.subpattern(p, pc)?;
        }
        // Matched: what follows consumes the key tuple and the subject.
        pc.on_top -= 2;
        match rest {
            Some(name) => {
                // rest = dict(subject); for k in keys: del rest[k]
                self.emit(I::BuildMap(0));
                self.emit(I::Swap(3));
                self.emit(I::DictUpdate(2));
                self.emit(I::UnpackSequence(size as u32));
                for k in (1..=size).rev() {
                    self.emit(I::Copy(1 + k as u32));
                    self.emit(I::Swap(2));
                    self.emit(I::DeleteSubscr);
                }
                self.store_name(Some(name), pc)
            }
            None => {
                self.emit(I::PopTop);
                self.emit(I::PopTop);
                Ok(())
            }
        }
    }

    fn pattern_class(&mut self, c: &'a ast::PatternMatchClass, pc: &mut PatternCtx) -> CResult {
        let args = &c.arguments.patterns;
        let kwds = &c.arguments.keywords;
        for (i, kw) in kwds.iter().enumerate() {
            if let Some(dup) = kwds[i + 1..].iter().find(|k| k.attr.id == kw.attr.id) {
                self.set_loc(dup.pattern.range());
                return Err(self.error(
                    &format!("attribute name repeated in class pattern: {}", kw.attr.id),
                    dup.pattern.range(),
                ));
            }
        }
        self.expr(&c.cls)?;
        let names: Vec<FoldVal> = kwds
            .iter()
            .map(|k| FoldVal::Str(k.attr.id.to_string()))
            .collect();
        self.load_const(&FoldVal::Tuple(names));
        let n = args.len() + kwds.len();
        self.emit(I::MatchClass(args.len() as u32));
        self.emit(I::Copy(1));
        self.load_none();
        self.emit(I::IsOp { invert: true });
        // TOS is now the tuple of attributes (or None).
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, I::PopJumpIfFalse);
        self.emit(I::UnpackSequence(n as u32));
        pc.on_top = pc.on_top + n - 1;
        for p in args.iter().chain(kwds.iter().map(|k| &k.pattern)) {
            pc.on_top -= 1;
            if is_wildcard(p) {
                self.emit(I::PopTop);
                continue;
            }
            self.subpattern(p, pc)?;
        }
        Ok(())
    }
}
