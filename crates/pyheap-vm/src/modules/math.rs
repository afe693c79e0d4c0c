//! The `math` module (basics).

use super::{add_fn, set_attr};
use crate::exc::value_err;
use crate::objects::float::{new_float, to_float};
use crate::objects::int::new_int;
use crate::ops;
use crate::rt::{Kw, Obj, PyResult};

fn f1(a: &[Obj]) -> PyResult<f64> {
    to_float(
        a.first()
            .ok_or_else(|| crate::exc::type_err("expected 1 argument"))?,
    )
}
fn domain(v: f64) -> PyResult<Obj> {
    if v.is_nan() {
        return Err(value_err("math domain error"));
    }
    Ok(new_float(v))
}
fn m_sqrt(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let x = f1(&a)?;
    if x < 0.0 {
        return Err(value_err("math domain error"));
    }
    Ok(new_float(x.sqrt()))
}
fn m_floor(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let o = a
        .first()
        .cloned()
        .ok_or_else(|| crate::exc::type_err("floor"))?;
    if crate::objects::int::is_int(&o) {
        return crate::objects::int::to_int(&o);
    }
    if let Some(r) = ops::call_dunder(&o, "__floor__", vec![])?
        .filter(|_| crate::types::is_heap_type(&o.type_ref()))
    {
        return Ok(r);
    }
    crate::objects::int::float_to_int(to_float(&o)?.floor())
}
fn m_ceil(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let o = a
        .first()
        .cloned()
        .ok_or_else(|| crate::exc::type_err("ceil"))?;
    if crate::objects::int::is_int(&o) {
        return crate::objects::int::to_int(&o);
    }
    crate::objects::int::float_to_int(to_float(&o)?.ceil())
}
fn m_trunc(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    crate::objects::int::float_to_int(f1(&a)?.trunc())
}
fn m_log(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let x = f1(&a)?;
    if x <= 0.0 {
        return Err(value_err("math domain error"));
    }
    match a.get(1) {
        Some(b) => Ok(new_float(x.ln() / to_float(b)?.ln())),
        None => Ok(new_float(x.ln())),
    }
}
fn m_log2(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let x = f1(&a)?;
    if x <= 0.0 {
        return Err(value_err("math domain error"));
    }
    Ok(new_float(x.log2()))
}
fn m_log10(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let x = f1(&a)?;
    if x <= 0.0 {
        return Err(value_err("math domain error"));
    }
    Ok(new_float(x.log10()))
}
fn m_exp(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let r = f1(&a)?.exp();
    if r.is_infinite() {
        return Err(crate::exc::overflow("math range error"));
    }
    Ok(new_float(r))
}
fn m_pow(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let y = to_float(
        a.get(1)
            .ok_or_else(|| crate::exc::type_err("pow expected 2 arguments"))?,
    )?;
    domain(f1(&a)?.powf(y))
}
fn m_sin(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    domain(f1(&a)?.sin())
}
fn m_cos(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    domain(f1(&a)?.cos())
}
fn m_tan(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    domain(f1(&a)?.tan())
}
fn m_atan(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    domain(f1(&a)?.atan())
}
fn m_atan2(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let x = to_float(
        a.get(1)
            .ok_or_else(|| crate::exc::type_err("atan2 expected 2 arguments"))?,
    )?;
    domain(f1(&a)?.atan2(x))
}
fn m_fabs(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(new_float(f1(&a)?.abs()))
}
fn m_hypot(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let mut s = 0.0f64;
    for x in &a {
        let v = to_float(x)?;
        s = s.hypot(v);
    }
    Ok(new_float(s))
}
fn m_isnan(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(crate::types::py_bool(f1(&a)?.is_nan()))
}
fn m_isinf(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(crate::types::py_bool(f1(&a)?.is_infinite()))
}
fn m_isfinite(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(crate::types::py_bool(f1(&a)?.is_finite()))
}
fn m_gcd(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    use num_integer::Integer;
    let mut g = num_bigint::BigInt::from(0);
    for x in &a {
        let v = crate::objects::int::as_big(&ops::index(x)?).unwrap_or_default();
        g = g.gcd(&v);
    }
    Ok(crate::objects::int::new_int_big(g))
}
fn m_factorial(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let n = ops::to_i64(a.first().ok_or_else(|| crate::exc::type_err("factorial"))?)?;
    if n < 0 {
        return Err(value_err("factorial() not defined for negative values"));
    }
    let mut r = num_bigint::BigInt::from(1);
    for i in 2..=n {
        r *= i;
    }
    Ok(crate::objects::int::new_int_big(r))
}
fn m_isqrt(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let v = crate::objects::int::as_big(&ops::index(
        a.first().ok_or_else(|| crate::exc::type_err("isqrt"))?,
    )?)
    .unwrap_or_default();
    if num_traits::Signed::is_negative(&v) {
        return Err(value_err("isqrt() argument must be nonnegative"));
    }
    Ok(crate::objects::int::new_int_big(v.sqrt()))
}
fn m_copysign(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let y = to_float(a.get(1).ok_or_else(|| crate::exc::type_err("copysign"))?)?;
    Ok(new_float(f1(&a)?.copysign(y)))
}
fn m_prod(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let mut acc = new_int(1);
    for x in ops::to_vec(a.first().ok_or_else(|| crate::exc::type_err("prod"))?)? {
        acc = ops::binary_op(&acc, &x, "*")?;
    }
    Ok(acc)
}
fn m_fsum(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let mut s = 0.0;
    let mut c = 0.0;
    for x in ops::to_vec(a.first().ok_or_else(|| crate::exc::type_err("fsum"))?)? {
        let y = to_float(&x)? - c;
        let t = s + y;
        c = (t - s) - y;
        s = t;
    }
    Ok(new_float(s))
}

pub fn init(m: &Obj) -> PyResult<()> {
    let fns: &[(&'static str, crate::rt::NativeFn)] = &[
        ("sqrt", m_sqrt),
        ("floor", m_floor),
        ("ceil", m_ceil),
        ("trunc", m_trunc),
        ("log", m_log),
        ("log2", m_log2),
        ("log10", m_log10),
        ("exp", m_exp),
        ("pow", m_pow),
        ("sin", m_sin),
        ("cos", m_cos),
        ("tan", m_tan),
        ("atan", m_atan),
        ("atan2", m_atan2),
        ("fabs", m_fabs),
        ("hypot", m_hypot),
        ("isnan", m_isnan),
        ("isinf", m_isinf),
        ("isfinite", m_isfinite),
        ("gcd", m_gcd),
        ("factorial", m_factorial),
        ("isqrt", m_isqrt),
        ("copysign", m_copysign),
        ("prod", m_prod),
        ("fsum", m_fsum),
    ];
    for (n, f) in fns {
        add_fn(m, n, *f)?;
    }
    set_attr(m, "pi", new_float(std::f64::consts::PI))?;
    set_attr(m, "e", new_float(std::f64::consts::E))?;
    set_attr(m, "tau", new_float(std::f64::consts::TAU))?;
    set_attr(m, "inf", new_float(f64::INFINITY))?;
    set_attr(m, "nan", new_float(f64::NAN))?;
    Ok(())
}
