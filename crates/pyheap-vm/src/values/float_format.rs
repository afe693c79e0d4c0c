//! `format(float, spec)` (`float.__format__`) and the float conversions of
//! `%`-formatting.
//!
//! Read first: [`format_float`], which parses the spec and calls
//! [`format_float_with`] (shared with `format(int, 'e'/'f'/'g'/'%')`): it maps
//! the presentation type onto [`double_to_string`] exactly as CPython's
//! `format_float_internal` does (no type ⇒ repr-like with at least one
//! fractional digit; `n` ⇒ `g`; `%` ⇒ ×100 then `f` and a `%` sign), then
//! pads/groups through [`layout_number`].

use super::float_repr::{double_to_string, DtsFlags};
use super::format_spec::{layout_number, parse_format_spec, unknown_code, FormatSpec, NumberParts};
use super::{VResult, ValueErr};

/// `format(x, spec)` for a float, spec as code points. Empty spec is `str(x)`.
pub fn format_float(x: f64, spec: &[u32]) -> VResult<Vec<u32>> {
    if spec.is_empty() {
        return Ok(super::float_repr::float_repr(x)
            .chars()
            .map(|c| c as u32)
            .collect());
    }
    let f = parse_format_spec(spec, "float", None, true)?;
    format_float_with(x, &f, "float")
}

/// Applies an already-parsed spec to `x`; `type_name` is used in the
/// unknown-code message.
pub fn format_float_with(x: f64, f: &FormatSpec, type_name: &str) -> VResult<Vec<u32>> {
    let ty = match f.ty {
        None => None,
        Some(t) => match char::from_u32(t) {
            Some(c @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%')) => Some(c),
            _ => return Err(unknown_code(t, type_name)),
        },
    };
    super::check_text_len(f.width.unwrap_or(0) as u64)?;
    let precision = f.precision;
    if precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(ValueErr::value("precision too big"));
    }
    super::check_text_len(precision.unwrap_or(0) as u64)?;
    let mut flags = DtsFlags {
        alt: f.alternate,
        no_neg_0: f.no_neg_0,
        ..DtsFlags::default()
    };
    let mut val = x;
    let mut add_pct = false;
    let (code, default_precision) = match ty {
        None => {
            flags.add_dot_0 = true;
            ('r', 0)
        }
        Some('n') => ('g', 6),
        Some('%') => {
            val *= 100.0;
            add_pct = true;
            ('f', 6)
        }
        Some(c) => (c, 6),
    };
    let code = if code == 'r' && precision.is_some() {
        'g'
    } else {
        code
    };
    let text = double_to_string(val, code, precision.unwrap_or(default_precision), flags);
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let n_digits = body.bytes().take_while(|b| b.is_ascii_digit()).count();
    let mut rest = body[n_digits..].to_string();
    if add_pct {
        rest.push('%');
    }
    let parts = NumberParts {
        negative,
        prefix: String::new(),
        digits: body[..n_digits].to_string(),
        rest,
    };
    Ok(layout_number(&parts, f, 3))
}

/// `format(complex(re, im), spec)` (`complex.__format__`): each part is
/// formatted like a float, the imaginary part always signed (unless the
/// real part is omitted), `j` appended; no type means `str()`-like output
/// with parentheses when the real part is shown. Errors: ValueError for `=`
/// alignment, `0` fill and the `%` type.
pub fn format_complex(re: f64, im: f64, spec: &[u32]) -> VResult<Vec<u32>> {
    if spec.is_empty() {
        return Ok(super::float_repr::complex_repr(re, im)
            .chars()
            .map(|c| c as u32)
            .collect());
    }
    let f = parse_format_spec(spec, "complex", None, true)?;
    let ty = match f.ty {
        None => None,
        Some(t) => match char::from_u32(t) {
            Some(c @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n')) => Some(c),
            _ => return Err(unknown_code(t, "complex")),
        },
    };
    if f.fill == '0' as u32 {
        return Err(ValueErr::value(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if f.align == Some(super::format_spec::Align::AfterSign) {
        return Err(ValueErr::value(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    if f.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(ValueErr::value("precision too big"));
    }
    super::check_text_len(f.width.unwrap_or(0) as u64 + f.precision.unwrap_or(0) as u64)?;
    let flags = DtsFlags {
        alt: f.alternate,
        no_neg_0: f.no_neg_0,
        ..DtsFlags::default()
    };
    let mut skip_re = false;
    let mut parens = false;
    let (mut code, default_precision) = match ty {
        None => {
            if re == 0.0 && re.is_sign_positive() {
                skip_re = true;
            } else {
                parens = true;
            }
            ('r', 0)
        }
        Some('n') => ('g', 6),
        Some(c) => (c, 6),
    };
    let precision = match f.precision {
        Some(p) => {
            if code == 'r' {
                code = 'g';
            }
            p
        }
        None => default_precision,
    };
    let part = |x: f64, sign: Option<char>| -> Vec<u32> {
        let text = double_to_string(x, code, precision, flags);
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        let n_digits = body.bytes().take_while(|b| b.is_ascii_digit()).count();
        let parts = NumberParts {
            negative,
            prefix: String::new(),
            digits: body[..n_digits].to_string(),
            rest: body[n_digits..].to_string(),
        };
        let sub = FormatSpec {
            fill: ' ' as u32,
            align: Some(super::format_spec::Align::Left),
            sign,
            width: None,
            ..f.clone()
        };
        layout_number(&parts, &sub, 3)
    };
    let mut body: Vec<u32> = Vec::new();
    if parens {
        body.push('(' as u32);
    }
    if !skip_re {
        body.extend(part(re, f.sign));
    }
    body.extend(part(im, if skip_re { f.sign } else { Some('+') }));
    body.push('j' as u32);
    if parens {
        body.push(')' as u32);
    }
    let align = f.align.unwrap_or(super::format_spec::Align::Right);
    Ok(super::format_spec::pad(&body, f.fill, align, f.width))
}

/// The body of a `%e %E %f %F %g %G` conversion (`'%.3f' % x`): `precision`
/// defaults to 6 when `None`; `alt` is the `#` flag; `sign` the `+` flag.
/// The caller applies the space flag, width and `-`/`0` padding.
pub fn percent_float(
    x: f64,
    code: char,
    precision: Option<usize>,
    alt: bool,
    sign: bool,
) -> String {
    double_to_string(
        x,
        code,
        precision.unwrap_or(6),
        DtsFlags {
            alt,
            sign,
            ..DtsFlags::default()
        },
    )
}

#[cfg(test)]
#[allow(clippy::approx_constant)]
mod tests {
    use super::*;
    use crate::values::format_spec::{cps_to_string, str_to_cps};

    fn f(x: f64, spec: &str) -> Result<String, String> {
        format_float(x, &str_to_cps(spec))
            .map(|v| cps_to_string(&v))
            .map_err(|e| e.msg)
    }

    #[test]
    fn float_specs() {
        // (value, spec, python3.11 result)
        let nan = f64::NAN;
        let inf = f64::INFINITY;
        let cases: &[(f64, &str, &str)] = &[
            (-nan, "", "nan"),
            (nan, "08", "00000nan"),
            (nan, "+", "+nan"),
            (nan, "F", "NAN"),
            (nan, "%", "nan%"),
            (-inf, "08", "-0000inf"),
            (-inf, "F", "-INF"),
            (inf, "08.2f", "00000inf"),
            (0.125, ".0f", "0"),
            (0.125, ".2f", "0.12"),
            (0.125, ".1e", "1.2e-01"),
            (0.125, "#g", "0.125000"),
            (0.125, "#.0f", "0."),
            (0.125, "#.0e", "1.e-01"),
            (0.125, ".0", "0.1"),
            (0.125, ".0%", "12%"),
            (0.125, "E", "1.250000E-01"),
            (0.125, ".20e", "1.25000000000000000000e-01"),
            (0.375, ".2f", "0.38"),
            (0.375, "#.0e", "4.e-01"),
            (2.5, ".0f", "2"),
            (2.5, "#.3g", "2.50"),
            (2.5, ".0", "2e+00"),
            (2.5, "#.0g", "2."),
            (1.5, ".0f", "2"),
            (1.5, ".0", "2e+00"),
            (0.5, ".0", "0.5"),
            (1e16, "", "1e+16"),
            (1e16, ".17g", "10000000000000000"),
            (1e16, "#", "1.e+16"),
            (1e16, "G", "1E+16"),
            (1e15, "", "1000000000000000.0"),
            (1e15, "g", "1e+15"),
            (1e15, "#", "1000000000000000.0"),
            (123456789012345678.0, ".0f", "123456789012345680"),
            (123456789012345678.0, ".0%", "12345678901234567168%"),
            (0.0001, "#g", "0.000100000"),
            (0.0001, ".20e", "1.00000000000000004792e-04"),
            (1e-5, ".17g", "1.0000000000000001e-05"),
            (0.0001234, ".17g", "0.00012339999999999999"),
            (-0.0, "", "-0.0"),
            (-0.0, ".0f", "-0"),
            (-0.0, "g", "-0"),
            (-0.0, ".3", "-0.0"),
            (-0.0, "#.0g", "-0."),
            (-0.0, "z", "0.0"),
            (-0.0001, "z.2f", "0.00"),
            (-0.0, "z.1e", "0.0e+00"),
            (1e22, ".0%", "999999999999999983222784%"),
            (5e-324, ".1e", "4.9e-324"),
            (5e-324, "g", "4.94066e-324"),
            (5e-324, "#", "5.e-324"),
            (1.7976931348623157e308, ".0%", "inf%"),
            (1.7976931348623157e308, "#.0e", "2.e+308"),
            (1.0 / 3.0, ".17g", "0.33333333333333331"),
            (1.5, "09.3%", "0150.000%"),
            (-1.5, "012,.2f", "-0,000,001.50"),
            (1234.5, "_", "1_234.5"),
            (1234.5, "015_", "0_000_001_234.5"),
            (1e20, ",", "1e+20"),
            (1.5, "=^5", "=1.5="),
            (1.5, "#", "1.5"),
            (1234567.0, ",.2f", "1,234,567.00"),
        ];
        for &(x, spec, want) in cases {
            assert_eq!(
                f(x, spec).as_deref(),
                Ok(want),
                "format({:e}, {:?})",
                x,
                spec
            );
        }
        let errs: &[(f64, &str, &str)] = &[
            (1.5, ",_", "Cannot specify both ',' and '_'."),
            (
                1.5,
                ".2x",
                "Unknown format code 'x' for object of type 'float'",
            ),
            (
                1.5,
                "d",
                "Unknown format code 'd' for object of type 'float'",
            ),
            (1.5, ",n", "Cannot specify ',' with 'n'."),
            (1.5, ".2147483648f", "precision too big"),
        ];
        for &(x, spec, want) in errs {
            assert_eq!(f(x, spec).unwrap_err(), want, "format({:e}, {:?})", x, spec);
        }
    }

    #[test]
    fn complex_specs() {
        // (re, im, spec, python3.11 result)
        let nan = f64::NAN;
        let inf = f64::INFINITY;
        let cases: &[(f64, f64, &str, &str)] = &[
            (1.0, 2.0, "", "(1+2j)"),
            (1.0, 2.0, "10", "    (1+2j)"),
            (1.0, 2.0, ".2f", "1.00+2.00j"),
            (1.0, 2.0, ".3", "(1+2j)"),
            (1.0, 2.0, "g", "1+2j"),
            (1.0, 2.0, "e", "1.000000e+00+2.000000e+00j"),
            (1.0, 2.0, "+.1f", "+1.0+2.0j"),
            (1.0, 2.0, "^20.2e", " 1.00e+00+2.00e+00j "),
            (1.0, 2.0, "#", "(1.+2.j)"),
            (1.0, 2.0, " ", "( 1+2j)"),
            (1.0, 2.0, "n", "1+2j"),
            (-1.5, 0.0, ".0", "(-2+0j)"),
            (-1.5, 0.0, "#", "(-1.5+0.j)"),
            (0.0, 2.0, "10", "        2j"),
            (0.0, 2.0, ".2f", "0.00+2.00j"),
            (0.0, 2.0, "#", "2.j"),
            (0.0, 2.0, " ", " 2j"),
            (0.0, 2.0, "+.1f", "+0.0+2.0j"),
            (-0.0, -2.0, "z.1f", "0.0-2.0j"),
            (0.0, -0.0, "", "-0j"),
            (0.0, -0.0, "z.1f", "0.0+0.0j"),
            (0.0, -0.0, "+.1f", "+0.0-0.0j"),
            (nan, inf, "10", "(nan+infj)"),
            (nan, inf, "^20.2e", "      nan+infj      "),
            (nan, inf, " ", "( nan+infj)"),
            (1e16, 1e-5, ",.2f", "10,000,000,000,000,000.00+0.00j"),
            (1e16, 1e-5, "#", "(1.e+16+1.e-05j)"),
            (-0.0, 0.0, ".0", "(-0+0j)"),
        ];
        for &(re, im, spec, want) in cases {
            let got = format_complex(re, im, &str_to_cps(spec)).map(|v| cps_to_string(&v));
            assert_eq!(
                got.as_deref(),
                Ok(want),
                "format(complex({}, {}), {:?})",
                re,
                im,
                spec
            );
        }
        let e = |spec: &str| format_complex(1.0, 2.0, &str_to_cps(spec)).unwrap_err().msg;
        assert_eq!(
            e("=10"),
            "'=' alignment flag is not allowed in complex format specifier"
        );
        assert_eq!(
            e("010"),
            "Zero padding is not allowed in complex format specifier"
        );
        assert_eq!(
            e("%"),
            "Unknown format code '%' for object of type 'complex'"
        );
    }

    #[test]
    fn percent_pieces() {
        // '%.3f|%e|%g|%#g|%#.0f|%+.1e|%G|%E|%F' from python3.11
        assert_eq!(percent_float(3.14159, 'f', Some(3), false, false), "3.142");
        assert_eq!(percent_float(3.0, 'e', None, false, false), "3.000000e+00");
        assert_eq!(percent_float(0.00001, 'g', None, false, false), "1e-05");
        assert_eq!(percent_float(1.0, 'g', None, true, false), "1.00000");
        assert_eq!(percent_float(2.0, 'f', Some(0), true, false), "2.");
        assert_eq!(percent_float(1234.5, 'e', Some(1), false, true), "+1.2e+03");
        assert_eq!(percent_float(1e-10, 'G', None, false, false), "1E-10");
        assert_eq!(percent_float(1.0, 'E', None, false, false), "1.000000E+00");
        assert_eq!(percent_float(f64::INFINITY, 'F', None, false, false), "INF");
    }
}
