//! Fast paths of `BINARY_OP` and `COMPARE_OP` for exact `int` operands
//! whose values fit in an `i64` (CPython's `BINARY_OP_ADD_INT` /
//! `COMPARE_OP_INT_JUMP` specialisations, decided per execution here).
//!
//! Read [`binary_int`] first. Invariant: a fast path either produces exactly
//! the object the general path (`ops::binary_op`, `ops::rich_compare`)
//! would, or returns `None` (other types, `int` subclasses, results that
//! leave `i64`, division by zero, operators not handled here) so the
//! general path runs, raising the usual errors.

use pyheap_compiler::bytecode::{BinaryOperator as B, ComparisonOperator as C};

use crate::objects::int::{new_int, small_value};
use crate::rt::Obj;
use crate::types::{py_bool, t};

/// Both values when both are exact ints of at most two digits (|v| <
/// 2**60: wider operands take the general path, which gives the same
/// result).
#[inline]
fn int_pair(a: &Obj, b: &Obj) -> Option<(i64, i64)> {
    let int = &t().int;
    if !a.has_type(int) || !b.has_type(int) {
        return None;
    }
    Some((small_value(a)?, small_value(b)?))
}

/// `a op b` (binary or in-place: the same for immutable ints).
pub fn binary_int(a: &Obj, b: &Obj, op: B) -> Option<Obj> {
    let (x, y) = int_pair(a, b)?;
    let r = match op {
        B::Add | B::InplaceAdd => x.checked_add(y)?,
        B::Subtract | B::InplaceSubtract => x.checked_sub(y)?,
        B::Multiply | B::InplaceMultiply => x.checked_mul(y)?,
        B::And | B::InplaceAnd => x & y,
        B::Or | B::InplaceOr => x | y,
        B::Xor | B::InplaceXor => x ^ y,
        B::FloorDivide | B::InplaceFloorDivide => {
            if y == 0 {
                return None;
            }
            // Python floors toward negative infinity.
            let q = x.checked_div(y)?;
            if (x % y != 0) && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            }
        }
        B::Remainder | B::InplaceRemainder => {
            if y == 0 {
                return None;
            }
            let r = x.checked_rem(y)?;
            if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            }
        }
        _ => return None,
    };
    Some(new_int(r))
}

/// `a op b` for a comparison.
pub fn compare_int(a: &Obj, b: &Obj, op: C) -> Option<Obj> {
    let (x, y) = int_pair(a, b)?;
    Some(py_bool(match op {
        C::Less => x < y,
        C::LessEqual => x <= y,
        C::Equal => x == y,
        C::NotEqual => x != y,
        C::Greater => x > y,
        C::GreaterEqual => x >= y,
    }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn floor_div_and_mod_follow_python() {
        let _ = crate::types::t();
        let cases: [(i64, i64); 6] = [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3)];
        for (x, y) in cases {
            let a = super::new_int(x);
            let b = super::new_int(y);
            let q = super::binary_int(&a, &b, super::B::FloorDivide)
                .and_then(|o| crate::objects::int::as_i64(&o));
            let r = super::binary_int(&a, &b, super::B::Remainder)
                .and_then(|o| crate::objects::int::as_i64(&o));
            assert_eq!(
                q,
                Some(x.div_euclid(y) - i64::from(y < 0 && x.rem_euclid(y) != 0))
            );
            let (q, r) = (q.unwrap_or(0), r.unwrap_or(0));
            assert_eq!(q * y + r, x);
            assert!(r == 0 || (r < 0) == (y < 0));
        }
    }
}
