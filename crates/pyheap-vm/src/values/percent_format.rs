//! The `str % args` engine (CPython's `PyUnicode_Format`).
//!
//! Read first: [`percent_format`]. The interpreter supplies the argument
//! objects through the [`PercentArg`] trait (conversions it alone can do:
//! `str()`, `repr()`, `int()`, `float()`...) and says how `args` was given:
//! a tuple (its items), a single object, and whether that object is a mapping
//! (then `%(key)s` looks keys up through the `lookup` callback).
//!
//! Invariants (CPython's argument bookkeeping): with a tuple every item must
//! be consumed (`not all arguments converted during string formatting`);
//! a single non-mapping argument must be consumed exactly once; a mapping
//! argument may be left unused.

use super::float_format::percent_float;
use super::format_spec::str_to_cps;
use super::{PyExcKind, VResult, ValueErr};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// What `%c` got.
pub enum CharArg {
    /// An int (range-checked by the engine).
    Int(BigInt),
    /// A str of length 1.
    Char(u32),
    /// Anything else: TypeError `%c requires int or char`.
    Invalid,
}

/// The conversions `%` needs from an argument object.
pub trait PercentArg {
    /// `type(arg).__name__` for error messages.
    fn type_name(&self) -> String;
    /// `str(arg)`.
    fn to_str(&self) -> VResult<Vec<u32>>;
    /// `repr(arg)`.
    fn to_repr(&self) -> VResult<Vec<u32>>;
    /// `ascii(arg)`.
    fn to_ascii(&self) -> VResult<Vec<u32>>;
    /// For `%d %i %u`: `None` if the object is not a real number
    /// (TypeError `%d format: a real number is required, not T`); otherwise
    /// `int(arg)` (floats truncate; errors such as `cannot convert float
    /// infinity to integer` pass through).
    fn to_int_for_d(&self) -> Option<VResult<BigInt>>;
    /// For `%x %X %o`: `None` if the object has no `__index__` (TypeError
    /// `%x format: an integer is required, not T`), else its index value.
    fn to_index(&self) -> Option<VResult<BigInt>>;
    /// For `%e %f %g ...`: `float(arg)`; the implementation raises TypeError
    /// `must be real number, not T` itself.
    fn to_float(&self) -> VResult<f64>;
    /// For `%c`.
    fn to_char(&self) -> CharArg;
    /// For `*` width/precision: `Some(value)` if the object is an int.
    fn as_star_int(&self) -> Option<BigInt>;
}

/// The mapping lookup callback: `mapping[key]` or the lookup's error.
pub type KeyLookup<'a, A> = &'a dyn Fn(&[u32]) -> VResult<A>;

struct Ctx<'a, A: PercentArg> {
    args: &'a [A],
    is_tuple: bool,
    lookup: Option<KeyLookup<'a, A>>,
    /// Index into a tuple, or for a single argument: -2 unused, -1 used.
    argidx: i64,
    arglen: i64,
    current: Option<A>,
}

/// Which argument a `getnextarg` call yields.
enum Next<'b, A> {
    Borrowed(&'b A),
    Owned(A),
}

impl<A: PercentArg> Ctx<'_, A> {
    fn next_arg(&mut self) -> VResult<Next<'_, A>> {
        if self.argidx >= 0 && self.argidx < self.arglen {
            self.argidx += 1;
            return Ok(Next::Borrowed(&self.args[(self.argidx - 1) as usize]));
        }
        if self.arglen < 0 && self.argidx == -2 {
            self.argidx = -1;
            if let Some(cur) = self.current.take() {
                return Ok(Next::Owned(cur));
            }
            if let Some(a) = self.args.first() {
                return Ok(Next::Borrowed(a));
            }
        }
        Err(ValueErr::type_err("not enough arguments for format string"))
    }
}

fn get<'b, A>(n: &'b Next<'b, A>) -> &'b A {
    match n {
        Next::Borrowed(a) => a,
        Next::Owned(a) => a,
    }
}

const F_LJUST: u8 = 1;
const F_SIGN: u8 = 2;
const F_BLANK: u8 = 4;
const F_ALT: u8 = 8;
const F_ZERO: u8 = 16;

fn star_value<A: PercentArg>(a: &A, what: &str) -> VResult<i64> {
    let v = a
        .as_star_int()
        .ok_or_else(|| ValueErr::type_err("* wants int"))?;
    v.to_i32().map(|x| x as i64).ok_or_else(|| {
        let _ = what;
        ValueErr::overflow("Python int too large to convert to C int")
    })
}

/// `fmt % args`. `args` holds the tuple's items when `is_tuple`, otherwise
/// exactly one element (the right operand itself). `lookup` is `Some` when
/// the right operand is a mapping (not a tuple or str): it returns
/// `mapping[key]` or the lookup's error (e.g. KeyError).
pub fn percent_format<A: PercentArg>(
    fmt: &[u32],
    args: &[A],
    is_tuple: bool,
    lookup: Option<KeyLookup<'_, A>>,
) -> VResult<Vec<u32>> {
    let mut ctx = Ctx {
        args,
        is_tuple,
        lookup,
        argidx: if is_tuple { 0 } else { -2 },
        arglen: if is_tuple { args.len() as i64 } else { -1 },
        current: None,
    };
    let mut out: Vec<u32> = Vec::with_capacity(fmt.len());
    let n = fmt.len();
    let mut pos = 0;
    while pos < n {
        let c = fmt[pos];
        if c != '%' as u32 {
            out.push(c);
            pos += 1;
            continue;
        }
        pos += 1;
        if pos >= n {
            return Err(ValueErr::value("incomplete format"));
        }
        if fmt[pos] == '%' as u32 {
            out.push('%' as u32);
            pos += 1;
            continue;
        }
        // %(key)
        if fmt[pos] == '(' as u32 {
            let Some(lookup) = ctx.lookup else {
                return Err(ValueErr::type_err("format requires a mapping"));
            };
            pos += 1;
            let key_start = pos;
            let mut depth = 1;
            while pos < n && depth > 0 {
                if fmt[pos] == ')' as u32 {
                    depth -= 1;
                } else if fmt[pos] == '(' as u32 {
                    depth += 1;
                }
                pos += 1;
            }
            if depth > 0 {
                return Err(ValueErr::value("incomplete format key"));
            }
            let key = &fmt[key_start..pos - 1];
            ctx.current = Some(lookup(key)?);
            ctx.arglen = -1;
            ctx.argidx = -2;
        }
        let mut flags = 0u8;
        while pos < n {
            match char::from_u32(fmt[pos]) {
                Some('-') => flags |= F_LJUST,
                Some('+') => flags |= F_SIGN,
                Some(' ') => flags |= F_BLANK,
                Some('#') => flags |= F_ALT,
                Some('0') => flags |= F_ZERO,
                _ => break,
            }
            pos += 1;
        }
        let mut width: i64 = -1;
        if pos < n && fmt[pos] == '*' as u32 {
            let a = ctx.next_arg()?;
            let mut w = star_value(get(&a), "width")?;
            if w < 0 {
                flags |= F_LJUST;
                w = -w;
            }
            width = w;
            pos += 1;
        } else {
            let mut w: i64 = -1;
            while pos < n && (0x30..=0x39).contains(&fmt[pos]) {
                let d = (fmt[pos] - 0x30) as i64;
                w = w.max(0);
                if w > (i32::MAX as i64 - d) / 10 {
                    return Err(ValueErr::value("width too big"));
                }
                w = w * 10 + d;
                pos += 1;
            }
            if w >= 0 {
                width = w;
            }
        }
        let mut prec: i64 = -1;
        if pos < n && fmt[pos] == '.' as u32 {
            pos += 1;
            prec = 0;
            if pos < n && fmt[pos] == '*' as u32 {
                let a = ctx.next_arg()?;
                prec = star_value(get(&a), "precision")?.max(0);
                pos += 1;
            } else {
                while pos < n && (0x30..=0x39).contains(&fmt[pos]) {
                    let d = (fmt[pos] - 0x30) as i64;
                    if prec > (i32::MAX as i64 - d) / 10 {
                        return Err(ValueErr::value("precision too big"));
                    }
                    prec = prec * 10 + d;
                    pos += 1;
                }
            }
        }
        if pos >= n {
            return Err(ValueErr::value("incomplete format"));
        }
        super::check_text_len(width.max(0) as u64 + prec.max(0) as u64)?;
        let ty = fmt[pos];
        let ty_index = pos;
        pos += 1;
        let arg = ctx.next_arg()?;
        let arg = get(&arg);
        let tc = char::from_u32(ty).unwrap_or('\0');
        let (body, numeric): (Vec<u32>, bool) = match tc {
            's' | 'r' | 'a' => {
                let mut s = match tc {
                    's' => arg.to_str()?,
                    'r' => arg.to_repr()?,
                    _ => arg.to_ascii()?,
                };
                if prec >= 0 && (prec as usize) < s.len() {
                    s.truncate(prec as usize);
                }
                (s, false)
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let v = if matches!(tc, 'd' | 'i' | 'u') {
                    arg.to_int_for_d().ok_or_else(|| {
                        ValueErr::type_err(format!(
                            "%{} format: a real number is required, not {}",
                            tc,
                            arg.type_name()
                        ))
                    })??
                } else {
                    arg.to_index().ok_or_else(|| {
                        ValueErr::type_err(format!(
                            "%{} format: an integer is required, not {}",
                            tc,
                            arg.type_name()
                        ))
                    })??
                };
                (
                    str_to_cps(&format_long(&v, tc, flags & F_ALT != 0, prec)),
                    true,
                )
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = arg.to_float()?;
                let p = if prec < 0 { None } else { Some(prec as usize) };
                (
                    str_to_cps(&percent_float(x, tc, p, flags & F_ALT != 0, false)),
                    true,
                )
            }
            'c' => {
                let cp = match arg.to_char() {
                    CharArg::Char(c) => c,
                    CharArg::Int(v) => match v.to_i64() {
                        Some(c) if (0..=0x10ffff).contains(&c) => c as u32,
                        Some(_) => return Err(ValueErr::overflow("%c arg not in range(0x110000)")),
                        None => {
                            return Err(ValueErr::overflow(
                                "Python int too large to convert to C long",
                            ))
                        }
                    },
                    CharArg::Invalid => return Err(ValueErr::type_err("%c requires int or char")),
                };
                (vec![cp], false)
            }
            _ => {
                let shown = if (0x20..=0x7e).contains(&ty) { tc } else { '?' };
                return Err(ValueErr::value(format!(
                    "unsupported format character '{}' (0x{:x}) at index {}",
                    shown, ty, ty_index
                )));
            }
        };
        output_arg(&mut out, &body, numeric, tc, flags, width);
    }
    if ctx.argidx < ctx.arglen && ctx.lookup.is_none() {
        return Err(ValueErr::type_err(
            "not all arguments converted during string formatting",
        ));
    }
    let _ = ctx.is_tuple;
    Ok(out)
}

/// `_PyUnicode_FormatLong`: digits of `v` for `%d %x %X %o`, with
/// `prec` minimum digits and the `#` prefix (`0x`, `0X`, `0o`).
fn format_long(v: &BigInt, tc: char, alt: bool, prec: i64) -> String {
    let radix = match tc {
        'x' | 'X' => 16,
        'o' => 8,
        _ => 10,
    };
    let mut digits = v.magnitude().to_str_radix(radix);
    if tc == 'X' {
        digits.make_ascii_uppercase();
    }
    if prec > digits.len() as i64 {
        digits = format!("{}{}", "0".repeat(prec as usize - digits.len()), digits);
    }
    let prefix = match (alt, tc) {
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        (true, 'o') => "0o",
        _ => "",
    };
    let sign = if v.sign() == Sign::Minus { "-" } else { "" };
    format!("{}{}{}", sign, prefix, digits)
}

/// `unicode_format_arg_output`: sign, `#` prefix, zero/space padding.
fn output_arg(out: &mut Vec<u32>, body: &[u32], numeric: bool, tc: char, flags: u8, width: i64) {
    let mut s = body;
    let mut sign: Option<u32> = None;
    if numeric {
        if let Some(&first) = s.first() {
            if first == '-' as u32 || first == '+' as u32 {
                sign = Some(first);
                s = &s[1..];
            }
        }
        if sign.is_none() {
            if flags & F_SIGN != 0 {
                sign = Some('+' as u32);
            } else if flags & F_BLANK != 0 {
                sign = Some(' ' as u32);
            }
        }
    }
    let has_prefix = numeric && flags & F_ALT != 0 && matches!(tc, 'x' | 'X' | 'o');
    let (prefix, rest) = if has_prefix && s.len() >= 2 {
        (&s[..2], &s[2..])
    } else {
        (&s[..0], s)
    };
    let zero = numeric && flags & F_ZERO != 0 && flags & F_LJUST == 0;
    let total = sign.is_some() as usize + prefix.len() + rest.len();
    let pad = (width.max(0) as usize).saturating_sub(total);
    if flags & F_LJUST != 0 {
        out.extend(sign);
        out.extend_from_slice(prefix);
        out.extend_from_slice(rest);
        out.extend(std::iter::repeat_n(' ' as u32, pad));
    } else if zero {
        out.extend(sign);
        out.extend_from_slice(prefix);
        out.extend(std::iter::repeat_n('0' as u32, pad));
        out.extend_from_slice(rest);
    } else {
        out.extend(std::iter::repeat_n(' ' as u32, pad));
        out.extend(sign);
        out.extend_from_slice(prefix);
        out.extend_from_slice(rest);
    }
}

/// Marker so callers can match the error kind of argument-count failures.
pub fn is_arg_count_error(e: &ValueErr) -> bool {
    e.kind == PyExcKind::TypeError
        && (e.msg == "not enough arguments for format string"
            || e.msg == "not all arguments converted during string formatting")
}

#[cfg(test)]
#[allow(clippy::approx_constant)]
mod tests {
    use super::*;
    use crate::values::float_repr::float_repr;
    use crate::values::format_spec::cps_to_string;
    use crate::values::text_repr::{ascii_str, repr_str};

    /// A tiny model of Python values for the tests.
    #[derive(Clone, Debug)]
    enum V {
        I(i64),
        B(bool),
        F(f64),
        S(&'static str),
        None,
    }

    impl PercentArg for V {
        fn type_name(&self) -> String {
            match self {
                V::I(_) => "int",
                V::B(_) => "bool",
                V::F(_) => "float",
                V::S(_) => "str",
                V::None => "NoneType",
            }
            .into()
        }
        fn to_str(&self) -> VResult<Vec<u32>> {
            Ok(str_to_cps(&match self {
                V::I(i) => i.to_string(),
                V::B(b) => if *b { "True" } else { "False" }.into(),
                V::F(f) => float_repr(*f),
                V::S(s) => s.to_string(),
                V::None => "None".into(),
            }))
        }
        fn to_repr(&self) -> VResult<Vec<u32>> {
            match self {
                V::S(s) => Ok(repr_str(&str_to_cps(s))),
                _ => self.to_str(),
            }
        }
        fn to_ascii(&self) -> VResult<Vec<u32>> {
            match self {
                V::S(s) => Ok(str_to_cps(&ascii_str(&str_to_cps(s)))),
                _ => self.to_str(),
            }
        }
        fn to_int_for_d(&self) -> Option<VResult<BigInt>> {
            match self {
                V::I(i) => Some(Ok(BigInt::from(*i))),
                V::B(b) => Some(Ok(BigInt::from(*b as i64))),
                V::F(f) => Some(crate::values::float_ops::f64_to_bigint(*f)),
                _ => None,
            }
        }
        fn to_index(&self) -> Option<VResult<BigInt>> {
            match self {
                V::I(i) => Some(Ok(BigInt::from(*i))),
                V::B(b) => Some(Ok(BigInt::from(*b as i64))),
                _ => None,
            }
        }
        fn to_float(&self) -> VResult<f64> {
            match self {
                V::I(i) => Ok(*i as f64),
                V::F(f) => Ok(*f),
                _ => Err(ValueErr::type_err(format!(
                    "must be real number, not {}",
                    self.type_name()
                ))),
            }
        }
        fn to_char(&self) -> CharArg {
            match self {
                V::I(i) => CharArg::Int(BigInt::from(*i)),
                V::S(s) if s.chars().count() == 1 => {
                    CharArg::Char(s.chars().next().unwrap_or('\0') as u32)
                }
                _ => CharArg::Invalid,
            }
        }
        fn as_star_int(&self) -> Option<BigInt> {
            match self {
                V::I(i) => Some(BigInt::from(*i)),
                _ => None,
            }
        }
    }

    fn tup(fmt: &str, args: &[V]) -> Result<String, String> {
        percent_format(&str_to_cps(fmt), args, true, None)
            .map(|v| cps_to_string(&v))
            .map_err(|e| e.msg)
    }
    fn one(fmt: &str, arg: V) -> Result<String, String> {
        percent_format(&str_to_cps(fmt), &[arg], false, None)
            .map(|v| cps_to_string(&v))
            .map_err(|e| e.msg)
    }

    #[test]
    fn conversions() {
        // Expected values from python3.11.
        use V::*;
        assert_eq!(tup("%.3f|%e|%g|%r|%s|%10.2f|%-10.2f|%+.1e|%#g|%#.0f|%05.1f|% f|%G|%E|%F",
            &[F(3.14159), F(3.0), F(0.00001), F(0.1), F(0.1), F(2.5), F(2.5), F(1234.5), F(1.0), F(2.0), F(-1.5), F(1.0), F(1e-10), F(1.0), F(f64::INFINITY)]).unwrap(),
            "3.142|3.000000e+00|1e-05|0.1|0.1|      2.50|2.50      |+1.2e+03|1.00000|2.|-01.5| 1.000000|1E-10|1.000000E+00|INF");
        assert_eq!(
            tup("%#x %#o %X %#X", &[I(255), I(8), I(255), I(255)]).unwrap(),
            "0xff 0o10 FF 0XFF"
        );
        assert_eq!(
            tup(
                "%05d|%-5d|%+d|% d|%5.3d|%.0d",
                &[I(-42), I(42), I(42), I(42), I(7), I(0)]
            )
            .unwrap(),
            "-0042|42   |+42| 42|  007|0"
        );
        assert_eq!(tup("%i %u", &[F(3.9), F(-2.1)]).unwrap(), "3 -2");
        assert_eq!(one("%d", B(true)).unwrap(), "1");
        assert_eq!(
            tup("%.2s|%5s|%-5s|", &[S("abc"), S("ab"), S("ab")]).unwrap(),
            "ab|   ab|ab   |"
        );
        assert_eq!(tup("%c%c", &[I(65), S("B")]).unwrap(), "AB");
        assert_eq!(
            tup("%r %a", &[S("\u{e9}"), S("\u{e9}")]).unwrap(),
            "'\u{e9}' '\\xe9'"
        );
        assert_eq!(tup("%*d", &[I(5), I(3)]).unwrap(), "    3");
        assert_eq!(tup("%-*d|", &[I(-5), I(3)]).unwrap(), "3    |");
        assert_eq!(tup("%.*f", &[I(2), F(3.14159)]).unwrap(), "3.14");
        assert_eq!(
            tup(
                "%05s|%-05d|%0-5d|%05.1f|%-+8.2e|% 05d|%+ d",
                &[S("ab"), I(3), I(3), F(-2.5), F(1234.5), I(5), I(5)]
            )
            .unwrap(),
            "   ab|3    |3    |-02.5|+1.23e+03| 0005|+5"
        );
        assert_eq!(one("%x", I(-255)).unwrap(), "-ff");
        assert_eq!(one("%#o", I(-8)).unwrap(), "-0o10");
        assert_eq!(one("%.3x", I(5)).unwrap(), "005");
        assert_eq!(one("%#.3x", I(5)).unwrap(), "0x005");
        assert_eq!(one("%08.3x", I(5)).unwrap(), "00000005");
        assert_eq!(tup("%05c|%-3c|", &[S("a"), S("b")]).unwrap(), "    a|b  |");
        assert_eq!(tup("x", &[]).unwrap(), "x");
        assert_eq!(tup("%%", &[]).unwrap(), "%");
    }

    #[test]
    fn errors() {
        use V::*;
        assert_eq!(
            tup("%s %d", &[I(1)]).unwrap_err(),
            "not enough arguments for format string"
        );
        assert_eq!(
            tup("%s", &[I(1), I(2)]).unwrap_err(),
            "not all arguments converted during string formatting"
        );
        assert_eq!(
            one("%d", S("x")).unwrap_err(),
            "%d format: a real number is required, not str"
        );
        assert_eq!(
            one("%d", None).unwrap_err(),
            "%d format: a real number is required, not NoneType"
        );
        assert_eq!(
            one("%x", F(1.5)).unwrap_err(),
            "%x format: an integer is required, not float"
        );
        assert_eq!(one("%c", S("ab")).unwrap_err(), "%c requires int or char");
        assert_eq!(one("%c", F(1.5)).unwrap_err(), "%c requires int or char");
        assert_eq!(
            one("%c", I(-1)).unwrap_err(),
            "%c arg not in range(0x110000)"
        );
        assert_eq!(
            one("%c", I(0x110000)).unwrap_err(),
            "%c arg not in range(0x110000)"
        );
        assert_eq!(
            one("%z", I(1)).unwrap_err(),
            "unsupported format character 'z' (0x7a) at index 1"
        );
        assert_eq!(
            one("%\u{e9}", I(1)).unwrap_err(),
            "unsupported format character '?' (0xe9) at index 1"
        );
        assert_eq!(
            one("%5%", I(1)).unwrap_err(),
            "unsupported format character '%' (0x25) at index 2"
        );
        assert_eq!(
            tup("%5%", &[]).unwrap_err(),
            "not enough arguments for format string"
        );
        assert_eq!(tup("%", &[]).unwrap_err(), "incomplete format");
        assert_eq!(one("%(a)s", I(1)).unwrap_err(), "format requires a mapping");
        assert_eq!(
            one("x", I(1)).unwrap_err(),
            "not all arguments converted during string formatting"
        );
        assert_eq!(tup("%*d", &[S("a"), I(1)]).unwrap_err(), "* wants int");
        assert_eq!(
            one("%f", S("x")).unwrap_err(),
            "must be real number, not str"
        );
        assert_eq!(
            one("%d", F(f64::INFINITY)).unwrap_err(),
            "cannot convert float infinity to integer"
        );
        assert_eq!(
            one("%.1000000000000000000000s", S("a")).unwrap_err(),
            "precision too big"
        );
        assert_eq!(
            one("%1000000000000000000000s", S("a")).unwrap_err(),
            "width too big"
        );
    }

    #[test]
    fn mappings() {
        let lookup = |k: &[u32]| -> VResult<V> {
            match cps_to_string(k).as_str() {
                "a" => Ok(V::S("x")),
                "a(b)" => Ok(V::I(1)),
                other => Err(ValueErr::new(PyExcKind::KeyError, format!("'{}'", other))),
            }
        };
        let run = |fmt: &str| {
            percent_format(
                &str_to_cps(fmt),
                &[V::S("{'a': 'x'}")],
                false,
                Some(&lookup),
            )
            .map(|v| cps_to_string(&v))
            .map_err(|e| e.msg)
        };
        assert_eq!(run("%(a)s %(a)r").unwrap(), "x 'x'");
        assert_eq!(run("%(a)s %%").unwrap(), "x %");
        assert_eq!(run("%s %(a)s").unwrap(), "{'a': 'x'} x");
        assert_eq!(
            run("%(a)s %s").unwrap_err(),
            "not enough arguments for format string"
        );
        assert_eq!(run("%(a(b))s").unwrap(), "1");
        assert_eq!(run("%(a").unwrap_err(), "incomplete format key");
        assert_eq!(run("%(zz)s").unwrap_err(), "'zz'");
        assert_eq!(run("x").unwrap(), "x");
    }
}
