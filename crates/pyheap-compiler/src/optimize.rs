//! Post-codegen passes on one code unit, mirroring the parts of CPython
//! 3.11's CFG optimizer that change observable results (`co_consts`,
//! temporaries): constant-condition jumps, `BuildTuple n; UnpackSequence n`
//! → `Swap`, unreachable-code removal, `trim_unused_consts`, stack depth.
//!
//! Read [`optimize`] first. Invariant: jump operands are absolute
//! instruction indices on entry and exit; `locations` stays parallel to
//! `instructions`.

use crate::bytecode::{CodeUnit, Instruction as I, Label};
use crate::constant::ConstValue;
use crate::pool::ConstPool;

/// Replaces label ids in jump operands with instruction indices.
pub fn resolve_labels(mut instrs: Vec<I>, labels: &[Option<u32>]) -> Vec<I> {
    let end = instrs.len() as u32;
    for ins in &mut instrs {
        if let Some(t) = jump_target_mut(ins) {
            *t = labels.get(*t as usize).copied().flatten().unwrap_or(end);
        }
    }
    instrs
}

/// The jump operand of an instruction, if any.
pub fn jump_target(ins: &I) -> Option<Label> {
    match *ins {
        I::Jump(t)
        | I::PopJumpIfFalse(t)
        | I::PopJumpIfTrue(t)
        | I::PopJumpIfNone(t)
        | I::PopJumpIfNotNone(t)
        | I::JumpIfFalseOrPop(t)
        | I::JumpIfTrueOrPop(t)
        | I::ForIter(t)
        | I::SetupFinally(t)
        | I::SetupWith(t) => Some(t),
        _ => None,
    }
}

fn jump_target_mut(ins: &mut I) -> Option<&mut Label> {
    match ins {
        I::Jump(t)
        | I::PopJumpIfFalse(t)
        | I::PopJumpIfTrue(t)
        | I::PopJumpIfNone(t)
        | I::PopJumpIfNotNone(t)
        | I::JumpIfFalseOrPop(t)
        | I::JumpIfTrueOrPop(t)
        | I::ForIter(t)
        | I::SetupFinally(t)
        | I::SetupWith(t) => Some(t),
        _ => None,
    }
}

/// True if control never falls through to the next instruction.
fn is_terminator(ins: &I) -> bool {
    matches!(
        ins,
        I::Jump(_) | I::ReturnValue | I::RaiseVarargs(_) | I::Reraise
    )
}

/// Runs all passes.
pub fn optimize(code: &mut CodeUnit, pool: &mut ConstPool) {
    // Ensure a well-formed end: a jump to `len` must land somewhere.
    let len = code.instructions.len() as u32;
    if code
        .instructions
        .iter()
        .any(|i| jump_target(i) == Some(len))
    {
        code.instructions.push(I::Nop);
        let loc = code.locations.last().copied().unwrap_or_default();
        code.locations.push(loc);
    }
    peephole(code, pool);
    remove_unreachable_and_nops(code);
    remove_unused_consts(code);
    code.stacksize = stack_depth(code);
}

fn const_truth(code: &CodeUnit, i: u32) -> Option<bool> {
    let c = code.consts.get(i as usize)?;
    Some(match &c.value {
        ConstValue::None => false,
        ConstValue::Bool(b) => *b,
        ConstValue::Int(v) => v != &num_bigint::BigInt::from(0),
        ConstValue::Float(f) => *f != 0.0,
        ConstValue::Complex { re, im } => *re != 0.0 || *im != 0.0,
        ConstValue::Str(s) => !s.is_empty(),
        ConstValue::Bytes(b) => !b.is_empty(),
        ConstValue::Tuple(t) | ConstValue::FrozenSet(t) => !t.is_empty(),
        ConstValue::Ellipsis | ConstValue::Code(_) => true,
    })
}

fn peephole(code: &mut CodeUnit, pool: &mut ConstPool) {
    let n = code.instructions.len();
    let mut is_target = vec![false; n + 1];
    for ins in &code.instructions {
        if let Some(t) = jump_target(ins) {
            if let Some(slot) = is_target.get_mut(t as usize) {
                *slot = true;
            }
        }
    }
    for i in 0..n {
        // BUILD_TUPLE n after n LOAD_CONSTs in one block → one constant.
        if let I::BuildTuple(k) = code.instructions[i] {
            let k = k as usize;
            let unpack_next = matches!(code.instructions.get(i + 1), Some(I::UnpackSequence(m)) if *m as usize == k)
                && !is_target[i + 1];
            if unpack_next && k <= 3 {
                code.instructions[i] = I::Nop;
                code.instructions[i + 1] = if k <= 1 { I::Nop } else { I::Swap(k as u32) };
                continue;
            }
            if i >= k && (i + 1 - k..=i).all(|j| !is_target[j]) {
                let loads: Option<Vec<u32>> = (i - k..i)
                    .map(|j| match code.instructions[j] {
                        I::LoadConst(c) => Some(c),
                        _ => None,
                    })
                    .collect();
                if let Some(loads) = loads {
                    let items: Vec<_> = loads
                        .iter()
                        .filter_map(|c| code.consts.get(*c as usize).cloned())
                        .collect();
                    if items.len() == k {
                        let t = pool.intern_tuple(items);
                        let idx = match code.consts.iter().position(|c| c.id == t.id) {
                            Some(p) => p as u32,
                            None => {
                                code.consts.push(t);
                                (code.consts.len() - 1) as u32
                            }
                        };
                        for j in i - k..i {
                            code.instructions[j] = I::Nop;
                        }
                        code.instructions[i] = I::LoadConst(idx);
                    }
                }
            }
            continue;
        }
        if i + 1 >= n || is_target[i + 1] {
            continue;
        }
        let (a, b) = (code.instructions[i], code.instructions[i + 1]);
        match (a, b) {
            (I::LoadConst(c), I::PopJumpIfFalse(t) | I::PopJumpIfTrue(t)) => {
                let Some(truth) = const_truth(code, c) else {
                    continue;
                };
                let jump_if_true = matches!(b, I::PopJumpIfTrue(_));
                code.instructions[i] = I::Nop;
                code.instructions[i + 1] = if truth == jump_if_true {
                    I::Jump(t)
                } else {
                    I::Nop
                };
            }
            (I::LoadConst(c), I::JumpIfFalseOrPop(t) | I::JumpIfTrueOrPop(t)) => {
                let Some(truth) = const_truth(code, c) else {
                    continue;
                };
                let jump_if_true = matches!(b, I::JumpIfTrueOrPop(_));
                if truth == jump_if_true {
                    code.instructions[i + 1] = I::Jump(t);
                } else {
                    code.instructions[i] = I::Nop;
                    code.instructions[i + 1] = I::Nop;
                }
            }
            (I::LoadConst(c), I::IsOp { invert }) => {
                // `x is None` + conditional jump → PopJumpIfNone/NotNone.
                let is_none = matches!(
                    code.consts.get(c as usize).map(|k| &k.value),
                    Some(ConstValue::None)
                );
                if !is_none || i + 2 >= n || is_target[i + 2] {
                    continue;
                }
                let (t, jump_if_false) = match code.instructions[i + 2] {
                    I::PopJumpIfFalse(t) => (t, true),
                    I::PopJumpIfTrue(t) => (t, false),
                    _ => continue,
                };
                code.instructions[i] = I::Nop;
                code.instructions[i + 1] = I::Nop;
                code.instructions[i + 2] = if invert ^ jump_if_false {
                    I::PopJumpIfNotNone(t)
                } else {
                    I::PopJumpIfNone(t)
                };
            }
            _ => {}
        }
    }
}

fn remove_unreachable_and_nops(code: &mut CodeUnit) {
    let n = code.instructions.len();
    let mut reachable = vec![false; n];
    let mut work = vec![0usize];
    while let Some(i) = work.pop() {
        if i >= n || reachable[i] {
            continue;
        }
        reachable[i] = true;
        let ins = &code.instructions[i];
        if let Some(t) = jump_target(ins) {
            work.push(t as usize);
        }
        if !is_terminator(ins) {
            work.push(i + 1);
        }
    }
    // Keep a Nop only if it is the last instruction and a jump target (the
    // end marker); otherwise drop Nops and unreachable instructions.
    let keep: Vec<bool> = (0..n)
        .map(|i| reachable[i] && !matches!(code.instructions[i], I::Nop))
        .collect();
    // new_index[i] = index of the first kept instruction at or after i.
    let mut new_index = vec![0u32; n + 1];
    let mut count = keep.iter().filter(|k| **k).count() as u32;
    new_index[n] = count;
    for i in (0..n).rev() {
        if keep[i] {
            count -= 1;
        }
        new_index[i] = count;
    }
    let mut instrs = Vec::new();
    let mut locs = Vec::new();
    for (i, kept) in keep.iter().enumerate() {
        if *kept {
            let mut ins = code.instructions[i];
            if let Some(t) = jump_target_mut(&mut ins) {
                *t = new_index[(*t as usize).min(n)];
            }
            instrs.push(ins);
            locs.push(code.locations[i]);
        }
    }
    // A jump past the end can only come from unreachable code; guard anyway.
    let len = instrs.len() as u32;
    if instrs.iter().any(|i| jump_target(i) == Some(len)) {
        instrs.push(I::ReturnValue);
        locs.push(locs.last().copied().unwrap_or_default());
    }
    code.instructions = instrs;
    code.locations = locs;
}

/// CPython 3.11's `trim_unused_consts`: drops *trailing* constants no
/// instruction uses (index 0 is always kept). Unused constants in the middle
/// stay, exactly as in 3.11 (`if 0: x = 5` keeps `0` and `5`).
fn remove_unused_consts(code: &mut CodeUnit) {
    let mut max = 0usize;
    for ins in &code.instructions {
        if let I::LoadConst(i) | I::KwNames(i) = ins {
            max = max.max(*i as usize);
        }
    }
    if max + 1 < code.consts.len() {
        code.consts.truncate(max + 1);
    }
}

/// Stack effect of one instruction on the fall-through path, and on the
/// jump path (`None` = same as fall-through).
fn stack_effect(ins: &I) -> (i64, Option<i64>) {
    match *ins {
        I::Nop | I::KwNames(_) | I::PopBlock | I::SetupAnnotations => (0, None),
        I::PopTop => (-1, None),
        I::PushNull | I::Copy(_) => (1, None),
        I::Swap(_) => (0, None),
        I::LoadConst(_)
        | I::LoadFast(_)
        | I::LoadName(_)
        | I::LoadGlobal(_)
        | I::LoadDeref(_)
        | I::LoadClosure(_)
        | I::LoadClassDeref(_)
        | I::LoadBuildClass
        | I::LoadAssertionError => (1, None),
        I::StoreFast(_) | I::StoreName(_) | I::StoreGlobal(_) | I::StoreDeref(_) => (-1, None),
        I::DeleteFast(_) | I::DeleteName(_) | I::DeleteGlobal(_) | I::DeleteDeref(_) => (0, None),
        I::LoadAttr(_) => (0, None),
        I::StoreAttr(_) => (-2, None),
        I::DeleteAttr(_) => (-1, None),
        I::LoadMethod(_) => (1, None),
        I::BinarySubscr => (-1, None),
        I::StoreSubscr => (-3, None),
        I::DeleteSubscr => (-2, None),
        I::UnaryPositive | I::UnaryNegative | I::UnaryNot | I::UnaryInvert => (0, None),
        I::BinaryOp(_) | I::CompareOp(_) | I::IsOp { .. } | I::ContainsOp { .. } => (-1, None),
        I::BuildTuple(n) | I::BuildList(n) | I::BuildSet(n) | I::BuildString(n) => {
            (1 - n as i64, None)
        }
        I::BuildMap(n) => (1 - 2 * n as i64, None),
        I::BuildConstKeyMap(n) => (-(n as i64), None),
        I::BuildSlice(n) => (1 - n as i64, None),
        I::ListAppend(_) | I::SetAdd(_) | I::ListExtend(_) | I::SetUpdate(_) => (-1, None),
        I::DictUpdate(_) | I::DictMerge(_) => (-1, None),
        I::MapAdd(_) => (-2, None),
        I::ListToTuple => (0, None),
        I::UnpackSequence(n) => (n as i64 - 1, None),
        I::UnpackEx { before, after } => ((before + after) as i64, None),
        I::Jump(_) => (0, None),
        I::PopJumpIfFalse(_) | I::PopJumpIfTrue(_) => (-1, None),
        I::PopJumpIfNone(_) | I::PopJumpIfNotNone(_) => (-1, None),
        I::JumpIfFalseOrPop(_) | I::JumpIfTrueOrPop(_) => (-1, Some(0)),
        I::GetIter => (0, None),
        I::ForIter(_) => (1, Some(-1)),
        I::MakeFunction(f) => (-(f.count_ones() as i64), None),
        I::Call(n) => (-(n as i64) - 1, None),
        I::CallFunctionEx { has_kwargs } => (-2 - i64::from(has_kwargs), None),
        I::ReturnValue => (-1, None),
        I::YieldValue => (0, None),
        I::GetYieldFromIter => (0, None),
        I::YieldFrom => (-1, None),
        I::GetAwaitable(_) | I::GetAiter | I::AsyncGenWrap => (0, None),
        I::GetAnext | I::BeforeAsyncWith => (1, None),
        I::EndAsyncFor => (-2, None),
        I::ImportName(_) => (-1, None),
        I::ImportFrom(_) => (1, None),
        I::ImportStar => (-1, None),
        I::FormatValue { has_spec, .. } => (-i64::from(has_spec), None),
        I::PrintExpr => (-1, None),
        I::RaiseVarargs(n) => (-(n as i64), None),
        // Handler entry: depth at setup (+0 / -1) plus the exception.
        I::SetupFinally(_) => (0, Some(1)),
        I::SetupWith(_) => (0, Some(0)),
        I::PushExcInfo => (1, None),
        I::PopExcept => (-1, None),
        I::Reraise => (-1, None),
        I::CheckExcMatch => (0, None),
        I::BeforeWith => (1, None),
        I::WithExceptStart => (1, None),
        I::GetLen | I::MatchSequence | I::MatchMapping | I::MatchKeys => (1, None),
        I::MatchClass(_) => (-2, None),
        I::CheckEgMatch => (0, None),
        I::PrepReraiseStar => (-1, None),
    }
}

/// Maximum value-stack depth (`co_stacksize`), by a worklist over the
/// control-flow graph.
fn stack_depth(code: &CodeUnit) -> u32 {
    let n = code.instructions.len();
    let mut depth: Vec<Option<i64>> = vec![None; n + 1];
    let mut work = vec![(0usize, 0i64)];
    let mut max = 0i64;
    while let Some((i, d)) = work.pop() {
        // NOTE: depths only grow on revisits; a bound keeps a (buggy)
        // unbalanced loop from spinning forever.
        if i >= n || d > 1 << 20 {
            continue;
        }
        if let Some(old) = depth[i] {
            if old >= d {
                continue;
            }
        }
        depth[i] = Some(d);
        let ins = &code.instructions[i];
        let (fall, jump) = stack_effect(ins);
        let nd = d + fall;
        max = max.max(nd).max(d);
        if let Some(t) = jump_target(ins) {
            let jd = d + jump.unwrap_or(fall);
            max = max.max(jd);
            work.push((t as usize, jd));
        }
        if !is_terminator(ins) {
            work.push((i + 1, nd));
        }
    }
    max.max(0) as u32
}

/// Consistency check of the value stack (used by tests): every instruction
/// is reached with one depth from all paths, no path goes below zero, and
/// `ReturnValue`/`YieldValue` see exactly the values the frame holds.
/// Returns a description of the first violation.
pub fn check_stack(code: &CodeUnit) -> Result<(), String> {
    let n = code.instructions.len();
    let mut depth: Vec<Option<i64>> = vec![None; n];
    let mut work = vec![(0usize, 0i64)];
    while let Some((i, d)) = work.pop() {
        if i >= n {
            return Err(format!("{}: falls off the end", code.qualname));
        }
        match depth[i] {
            Some(old) if old == d => continue,
            Some(old) => {
                return Err(format!(
                    "{}: instruction {i} ({:?}) reached with depths {old} and {d}",
                    code.qualname, code.instructions[i]
                ))
            }
            None => depth[i] = Some(d),
        }
        let ins = &code.instructions[i];
        let (fall, jump) = stack_effect(ins);
        let nd = d + fall;
        if nd < 0 || (matches!(ins, I::ReturnValue) && d < 1) {
            return Err(format!(
                "{}: stack underflow at {i} ({ins:?})",
                code.qualname
            ));
        }
        if let Some(t) = jump_target(ins) {
            work.push((t as usize, d + jump.unwrap_or(fall)));
        }
        if !is_terminator(ins) {
            work.push((i + 1, nd));
        }
    }
    for c in &code.consts {
        if let ConstValue::Code(inner) = &c.value {
            check_stack(inner)?;
        }
    }
    Ok(())
}
