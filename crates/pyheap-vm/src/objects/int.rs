//! `int` and `bool`: CPython's layout (ob_size with the sign, then 30-bit
//! digits as trailing items), the small-int cache, and integer arithmetic.
//!
//! Read [`new_int`] and [`int_value`] first. Invariants: the digit count is
//! `|size|` (zero has size 0 but one allocated digit, as 3.11 reports 28
//! bytes); ints in -5..=256 come from the preallocated cache.

use std::cell::Cell;

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use pyheap_mem::{new_object, Payload, TypeSlots};

use crate::exc::{new_err, overflow, type_err, value_err, zero_div};
use crate::rt::{Obj, PyResult};
use crate::types::{t, tname};

/// Payload: `ob_size` (sign = sign of the value); digits follow.
pub struct IntObj {
    pub size: Cell<isize>,
}

impl Payload for IntObj {
    type Item = Cell<u32>;
    fn item_count(&self, _ty: &TypeSlots) -> usize {
        self.size.get().unsigned_abs().max(1)
    }
}

pub fn set_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<IntObj>(s, 16)
}

const SHIFT: u32 = 30;
const MASK: u64 = (1 << SHIFT) - 1;

/// An integer value read from an int object.
#[derive(Clone, Debug)]
pub enum IntV {
    S(i64),
    B(BigInt),
}

impl IntV {
    pub fn big(&self) -> BigInt {
        match self {
            IntV::S(v) => BigInt::from(*v),
            IntV::B(b) => b.clone(),
        }
    }
    pub fn from_big(b: BigInt) -> IntV {
        match b.to_i64() {
            Some(v) => IntV::S(v),
            None => IntV::B(b),
        }
    }
}

/// Allocates an int object of `ty` (int, bool or a subclass) with the value.
pub fn alloc_int(ty: &Obj, v: &IntV) -> Obj {
    match v {
        IntV::S(x) => {
            // NOTE: an i64 has at most 3 digits of 30 bits: no heap buffer.
            let mut m = x.unsigned_abs();
            let mut d = [0u32; 3];
            let mut n = 0;
            while m > 0 {
                d[n] = (m & MASK) as u32;
                n += 1;
                m >>= SHIFT;
            }
            alloc_digits(ty, *x < 0, &d[..n])
        }
        IntV::B(b) => {
            let mut d = Vec::new();
            let mut m = b.abs();
            let base = BigInt::from(1u64 << SHIFT);
            while !m.is_zero() {
                let (q, r) = m.div_rem(&base);
                d.push(r.to_u32().unwrap_or(0));
                m = q;
            }
            alloc_digits(ty, b.sign() == Sign::Minus, &d)
        }
    }
}

fn alloc_digits(ty: &Obj, neg: bool, digits: &[u32]) -> Obj {
    let n = digits.len() as isize;
    let o = match new_object(
        ty,
        IntObj {
            size: Cell::new(if neg { -n } else { n }),
        },
        digits.len().max(1),
    ) {
        Ok(o) => o,
        Err(_) => return crate::exc::memory_error_obj(),
    };
    for (cell, d) in o.items::<IntObj>().iter().zip(digits) {
        cell.set(*d);
    }
    crate::gcapi::track(&o);
    o
}

/// `True`/`False` (of type `ty`, bool) at `page_offset` within a 4 KiB
/// page, as CPython's static bools (see init.rs).
pub fn alloc_placed_bool(ty: &Obj, v: bool, page_offset: usize) -> Obj {
    let size = Cell::new(v as isize);
    match pyheap_mem::new_object_placed(ty, IntObj { size }, 1, page_offset) {
        Ok(o) => {
            if let Some(d) = o.items::<IntObj>().first() {
                d.set(v as u32);
            }
            o
        }
        Err(_) => panic!("pyheap: out of memory at start-up"),
    }
}

/// A Python int for `v` (small ints shared).
pub fn new_int(v: i64) -> Obj {
    if (-5..=256).contains(&v) {
        return t().small_ints[(v + 5) as usize].clone();
    }
    alloc_int(&t().int, &IntV::S(v))
}

pub fn new_int_v(v: IntV) -> Obj {
    match v {
        IntV::S(x) => new_int(x),
        IntV::B(b) => match b.to_i64() {
            Some(x) => new_int(x),
            None => alloc_int(&t().int, &IntV::B(b)),
        },
    }
}

pub fn new_int_big(b: BigInt) -> Obj {
    new_int_v(IntV::B(b))
}

pub fn new_int_usize(v: usize) -> Obj {
    match i64::try_from(v) {
        Ok(x) => new_int(x),
        Err(_) => new_int_big(BigInt::from(v)),
    }
}

/// The value of an int object of at most two digits (|v| < 2**60), read
/// straight from its digits; `None` for non-ints and longer values.
///
/// NOTE: this is the hot read (every int fast path, index, `range`): it
/// builds no `IntV` (whose `BigInt` variant makes every return a 40-byte
/// move plus drop glue at the caller).
#[inline]
pub fn small_value(o: &Obj) -> Option<i64> {
    let (p, digits) = o.payload_items::<IntObj>()?;
    let size = p.size.get();
    let v = match (size.unsigned_abs(), digits) {
        (0, _) => return Some(0),
        (1, [d, ..]) => i64::from(d.get()),
        (2, [d0, d1, ..]) => (i64::from(d1.get()) << SHIFT) | i64::from(d0.get()),
        _ => return None,
    };
    Some(if size < 0 { -v } else { v })
}

/// The value of an int (or bool / int subclass) object.
pub fn int_value(o: &Obj) -> Option<IntV> {
    if let Some(v) = small_value(o) {
        return Some(IntV::S(v));
    }
    let (p, digits) = o.payload_items::<IntObj>()?;
    let size = p.size.get();
    let n = size.unsigned_abs().min(digits.len());
    if n <= 2 {
        // (a clamped digit array: the value read so far, as before)
        let mut v: i64 = 0;
        for i in (0..n).rev() {
            v = (v << SHIFT) | digits[i].get() as i64;
        }
        return Some(IntV::S(if size < 0 { -v } else { v }));
    }
    if n == 3 {
        let top = i128::from(digits[2].get()) << (2 * SHIFT);
        let m = top | (i128::from(digits[1].get()) << SHIFT) | i128::from(digits[0].get());
        let m = if size < 0 { -m } else { m };
        if let Ok(v) = i64::try_from(m) {
            return Some(IntV::S(v));
        }
    }
    let mut b = BigInt::zero();
    for i in (0..n).rev() {
        b = (b << SHIFT) + BigInt::from(digits[i].get());
    }
    if size < 0 {
        b = -b;
    }
    Some(IntV::from_big(b))
}

pub fn is_int(o: &Obj) -> bool {
    o.payload::<IntObj>().is_some()
}

/// The value as i64 if it fits.
#[inline]
pub fn as_i64(o: &Obj) -> Option<i64> {
    if let Some(v) = small_value(o) {
        return Some(v);
    }
    match int_value(o)? {
        IntV::S(v) => Some(v),
        IntV::B(_) => None,
    }
}

pub fn as_big(o: &Obj) -> Option<BigInt> {
    int_value(o).map(|v| v.big())
}

/// Number of 30-bit digits (for `__sizeof__`).
pub fn ndigits(o: &Obj) -> usize {
    o.payload::<IntObj>()
        .map_or(0, |p| p.size.get().unsigned_abs())
}

/// `__index__` conversion to isize: `OverflowError` when too large.
pub fn index_isize(o: &Obj) -> PyResult<isize> {
    let v = crate::ops::index(o)?;
    match int_value(&v) {
        Some(IntV::S(x)) => isize::try_from(x).map_err(|_| too_big()),
        _ => Err(too_big()),
    }
}

fn too_big() -> crate::rt::PyErr {
    overflow("Python int too large to convert to C ssize_t")
}

fn norm(v: i128) -> IntV {
    match i64::try_from(v) {
        Ok(x) => IntV::S(x),
        Err(_) => IntV::B(BigInt::from(v)),
    }
}

/// Floor division and modulo with Python signs.
fn floordiv_big(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    a.div_mod_floor(b)
}

/// Integer binary operation by operator symbol ("+", "-", ...).
/// Returns None for operators ints do not implement with int operands.
pub fn int_binop(op: &str, a: &IntV, b: &IntV) -> Option<PyResult<Obj>> {
    if let (IntV::S(x), IntV::S(y)) = (a, b) {
        let (x, y) = (*x as i128, *y as i128);
        let r = match op {
            "+" => Some(norm(x + y)),
            "-" => Some(norm(x - y)),
            "*" => Some(norm(x * y)),
            "//" | "%" => {
                if y == 0 {
                    return Some(Err(zero_div(if op == "%" {
                        "integer modulo by zero"
                    } else {
                        "integer division or modulo by zero"
                    })));
                }
                let q = x.div_euclid(y);
                let mut r = x.rem_euclid(y);
                let mut q2 = q;
                if r != 0 && y < 0 {
                    r += y;
                    q2 -= 1;
                }
                Some(norm(if op == "//" { q2 } else { r }))
            }
            "&" => Some(norm(x & y)),
            "|" => Some(norm(x | y)),
            "^" => Some(norm(x ^ y)),
            _ => None,
        };
        if let Some(r) = r {
            return Some(Ok(new_int_v(r)));
        }
    }
    let (x, y) = (a.big(), b.big());
    Some(Ok(new_int_v(IntV::from_big(match op {
        "+" => x + y,
        "-" => x - y,
        "*" => x * y,
        "//" | "%" => {
            if y.is_zero() {
                return Some(Err(zero_div(if op == "%" {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                })));
            }
            let (q, r) = floordiv_big(&x, &y);
            if op == "//" {
                q
            } else {
                r
            }
        }
        "&" => x & y,
        "|" => x | y,
        "^" => x ^ y,
        "<<" | ">>" => match super::int_shift::shift(&x, &y, op == "<<") {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        },
        "**" => return Some(int_pow(&x, &y)),
        "/" => return Some(int_truediv(&x, &y)),
        _ => return None,
    }))))
}

fn int_pow(x: &BigInt, y: &BigInt) -> PyResult<Obj> {
    if y.is_negative() {
        // num-bigint converts a too-large int to ±inf; CPython refuses.
        let (Some(fx), Some(fy)) = (
            x.to_f64().filter(|f| f.is_finite()),
            y.to_f64().filter(|f| f.is_finite()),
        ) else {
            return Err(overflow("int too large to convert to float"));
        };
        if fx == 0.0 {
            return Err(zero_div("0.0 cannot be raised to a negative power"));
        }
        return Ok(crate::objects::float::new_float(fx.powf(fy)));
    }
    let Some(e) = y.to_u32() else {
        if x.is_zero() || x == &BigInt::from(1) {
            return Ok(new_int_big(x.clone()));
        }
        return Err(crate::exc::memory_error());
    };
    if x.bits() as u128 * e as u128 > 1 << 32 {
        return Err(crate::exc::memory_error());
    }
    Ok(new_int_big(num_traits::pow::Pow::pow(x, e)))
}

/// True division of two ints (correctly rounded for moderate sizes).
pub fn int_truediv(x: &BigInt, y: &BigInt) -> PyResult<Obj> {
    if y.is_zero() {
        return Err(zero_div("division by zero"));
    }
    if let (Some(a), Some(b)) = (x.to_i64(), y.to_i64()) {
        if a.unsigned_abs() < 1 << 53 && b.unsigned_abs() < 1 << 53 {
            return Ok(crate::objects::float::new_float(a as f64 / b as f64));
        }
    }
    let (Some(a), Some(b)) = (x.to_f64(), y.to_f64()) else {
        return Err(overflow("integer division result too large for a float"));
    };
    if a.is_infinite() || b.is_infinite() {
        return Err(overflow("integer division result too large for a float"));
    }
    Ok(crate::objects::float::new_float(a / b))
}

/// int → float conversion with OverflowError.
pub fn int_to_f64(v: &IntV) -> PyResult<f64> {
    match v {
        IntV::S(x) => Ok(*x as f64),
        IntV::B(b) => match b.to_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => Err(overflow("int too large to convert to float")),
        },
    }
}

/// Compares two ints.
pub fn int_cmp(a: &IntV, b: &IntV) -> std::cmp::Ordering {
    match (a, b) {
        (IntV::S(x), IntV::S(y)) => x.cmp(y),
        _ => a.big().cmp(&b.big()),
    }
}

/// Hash of an int (CPython's modular hash, modulus 2**61-1).
pub fn int_hash(v: &IntV) -> isize {
    const M: u64 = (1 << 61) - 1;
    let (neg, mag) = match v {
        IntV::S(x) => {
            let m = x.unsigned_abs() % M;
            (*x < 0, m)
        }
        IntV::B(b) => {
            let m = (b.abs() % BigInt::from(M)).to_u64().unwrap_or(0);
            (b.is_negative(), m)
        }
    };
    let mut h = mag as i64;
    if neg {
        h = -h;
    }
    if h == -1 {
        h = -2;
    }
    h as isize
}

/// `int(x, base)` parsing of a str with CPython's rules (underscores,
/// whitespace, prefixes, Unicode digits, the int/str digit limit for bases
/// that are not powers of two). Errors: `invalid literal for int() with base
/// N: 'x'` or the limit's ValueError.
pub fn parse_int(s: &str, base: u32) -> PyResult<IntV> {
    let cps = crate::values::format_spec::str_to_cps(s);
    crate::values::int_text::parse_int(&cps, base as i64, max_str_digits())
        .map(IntV::from_big)
        .map_err(crate::strfmt::value_error_to_py)
}

/// [`parse_int`] for bytes/bytearray input (the message shows `b'...'`).
pub fn parse_int_bytes(b: &[u8], base: u32) -> PyResult<IntV> {
    crate::values::int_text::parse_int_bytes(b, base as i64, max_str_digits())
        .map(IntV::from_big)
        .map_err(crate::strfmt::value_error_to_py)
}

/// The int/str conversion digit limit in force (`sys.get_int_max_str_digits()`;
/// 0 = unlimited).
pub fn max_str_digits() -> usize {
    pyheap_compiler::limits::max_str_digits()
}

/// `repr(int)`, with the int/str digit limit.
pub fn int_repr(v: &IntV) -> PyResult<String> {
    match v {
        IntV::S(x) => Ok(x.to_string()),
        IntV::B(b) => crate::values::int_text::int_to_decimal(b, max_str_digits())
            .map_err(crate::strfmt::value_error_to_py),
    }
}

/// `int(x)` for an arbitrary object (no base).
pub fn to_int(o: &Obj) -> PyResult<Obj> {
    if o.has_type(&t().int) {
        return Ok(o.clone());
    }
    if let Some(v) = int_value(o) {
        return Ok(new_int_v(v));
    }
    if let Some(f) = crate::objects::float::float_value(o) {
        return float_to_int(f);
    }
    if let Some(s) = crate::objects::str::as_str(o) {
        return Ok(new_int_v(parse_int(s, 10)?));
    }
    if let Some(b) = crate::objects::bytes::bytes_data(o) {
        return parse_int_bytes(&b, 10).map(new_int_v);
    }
    for name in ["__int__", "__index__", "__trunc__"] {
        if let Some(m) = crate::types::lookup(&o.type_ref(), name) {
            let r = crate::ops::call(&m, vec![o.clone()], vec![])?;
            if !is_int(&r) {
                return Err(type_err(&format!(
                    "{} returned non-int (type {})",
                    name,
                    tname(&r)
                )));
            }
            return Ok(r);
        }
    }
    Err(type_err(&format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        tname(o)
    )))
}

pub fn float_to_int(f: f64) -> PyResult<Obj> {
    if f.is_nan() {
        return Err(value_err("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(overflow("cannot convert float infinity to integer"));
    }
    let tr = f.trunc();
    if tr.abs() < 9.0e18 {
        return Ok(new_int(tr as i64));
    }
    Ok(new_int_big(
        num_bigint::BigInt::from_signed_bytes_le(&[]) + float_to_big(tr),
    ))
}

fn float_to_big(f: f64) -> BigInt {
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mant = (bits & ((1 << 52) - 1)) | (1 << 52);
    let mut b = BigInt::from(mant);
    if exp > 0 {
        b <<= exp as usize;
    } else {
        b >>= (-exp) as usize;
    }
    if f < 0.0 {
        -b
    } else {
        b
    }
}

pub fn new_bool_err(o: &Obj) -> crate::rt::PyErr {
    new_err(&t().type_error, &format!("bad bool {}", tname(o)))
}
