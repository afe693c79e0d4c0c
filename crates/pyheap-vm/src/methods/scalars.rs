//! Constructors and methods of `int`, `bool`, `float`, `complex`, `str`,
//! `bytes`, `bytearray`.

use crate::builtins::{check_args, kwarg};
use crate::exc::{type_err, value_err};
use crate::objects::bytes::{bytes_data, new_bytearray, new_bytes, ByteArrayObj};
use crate::objects::float::{float_value, new_float, new_float_of, parse_float, to_float};
use crate::objects::int::{
    alloc_int, int_value, new_int, new_int_usize, new_int_v, parse_int, IntV,
};
use crate::objects::{list, str as pstr, tuple};
use crate::ops;
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{add_getset, add_method, add_static, is_none, none, py_bool, t, tname};
use crate::values::text;

fn a0(args: &[Obj]) -> PyResult<Obj> {
    args.first()
        .cloned()
        .ok_or_else(|| type_err("missing self"))
}

fn s0(args: &[Obj]) -> PyResult<String> {
    let o = a0(args)?;
    pstr::as_str(&o)
        .map(|s| s.to_string())
        .ok_or_else(|| type_err("descriptor requires a 'str' object"))
}

fn arg_str(args: &[Obj], i: usize, what: &str) -> PyResult<Option<String>> {
    match args.get(i) {
        None => Ok(None),
        Some(o) if is_none(o) => Ok(None),
        Some(o) => pstr::as_str(o)
            .map(|s| Some(s.to_string()))
            .ok_or_else(|| type_err(&format!("{} arg must be None or str", what))),
    }
}

// ----- int -------------------------------------------------------------------

fn int_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let cls = a0(&args)?;
    let x = args.get(1).cloned().or_else(|| kwarg(&kw, "x"));
    let base = args.get(2).cloned().or_else(|| kwarg(&kw, "base"));
    let v = match (x, base) {
        (None, None) => new_int(0),
        (None, Some(_)) => return Err(type_err("int() missing string argument")),
        (Some(x), None) => crate::objects::int::to_int(&x)?,
        (Some(x), Some(b)) => {
            // A base too large for a machine int is out of range too
            // (CPython: the same ValueError, not an OverflowError).
            let b = match ops::to_i64(&b) {
                Err(_) if int_value(&b).is_some() => -1,
                r => r?,
            };
            if b != 0 && !(2..=36).contains(&b) {
                return Err(value_err("int() base must be >= 2 and <= 36, or 0"));
            }
            if let Some(s) = pstr::as_str(&x) {
                new_int_v(parse_int(s, b as u32)?)
            } else if let Some(bd) = bytes_data(&x) {
                new_int_v(crate::objects::int::parse_int_bytes(&bd, b as u32)?)
            } else {
                return Err(type_err(
                    "int() can't convert non-string with explicit base",
                ));
            }
        }
    };
    if cls.is(&t().int) {
        return Ok(v);
    }
    Ok(alloc_int(&cls, &int_value(&v).unwrap_or(IntV::S(0))))
}

fn int_bit_length(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let v = int_value(&a0(&args)?).unwrap_or(IntV::S(0)).big();
    Ok(new_int(v.bits() as i64))
}
fn int_bit_count(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let v = int_value(&a0(&args)?).unwrap_or(IntV::S(0)).big();
    let (_, digits) = v.to_u64_digits();
    Ok(new_int(digits.iter().map(|d| d.count_ones() as i64).sum()))
}
fn int_to_bytes(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let v = int_value(&a0(&args)?).unwrap_or(IntV::S(0)).big();
    let length = args
        .get(1)
        .cloned()
        .or_else(|| kwarg(&kw, "length"))
        .map(|l| crate::objects::int::index_isize(&l))
        .transpose()?
        .unwrap_or(1);
    let length =
        usize::try_from(length).map_err(|_| value_err("length argument must be non-negative"))?;
    let order = args
        .get(2)
        .cloned()
        .or_else(|| kwarg(&kw, "byteorder"))
        .and_then(|o| pstr::as_str(&o).map(|s| s.to_string()))
        .unwrap_or_else(|| "big".into());
    let signed = kwarg(&kw, "signed")
        .map(|s| ops::truthy(&s))
        .transpose()?
        .unwrap_or(false);
    if !signed && num_traits::Signed::is_negative(&v) {
        return Err(crate::exc::overflow(
            "can't convert negative int to unsigned",
        ));
    }
    let mut b = v.to_signed_bytes_le();
    if !signed && b.len() > 1 && *b.last().unwrap_or(&1) == 0 {
        b.pop();
    }
    if b.len() > length && !(b.len() == length + 1 && !signed && b[length] == 0) {
        return Err(crate::exc::overflow("int too big to convert"));
    }
    let fill = if num_traits::Signed::is_negative(&v) {
        0xff
    } else {
        0
    };
    let extra = length.saturating_sub(b.len());
    crate::room::reserve_bytes(&mut b, extra)?;
    b.resize(length, fill);
    if order == "big" {
        b.reverse();
    }
    Ok(new_bytes(&b))
}
fn int_from_bytes(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let data = args
        .get(1)
        .cloned()
        .or_else(|| kwarg(&kw, "bytes"))
        .ok_or_else(|| type_err("from_bytes() missing required argument 'bytes'"))?;
    let mut b = match bytes_data(&data) {
        Some(b) => b,
        None => ops::to_vec(&data)?
            .iter()
            .map(|x| ops::to_i64(x).unwrap_or(0) as u8)
            .collect(),
    };
    let order = args
        .get(2)
        .cloned()
        .or_else(|| kwarg(&kw, "byteorder"))
        .and_then(|o| pstr::as_str(&o).map(|s| s.to_string()))
        .unwrap_or_else(|| "big".into());
    let signed = kwarg(&kw, "signed")
        .map(|s| ops::truthy(&s))
        .transpose()?
        .unwrap_or(false);
    if order == "big" {
        b.reverse();
    }
    let v = if signed {
        num_bigint::BigInt::from_signed_bytes_le(&b)
    } else {
        num_bigint::BigInt::from_bytes_le(num_bigint::Sign::Plus, &b)
    };
    Ok(crate::objects::int::new_int_big(v))
}
fn int_conjugate(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_int_v(int_value(&a0(&args)?).unwrap_or(IntV::S(0))))
}
fn int_real(o: &Obj) -> PyResult<Obj> {
    Ok(new_int_v(int_value(o).unwrap_or(IntV::S(0))))
}
fn int_imag(_o: &Obj) -> PyResult<Obj> {
    Ok(new_int(0))
}
fn int_denominator(_o: &Obj) -> PyResult<Obj> {
    Ok(new_int(1))
}
fn int_as_ratio(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let v = new_int_v(int_value(&a0(&args)?).unwrap_or(IntV::S(0)));
    Ok(tuple::new_tuple(vec![v, new_int(1)]))
}
fn int_float(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_float(crate::objects::int::int_to_f64(
        &int_value(&a0(&args)?).unwrap_or(IntV::S(0)),
    )?))
}
fn int_round(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_int_v(int_value(&a0(&args)?).unwrap_or(IntV::S(0))))
}
fn int_getnewargs(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(tuple::new_tuple(vec![new_int_v(
        int_value(&a0(&args)?).unwrap_or(IntV::S(0)),
    )]))
}

fn bool_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    check_args("bool", &args[1..], 0, 1)?;
    match args.get(1) {
        Some(x) => Ok(py_bool(ops::truthy(x)?)),
        None => Ok(py_bool(false)),
    }
}

// ----- float -----------------------------------------------------------------

fn float_new(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let cls = a0(&args)?;
    let v = match args.get(1) {
        None => 0.0,
        Some(x) => {
            if let Some(s) = pstr::as_str(x) {
                parse_float(s).ok_or_else(|| {
                    value_err(&format!(
                        "could not convert string to float: {}",
                        pyheap_compiler::constant::str_repr(s)
                    ))
                })?
            } else if let Some(b) = bytes_data(x) {
                let s = String::from_utf8_lossy(&b).to_string();
                parse_float(&s).ok_or_else(|| {
                    value_err(&format!(
                        "could not convert string to float: {}",
                        pyheap_compiler::constant::bytes_repr(&b)
                    ))
                })?
            } else {
                let ty = x.type_ref();
                let convertible = int_value(x).is_some()
                    || float_value(x).is_some()
                    || crate::types::lookup(&ty, "__float__").is_some()
                    || crate::types::lookup(&ty, "__index__").is_some();
                if !convertible {
                    return Err(type_err(&format!(
                        "float() argument must be a string or a real number, not '{}'",
                        tname(x)
                    )));
                }
                to_float(x)?
            }
        }
    };
    if cls.is(&t().float) {
        return Ok(new_float(v));
    }
    Ok(new_float_of(&cls, v))
}
fn fv(args: &[Obj]) -> f64 {
    args.first().and_then(float_value).unwrap_or(0.0)
}
fn float_is_integer(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = fv(&args);
    Ok(py_bool(f.is_finite() && f.fract() == 0.0))
}
fn float_int(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    crate::objects::int::float_to_int(fv(&args))
}
fn float_float(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_float(fv(&args)))
}
fn float_trunc(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    crate::objects::int::float_to_int(fv(&args))
}
fn float_floor(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    crate::objects::int::float_to_int(fv(&args).floor())
}
fn float_ceil(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    crate::objects::int::float_to_int(fv(&args).ceil())
}
fn float_round(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let d = crate::builtins::builtins_dict();
    let r = crate::objects::dict::get_str(&d, "round").ok_or_else(|| type_err("round"))?;
    ops::call(&r, args, kw)
}
fn float_as_ratio(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = fv(&args);
    if f.is_infinite() {
        return Err(crate::exc::overflow(
            "cannot convert Infinity to integer ratio",
        ));
    }
    if f.is_nan() {
        return Err(value_err("cannot convert NaN to integer ratio"));
    }
    let mut m = f;
    let mut e = 0i32;
    while m.fract() != 0.0 {
        m *= 2.0;
        e += 1;
    }
    let num = crate::objects::int::float_to_int(m)?;
    let den = crate::objects::int::new_int_big(num_bigint::BigInt::from(1) << e as usize);
    Ok(tuple::new_tuple(vec![num, den]))
}
fn float_hex(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = fv(&args);
    Ok(pstr::new_string(format!("{f:e}")))
}
fn float_real(o: &Obj) -> PyResult<Obj> {
    Ok(new_float(float_value(o).unwrap_or(0.0)))
}
fn float_imag(_o: &Obj) -> PyResult<Obj> {
    Ok(new_float(0.0))
}
fn float_conj(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_float(fv(&args)))
}

fn complex_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let re = args.get(1).cloned().or_else(|| kwarg(&kw, "real"));
    let im = args.get(2).cloned().or_else(|| kwarg(&kw, "imag"));
    let (mut r, mut i) = (0.0, 0.0);
    if let Some(x) = re {
        if let Some((a, b)) = crate::objects::float::complex_value(&x) {
            r = a;
            i = b;
        } else if let Some(s) = pstr::as_str(&x) {
            let s = s.trim().trim_start_matches('(').trim_end_matches(')');
            if let Some(body) = s.strip_suffix(['j', 'J']) {
                let split = body
                    .rfind(['+', '-'])
                    .filter(|p| *p > 0 && !body[..*p].ends_with(['e', 'E']));
                match split {
                    Some(p) => {
                        r = parse_float(&body[..p])
                            .ok_or_else(|| value_err("complex() arg is a malformed string"))?;
                        let imag = &body[p..];
                        i = if imag == "+" {
                            1.0
                        } else if imag == "-" {
                            -1.0
                        } else {
                            parse_float(imag)
                                .ok_or_else(|| value_err("complex() arg is a malformed string"))?
                        };
                    }
                    None => {
                        i = if body.is_empty() || body == "+" {
                            1.0
                        } else if body == "-" {
                            -1.0
                        } else {
                            parse_float(body)
                                .ok_or_else(|| value_err("complex() arg is a malformed string"))?
                        };
                    }
                }
            } else {
                r = parse_float(s)
                    .ok_or_else(|| value_err("complex() arg is a malformed string"))?;
            }
        } else {
            r = to_float(&x)?;
        }
    }
    if let Some(y) = im {
        if let Some((a, b)) = crate::objects::float::complex_value(&y) {
            r -= b;
            i += a;
        } else {
            i += to_float(&y)?;
        }
    }
    Ok(crate::objects::float::new_complex_of(&a0(&args)?, r, i))
}
fn complex_real(o: &Obj) -> PyResult<Obj> {
    Ok(new_float(
        crate::objects::float::complex_value(o).map_or(0.0, |c| c.0),
    ))
}
fn complex_imag(o: &Obj) -> PyResult<Obj> {
    Ok(new_float(
        crate::objects::float::complex_value(o).map_or(0.0, |c| c.1),
    ))
}
fn complex_conj(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let (r, i) = crate::objects::float::complex_value(&a0(&args)?).unwrap_or((0.0, 0.0));
    Ok(crate::objects::float::new_complex(r, -i))
}

// ----- str -------------------------------------------------------------------

fn str_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let cls = a0(&args)?;
    let x = args.get(1).cloned().or_else(|| kwarg(&kw, "object"));
    let encoding = args.get(2).cloned().or_else(|| kwarg(&kw, "encoding"));
    let s = match x {
        None => pstr::new_str(""),
        Some(x) => {
            if let (Some(b), true) = (
                bytes_data(&x),
                encoding.is_some() || kwarg(&kw, "errors").is_some(),
            ) {
                pstr::new_string(decode(&b, encoding.as_ref())?)
            } else {
                ops::str_(&x)?
            }
        }
    };
    if cls.is(&t().str_) {
        return Ok(s);
    }
    Ok(pstr::alloc_str_of(&cls, pstr::as_str(&s).unwrap_or("")))
}

fn decode(b: &[u8], enc: Option<&Obj>) -> PyResult<String> {
    let e = enc
        .and_then(|e| pstr::as_str(e).map(|s| s.to_ascii_lowercase().replace('_', "-")))
        .unwrap_or_else(|| "utf-8".into());
    match e.as_str() {
        "utf-8" | "utf8" => String::from_utf8(b.to_vec()).map_err(|err| {
            let pos = err.utf8_error().valid_up_to();
            crate::exc::new_err(
                &t().unicode_decode_error,
                &format!(
                    "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                    b.get(pos).copied().unwrap_or(0),
                    pos
                ),
            )
        }),
        "latin-1" | "latin1" | "iso-8859-1" => Ok(b.iter().map(|c| *c as char).collect()),
        "ascii" => {
            if let Some(p) = b.iter().position(|c| *c >= 128) {
                return Err(crate::exc::new_err(
                    &t().unicode_decode_error,
                    &format!(
                        "'ascii' codec can't decode byte 0x{:02x} in position {}: ordinal not in range(128)",
                        b[p], p
                    ),
                ));
            }
            Ok(b.iter().map(|c| *c as char).collect())
        }
        other => Err(crate::exc::new_err(
            &t().lookup_error,
            &format!("unknown encoding: {other}"),
        )),
    }
}

fn encode(s: &str, enc: Option<&Obj>) -> PyResult<Vec<u8>> {
    let e = enc
        .and_then(|e| pstr::as_str(e).map(|s| s.to_ascii_lowercase().replace('_', "-")))
        .unwrap_or_else(|| "utf-8".into());
    match e.as_str() {
        "utf-8" | "utf8" => Ok(s.as_bytes().to_vec()),
        "latin-1" | "latin1" | "iso-8859-1" | "ascii" => {
            let lim = if e == "ascii" { 128 } else { 256 };
            let mut out = Vec::new();
            for (i, c) in s.chars().enumerate() {
                if (c as u32) >= lim {
                    return Err(crate::exc::new_err(
                        &t().unicode_error,
                        &format!(
                            "'{}' codec can't encode character '\\x{:02x}' in position {}: ordinal not in range({})",
                            if lim == 128 { "ascii" } else { "latin-1" },
                            c as u32,
                            i,
                            lim
                        ),
                    ));
                }
                out.push(c as u32 as u8);
            }
            Ok(out)
        }
        other => Err(crate::exc::new_err(
            &t().lookup_error,
            &format!("unknown encoding: {other}"),
        )),
    }
}

fn str_encode(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    let enc = args.get(1).cloned().or_else(|| kwarg(&kw, "encoding"));
    Ok(new_bytes(&encode(&s, enc.as_ref())?))
}

fn new_s(s: String) -> PyResult<Obj> {
    Ok(pstr::new_string(s))
}

fn str_upper(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    new_s(s0(&args)?.to_uppercase())
}
fn str_lower(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    new_s(s0(&args)?.to_lowercase())
}
fn str_casefold(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    new_s(s0(&args)?.to_lowercase())
}
fn str_swapcase(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    new_s(
        s0(&args)?
            .chars()
            .map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().collect::<String>()
                } else {
                    c.to_uppercase().collect()
                }
            })
            .collect(),
    )
}
fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
        None => String::new(),
    }
}
fn str_capitalize(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    new_s(capitalize(&s0(&args)?))
}
fn str_title(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    new_s(out)
}
fn strip_chars(args: &[Obj]) -> PyResult<Option<Vec<char>>> {
    Ok(arg_str(args, 1, "strip")?.map(|s| s.chars().collect()))
}
fn str_strip(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    new_s(match strip_chars(&args)? {
        Some(cs) => s.trim_matches(|c| cs.contains(&c)).to_string(),
        None => s.trim().to_string(),
    })
}
fn str_lstrip(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    new_s(match strip_chars(&args)? {
        Some(cs) => s.trim_start_matches(|c| cs.contains(&c)).to_string(),
        None => s.trim_start().to_string(),
    })
}
fn str_rstrip(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    new_s(match strip_chars(&args)? {
        Some(cs) => s.trim_end_matches(|c| cs.contains(&c)).to_string(),
        None => s.trim_end().to_string(),
    })
}
fn str_split_impl(args: &[Obj], kw: &Kw, right: bool) -> PyResult<Obj> {
    let s = s0(args)?;
    let sep = match args.get(1).cloned().or_else(|| kwarg(kw, "sep")) {
        Some(o) if !is_none(&o) => Some(
            pstr::as_str(&o)
                .ok_or_else(|| type_err("must be str or None"))?
                .to_string(),
        ),
        _ => None,
    };
    let maxsplit = args
        .get(2)
        .cloned()
        .or_else(|| kwarg(kw, "maxsplit"))
        .map(|m| crate::objects::int::index_isize(&m).map(|v| v as i64))
        .transpose()?
        .unwrap_or(-1);
    let parts: Vec<String> = match &sep {
        Some(sep) => {
            if sep.is_empty() {
                return Err(value_err("empty separator"));
            }
            if maxsplit < 0 {
                s.split(sep.as_str()).map(|x| x.to_string()).collect()
            } else if right {
                let mut v: Vec<String> = s
                    .rsplitn(maxsplit as usize + 1, sep.as_str())
                    .map(|x| x.to_string())
                    .collect();
                v.reverse();
                v
            } else {
                s.splitn(maxsplit as usize + 1, sep.as_str())
                    .map(|x| x.to_string())
                    .collect()
            }
        }
        None => {
            let mut out: Vec<String> = Vec::new();
            if right {
                let mut rest = s.trim_end();
                let mut n = 0;
                while !rest.is_empty() {
                    if maxsplit >= 0 && n >= maxsplit {
                        out.push(rest.to_string());
                        break;
                    }
                    match rest.rfind(char::is_whitespace) {
                        Some(p) => {
                            let ch = rest[p..].chars().next().map_or(1, |c| c.len_utf8());
                            out.push(rest[p + ch..].to_string());
                            rest = rest[..p].trim_end();
                        }
                        None => {
                            out.push(rest.to_string());
                            break;
                        }
                    }
                    n += 1;
                }
                out.reverse();
            } else {
                let mut rest = s.trim_start();
                let mut n = 0;
                while !rest.is_empty() {
                    if maxsplit >= 0 && n >= maxsplit {
                        out.push(rest.to_string());
                        break;
                    }
                    match rest.find(char::is_whitespace) {
                        Some(p) => {
                            out.push(rest[..p].to_string());
                            rest = rest[p..].trim_start();
                        }
                        None => {
                            out.push(rest.to_string());
                            break;
                        }
                    }
                    n += 1;
                }
            }
            out
        }
    };
    Ok(list::new_list(
        parts.into_iter().map(pstr::new_string).collect(),
    ))
}
fn str_split(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    str_split_impl(&args, &kw, false)
}
fn str_rsplit(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    str_split_impl(&args, &kw, true)
}
fn str_splitlines(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    let keep = args
        .get(1)
        .cloned()
        .or_else(|| kwarg(&kw, "keepends"))
        .map(|k| ops::truthy(&k))
        .transpose()?
        .unwrap_or(false);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        ) {
            let mut end = c.to_string();
            if c == '\r' && it.peek() == Some(&'\n') {
                it.next();
                end.push('\n');
            }
            if keep {
                cur.push_str(&end);
            }
            out.push(pstr::new_string(std::mem::take(&mut cur)));
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(pstr::new_string(cur));
    }
    Ok(list::new_list(out))
}
fn str_join(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let sep = s0(&args)?;
    let items = ops::to_vec(
        args.get(1)
            .ok_or_else(|| type_err("join() takes exactly one argument (0 given)"))?,
    )?;
    if items.len() == 1 && items[0].has_type(&t().str_) {
        return Ok(items[0].clone());
    }
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match pstr::as_str(x) {
            Some(s) => out.push_str(s),
            None => {
                return Err(type_err(&format!(
                    "sequence item {}: expected str instance, {} found",
                    i,
                    tname(x)
                )))
            }
        }
    }
    new_s(out)
}
fn str_replace(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    let old = arg_str(&args, 1, "replace")?
        .ok_or_else(|| type_err("replace() argument 1 must be str"))?;
    let new = arg_str(&args, 2, "replace")?
        .ok_or_else(|| type_err("replace() argument 2 must be str"))?;
    let count = args.get(3).map(ops::to_i64).transpose()?.unwrap_or(-1);
    if count < 0 {
        return new_s(s.replace(&old, &new));
    }
    new_s(s.replacen(&old, &new, count as usize))
}
fn sub_range(s: &str, args: &[Obj], from: usize) -> PyResult<(usize, usize)> {
    let n = s.chars().count() as i64;
    let norm = |x: i64| -> usize {
        let x = if x < 0 { (x + n).max(0) } else { x.min(n) };
        x as usize
    };
    let start = match args.get(from) {
        Some(o) if !is_none(o) => norm(ops::index_clamped(o)?),
        _ => 0,
    };
    let end = match args.get(from + 1) {
        Some(o) if !is_none(o) => norm(ops::index_clamped(o)?),
        _ => n as usize,
    };
    Ok((start, end))
}
fn char_to_byte(s: &str, ci: usize) -> usize {
    s.char_indices().nth(ci).map_or(s.len(), |(b, _)| b)
}
fn find_impl(args: &[Obj], right: bool) -> PyResult<i64> {
    let s = s0(args)?;
    let sub = match args.get(1) {
        Some(o) => pstr::as_str(o)
            .ok_or_else(|| type_err(&format!("must be str, not {}", tname(o))))?
            .to_string(),
        None => return Err(type_err("find() takes at least 1 argument (0 given)")),
    };
    let (a, b) = sub_range(&s, args, 2)?;
    if a > b {
        return Ok(-1);
    }
    let (ba, bb) = (char_to_byte(&s, a), char_to_byte(&s, b));
    let hay = &s[ba..bb];
    let r = if right {
        hay.rfind(&sub)
    } else {
        hay.find(&sub)
    };
    Ok(match r {
        Some(p) => (a + hay[..p].chars().count()) as i64,
        None => -1,
    })
}
fn str_find(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_int(find_impl(&args, false)?))
}
fn str_rfind(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_int(find_impl(&args, true)?))
}
fn str_index(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    match find_impl(&args, false)? {
        -1 => Err(value_err("substring not found")),
        i => Ok(new_int(i)),
    }
}
fn str_rindex(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    match find_impl(&args, true)? {
        -1 => Err(value_err("substring not found")),
        i => Ok(new_int(i)),
    }
}
fn str_count(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    let sub = arg_str(&args, 1, "count")?.unwrap_or_default();
    let (a, b) = sub_range(&s, &args, 2)?;
    if a > b {
        return Ok(new_int(0));
    }
    let hay = &s[char_to_byte(&s, a)..char_to_byte(&s, b)];
    if sub.is_empty() {
        return Ok(new_int_usize(hay.chars().count() + 1));
    }
    Ok(new_int_usize(hay.matches(&sub).count()))
}
fn affix_impl(args: &[Obj], ends: bool) -> PyResult<Obj> {
    let s = s0(args)?;
    let (a, b) = sub_range(&s, args, 2)?;
    let hay = if a <= b {
        &s[char_to_byte(&s, a)..char_to_byte(&s, b)]
    } else {
        ""
    };
    let pat = args
        .get(1)
        .ok_or_else(|| type_err("startswith() takes at least 1 argument (0 given)"))?;
    let pats: Vec<Obj> = if tuple::is_tuple(pat) {
        tuple::tuple_items(pat)
    } else {
        vec![pat.clone()]
    };
    for p in pats {
        let Some(ps) = pstr::as_str(&p) else {
            return Err(type_err(&format!(
                "{} first arg must be str or a tuple of str, not {}",
                if ends { "endswith" } else { "startswith" },
                tname(&p)
            )));
        };
        if a > b {
            continue;
        }
        if (ends && hay.ends_with(ps)) || (!ends && hay.starts_with(ps)) {
            return Ok(py_bool(true));
        }
    }
    Ok(py_bool(false))
}
fn str_startswith(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    affix_impl(&args, false)
}
fn str_endswith(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    affix_impl(&args, true)
}
/// A `str.isX()` predicate from values::text (CPython's Unicode 14 tables).
fn pred(args: &[Obj], f: fn(&[u32]) -> bool) -> PyResult<Obj> {
    let s = s0(args)?;
    let cps: Vec<u32> = s.chars().map(u32::from).collect();
    Ok(py_bool(f(&cps)))
}
fn str_isdigit(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pred(&args, text::is_digit)
}
fn str_isnumeric(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pred(&args, text::is_numeric)
}
fn str_isalpha(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pred(&args, text::is_alpha)
}
fn str_isalnum(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pred(&args, text::is_alnum)
}
fn str_isspace(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pred(&args, text::is_space)
}
fn str_isascii(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pred(&args, text::is_ascii)
}
fn str_isidentifier(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pred(&args, text::is_identifier)
}
fn str_isdecimal(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pred(&args, text::is_decimal)
}
fn str_isprintable(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pred(&args, text::is_printable)
}
fn str_isupper(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pred(&args, text::is_upper)
}
fn str_islower(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pred(&args, text::is_lower)
}
fn str_istitle(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pred(&args, text::is_title)
}
fn pad_impl(args: &[Obj], kind: char) -> PyResult<Obj> {
    let s = s0(args)?;
    let w =
        crate::objects::int::index_isize(args.get(1).ok_or_else(|| type_err("expected width"))?)?
            .max(0) as usize;
    let fill = match args.get(2) {
        Some(f) => {
            let fs = pstr::as_str(f)
                .ok_or_else(|| type_err("The fill character must be a unicode character"))?;
            let mut it = fs.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(type_err(
                        "The fill character must be exactly one character long",
                    ))
                }
            }
        }
        None => ' ',
    };
    let n = s.chars().count();
    if n >= w {
        return Ok(args[0].clone());
    }
    let total = w - n;
    let (left, right) = match kind {
        'l' => (0, total),
        'r' => (total, 0),
        _ => {
            let left = total / 2 + (total & w & 1);
            (left, total - left)
        }
    };
    let mut out =
        crate::room::string_with_capacity(s.len().saturating_add(total.saturating_mul(4)))?;
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(&s);
    out.extend(std::iter::repeat_n(fill, right));
    new_s(out)
}
fn str_ljust(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pad_impl(&args, 'l')
}
fn str_rjust(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pad_impl(&args, 'r')
}
fn str_center(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    pad_impl(&args, 'c')
}
fn str_zfill(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    let w =
        crate::objects::int::index_isize(args.get(1).ok_or_else(|| type_err("expected width"))?)?
            .max(0) as usize;
    let n = s.chars().count();
    if n >= w {
        return new_s(s);
    }
    let (sign, rest) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
        _ => (String::new(), &s[..]),
    };
    let mut out = crate::room::string_with_capacity(s.len().saturating_add(w - n))?;
    out.push_str(&sign);
    out.extend(std::iter::repeat_n('0', w - n));
    out.push_str(rest);
    new_s(out)
}
fn str_partition_impl(args: &[Obj], right: bool) -> PyResult<Obj> {
    let s = s0(args)?;
    let sep = arg_str(args, 1, "partition")?.ok_or_else(|| type_err("must be str"))?;
    if sep.is_empty() {
        return Err(value_err("empty separator"));
    }
    let r = if right { s.rfind(&sep) } else { s.find(&sep) };
    let (a, b, c) = match r {
        Some(p) => (
            s[..p].to_string(),
            sep.clone(),
            s[p + sep.len()..].to_string(),
        ),
        None if right => (String::new(), String::new(), s.clone()),
        None => (s.clone(), String::new(), String::new()),
    };
    Ok(tuple::new_tuple(vec![
        pstr::new_string(a),
        pstr::new_string(b),
        pstr::new_string(c),
    ]))
}
fn str_partition(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    str_partition_impl(&args, false)
}
fn str_rpartition(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    str_partition_impl(&args, true)
}
fn str_format(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    // CPython's str.format receives its arguments as a new tuple and dict
    // (METH_VARARGS | METH_KEYWORDS): one more reference to each value while
    // fields are formatted.
    let held: Vec<Obj> = args[1..].to_vec();
    let kw_held = kw.clone();
    new_s(crate::strfmt::str_format(&s, &held, &kw_held)?)
}
fn str_format_map(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    let m = args
        .get(1)
        .cloned()
        .ok_or_else(|| type_err("format_map() takes exactly one argument"))?;
    let kw = crate::eval::mapping_pairs(&m)?;
    new_s(crate::strfmt::str_format(&s, &[], &kw)?)
}
fn str_removeprefix(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    let p = arg_str(&args, 1, "removeprefix")?.unwrap_or_default();
    new_s(s.strip_prefix(p.as_str()).unwrap_or(&s).to_string())
}
fn str_removesuffix(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    let p = arg_str(&args, 1, "removesuffix")?.unwrap_or_default();
    if p.is_empty() {
        return new_s(s);
    }
    new_s(s.strip_suffix(p.as_str()).unwrap_or(&s).to_string())
}
fn str_expandtabs(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    let ts = args
        .get(1)
        .map(ops::to_c_int)
        .transpose()?
        .unwrap_or(8)
        .max(0) as usize;
    let mut out = String::new();
    let mut col = 0usize;
    for c in s.chars() {
        match c {
            '\t' => {
                if ts > 0 {
                    let n = ts - col % ts;
                    if col.checked_add(n).is_none_or(|c| c > isize::MAX as usize) {
                        return Err(crate::exc::overflow("result too long"));
                    }
                    crate::room::reserve_str(&mut out, n)?;
                    out.extend(std::iter::repeat_n(' ', n));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    new_s(out)
}
fn str_translate(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = s0(&args)?;
    let table = args
        .get(1)
        .cloned()
        .ok_or_else(|| type_err("translate() takes exactly one argument"))?;
    let mut out = String::new();
    for c in s.chars() {
        match ops::getitem(&table, &new_int(c as i64)) {
            Ok(v) if is_none(&v) => {}
            Ok(v) => {
                if let Some(x) = pstr::as_str(&v) {
                    out.push_str(x);
                } else {
                    out.push(char::from_u32(ops::to_i64(&v)? as u32).unwrap_or(c));
                }
            }
            Err(e) if crate::exc::matches(&e, &t().lookup_error) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    new_s(out)
}
fn str_maketrans(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let d = crate::objects::dict::new_dict();
    let a: Vec<Obj> = args
        .into_iter()
        .filter(|x| !crate::types::is_type(x))
        .collect();
    if a.len() == 1 {
        for (k, v) in crate::objects::dict::items(&a[0]) {
            let k = match pstr::as_str(&k) {
                Some(s) => new_int(s.chars().next().map_or(0, |c| c as i64)),
                None => k,
            };
            crate::objects::dict::set_item(&d, k, v)?;
        }
        return Ok(d);
    }
    let x = pstr::as_str(a.first().ok_or_else(|| type_err("maketrans"))?)
        .unwrap_or("")
        .to_string();
    let y = a
        .get(1)
        .and_then(|o| pstr::as_str(o).map(|s| s.to_string()))
        .unwrap_or_default();
    if x.chars().count() != y.chars().count() {
        return Err(value_err(
            "the first two maketrans arguments must have equal length",
        ));
    }
    for (c1, c2) in x.chars().zip(y.chars()) {
        crate::objects::dict::set_item(&d, new_int(c1 as i64), new_int(c2 as i64))?;
    }
    if let Some(z) = a
        .get(2)
        .and_then(|o| pstr::as_str(o).map(|s| s.to_string()))
    {
        for c in z.chars() {
            crate::objects::dict::set_item(&d, new_int(c as i64), none())?;
        }
    }
    Ok(d)
}
fn str_getnewargs(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(tuple::new_tuple(vec![pstr::new_string(s0(&args)?)]))
}
fn str_mod(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = a0(&args)?;
    let o = match args.get(1) {
        Some(o) => crate::strfmt::percent_format(&s, o),
        None => crate::strfmt::percent_format(&s, &none()),
    };
    o.map(pstr::new_string)
}

// ----- bytes -----------------------------------------------------------------

fn bytes_from_arg(x: &Obj) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_data(x) {
        return Ok(b);
    }
    if let Some(b) = crate::objects::memoryview::data(x) {
        return b;
    }
    if pstr::is_str(x) {
        return Err(type_err("string argument without an encoding"));
    }
    if let Some(v) = int_value(x) {
        let n = match v {
            IntV::S(n) if n >= 0 => n as usize,
            IntV::S(_) => return Err(value_err("negative count")),
            IntV::B(_) => {
                return Err(crate::exc::overflow(
                    "cannot fit 'int' into an index-sized integer",
                ))
            }
        };
        return crate::room::vec_zeroed(n);
    }
    let mut out = Vec::new();
    for it in ops::to_vec(x)? {
        let n = ops::to_i64(&it)?;
        if !(0..256).contains(&n) {
            return Err(value_err("bytes must be in range(0, 256)"));
        }
        out.push(n as u8);
    }
    Ok(out)
}
fn bytes_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let x = args.get(1).cloned().or_else(|| kwarg(&kw, "source"));
    let enc = args.get(2).cloned().or_else(|| kwarg(&kw, "encoding"));
    let data = match (x, enc) {
        (None, _) => Vec::new(),
        (Some(x), Some(e)) => {
            let s =
                pstr::as_str(&x).ok_or_else(|| type_err("encoding without a string argument"))?;
            encode(s, Some(&e))?
        }
        (Some(x), None) => bytes_from_arg(&x)?,
    };
    let cls = a0(&args)?;
    if cls.is(&t().bytes) {
        Ok(new_bytes(&data))
    } else {
        Ok(crate::objects::bytes::alloc_bytes_of(&cls, &data))
    }
}
fn bytearray_new(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let x = args.get(1).cloned().or_else(|| kwarg(&kw, "source"));
    let enc = args.get(2).cloned().or_else(|| kwarg(&kw, "encoding"));
    let data = match (x, enc) {
        (None, _) => Vec::new(),
        (Some(x), Some(e)) => encode(pstr::as_str(&x).unwrap_or(""), Some(&e))?,
        (Some(x), None) => bytes_from_arg(&x)?,
    };
    Ok(new_bytearray(data))
}
fn b0(args: &[Obj]) -> PyResult<Vec<u8>> {
    bytes_data(&a0(args)?).ok_or_else(|| type_err("descriptor requires a bytes object"))
}
fn bytes_decode(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let b = b0(&args)?;
    let enc = args.get(1).cloned().or_else(|| kwarg(&kw, "encoding"));
    new_s(decode(&b, enc.as_ref())?)
}
fn bytes_hex(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    new_s(b0(&args)?.iter().map(|x| format!("{x:02x}")).collect())
}
fn bytes_join(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let sep = b0(&args)?;
    let items = ops::to_vec(
        args.get(1)
            .ok_or_else(|| type_err("join() takes exactly one argument"))?,
    )?;
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(bytes_data(x).ok_or_else(|| {
            type_err(&format!(
                "sequence item {}: expected a bytes-like object, {} found",
                i,
                tname(x)
            ))
        })?);
    }
    Ok(new_bytes(&out))
}
fn bytes_startswith(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let b = b0(&args)?;
    let p = bytes_data(args.get(1).ok_or_else(|| type_err("startswith"))?).unwrap_or_default();
    Ok(py_bool(b.starts_with(&p)))
}
fn bytes_endswith(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let b = b0(&args)?;
    let p = bytes_data(args.get(1).ok_or_else(|| type_err("endswith"))?).unwrap_or_default();
    Ok(py_bool(b.ends_with(&p)))
}
fn bytes_upper(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_bytes(&b0(&args)?.to_ascii_uppercase()))
}
fn bytes_lower(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(new_bytes(&b0(&args)?.to_ascii_lowercase()))
}
fn bytes_strip(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let b = b0(&args)?;
    let s: &[u8] = &b;
    let start = s
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    Ok(new_bytes(&s[start..end.max(start)]))
}
fn bytes_find(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let b = b0(&args)?;
    let x = args.get(1).ok_or_else(|| type_err("find"))?;
    let p = match int_value(x) {
        Some(IntV::S(n)) => vec![n as u8],
        _ => bytes_data(x).unwrap_or_default(),
    };
    let r = if p.is_empty() {
        Some(0)
    } else {
        b.windows(p.len()).position(|w| w == p.as_slice())
    };
    Ok(new_int(r.map_or(-1, |x| x as i64)))
}
fn bytes_count(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let b = b0(&args)?;
    let x = args.get(1).ok_or_else(|| type_err("count"))?;
    let p = match int_value(x) {
        Some(IntV::S(n)) => vec![n as u8],
        _ => bytes_data(x).unwrap_or_default(),
    };
    if p.is_empty() {
        return Ok(new_int_usize(b.len() + 1));
    }
    let mut n = 0;
    let mut i = 0;
    while i + p.len() <= b.len() {
        if b[i..i + p.len()] == p[..] {
            n += 1;
            i += p.len();
        } else {
            i += 1;
        }
    }
    Ok(new_int_usize(n))
}
fn bytes_replace(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let b = b0(&args)?;
    let old = bytes_data(args.get(1).ok_or_else(|| type_err("replace"))?).unwrap_or_default();
    let new = bytes_data(args.get(2).ok_or_else(|| type_err("replace"))?).unwrap_or_default();
    if old.is_empty() {
        return Ok(new_bytes(&b));
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(&old) {
            out.extend_from_slice(&new);
            i += old.len();
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Ok(new_bytes(&out))
}
fn bytes_split(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let b = b0(&args)?;
    let parts: Vec<Obj> = match args.get(1).filter(|x| !is_none(x)).and_then(bytes_data) {
        Some(sep) if !sep.is_empty() => {
            let mut out = Vec::new();
            let mut cur = 0;
            let mut i = 0;
            while i + sep.len() <= b.len() {
                if b[i..i + sep.len()] == sep[..] {
                    out.push(new_bytes(&b[cur..i]));
                    i += sep.len();
                    cur = i;
                } else {
                    i += 1;
                }
            }
            out.push(new_bytes(&b[cur..]));
            out
        }
        _ => b
            .split(|c| c.is_ascii_whitespace())
            .filter(|p| !p.is_empty())
            .map(new_bytes)
            .collect(),
    };
    Ok(list::new_list(parts))
}
fn bytes_fromhex(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let s = args
        .get(1)
        .and_then(|o| pstr::as_str(o).map(|x| x.to_string()))
        .unwrap_or_default();
    let clean: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    let cs: Vec<char> = clean.chars().collect();
    for pair in cs.chunks(2) {
        let txt: String = pair.iter().collect();
        out.push(
            u8::from_str_radix(&txt, 16)
                .map_err(|_| value_err("non-hexadecimal number found in fromhex() arg"))?,
        );
    }
    Ok(new_bytes(&out))
}
fn ba_append(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let o = a0(&args)?;
    let v = ops::to_i64(
        args.get(1)
            .ok_or_else(|| type_err("append() takes exactly one argument"))?,
    )?;
    if !(0..256).contains(&v) {
        return Err(value_err("byte must be in range(0, 256)"));
    }
    crate::objects::memoryview::check_resizable(&o)?;
    if let Some(p) = o.payload::<ByteArrayObj>() {
        let n = p.data.borrow().len() + 1;
        crate::objects::bytes::bytearray_grow(&o, n);
        p.data.borrow_mut().push(v as u8);
    }
    Ok(none())
}
fn ba_extend(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let o = a0(&args)?;
    let data = bytes_from_arg(args.get(1).ok_or_else(|| type_err("extend"))?)?;
    crate::objects::memoryview::check_resizable(&o)?;
    if let Some(p) = o.payload::<ByteArrayObj>() {
        for b in data {
            let n = p.data.borrow().len() + 1;
            crate::objects::bytes::bytearray_grow(&o, n);
            p.data.borrow_mut().push(b);
        }
    }
    Ok(none())
}

pub fn register() {
    let tt = t();
    let i = &tt.int;
    add_static(i, "__new__", int_new);
    add_method(i, "bit_length", int_bit_length);
    add_method(i, "bit_count", int_bit_count);
    add_method(i, "to_bytes", int_to_bytes);
    crate::types::add_classmethod(i, "from_bytes", int_from_bytes);
    add_method(i, "conjugate", int_conjugate);
    add_method(i, "as_integer_ratio", int_as_ratio);
    add_method(i, "__float__", int_float);
    add_method(i, "__round__", int_round);
    add_method(i, "__trunc__", int_round);
    add_method(i, "__floor__", int_round);
    add_method(i, "__ceil__", int_round);
    add_method(i, "__getnewargs__", int_getnewargs);
    add_getset(i, "real", int_real, None);
    add_getset(i, "imag", int_imag, None);
    add_getset(i, "numerator", int_real, None);
    add_getset(i, "denominator", int_denominator, None);
    add_static(&tt.bool_, "__new__", bool_new);
    let f = &tt.float;
    add_static(f, "__new__", float_new);
    add_method(f, "is_integer", float_is_integer);
    add_method(f, "__int__", float_int);
    add_method(f, "__float__", float_float);
    add_method(f, "__trunc__", float_trunc);
    add_method(f, "__floor__", float_floor);
    add_method(f, "__ceil__", float_ceil);
    add_method(f, "__round__", float_round);
    add_method(f, "as_integer_ratio", float_as_ratio);
    add_method(f, "hex", float_hex);
    add_method(f, "conjugate", float_conj);
    add_getset(f, "real", float_real, None);
    add_getset(f, "imag", float_imag, None);
    let c = &tt.complex;
    add_static(c, "__new__", complex_new);
    add_getset(c, "real", complex_real, None);
    add_getset(c, "imag", complex_imag, None);
    add_method(c, "conjugate", complex_conj);
    let s = &tt.str_;
    add_static(s, "__new__", str_new);
    let sm: &[(&'static str, crate::rt::NativeFn)] = &[
        ("encode", str_encode),
        ("upper", str_upper),
        ("lower", str_lower),
        ("casefold", str_casefold),
        ("swapcase", str_swapcase),
        ("capitalize", str_capitalize),
        ("title", str_title),
        ("strip", str_strip),
        ("lstrip", str_lstrip),
        ("rstrip", str_rstrip),
        ("split", str_split),
        ("rsplit", str_rsplit),
        ("splitlines", str_splitlines),
        ("join", str_join),
        ("replace", str_replace),
        ("find", str_find),
        ("rfind", str_rfind),
        ("index", str_index),
        ("rindex", str_rindex),
        ("count", str_count),
        ("startswith", str_startswith),
        ("endswith", str_endswith),
        ("isdigit", str_isdigit),
        ("isdecimal", str_isdecimal),
        ("isprintable", str_isprintable),
        ("isnumeric", str_isnumeric),
        ("isalpha", str_isalpha),
        ("isalnum", str_isalnum),
        ("isspace", str_isspace),
        ("isascii", str_isascii),
        ("isidentifier", str_isidentifier),
        ("isupper", str_isupper),
        ("islower", str_islower),
        ("istitle", str_istitle),
        ("ljust", str_ljust),
        ("rjust", str_rjust),
        ("center", str_center),
        ("zfill", str_zfill),
        ("partition", str_partition),
        ("rpartition", str_rpartition),
        ("format", str_format),
        ("format_map", str_format_map),
        ("removeprefix", str_removeprefix),
        ("removesuffix", str_removesuffix),
        ("expandtabs", str_expandtabs),
        ("translate", str_translate),
        ("__getnewargs__", str_getnewargs),
        ("__mod__", str_mod),
    ];
    for (n, f) in sm {
        add_method(s, n, *f);
    }
    add_static(s, "maketrans", str_maketrans);
    let b = &tt.bytes;
    add_static(b, "__new__", bytes_new);
    let bm: &[(&'static str, crate::rt::NativeFn)] = &[
        ("decode", bytes_decode),
        ("hex", bytes_hex),
        ("join", bytes_join),
        ("startswith", bytes_startswith),
        ("endswith", bytes_endswith),
        ("upper", bytes_upper),
        ("lower", bytes_lower),
        ("strip", bytes_strip),
        ("find", bytes_find),
        ("count", bytes_count),
        ("replace", bytes_replace),
        ("split", bytes_split),
    ];
    for (n, f) in bm {
        add_method(b, n, *f);
        add_method(&tt.bytearray, n, *f);
    }
    crate::types::add_classmethod(b, "fromhex", bytes_fromhex);
    add_static(&tt.bytearray, "__new__", bytearray_new);
    add_method(&tt.bytearray, "append", ba_append);
    add_method(&tt.bytearray, "extend", ba_extend);
    super::bytes_pad::register();
}
