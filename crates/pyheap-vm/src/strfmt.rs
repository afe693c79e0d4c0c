//! Formatting engines: the format-spec mini-language (`format()`,
//! f-strings), `str.format`, and `%`-formatting.
//!
//! Read [`native_format`] first. NOTE: minimal local versions until
//! `crate::values` provides the complete engines.

use num_bigint::BigInt;
use num_traits::Signed;

use crate::exc::{type_err, value_err};
use crate::objects::float::float_value;
use crate::objects::int::{int_value, IntV};
use crate::objects::{dict, str as pstr, tuple};
use crate::ops;
use crate::rt::{Obj, PyResult};
use crate::types::{t, tname};

#[derive(Default, Debug)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alt: bool,
    zero: bool,
    width: Option<usize>,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    let n = digits.len();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

fn pad(body: String, sign: &str, sp: &Spec, default_align: char) -> PyResult<String> {
    let width = sp.width.unwrap_or(0);
    let len = body.chars().count() + sign.chars().count();
    if len >= width {
        return Ok(format!("{sign}{body}"));
    }
    let fill = sp.fill.unwrap_or(if sp.zero && sp.align.is_none() {
        '0'
    } else {
        ' '
    });
    let align = sp
        .align
        .unwrap_or(if sp.zero { '=' } else { default_align });
    let n = width - len;
    let mut out = crate::room::string_with_capacity(
        n.saturating_mul(fill.len_utf8())
            .saturating_add(body.len() + sign.len()),
    )?;
    let f = |out: &mut String, k: usize| out.extend(std::iter::repeat_n(fill, k));
    match align {
        '<' => {
            out.push_str(sign);
            out.push_str(&body);
            f(&mut out, n);
        }
        '^' => {
            f(&mut out, n / 2);
            out.push_str(sign);
            out.push_str(&body);
            f(&mut out, n - n / 2);
        }
        '=' => {
            out.push_str(sign);
            f(&mut out, n);
            out.push_str(&body);
        }
        _ => {
            f(&mut out, n);
            out.push_str(sign);
            out.push_str(&body);
        }
    }
    Ok(out)
}

fn sign_str(neg: bool, sp: &Spec) -> &'static str {
    if neg {
        "-"
    } else {
        match sp.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

fn format_int(v: &IntV, sp: &Spec) -> PyResult<String> {
    let b = v.big();
    let neg = b.is_negative();
    let mag = b.abs();
    let ty = sp.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        let f = crate::objects::int::int_to_f64(v)?;
        return format_float(f, sp);
    }
    let (mut digits, prefix) = match ty {
        'd' | 'n' => (
            crate::values::int_text::int_to_decimal(&mag, crate::objects::int::max_str_digits())
                .map_err(value_error_to_py)?,
            "",
        ),
        'x' => (mag.to_str_radix(16), "0x"),
        'X' => (mag.to_str_radix(16).to_uppercase(), "0X"),
        'o' => (mag.to_str_radix(8), "0o"),
        'b' => (mag.to_str_radix(2), "0b"),
        'c' => {
            let c = num_traits::ToPrimitive::to_u32(&b)
                .and_then(char::from_u32)
                .ok_or_else(|| crate::exc::overflow("%c arg not in range(0x110000)"))?;
            return pad(c.to_string(), "", sp, '<');
        }
        _ => {
            return Err(value_err(&format!(
                "Unknown format code '{ty}' for object of type 'int'"
            )))
        }
    };
    if let Some(g) = sp.grouping {
        let every = if ty == 'd' || ty == 'n' { 3 } else { 4 };
        digits = group(&digits, g, every);
    }
    let sign = format!("{}{}", sign_str(neg, sp), if sp.alt { prefix } else { "" });
    pad(digits, &sign, sp, '>')
}

fn format_float(f: f64, sp: &Spec) -> PyResult<String> {
    let neg = f.is_sign_negative() && !f.is_nan();
    let a = f.abs();
    let ty = sp.ty;
    let mut body = if a.is_infinite() {
        if matches!(ty, Some('E' | 'F' | 'G')) {
            "INF"
        } else {
            "inf"
        }
        .to_string()
    } else if a.is_nan() {
        if matches!(ty, Some('E' | 'F' | 'G')) {
            "NAN"
        } else {
            "nan"
        }
        .to_string()
    } else {
        match ty {
            Some('f') | Some('F') => fixed(a, sp.precision.unwrap_or(6))?,
            Some('%') => fixed(a * 100.0, sp.precision.unwrap_or(6))? + "%",
            Some('e') | Some('E') => {
                let s = exp_format(a, sp.precision.unwrap_or(6))?;
                if ty == Some('E') {
                    s.to_uppercase()
                } else {
                    s
                }
            }
            Some('g') | Some('G') | Some('n') => {
                let s = general_format(a, sp.precision.unwrap_or(6), sp.alt)?;
                if ty == Some('G') {
                    s.to_uppercase()
                } else {
                    s
                }
            }
            None => match sp.precision {
                Some(p) => {
                    let s = general_format(a, p, sp.alt)?;
                    if s.contains(['.', 'e', 'n', 'i']) {
                        s
                    } else {
                        format!("{s}.0")
                    }
                }
                None => crate::objects::float::float_repr(a),
            },
            Some(c) => {
                return Err(value_err(&format!(
                    "Unknown format code '{c}' for object of type 'float'"
                )))
            }
        }
    };
    if let Some(g) = sp.grouping {
        let (ip, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
            Some(i) => (body[..i].to_string(), body[i..].to_string()),
            None => (body.clone(), String::new()),
        };
        body = format!("{}{}", group(&ip, g, 3), rest);
    }
    pad(body, sign_str(neg, sp), sp, '>')
}

/// Fraction digits beyond which every double's exact decimal expansion
/// has only zeros (2**-1074 has 1074); Rust's formatter also refuses
/// precisions above `u16::MAX`.
const EXACT_DIGITS: usize = 1100;

/// `{:.p}` for any `p`.
fn fixed(a: f64, p: usize) -> PyResult<String> {
    if p <= EXACT_DIGITS {
        return Ok(format!("{:.*}", p, a));
    }
    let mut s = format!("{:.*}", EXACT_DIGITS, a);
    crate::room::reserve_str(&mut s, p - EXACT_DIGITS)?;
    s.extend(std::iter::repeat_n('0', p - EXACT_DIGITS));
    Ok(s)
}

/// `{:.pe}` for any `p` (Rust's exponent spelling).
fn sci(a: f64, p: usize) -> PyResult<String> {
    if p <= EXACT_DIGITS {
        return Ok(format!("{:.*e}", p, a));
    }
    let s = format!("{:.*e}", EXACT_DIGITS, a);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let mut out = crate::room::string_with_capacity(p.saturating_add(16))?;
    out.push_str(m);
    out.extend(std::iter::repeat_n('0', p - EXACT_DIGITS));
    out.push('e');
    out.push_str(e);
    Ok(out)
}

fn exp_format(a: f64, p: usize) -> PyResult<String> {
    let s = sci(a, p)?;
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    Ok(format!(
        "{}e{}{:02}",
        m,
        if e < 0 { '-' } else { '+' },
        e.abs()
    ))
}

fn general_format(a: f64, p: usize, alt: bool) -> PyResult<String> {
    let p = p.max(1);
    if a == 0.0 {
        return if alt {
            fixed(0.0, p - 1)
        } else {
            Ok("0".into())
        };
    }
    let e = a.abs().log10().floor() as i32;
    // log10 can be off by one near powers of ten: confirm with the rounded digits.
    let s = format!("{:.*e}", (p - 1).min(EXACT_DIGITS), a);
    let e: i32 = s
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(e);
    let out = if e < -4 || e >= p as i32 {
        exp_format(a, p - 1)?
    } else {
        fixed(a, (p as i32 - 1 - e).max(0) as usize)?
    };
    if alt {
        return Ok(out);
    }
    Ok(if let Some((m, e)) = out.split_once('e') {
        let m = if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.')
        } else {
            m
        };
        format!("{m}e{e}")
    } else if out.contains('.') {
        out.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        out
    })
}

/// A `values` error as the Python exception it stands for.
pub fn value_error_to_py(e: crate::values::ValueErr) -> crate::rt::PyErr {
    use crate::values::PyExcKind as K;
    if matches!(e.kind, K::OverflowError) && e.msg == crate::exc::ERANGE_MSG {
        return crate::exc::overflow_erange();
    }
    let ty = match e.kind {
        K::ValueError => &t().value_error,
        K::TypeError => &t().type_error,
        K::OverflowError => &t().overflow_error,
        K::ZeroDivisionError => &t().zero_division_error,
        K::IndexError => &t().index_error,
        K::KeyError => &t().key_error,
        K::LookupError => &t().lookup_error,
        K::MemoryError => return crate::exc::memory_error(),
        // NOTE: the remaining kinds do not occur in the format engines.
        _ => &t().value_error,
    };
    crate::exc::new_err(ty, &e.msg)
}

/// `format(o, spec)` for builtin objects, through the `values` engines
/// (CPython's parse_internal_render_format_spec and its error messages).
pub fn native_format(o: &Obj, spec: &str) -> PyResult<String> {
    use crate::values::{float_format, format_spec, int_text};
    let cps = format_spec::str_to_cps(spec);
    // NOTE: bool and int/float subclasses use int's and float's __format__;
    // messages name the object's own type, as CPython's do.
    let rename = |e: crate::values::ValueErr, base: &str| {
        let own = tname(o);
        let mut e = e;
        if own != base {
            e.msg = e
                .msg
                .replace(&format!("type '{base}'"), &format!("type '{own}'"));
        }
        value_error_to_py(e)
    };
    if let Some(v) = int_value(o) {
        if spec.is_empty() {
            return ops::str_string(o);
        }
        let out = int_text::format_int(&v.big(), &cps, crate::objects::int::max_str_digits())
            .map_err(|e| rename(e, "int"))?;
        return Ok(format_spec::cps_to_string(&out));
    }
    if let Some(f) = float_value(o) {
        if spec.is_empty() {
            return ops::str_string(o);
        }
        let out = float_format::format_float(f, &cps).map_err(|e| rename(e, "float"))?;
        return Ok(format_spec::cps_to_string(&out));
    }
    if let Some(s) = pstr::as_str(o) {
        if spec.is_empty() {
            return Ok(s.to_string());
        }
        let out = format_spec::format_str(&format_spec::str_to_cps(s), &cps)
            .map_err(|e| rename(e, "str"))?;
        return Ok(format_spec::cps_to_string(&out));
    }
    if spec.is_empty() {
        return ops::str_string(o);
    }
    if let Some((re, im)) = crate::objects::float::complex_value(o) {
        let out = float_format::format_complex(re, im, &cps).map_err(|e| rename(e, "complex"))?;
        return Ok(format_spec::cps_to_string(&out));
    }
    Err(type_err(&format!(
        "unsupported format string passed to {}.__format__",
        tname(o)
    )))
}

/// `str.format(*args, **kwargs)`.
pub fn str_format(fmt: &str, args: &[Obj], kw: &[(Obj, Obj)]) -> PyResult<String> {
    format_with_counter(fmt, args, kw, &mut 0)
}

/// `str.format` with the automatic field counter shared with nested
/// replacement fields in format specs (`'{:>{}}'.format(x, width)`).
fn format_with_counter(
    fmt: &str,
    args: &[Obj],
    kw: &[(Obj, Obj)],
    auto: &mut usize,
) -> PyResult<String> {
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            if chars.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            let mut depth = 1;
            let mut j = i + 1;
            while j < chars.len() && depth > 0 {
                if chars[j] == '{' {
                    depth += 1;
                } else if chars[j] == '}' {
                    depth -= 1;
                }
                j += 1;
            }
            if depth != 0 {
                return Err(value_err("Single '{' encountered in format string"));
            }
            let field: String = chars[i + 1..j - 1].iter().collect();
            out.push_str(&format_field(&field, args, kw, auto)?);
            i = j;
        } else if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(value_err("Single '}' encountered in format string"));
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

fn format_field(
    field: &str,
    args: &[Obj],
    kw: &[(Obj, Obj)],
    auto: &mut usize,
) -> PyResult<String> {
    let (head, spec) = match field.find(':') {
        Some(p) => (&field[..p], &field[p + 1..]),
        None => (field, ""),
    };
    let (name, conv) = match head.find('!') {
        Some(p) => (&head[..p], Some(&head[p + 1..])),
        None => (head, None),
    };
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let mut v = if first.is_empty() {
        let k = *auto;
        *auto += 1;
        args.get(k).cloned().ok_or_else(|| {
            crate::exc::index_err(&format!(
                "Replacement index {k} out of range for positional args tuple"
            ))
        })?
    } else if let Ok(k) = first.parse::<usize>() {
        args.get(k).cloned().ok_or_else(|| {
            crate::exc::index_err(&format!(
                "Replacement index {k} out of range for positional args tuple"
            ))
        })?
    } else {
        kw.iter()
            .find(|(k, _)| pstr::as_str(k) == Some(first))
            .map(|(_, v)| v.clone())
            .ok_or_else(|| crate::exc::key_err(pstr::new_str(first)))?
    };
    let mut rest = &name[first_end..];
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            v = crate::attr::getattr_str(&v, &r[..end])?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r
                .find(']')
                .ok_or_else(|| value_err("Missing ']' in format string"))?;
            let key = &r[..end];
            let k = match key.parse::<i64>() {
                Ok(n) => crate::objects::int::new_int(n),
                Err(_) => pstr::new_str(key),
            };
            v = ops::getitem(&v, &k)?;
            rest = &r[end + 1..];
        } else {
            break;
        }
    }
    let v = match conv {
        Some("r") => ops::repr(&v)?,
        Some("s") => ops::str_(&v)?,
        Some("a") => pstr::new_string(crate::builtins::ascii_of(&ops::repr_string(&v)?)),
        Some(_) => return Err(value_err("Unknown conversion specifier")),
        None => v,
    };
    let spec = if spec.contains('{') {
        format_with_counter(spec, args, kw, auto)?
    } else {
        spec.to_string()
    };
    let r = ops::format(&v, &spec)?;
    Ok(pstr::as_str(&r).unwrap_or("").to_string())
}

/// `fmt % args`.
pub fn percent_format(fmt: &Obj, args: &Obj) -> PyResult<String> {
    let f = pstr::as_str(fmt).unwrap_or("");
    // NOTE: CPython's test is PyMapping_Check (the type has mp_subscript) and not a
    // tuple or str; such a right operand never raises "not all arguments converted".
    let is_map = dict::is_dict(args)
        || crate::objects::list::is_list(args)
        || crate::objects::bytes::bytes_data(args).is_some()
        || args.has_type(&t().range)
        || (crate::types::is_heap_type(&args.type_ref())
            && crate::types::lookup(&args.type_ref(), "__getitem__").is_some()
            && !tuple::is_tuple(args));
    // A single (non-tuple) argument is used borrowed, as CPython's
    // PyUnicode_Format: no extra reference while its __str__/__repr__ runs.
    let owned;
    let items: &[Obj] = if tuple::is_tuple(args) {
        owned = tuple::tuple_items(args);
        &owned
    } else {
        std::slice::from_ref(args)
    };
    let mut idx = 0;
    let mut out = String::new();
    let chars: Vec<char> = f.chars().collect();
    let mut i = 0;
    let next_arg = |idx: &mut usize| -> PyResult<&Obj> {
        let v = items
            .get(*idx)
            .ok_or_else(|| type_err("not enough arguments for format string"))?;
        *idx += 1;
        Ok(v)
    };
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        let mut key_val = None;
        if chars.get(i) == Some(&'(') {
            let end = chars[i..].iter().position(|x| *x == ')').map(|p| p + i);
            let Some(end) = end else {
                return Err(value_err("incomplete format key"));
            };
            let key: String = chars[i + 1..end].iter().collect();
            key_val = Some(ops::getitem(args, &pstr::new_string(key))?);
            i = end + 1;
        }
        let mut flags = String::new();
        while i < chars.len() && matches!(chars[i], '-' | '+' | ' ' | '#' | '0') {
            flags.push(chars[i]);
            i += 1;
        }
        let width = if chars.get(i) == Some(&'*') {
            let w = next_arg(&mut idx)?;
            if int_value(w).is_none() {
                return Err(type_err("* wants int"));
            }
            let w = crate::objects::int::index_isize(w)?;
            if w < 0 {
                flags.push('-');
            }
            i += 1;
            Some(w.unsigned_abs())
        } else {
            digits_arg(&chars, &mut i, isize::MAX as usize, "width too big")?
        };
        let mut prec = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            if chars.get(i) == Some(&'*') {
                let w = next_arg(&mut idx)?;
                if int_value(w).is_none() {
                    return Err(type_err("* wants int"));
                }
                prec = Some(ops::to_c_int(w)?.max(0) as usize);
                i += 1;
            } else {
                let p = digits_arg(&chars, &mut i, i32::MAX as usize, "precision too big")?;
                prec = Some(p.unwrap_or(0));
            }
        }
        while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            return Err(value_err("incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let keyed;
        let v: &Obj = match key_val.take() {
            Some(v) => {
                keyed = v;
                &keyed
            }
            None => next_arg(&mut idx)?,
        };
        let left = flags.contains('-');
        let sp = Spec {
            fill: Some(
                if flags.contains('0') && !left && !matches!(conv, 's' | 'r' | 'a' | 'c') {
                    '0'
                } else {
                    ' '
                },
            ),
            align: Some(if left {
                '<'
            } else if flags.contains('0') && !matches!(conv, 's' | 'r' | 'a' | 'c') {
                '='
            } else {
                '>'
            }),
            sign: if flags.contains('+') {
                Some('+')
            } else if flags.contains(' ') {
                Some(' ')
            } else {
                None
            },
            alt: flags.contains('#'),
            zero: false,
            width,
            grouping: None,
            precision: prec,
            ty: None,
        };
        let s = match conv {
            's' | 'r' | 'a' => {
                let s = match conv {
                    's' => ops::str_string(v)?,
                    'r' => ops::repr_string(v)?,
                    _ => crate::builtins::ascii_of(&ops::repr_string(v)?),
                };
                let s: String = match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                pad(s, "", &sp, '>')?
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let iv = if let Some(x) = int_value(v) {
                    x
                } else if let Some(fv) = float_value(v) {
                    if matches!(conv, 'x' | 'X' | 'o') {
                        return Err(type_err(&format!(
                            "%{} format: an integer is required, not float",
                            conv
                        )));
                    }
                    int_value(&crate::objects::int::float_to_int(fv)?).unwrap_or(IntV::S(0))
                } else {
                    let r = ops::index(v).map_err(|_| {
                        let what = if matches!(conv, 'x' | 'X' | 'o') {
                            "an integer"
                        } else {
                            "a real number"
                        };
                        type_err(&format!(
                            "%{} format: {} is required, not {}",
                            conv,
                            what,
                            tname(v)
                        ))
                    })?;
                    int_value(&r).unwrap_or(IntV::S(0))
                };
                let mut sp2 = sp;
                sp2.ty = Some(match conv {
                    'x' => 'x',
                    'X' => 'X',
                    'o' => 'o',
                    _ => 'd',
                });
                let mut body = format_int(
                    &iv,
                    &Spec {
                        width: None,
                        fill: None,
                        align: None,
                        ..Spec {
                            ty: sp2.ty,
                            alt: sp2.alt,
                            sign: sp2.sign,
                            ..Spec::default()
                        }
                    },
                )?;
                if let Some(p) = prec {
                    let neg = body.starts_with('-');
                    let digits = body.trim_start_matches(['-', '+', ' ']).to_string();
                    if digits.len() < p {
                        let mut b = crate::room::string_with_capacity(p + 1)?;
                        b.push_str(if neg { "-" } else { "" });
                        b.extend(std::iter::repeat_n('0', p - digits.len()));
                        b.push_str(&digits);
                        body = b;
                    }
                }
                let (sign, digits) = match body.chars().next() {
                    Some(ch @ ('-' | '+' | ' ')) => (ch.to_string(), body[1..].to_string()),
                    _ => (String::new(), body),
                };
                pad(digits, &sign, &sp2, '>')?
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let fv = crate::objects::float::to_float(v)
                    .map_err(|_| type_err(&format!("must be real number, not {}", tname(v))))?;
                let mut sp2 = sp;
                sp2.ty = Some(conv);
                if sp2.precision.is_none() {
                    sp2.precision = Some(6);
                }
                let w = sp2.width.take();
                let body = format_float(fv, &sp2)?;
                sp2.width = w;
                let (sign, digits) = match body.chars().next() {
                    Some(ch @ ('-' | '+' | ' ')) => (ch.to_string(), body[1..].to_string()),
                    _ => (String::new(), body),
                };
                pad(digits, &sign, &sp2, '>')?
            }
            'c' => {
                let s = if let Some(s) = pstr::as_str(v) {
                    if s.chars().count() != 1 {
                        return Err(type_err("%c requires int or char"));
                    }
                    s.to_string()
                } else if let Some(n) = int_value(v) {
                    let c = match n {
                        IntV::S(x) if (0..0x110000).contains(&x) => char::from_u32(x as u32),
                        _ => None,
                    };
                    match c {
                        Some(c) => c.to_string(),
                        // NOTE: lone surrogates (no Rust char) share this error for now.
                        None => return Err(crate::exc::overflow("%c arg not in range(0x110000)")),
                    }
                } else {
                    return Err(type_err("%c requires int or char"));
                };
                pad(s, "", &sp, '>')?
            }
            _ => {
                return Err(value_err(&format!(
                    "unsupported format character '{}' (0x{:x}) at index {}",
                    conv,
                    conv as u32,
                    i - 1
                )))
            }
        };
        out.push_str(&s);
    }
    if idx < items.len() && !is_map {
        return Err(type_err(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}

pub fn unused(_: BigInt) {}

/// A decimal number in a `%` directive at `chars[*i..]` (None if there is
/// none); `ValueError(msg)` above `max`.
fn digits_arg(chars: &[char], i: &mut usize, max: usize, msg: &str) -> PyResult<Option<usize>> {
    let mut v: Option<usize> = None;
    while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
        let n = v.unwrap_or(0).saturating_mul(10).saturating_add(d as usize);
        if n > max {
            return Err(value_err(msg));
        }
        v = Some(n);
        *i += 1;
    }
    Ok(v)
}
