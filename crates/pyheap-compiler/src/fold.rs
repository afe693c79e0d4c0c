//! Compile-time constant folding with CPython 3.11's AST-optimizer rules.
//!
//! Read [`fold_expr`] first: it returns the constant an expression folds to
//! (bottom-up, like `Python/ast_opt.c`), or `None`. Invariants:
//! * Only operations CPython 3.11 folds are folded; any operation that would
//!   raise (or that we cannot evaluate exactly like CPython) is left unfolded.
//! * Safety limits: `MAX_INT_SIZE` 128 bits, `MAX_COLLECTION_SIZE` 256,
//!   `MAX_TOTAL_ITEMS` 1024, `MAX_STR_SIZE` 4096.

use num_bigint::BigInt;

use crate::int_shift::{apply_left, Shift};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use ruff_python_ast::{self as ast, Expr, Number, Operator, UnaryOp};

const MAX_INT_SIZE: u64 = 128;
const MAX_COLLECTION_SIZE: usize = 256;
const MAX_TOTAL_ITEMS: usize = 1024;
const MAX_STR_SIZE: usize = 4096;

/// A folded constant value (no identity yet; see `pool.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum FoldVal {
    None,
    Bool(bool),
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<FoldVal>),
    FrozenSet(Vec<FoldVal>),
    Ellipsis,
}

impl FoldVal {
    /// Python truthiness.
    pub fn truthy(&self) -> bool {
        match self {
            FoldVal::None => false,
            FoldVal::Bool(b) => *b,
            FoldVal::Int(i) => !i.is_zero(),
            FoldVal::Float(f) => *f != 0.0,
            FoldVal::Complex(r, i) => *r != 0.0 || *i != 0.0,
            FoldVal::Str(s) => !s.is_empty(),
            FoldVal::Bytes(b) => !b.is_empty(),
            FoldVal::Tuple(t) | FoldVal::FrozenSet(t) => !t.is_empty(),
            FoldVal::Ellipsis => true,
        }
    }

    /// Numeric view: ints and bools as BigInt.
    fn as_int(&self) -> Option<BigInt> {
        match self {
            FoldVal::Int(i) => Some(i.clone()),
            FoldVal::Bool(b) => Some(BigInt::from(*b as u8)),
            _ => None,
        }
    }

    fn as_float(&self) -> Option<f64> {
        match self {
            FoldVal::Float(f) => Some(*f),
            v => v.as_int().and_then(|i| int_to_f64(&i)),
        }
    }

    /// Python `==` between constants (used to dedup frozenset elements).
    pub fn py_eq(&self, other: &FoldVal) -> bool {
        use FoldVal::*;
        match (self, other) {
            (None, None) | (Ellipsis, Ellipsis) => true,
            (Str(a), Str(b)) => a == b,
            (Bytes(a), Bytes(b)) => a == b,
            (Tuple(a), Tuple(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.py_eq(y)),
            (FrozenSet(a), FrozenSet(b)) => {
                a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| x.py_eq(y)))
            }
            _ => match (self.as_complex(), other.as_complex()) {
                (Some(_), Some(_)) => {
                    if let (Some(a), Some(b)) = (self.as_int(), other.as_int()) {
                        return a == b;
                    }
                    let (ar, ai) = self.as_complex().unwrap_or((f64::NAN, 0.0));
                    let (br, bi) = other.as_complex().unwrap_or((f64::NAN, 0.0));
                    ar == br && ai == bi
                }
                _ => false,
            },
        }
    }

    fn as_complex(&self) -> Option<(f64, f64)> {
        match self {
            FoldVal::Complex(r, i) => Some((*r, *i)),
            FoldVal::Float(f) => Some((*f, 0.0)),
            FoldVal::Int(_) | FoldVal::Bool(_) => {
                // Big ints compare exactly via as_int; here only for type check.
                Some((self.as_float().unwrap_or(f64::INFINITY), 0.0))
            }
            _ => None,
        }
    }

    /// Length for sequences (tuple/frozenset items, str chars, bytes).
    fn seq_len(&self) -> Option<usize> {
        match self {
            FoldVal::Str(s) => Some(s.chars().count()),
            FoldVal::Bytes(b) => Some(b.len()),
            FoldVal::Tuple(t) | FoldVal::FrozenSet(t) => Some(t.len()),
            _ => None,
        }
    }
}

/// Exact int → float like Python (`OverflowError` → `None`).
fn int_to_f64(i: &BigInt) -> Option<f64> {
    let f = i.to_f64()?;
    if f.is_finite() {
        Some(f)
    } else {
        None
    }
}

/// Converts a ruff `Int` literal to a BigInt.
pub fn int_literal(i: &ast::Int) -> Option<BigInt> {
    if let Some(v) = i.as_u64() {
        return Some(BigInt::from(v));
    }
    let text = i.to_string().replace('_', "");
    let lower = text.to_ascii_lowercase();
    let (digits, radix) = if let Some(d) = lower.strip_prefix("0x") {
        (d.to_string(), 16)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (d.to_string(), 8)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (d.to_string(), 2)
    } else {
        (lower, 10)
    };
    BigInt::parse_bytes(digits.as_bytes(), radix)
}

/// The constant value of a literal expression (no folding).
pub fn literal(e: &Expr) -> Option<FoldVal> {
    Some(match e {
        Expr::NoneLiteral(_) => FoldVal::None,
        Expr::BooleanLiteral(b) => FoldVal::Bool(b.value),
        Expr::EllipsisLiteral(_) => FoldVal::Ellipsis,
        Expr::NumberLiteral(n) => match &n.value {
            Number::Int(i) => FoldVal::Int(int_literal(i)?),
            Number::Float(f) => FoldVal::Float(*f),
            Number::Complex { real, imag } => FoldVal::Complex(*real, *imag),
        },
        Expr::StringLiteral(s) => FoldVal::Str(s.value.to_str().to_string()),
        Expr::BytesLiteral(b) => FoldVal::Bytes(b.value.bytes().collect()),
        _ => return None,
    })
}

/// The constant `e` folds to under 3.11's AST optimizer, or `None`.
pub fn fold_expr(e: &Expr) -> Option<FoldVal> {
    match e {
        Expr::Name(n) if n.id.as_str() == "__debug__" && n.ctx.is_load() => {
            Some(FoldVal::Bool(true))
        }
        Expr::UnaryOp(u) => {
            let v = fold_expr(&u.operand)?;
            fold_unary(u.op, &v)
        }
        Expr::BinOp(b) => {
            let l = fold_expr(&b.left)?;
            let r = fold_expr(&b.right)?;
            fold_binop(&l, b.op, &r)
        }
        Expr::Tuple(t) if t.ctx.is_load() => {
            let mut items = Vec::with_capacity(t.elts.len());
            for elt in &t.elts {
                items.push(fold_expr(elt)?);
            }
            Some(FoldVal::Tuple(items))
        }
        Expr::Subscript(s) if s.ctx.is_load() => {
            if matches!(*s.slice, Expr::Slice(_)) {
                return None;
            }
            let v = fold_expr(&s.value)?;
            let k = fold_expr(&s.slice)?;
            fold_subscript(&v, &k)
        }
        _ => literal(e),
    }
}

/// How many folds at the top of `e` return their operand object itself
/// (CPython's unary `+` on an exact int, float or complex constant): each
/// such result is one more reference in the AST arena.
pub fn identity_folds(e: &Expr) -> u32 {
    match e {
        Expr::UnaryOp(u) if u.op == UnaryOp::UAdd => match fold_expr(&u.operand) {
            Some(FoldVal::Int(_) | FoldVal::Float(_) | FoldVal::Complex(..)) => {
                1 + identity_folds(&u.operand)
            }
            _ => 0,
        },
        _ => 0,
    }
}

/// `fold_iter`: the constant a `for`/`in` iterable display becomes (list of
/// constants → tuple, set of constants → frozenset).
pub fn fold_iter(e: &Expr) -> Option<FoldVal> {
    match e {
        Expr::List(l) => {
            let mut items = Vec::new();
            for elt in &l.elts {
                items.push(fold_expr(elt)?);
            }
            Some(FoldVal::Tuple(items))
        }
        Expr::Set(s) => {
            let mut items = Vec::new();
            for elt in &s.elts {
                items.push(fold_expr(elt)?);
            }
            Some(make_frozenset(items))
        }
        _ => fold_expr(e),
    }
}

/// Builds a frozenset value keeping the first of Python-equal elements.
pub fn make_frozenset(items: Vec<FoldVal>) -> FoldVal {
    let mut out: Vec<FoldVal> = Vec::with_capacity(items.len());
    for v in items {
        if !out.iter().any(|o| o.py_eq(&v)) {
            out.push(v);
        }
    }
    FoldVal::FrozenSet(out)
}

fn fold_unary(op: UnaryOp, v: &FoldVal) -> Option<FoldVal> {
    match op {
        UnaryOp::Not => Some(FoldVal::Bool(!v.truthy())),
        UnaryOp::UAdd => match v {
            FoldVal::Float(_) | FoldVal::Complex(..) => Some(v.clone()),
            _ => v.as_int().map(FoldVal::Int),
        },
        UnaryOp::USub => match v {
            FoldVal::Float(f) => Some(FoldVal::Float(-f)),
            FoldVal::Complex(r, i) => Some(FoldVal::Complex(-r, -i)),
            _ => v.as_int().map(|i| FoldVal::Int(-i)),
        },
        UnaryOp::Invert => v.as_int().map(|i| FoldVal::Int(-i - 1)),
    }
}

fn int_bits(i: &BigInt) -> u64 {
    i.bits()
}

fn is_int_like(v: &FoldVal) -> bool {
    matches!(v, FoldVal::Int(_) | FoldVal::Bool(_))
}

fn total_items(items: &[FoldVal]) -> usize {
    items
        .iter()
        .map(|v| match v {
            FoldVal::Tuple(t) | FoldVal::FrozenSet(t) => total_items(t),
            _ => 0,
        })
        .sum::<usize>()
        + items.len()
}

/// `n * seq` under the safety limits (`safe_multiply`'s sequence branch).
fn repeat(seq: &FoldVal, n: &BigInt) -> Option<FoldVal> {
    let len = seq.seq_len()?;
    let count = n.to_i64()?;
    if count < 0 {
        // NOTE: CPython only folds when `0 <= n`; negative repeat stays.
        return None;
    }
    let count = count as usize;
    match seq {
        FoldVal::Str(_) | FoldVal::Bytes(_) => {
            if len > 0 && count > MAX_STR_SIZE / len {
                return None;
            }
        }
        FoldVal::Tuple(t) => {
            if len > 0 && count > MAX_COLLECTION_SIZE / len {
                return None;
            }
            if count > 0 && total_items(t) > MAX_TOTAL_ITEMS / count {
                return None;
            }
        }
        _ => return None,
    }
    Some(match seq {
        FoldVal::Str(s) => FoldVal::Str(s.repeat(count)),
        FoldVal::Bytes(b) => FoldVal::Bytes(b.repeat(count)),
        FoldVal::Tuple(t) => {
            let mut out = Vec::with_capacity(t.len() * count);
            for _ in 0..count {
                out.extend(t.iter().cloned());
            }
            FoldVal::Tuple(out)
        }
        _ => return None,
    })
}

fn float_floordiv(a: f64, b: f64) -> Option<(f64, f64)> {
    if b == 0.0 {
        return None;
    }
    // Python's float divmod.
    let m = a % b;
    let mut div = (a - m) / b;
    let mut m = m;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(a / b)
    };
    Some((floordiv, m))
}

fn int_pow(base: &BigInt, exp: &BigInt) -> Option<FoldVal> {
    if exp.is_negative() {
        // int ** negative int → float.
        let b = int_to_f64(base)?;
        let e = int_to_f64(exp)?;
        if b == 0.0 {
            return None;
        }
        let r = b.powf(e);
        return r.is_finite().then_some(FoldVal::Float(r));
    }
    let e = exp.to_u32()?;
    if !base.is_zero() && e > 0 && int_bits(base) > MAX_INT_SIZE / e as u64 {
        return None;
    }
    Some(FoldVal::Int(num_traits::pow(base.clone(), e as usize)))
}

fn fold_binop(l: &FoldVal, op: Operator, r: &FoldVal) -> Option<FoldVal> {
    use FoldVal as V;
    // Sequences.
    match (op, l, r) {
        (Operator::Add, V::Str(a), V::Str(b)) => return Some(V::Str(format!("{a}{b}"))),
        (Operator::Add, V::Bytes(a), V::Bytes(b)) => {
            let mut v = a.clone();
            v.extend_from_slice(b);
            return Some(V::Bytes(v));
        }
        (Operator::Add, V::Tuple(a), V::Tuple(b)) => {
            let mut v = a.clone();
            v.extend(b.iter().cloned());
            return Some(V::Tuple(v));
        }
        (Operator::Mult, s @ (V::Str(_) | V::Bytes(_) | V::Tuple(_)), n) if is_int_like(n) => {
            return repeat(s, &n.as_int()?);
        }
        (Operator::Mult, n, s @ (V::Str(_) | V::Bytes(_) | V::Tuple(_))) if is_int_like(n) => {
            return repeat(s, &n.as_int()?);
        }
        (Operator::Mod, V::Str(_) | V::Bytes(_), _) => return None,
        (Operator::MatMult, _, _) => return None,
        _ => {}
    }
    if let (Some(a), Some(b)) = (l.as_int(), r.as_int()) {
        return fold_int_binop(&a, op, &b, l, r);
    }
    if matches!(l, V::Complex(..)) || matches!(r, V::Complex(..)) {
        let (ar, ai) = numeric_complex(l)?;
        let (br, bi) = numeric_complex(r)?;
        return match op {
            Operator::Add => Some(V::Complex(ar + br, ai + bi)),
            Operator::Sub => Some(V::Complex(ar - br, ai - bi)),
            Operator::Mult => Some(V::Complex(ar * br - ai * bi, ar * bi + ai * br)),
            _ => None, // NOTE: complex division/power not folded here (rare).
        };
    }
    let a = numeric_float(l)?;
    let b = numeric_float(r)?;
    let v = match op {
        Operator::Add => a + b,
        Operator::Sub => a - b,
        Operator::Mult => a * b,
        Operator::Div => {
            if b == 0.0 {
                return None;
            }
            a / b
        }
        Operator::FloorDiv => float_floordiv(a, b)?.0,
        Operator::Mod => float_floordiv(a, b)?.1,
        Operator::Pow => {
            if a == 0.0 && b < 0.0 {
                return None;
            }
            if a < 0.0 && b.fract() != 0.0 {
                return None; // complex result
            }
            let r = a.powf(b);
            if !r.is_finite() && a.is_finite() && b.is_finite() {
                return None; // OverflowError
            }
            r
        }
        _ => return None,
    };
    // NOTE: float +, -, *, / overflow to inf in Python; only ** raises.
    Some(V::Float(v))
}

fn numeric_float(v: &FoldVal) -> Option<f64> {
    match v {
        FoldVal::Float(f) => Some(*f),
        FoldVal::Int(_) | FoldVal::Bool(_) => v.as_float(),
        _ => None,
    }
}

fn numeric_complex(v: &FoldVal) -> Option<(f64, f64)> {
    match v {
        FoldVal::Complex(r, i) => Some((*r, *i)),
        _ => numeric_float(v).map(|f| (f, 0.0)),
    }
}

fn fold_int_binop(
    a: &BigInt,
    op: Operator,
    b: &BigInt,
    l: &FoldVal,
    r: &FoldVal,
) -> Option<FoldVal> {
    use FoldVal as V;
    let both_bool = matches!(l, V::Bool(_)) && matches!(r, V::Bool(_));
    Some(match op {
        Operator::Add => V::Int(a + b),
        Operator::Sub => V::Int(a - b),
        Operator::Mult => {
            if !a.is_zero() && !b.is_zero() && int_bits(a) + int_bits(b) > MAX_INT_SIZE {
                return None;
            }
            V::Int(a * b)
        }
        Operator::Div => {
            if b.is_zero() {
                return None;
            }
            // Exact only when both operands are exactly representable.
            let lim = BigInt::one() << 53;
            if a.abs() > lim || b.abs() > lim {
                return None;
            }
            V::Float(int_to_f64(a)? / int_to_f64(b)?)
        }
        Operator::FloorDiv => {
            if b.is_zero() {
                return None;
            }
            V::Int(a.div_floor(b))
        }
        Operator::Mod => {
            if b.is_zero() {
                return None;
            }
            V::Int(a.mod_floor(b))
        }
        Operator::Pow => return int_pow(a, b),
        Operator::LShift | Operator::RShift => {
            match crate::int_shift::prepare(a, b, op == Operator::LShift).ok()? {
                Shift::Value(v) => V::Int(v),
                Shift::Left { by, bits } if bits <= MAX_INT_SIZE => V::Int(apply_left(a, by)),
                Shift::Left { .. } => return None,
            }
        }
        Operator::BitOr if both_bool => V::Bool(l.truthy() | r.truthy()),
        Operator::BitAnd if both_bool => V::Bool(l.truthy() & r.truthy()),
        Operator::BitXor if both_bool => V::Bool(l.truthy() ^ r.truthy()),
        Operator::BitOr => V::Int(a | b),
        Operator::BitAnd => V::Int(a & b),
        Operator::BitXor => V::Int(a ^ b),
        Operator::MatMult => return None,
    })
}

fn fold_subscript(v: &FoldVal, k: &FoldVal) -> Option<FoldVal> {
    let idx = k.as_int()?;
    let len = v.seq_len()? as i64;
    let mut i = idx.to_i64()?;
    if i < 0 {
        i += len;
    }
    if i < 0 || i >= len {
        return None;
    }
    let i = i as usize;
    match v {
        FoldVal::Str(s) => s.chars().nth(i).map(|c| FoldVal::Str(c.to_string())),
        FoldVal::Bytes(b) => b.get(i).map(|x| FoldVal::Int(BigInt::from(*x))),
        FoldVal::Tuple(t) => t.get(i).cloned(),
        _ => None,
    }
}
