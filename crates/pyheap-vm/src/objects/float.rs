//! `float` (24 bytes) and `complex` (32 bytes) objects and their arithmetic.

use pyheap_mem::{new_object, Payload, TypeSlots};

use crate::exc::zero_div;
use crate::rt::{Obj, PyResult};
use crate::types::t;

pub struct FloatObj {
    pub v: f64,
}

impl Payload for FloatObj {
    type Item = pyheap_mem::typed::NoItems;
}

pub fn set_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<FloatObj>(s, 16)
}

pub struct ComplexObj {
    pub re: f64,
    pub im: f64,
}

impl Payload for ComplexObj {
    type Item = pyheap_mem::typed::NoItems;
}

pub fn set_complex_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<ComplexObj>(s, 16)
}

pub fn new_float(v: f64) -> Obj {
    new_float_of(&t().float, v)
}

/// A float of type `ty` (float or a subclass, whose instances are tracked
/// GC objects as in CPython).
pub fn new_float_of(ty: &Obj, v: f64) -> Obj {
    let o = new_object(ty, FloatObj { v }, 0).unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&o);
    o
}

pub fn new_complex(re: f64, im: f64) -> Obj {
    new_complex_of(&t().complex, re, im)
}

/// A complex of type `ty` (complex or a subclass, tracked as in CPython).
pub fn new_complex_of(ty: &Obj, re: f64, im: f64) -> Obj {
    let o =
        new_object(ty, ComplexObj { re, im }, 0).unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&o);
    o
}

pub fn float_value(o: &Obj) -> Option<f64> {
    o.payload::<FloatObj>().map(|f| f.v)
}

pub fn complex_value(o: &Obj) -> Option<(f64, f64)> {
    o.payload::<ComplexObj>().map(|c| (c.re, c.im))
}

pub fn float_repr(v: f64) -> String {
    pyheap_compiler::constant::float_repr(v)
}

/// Python float floor-div and modulo.
fn float_divmod(x: f64, y: f64) -> PyResult<(f64, f64)> {
    if y == 0.0 {
        return Err(zero_div("float modulo"));
    }
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    };
    Ok((floordiv, m))
}

/// Float binary op by symbol; None when unsupported.
pub fn float_binop(op: &str, x: f64, y: f64) -> Option<PyResult<Obj>> {
    let r = match op {
        "+" => x + y,
        "-" => x - y,
        "*" => x * y,
        "/" => {
            if y == 0.0 {
                return Some(Err(zero_div("float division by zero")));
            }
            x / y
        }
        "//" => {
            if y == 0.0 {
                return Some(Err(zero_div("float floor division by zero")));
            }
            match float_divmod(x, y) {
                Ok((d, _)) => d,
                Err(e) => return Some(Err(e)),
            }
        }
        "%" => {
            if y == 0.0 {
                return Some(Err(zero_div("float modulo")));
            }
            match float_divmod(x, y) {
                Ok((_, m)) => m,
                Err(e) => return Some(Err(e)),
            }
        }
        "**" => {
            if x == 0.0 && y < 0.0 {
                return Some(Err(zero_div("0.0 cannot be raised to a negative power")));
            }
            if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
                let (re, im) = cpow(x, 0.0, y, 0.0);
                return Some(Ok(new_complex(re, im)));
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Some(Err(crate::exc::overflow_erange()));
            }
            r
        }
        _ => return None,
    };
    Some(Ok(new_float(r)))
}

fn cpow(ar: f64, ai: f64, br: f64, bi: f64) -> (f64, f64) {
    let vabs = ar.hypot(ai);
    let len = vabs.powf(br);
    let at = ai.atan2(ar);
    let phase = at * br;
    let (len, phase) = if bi != 0.0 {
        (len / (at * bi).exp(), phase + bi * vabs.ln())
    } else {
        (len, phase)
    };
    (len * phase.cos(), len * phase.sin())
}

/// Complex binary op.
pub fn complex_binop(op: &str, a: (f64, f64), b: (f64, f64)) -> Option<PyResult<Obj>> {
    let (ar, ai) = a;
    let (br, bi) = b;
    let r = match op {
        "+" => (ar + br, ai + bi),
        "-" => (ar - br, ai - bi),
        "*" => (ar * br - ai * bi, ar * bi + ai * br),
        "/" => {
            if br == 0.0 && bi == 0.0 {
                return Some(Err(zero_div("complex division by zero")));
            }
            let d = br * br + bi * bi;
            ((ar * br + ai * bi) / d, (ai * br - ar * bi) / d)
        }
        "**" => {
            if br == 0.0 && bi == 0.0 {
                (1.0, 0.0)
            } else if ar == 0.0 && ai == 0.0 {
                if bi != 0.0 || br < 0.0 {
                    return Some(Err(zero_div("0.0 to a negative or complex power")));
                }
                (0.0, 0.0)
            } else {
                cpow(ar, ai, br, bi)
            }
        }
        _ => return None,
    };
    Some(Ok(new_complex(r.0, r.1)))
}

pub fn complex_repr(re: f64, im: f64) -> String {
    pyheap_compiler::constant::complex_repr(re, im)
}

/// CPython's float hash.
pub fn float_hash(v: f64) -> isize {
    if v.is_nan() {
        return 0; // NOTE: 3.10+ hashes NaN by identity; callers handle that.
    }
    if v.is_infinite() {
        return if v > 0.0 { 314159 } else { -314159 };
    }
    if v.fract() == 0.0 && v.abs() < 9.0e18 {
        return crate::objects::int::int_hash(&crate::objects::int::IntV::S(v as i64));
    }
    const BITS: i32 = 61;
    const M: u64 = (1 << BITS) - 1;
    let (mut m, mut e) = frexp(v.abs());
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & M) | (x >> (BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= M {
            x -= M;
        }
    }
    let e = if e >= 0 {
        e % BITS
    } else {
        BITS - 1 - ((-1 - e) % BITS)
    };
    x = ((x << e) & M) | (x >> (BITS - e));
    let mut h = x as i64;
    if v < 0.0 {
        h = -h;
    }
    if h == -1 {
        h = -2;
    }
    h as isize
}

fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (0.0, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(v * (1u64 << 54) as f64);
        return (m, e - 54);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

/// `float(x)` conversion.
pub fn to_float(o: &Obj) -> PyResult<f64> {
    if let Some(v) = float_value(o) {
        return Ok(v);
    }
    if let Some(v) = crate::objects::int::int_value(o) {
        return crate::objects::int::int_to_f64(&v);
    }
    if let Some(m) = crate::types::lookup(&o.type_ref(), "__float__") {
        let r = crate::ops::call(&m, vec![o.clone()], vec![])?;
        if let Some(v) = float_value(&r) {
            return Ok(v);
        }
        return Err(crate::exc::type_err(&format!(
            "{}.__float__ returned non-float (type {})",
            crate::types::tname(o),
            crate::types::tname(&r)
        )));
    }
    if let Some(m) = crate::types::lookup(&o.type_ref(), "__index__") {
        let r = crate::ops::call(&m, vec![o.clone()], vec![])?;
        if let Some(v) = crate::objects::int::int_value(&r) {
            return crate::objects::int::int_to_f64(&v);
        }
    }
    Err(crate::exc::type_err(&format!(
        "must be real number, not {}",
        crate::types::tname(o)
    )))
}

/// Parses a float literal as `float(str)` does.
pub fn parse_float(s: &str) -> Option<f64> {
    let st = s.trim();
    let l = st.to_ascii_lowercase();
    let body = l.trim_start_matches(['+', '-']);
    let neg = l.starts_with('-');
    let v = match body {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            if body.contains("__") || body.starts_with('_') || body.ends_with('_') {
                return None;
            }
            let clean: String = body.chars().filter(|c| *c != '_').collect();
            if clean.is_empty() || clean.contains(['+', '-']) && !clean.contains('e') {
                return None;
            }
            if !clean
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-'))
            {
                return None;
            }
            clean.parse::<f64>().ok()?
        }
    };
    Some(if neg { -v } else { v })
}
