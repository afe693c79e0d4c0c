//! The format-spec mini-language (`format(value, spec)`, `f'{x:spec}'`):
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
//!
//! Read first: [`parse_format_spec`] (CPython's
//! `parse_internal_render_format_spec`, same error messages), then
//! [`format_str`] (str's `__format__`) and [`layout_number`], the shared
//! padding/grouping step that int, float and complex formatting end with.
//!
//! Text is code points (`&[u32]`) because a fill character may be any code
//! point, including a lone surrogate. Invariant: a parsed spec's `ty` is the
//! last character of the spec or `None`; width/precision fit in `usize`
//! (CPython's "Too many decimal digits" limit is `Py_ssize_t`, so values above
//! `i64::MAX` are rejected).

use super::{VResult, ValueErr};

/// Alignment requested by a spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
    /// `=`: padding between sign/prefix and digits (numbers only).
    AfterSign,
}

/// Thousands grouping option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    None,
    Comma,
    Underscore,
}

/// A parsed format spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// Fill code point (default space; `'0'` when the `0` flag applies).
    pub fill: u32,
    /// Explicit alignment, or the `=` implied by the `0` flag for numbers.
    pub align: Option<Align>,
    /// `'+'`, `'-'` or `' '`.
    pub sign: Option<char>,
    /// `z` (3.11): coerce negative zero to positive zero.
    pub no_neg_0: bool,
    /// `#`.
    pub alternate: bool,
    pub width: Option<usize>,
    pub grouping: Grouping,
    pub precision: Option<usize>,
    /// Presentation type code point, `None` when the spec has none.
    pub ty: Option<u32>,
}

/// Renders a type code the way CPython's error messages do: `'%c'` for
/// printable ASCII, otherwise `'\x%x'` (no zero padding).
pub fn type_code_for_msg(c: u32) -> String {
    if c > 32 && c < 128 {
        format!("{}", c as u8 as char)
    } else {
        format!("\\x{:x}", c)
    }
}

/// Lossy conversion of code points to a Rust string (lone surrogates become
/// U+FFFD). Used only for error messages and ASCII results.
pub fn cps_to_string(cps: &[u32]) -> String {
    cps.iter()
        .map(|&c| char::from_u32(c).unwrap_or('\u{fffd}'))
        .collect()
}

/// Code points of a Rust string.
pub fn str_to_cps(s: &str) -> Vec<u32> {
    s.chars().map(|c| c as u32).collect()
}

fn is_align(c: u32) -> Option<Align> {
    match char::from_u32(c) {
        Some('<') => Some(Align::Left),
        Some('>') => Some(Align::Right),
        Some('^') => Some(Align::Center),
        Some('=') => Some(Align::AfterSign),
        _ => None,
    }
}

fn consume_digits(spec: &[u32], pos: &mut usize) -> VResult<Option<usize>> {
    let start = *pos;
    let mut value: usize = 0;
    let mut overflow = false;
    while *pos < spec.len() && (b'0' as u32..=b'9' as u32).contains(&spec[*pos]) {
        let d = (spec[*pos] - b'0' as u32) as usize;
        match value.checked_mul(10).and_then(|v| v.checked_add(d)) {
            Some(v) if v <= i64::MAX as usize => value = v,
            _ => overflow = true,
        }
        *pos += 1;
    }
    if overflow {
        return Err(ValueErr::value("Too many decimal digits in format string"));
    }
    Ok(if *pos == start { None } else { Some(value) })
}

/// Parses `spec` for an object whose type is named `type_name` (used in the
/// "Invalid format specifier" message). `default_type` is the type assumed
/// when the spec has none (CPython: `'s'` for str, `'d'` for int, none (`None`)
/// for float/complex); it matters for the grouping check. `numeric` selects
/// the defaults: the `0` flag implies `=` alignment only for numbers.
///
/// Also enforces CPython's grouping/type compatibility: `,` only with
/// `d e f g E G % F` or no type, `_` additionally with `x X o b`.
pub fn parse_format_spec(
    spec: &[u32],
    type_name: &str,
    default_type: Option<char>,
    numeric: bool,
) -> VResult<FormatSpec> {
    let mut f = FormatSpec {
        fill: ' ' as u32,
        align: None,
        sign: None,
        no_neg_0: false,
        alternate: false,
        width: None,
        grouping: Grouping::None,
        precision: None,
        ty: default_type.map(|c| c as u32),
    };
    let end = spec.len();
    let mut pos = 0;
    let mut fill_specified = false;
    if end >= 2 && is_align(spec[1]).is_some() {
        f.align = is_align(spec[1]);
        f.fill = spec[0];
        fill_specified = true;
        pos = 2;
    } else if end >= 1 && is_align(spec[0]).is_some() {
        f.align = is_align(spec[0]);
        pos = 1;
    }
    if pos < end {
        if let Some(c @ ('+' | '-' | ' ')) = char::from_u32(spec[pos]) {
            f.sign = Some(c);
            pos += 1;
        }
    }
    if pos < end && spec[pos] == 'z' as u32 {
        f.no_neg_0 = true;
        pos += 1;
    }
    if pos < end && spec[pos] == '#' as u32 {
        f.alternate = true;
        pos += 1;
    }
    if !fill_specified && pos < end && spec[pos] == '0' as u32 {
        f.fill = '0' as u32;
        if f.align.is_none() && numeric {
            f.align = Some(Align::AfterSign);
        }
        pos += 1;
    }
    f.width = consume_digits(spec, &mut pos)?;
    let both = || ValueErr::value("Cannot specify both ',' and '_'.");
    if pos < end && spec[pos] == ',' as u32 {
        f.grouping = Grouping::Comma;
        pos += 1;
    }
    if pos < end && spec[pos] == '_' as u32 {
        if f.grouping != Grouping::None {
            return Err(both());
        }
        f.grouping = Grouping::Underscore;
        pos += 1;
    }
    if pos < end && spec[pos] == ',' as u32 && f.grouping == Grouping::Underscore {
        return Err(both());
    }
    if pos < end && spec[pos] == '.' as u32 {
        pos += 1;
        match consume_digits(spec, &mut pos)? {
            Some(p) => f.precision = Some(p),
            None => return Err(ValueErr::value("Format specifier missing precision")),
        }
    }
    if end - pos > 1 {
        return Err(ValueErr::value(format!(
            "Invalid format specifier '{}' for object of type '{}'",
            cps_to_string(spec),
            type_name
        )));
    }
    if end - pos == 1 {
        f.ty = Some(spec[pos]);
    }
    if f.grouping != Grouping::None {
        let ok = match f.ty.and_then(char::from_u32) {
            None => true,
            Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('x' | 'X' | 'o' | 'b') => f.grouping == Grouping::Underscore,
            _ => false,
        };
        if !ok {
            let sep = if f.grouping == Grouping::Comma {
                ','
            } else {
                '_'
            };
            return Err(ValueErr::value(format!(
                "Cannot specify '{}' with '{}'.",
                sep,
                type_code_for_msg(f.ty.unwrap_or(0))
            )));
        }
    }
    Ok(f)
}

/// CPython's "Unknown format code 'x' for object of type 'T'" error.
pub fn unknown_code(ty: u32, type_name: &str) -> ValueErr {
    ValueErr::value(format!(
        "Unknown format code '{}' for object of type '{}'",
        type_code_for_msg(ty),
        type_name
    ))
}

/// Pads `body` to the spec's width with its fill, using `default` alignment
/// when none is given (`=` is treated as right alignment here).
pub fn pad(body: &[u32], fill: u32, align: Align, width: Option<usize>) -> Vec<u32> {
    let len = body.len();
    let total = width.unwrap_or(0).max(len);
    let padding = total - len;
    let (left, right) = match align {
        Align::Left => (0, padding),
        Align::Right | Align::AfterSign => (padding, 0),
        Align::Center => (padding / 2, padding - padding / 2),
    };
    let mut out = Vec::with_capacity(total);
    out.extend(std::iter::repeat_n(fill, left));
    out.extend_from_slice(body);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

/// `format(s, spec)` for a str (`str.__format__`): only type `s` or none,
/// precision truncates, default left alignment.
pub fn format_str(s: &[u32], spec: &[u32]) -> VResult<Vec<u32>> {
    if spec.is_empty() {
        return Ok(s.to_vec());
    }
    let f = parse_format_spec(spec, "str", Some('s'), false)?;
    if let Some(t) = f.ty {
        if t != 's' as u32 {
            return Err(unknown_code(t, "str"));
        }
    }
    match f.sign {
        Some(' ') => {
            return Err(ValueErr::value(
                "Space not allowed in string format specifier",
            ))
        }
        Some(_) => {
            return Err(ValueErr::value(
                "Sign not allowed in string format specifier",
            ))
        }
        None => {}
    }
    if f.no_neg_0 {
        return Err(ValueErr::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if f.alternate {
        return Err(ValueErr::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if f.align == Some(Align::AfterSign) {
        return Err(ValueErr::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    super::check_text_len(f.width.unwrap_or(0) as u64)?;
    let body = match f.precision {
        Some(p) if p < s.len() => &s[..p],
        _ => s,
    };
    Ok(pad(body, f.fill, f.align.unwrap_or(Align::Left), f.width))
}

/// Inserts thousands separators into ASCII `digits` every `group` digits
/// from the right, zero-padding on the left until the result is at least
/// `min_width` long (CPython's `_PyUnicode_InsertThousandsGrouping`: the
/// result never starts with a separator). `sep == None` only zero-pads.
pub fn group_digits(digits: &[u8], min_width: isize, sep: Option<u8>, group: usize) -> Vec<u8> {
    let mut out_rev: Vec<u8> = Vec::new();
    let mut remaining = digits.len() as isize;
    let mut min_width = min_width;
    let mut pos = digits.len();
    let mut use_sep = false;
    let emit =
        |n_chars: isize, n_zeros: isize, use_sep: bool, pos: &mut usize, out: &mut Vec<u8>| {
            if use_sep {
                if let Some(s) = sep {
                    out.push(s);
                }
            }
            for _ in 0..n_chars {
                *pos -= 1;
                out.push(digits[*pos]);
            }
            for _ in 0..n_zeros {
                out.push(b'0');
            }
        };
    let mut broke = false;
    if let Some(_s) = sep {
        let g = group as isize;
        loop {
            let l = g.min(remaining.max(min_width).max(1));
            let n_zeros = (l - remaining).max(0);
            let n_chars = remaining.min(l).max(0);
            emit(n_chars, n_zeros, use_sep, &mut pos, &mut out_rev);
            use_sep = true;
            remaining -= n_chars;
            min_width -= l;
            if remaining <= 0 && min_width <= 0 {
                broke = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !broke {
        let l = remaining.max(min_width).max(1);
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        emit(n_chars, n_zeros, use_sep, &mut pos, &mut out_rev);
    }
    out_rev.reverse();
    out_rev
}

/// The pieces of a formatted number before padding/grouping.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NumberParts {
    /// True if the value is negative (a `-` sign is always shown).
    pub negative: bool,
    /// Radix prefix such as `0x` (only with `#`).
    pub prefix: String,
    /// Integer-part digits, ungrouped (ASCII). Empty only for `c`.
    pub digits: String,
    /// Everything after the integer digits: `.`, fraction, exponent, `%`.
    /// Starts with `.` when there is a decimal point.
    pub rest: String,
}

/// Lays out a number per `spec` (CPython's `calc_number_widths` +
/// `fill_number`): sign, prefix, grouped digits, rest, padded to width;
/// `=` alignment pads between sign/prefix and digits, and a `0` fill with
/// `=` zero-pads inside the grouping. `group` is 3 for decimal, 4 for
/// `_` with x/X/o/b.
pub fn layout_number(parts: &NumberParts, spec: &FormatSpec, group: usize) -> Vec<u32> {
    let sign: Option<u8> = if parts.negative {
        Some(b'-')
    } else {
        match spec.sign {
            Some('+') => Some(b'+'),
            Some(' ') => Some(b' '),
            _ => None,
        }
    };
    let align = spec.align.unwrap_or(Align::Right);
    let n_sign = sign.is_some() as usize;
    let n_non_digit = n_sign + parts.prefix.len() + parts.rest.len();
    let width = spec.width.unwrap_or(0);
    let min_width = if spec.fill == '0' as u32 && align == Align::AfterSign {
        width as isize - n_non_digit as isize
    } else {
        0
    };
    let sep = match spec.grouping {
        Grouping::None => None,
        Grouping::Comma => Some(b','),
        Grouping::Underscore => Some(b'_'),
    };
    let grouped = if parts.digits.is_empty() {
        Vec::new()
    } else {
        group_digits(parts.digits.as_bytes(), min_width, sep, group)
    };
    let total = n_non_digit + grouped.len();
    let padding = width.saturating_sub(total);
    let (left, mid, right) = match align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };
    let mut out: Vec<u32> = Vec::with_capacity(total + padding);
    out.extend(std::iter::repeat_n(spec.fill, left));
    if let Some(s) = sign {
        out.push(s as u32);
    }
    out.extend(parts.prefix.bytes().map(u32::from));
    out.extend(std::iter::repeat_n(spec.fill, mid));
    out.extend(grouped.iter().map(|&b| b as u32));
    out.extend(parts.rest.chars().map(|c| c as u32));
    out.extend(std::iter::repeat_n(spec.fill, right));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fs(s: &str, spec: &str) -> Result<String, String> {
        format_str(&str_to_cps(s), &str_to_cps(spec))
            .map(|v| cps_to_string(&v))
            .map_err(|e| e.msg)
    }

    #[test]
    fn string_specs() {
        assert_eq!(fs("abc", "05").unwrap(), "abc00");
        assert_eq!(fs("abc", "x^6").unwrap(), "xabcxx");
        assert_eq!(fs("abc", ".2").unwrap(), "ab");
        assert_eq!(fs("abc", "10.3s").unwrap(), "abc       ");
        assert_eq!(fs("abc", "0^5").unwrap(), "0abc0");
        assert_eq!(fs("abc", "\u{1f600}<5").unwrap(), "abc\u{1f600}\u{1f600}");
        assert_eq!(
            fs("abc", "d").unwrap_err(),
            "Unknown format code 'd' for object of type 'str'"
        );
        assert_eq!(
            fs("abc", "+s").unwrap_err(),
            "Sign not allowed in string format specifier"
        );
        assert_eq!(
            fs("abc", "-").unwrap_err(),
            "Sign not allowed in string format specifier"
        );
        assert_eq!(
            fs("abc", " 5").unwrap_err(),
            "Space not allowed in string format specifier"
        );
        assert_eq!(
            fs("abc", "#").unwrap_err(),
            "Alternate form (#) not allowed in string format specifier"
        );
        assert_eq!(
            fs("abc", "z").unwrap_err(),
            "Negative zero coercion (z) not allowed in string format specifier"
        );
        assert_eq!(fs("abc", ",").unwrap_err(), "Cannot specify ',' with 's'.");
        assert_eq!(fs("abc", "_s").unwrap_err(), "Cannot specify '_' with 's'.");
        assert_eq!(
            fs("abc", "=5").unwrap_err(),
            "'=' alignment not allowed in string format specifier"
        );
        assert_eq!(
            fs("abc", "abc").unwrap_err(),
            "Invalid format specifier 'abc' for object of type 'str'"
        );
        assert_eq!(
            fs("abc", "5.").unwrap_err(),
            "Format specifier missing precision"
        );
        assert_eq!(
            fs("abc", "99999999999999999999").unwrap_err(),
            "Too many decimal digits in format string"
        );
        assert_eq!(
            fs("abc", ",_").unwrap_err(),
            "Cannot specify both ',' and '_'."
        );
        assert_eq!(
            fs("abc", "_,").unwrap_err(),
            "Cannot specify both ',' and '_'."
        );
        assert_eq!(fs("abc", "__").unwrap_err(), "Cannot specify '_' with '_'.");
        assert_eq!(
            fs("abc", "\x01").unwrap_err(),
            "Unknown format code '\\x1' for object of type 'str'"
        );
        assert_eq!(
            fs("abc", "\u{e9}").unwrap_err(),
            "Unknown format code '\\xe9' for object of type 'str'"
        );
        assert_eq!(
            fs("a", "#=").unwrap_err(),
            "'=' alignment not allowed in string format specifier"
        );
    }

    #[test]
    fn grouping() {
        assert_eq!(group_digits(b"1234567", 0, Some(b','), 3), b"1,234,567");
        assert_eq!(group_digits(b"0", 8, Some(b','), 3), b"0,000,000");
        assert_eq!(group_digits(b"1234567", 10, Some(b','), 3), b"01,234,567");
        assert_eq!(group_digits(b"255", 9, Some(b','), 3), b"0,000,255");
        assert_eq!(group_digits(b"255", 7, None, 3), b"0000255");
    }
}
