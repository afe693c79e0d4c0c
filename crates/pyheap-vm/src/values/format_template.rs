//! `str.format` template parsing (CPython's `MarkupIterator` + `parse_field`
//! + `field_name_split`) into pieces the interpreter evaluates.
//!
//! Read first: [`parse_template`]. It returns the literal/field pieces in
//! order plus, possibly, the error that stopped parsing: CPython renders
//! fields as it scans, so the caller must evaluate every returned piece first
//! and raise the trailing error afterwards (e.g. `'{1}{'.format(0)` raises
//! IndexError, not the "Single '{'" ValueError). Likewise a field's accessor
//! chain may end with an error to raise after the accessors before it ran.
//!
//! Evaluation contract for a [`Field`] (CPython's `output_markup` order):
//! 1. resolve `first` (positional index or keyword; IndexError
//!    `Replacement index N out of range for positional args tuple`, KeyError),
//! 2. apply `accessors` (getattr / getitem), then raise `accessor_error` if any,
//! 3. apply `conversion` via [`check_conversion`] (`str`/`repr`/`ascii`),
//! 4. if `spec_needs_expanding`, expand `spec` with
//!    `parse_template(spec, numbering, depth - 1)` sharing the same
//!    [`FieldNumbering`], then `format(obj, spec)`.
//!
//! [`render_template`] does all of this through the [`FormatHost`] trait.

use super::format_spec::type_code_for_msg;
use super::{VResult, ValueErr};

/// Recursion budget of the top-level call (CPython: 2).
pub const FORMAT_MAX_DEPTH: i32 = 2;

/// Auto/manual field numbering state, shared across nested specs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldNumbering {
    next_auto: usize,
    used_auto: bool,
    used_manual: bool,
}

/// The object a field starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldFirst {
    /// `{}` (auto-numbered) or `{0}`.
    Index(usize),
    /// `{name}`.
    Keyword(Vec<u32>),
}

/// One `.attr` or `[key]` step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Accessor {
    Attr(Vec<u32>),
    /// `[12]`: an all-digit key is an int index.
    Index(usize),
    /// `[key]`: any other key is a str.
    Key(Vec<u32>),
}

/// A replacement field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub first: FieldFirst,
    pub accessors: Vec<Accessor>,
    /// Error to raise after the accessors have been applied.
    pub accessor_error: Option<ValueErr>,
    /// `r`, `s`, `a` or anything else (validated by [`check_conversion`]).
    pub conversion: Option<u32>,
    /// Raw format spec (may contain nested `{...}` fields).
    pub spec: Vec<u32>,
    pub spec_needs_expanding: bool,
}

/// A template piece.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Literal(Vec<u32>),
    Field(Field),
}

/// Parsed template: pieces to evaluate in order, then `error` to raise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub pieces: Vec<Piece>,
    pub error: Option<ValueErr>,
}

/// Validates a conversion character: `r`, `s`, `a`; otherwise ValueError
/// `Unknown conversion specifier X` (`\xNN` form for non-printable ASCII).
pub fn check_conversion(c: u32) -> VResult<char> {
    match char::from_u32(c) {
        Some(ch @ ('r' | 's' | 'a')) => Ok(ch),
        _ => Err(ValueErr::value(format!(
            "Unknown conversion specifier {}",
            type_code_for_msg(c)
        ))),
    }
}

fn verr(msg: &str) -> ValueErr {
    ValueErr::value(msg)
}

const LBRACE: u32 = '{' as u32;
const RBRACE: u32 = '}' as u32;

/// Parses `s` as a `str.format` template. `depth` starts at
/// [`FORMAT_MAX_DEPTH`]; ValueError `Max string recursion exceeded` when it
/// is <= 0 (nested spec expansion passes `depth - 1`).
pub fn parse_template(s: &[u32], numbering: &mut FieldNumbering, depth: i32) -> Template {
    let mut pieces = Vec::new();
    if depth <= 0 {
        return Template {
            pieces,
            error: Some(verr("Max string recursion exceeded")),
        };
    }
    let n = s.len();
    let mut pos = 0;
    while pos < n {
        let start = pos;
        let mut c = 0;
        let mut markup = false;
        while pos < n {
            c = s[pos];
            pos += 1;
            if c == LBRACE || c == RBRACE {
                markup = true;
                break;
            }
        }
        let at_end = pos >= n;
        let mut len = pos - start;
        if c == RBRACE && markup && (at_end || s[pos] != RBRACE) {
            push_literal(&mut pieces, &s[start..start + len - 1]);
            return fail(pieces, "Single '}' encountered in format string");
        }
        if at_end && c == LBRACE && markup {
            push_literal(&mut pieces, &s[start..start + len - 1]);
            return fail(pieces, "Single '{' encountered in format string");
        }
        if markup && !at_end {
            if s[pos] == c {
                pos += 1;
                markup = false;
            } else {
                len -= 1;
            }
        }
        push_literal(&mut pieces, &s[start..start + len]);
        if !markup {
            continue;
        }
        match parse_field(s, &mut pos, numbering) {
            Ok(f) => pieces.push(Piece::Field(f)),
            Err(e) => {
                return Template {
                    pieces,
                    error: Some(e),
                }
            }
        }
    }
    Template {
        pieces,
        error: None,
    }
}

fn push_literal(pieces: &mut Vec<Piece>, lit: &[u32]) {
    if !lit.is_empty() {
        pieces.push(Piece::Literal(lit.to_vec()));
    }
}

fn fail(pieces: Vec<Piece>, msg: &str) -> Template {
    Template {
        pieces,
        error: Some(verr(msg)),
    }
}

fn parse_field(s: &[u32], pos: &mut usize, numbering: &mut FieldNumbering) -> VResult<Field> {
    let n = s.len();
    let name_start = *pos;
    let mut c = 0;
    let mut stopped = false;
    while *pos < n {
        c = s[*pos];
        *pos += 1;
        match char::from_u32(c) {
            Some('{') => return Err(verr("unexpected '{' in field name")),
            Some('[') => {
                while *pos < n && s[*pos] != ']' as u32 {
                    *pos += 1;
                }
            }
            Some('}' | ':' | '!') => {
                stopped = true;
                break;
            }
            _ => {}
        }
    }
    let name_end = if stopped { *pos - 1 } else { *pos };
    let name = &s[name_start..name_end];
    let mut conversion = None;
    let mut spec = Vec::new();
    let mut needs_expanding = false;
    if stopped && (c == '!' as u32 || c == ':' as u32) {
        let mut done = false;
        if c == '!' as u32 {
            if *pos >= n {
                return Err(verr("end of string while looking for conversion specifier"));
            }
            conversion = Some(s[*pos]);
            *pos += 1;
            if *pos < n {
                let c2 = s[*pos];
                *pos += 1;
                if c2 == RBRACE {
                    done = true;
                } else if c2 != ':' as u32 {
                    return Err(verr("expected ':' after conversion specifier"));
                }
            }
        }
        if !done {
            let spec_start = *pos;
            let mut count = 1;
            let mut closed = false;
            while *pos < n {
                let ch = s[*pos];
                *pos += 1;
                if ch == LBRACE {
                    needs_expanding = true;
                    count += 1;
                } else if ch == RBRACE {
                    count -= 1;
                    if count == 0 {
                        spec = s[spec_start..*pos - 1].to_vec();
                        closed = true;
                        break;
                    }
                }
            }
            if !closed {
                return Err(verr("unmatched '{' in format spec"));
            }
        }
    } else if !(stopped && c == RBRACE) {
        return Err(verr("expected '}' before end of string"));
    }
    let (first, accessors, accessor_error) = split_field_name(name, numbering)?;
    Ok(Field {
        first,
        accessors,
        accessor_error,
        conversion,
        spec,
        spec_needs_expanding: needs_expanding,
    })
}

/// All-digit text → Some(value); "Too many decimal digits" on overflow.
fn get_integer(s: &[u32]) -> VResult<Option<usize>> {
    if s.is_empty() || !s.iter().all(|&c| (0x30..=0x39).contains(&c)) {
        return Ok(None);
    }
    let mut v: usize = 0;
    for &c in s {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add((c - 0x30) as usize))
            .filter(|&v| v <= i64::MAX as usize)
            .ok_or_else(|| verr("Too many decimal digits in format string"))?;
    }
    Ok(Some(v))
}

type SplitName = (FieldFirst, Vec<Accessor>, Option<ValueErr>);

fn split_field_name(name: &[u32], numbering: &mut FieldNumbering) -> VResult<SplitName> {
    let first_end = name
        .iter()
        .position(|&c| c == '.' as u32 || c == '[' as u32)
        .unwrap_or(name.len());
    let first_text = &name[..first_end];
    let first = if first_text.is_empty() {
        if numbering.used_manual {
            return Err(verr(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        numbering.used_auto = true;
        let i = numbering.next_auto;
        numbering.next_auto += 1;
        FieldFirst::Index(i)
    } else {
        match get_integer(first_text)? {
            Some(i) => {
                if numbering.used_auto {
                    return Err(verr(
                        "cannot switch from automatic field numbering to manual field specification",
                    ));
                }
                numbering.used_manual = true;
                FieldFirst::Index(i)
            }
            None => FieldFirst::Keyword(first_text.to_vec()),
        }
    };
    let mut accessors = Vec::new();
    let rest = &name[first_end..];
    let mut i = 0;
    while i < rest.len() {
        let c = rest[i];
        i += 1;
        if c == '.' as u32 {
            let st = i;
            while i < rest.len() && rest[i] != '.' as u32 && rest[i] != '[' as u32 {
                i += 1;
            }
            if i == st {
                return Ok((
                    first,
                    accessors,
                    Some(verr("Empty attribute in format string")),
                ));
            }
            accessors.push(Accessor::Attr(rest[st..i].to_vec()));
        } else if c == '[' as u32 {
            let st = i;
            while i < rest.len() && rest[i] != ']' as u32 {
                i += 1;
            }
            if i >= rest.len() {
                return Ok((first, accessors, Some(verr("Missing ']' in format string"))));
            }
            let key = &rest[st..i];
            i += 1;
            if key.is_empty() {
                return Ok((
                    first,
                    accessors,
                    Some(verr("Empty attribute in format string")),
                ));
            }
            match get_integer(key) {
                Ok(Some(k)) => accessors.push(Accessor::Index(k)),
                Ok(None) => accessors.push(Accessor::Key(key.to_vec())),
                Err(e) => return Ok((first, accessors, Some(e))),
            }
            if i < rest.len() && rest[i] != '.' as u32 && rest[i] != '[' as u32 {
                return Ok((
                    first,
                    accessors,
                    Some(verr(
                        "Only '.' or '[' may follow ']' in format field specifier",
                    )),
                ));
            }
        } else {
            return Ok((
                first,
                accessors,
                Some(verr(
                    "Only '.' or '[' may follow ']' in format field specifier",
                )),
            ));
        }
    }
    Ok((first, accessors, None))
}

/// What [`render_template`] needs from the interpreter. `Obj` is the
/// interpreter's object handle; `Err` its exception type (a [`ValueErr`] from
/// this module is turned into one with [`FormatHost::error`]).
pub trait FormatHost {
    type Obj: Clone;
    type Err;
    /// Converts a parse error (ValueError/IndexError text) to an exception.
    fn error(&mut self, e: ValueErr) -> Self::Err;
    /// `args[i]`; IndexError [`index_out_of_range_msg`] when missing.
    fn positional(&mut self, i: usize) -> Result<Self::Obj, Self::Err>;
    /// `kwargs[name]`; KeyError `'name'` when missing.
    fn keyword(&mut self, name: &[u32]) -> Result<Self::Obj, Self::Err>;
    /// `getattr(obj, name)`.
    fn getattr(&mut self, obj: &Self::Obj, name: &[u32]) -> Result<Self::Obj, Self::Err>;
    /// `obj[i]` with an int key.
    fn getitem_int(&mut self, obj: &Self::Obj, i: usize) -> Result<Self::Obj, Self::Err>;
    /// `obj[key]` with a str key.
    fn getitem_str(&mut self, obj: &Self::Obj, key: &[u32]) -> Result<Self::Obj, Self::Err>;
    /// `str(obj)` / `repr(obj)` / `ascii(obj)` for conversion `'s'`/`'r'`/`'a'`.
    fn convert(&mut self, obj: &Self::Obj, conversion: char) -> Result<Self::Obj, Self::Err>;
    /// `format(obj, spec)` as text.
    fn format(&mut self, obj: &Self::Obj, spec: &[u32]) -> Result<Vec<u32>, Self::Err>;
}

fn render_inner<H: FormatHost>(
    s: &[u32],
    host: &mut H,
    numbering: &mut FieldNumbering,
    depth: i32,
) -> Result<Vec<u32>, H::Err> {
    let t = parse_template(s, numbering, depth);
    let mut out = Vec::new();
    for piece in &t.pieces {
        match piece {
            Piece::Literal(l) => out.extend_from_slice(l),
            Piece::Field(f) => {
                let mut obj = match &f.first {
                    FieldFirst::Index(i) => host.positional(*i)?,
                    FieldFirst::Keyword(k) => host.keyword(k)?,
                };
                for a in &f.accessors {
                    obj = match a {
                        Accessor::Attr(name) => host.getattr(&obj, name)?,
                        Accessor::Index(i) => host.getitem_int(&obj, *i)?,
                        Accessor::Key(k) => host.getitem_str(&obj, k)?,
                    };
                }
                if let Some(e) = &f.accessor_error {
                    return Err(host.error(e.clone()));
                }
                if let Some(c) = f.conversion {
                    let conv = check_conversion(c).map_err(|e| host.error(e))?;
                    obj = host.convert(&obj, conv)?;
                }
                let spec = if f.spec_needs_expanding {
                    render_inner(&f.spec, host, numbering, depth - 1)?
                } else {
                    f.spec.clone()
                };
                out.extend(host.format(&obj, &spec)?);
            }
        }
    }
    if let Some(e) = t.error {
        return Err(host.error(e));
    }
    Ok(out)
}

/// `template.format(*args, **kwargs)`: parses and evaluates in CPython's
/// order (field object, accessors, conversion, nested spec, `format`).
pub fn render_template<H: FormatHost>(template: &[u32], host: &mut H) -> Result<Vec<u32>, H::Err> {
    let mut numbering = FieldNumbering::default();
    render_inner(template, host, &mut numbering, FORMAT_MAX_DEPTH)
}

/// IndexError text for a positional field past the arguments.
pub fn index_out_of_range_msg(i: usize) -> String {
    format!(
        "Replacement index {} out of range for positional args tuple",
        i
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::format_spec::str_to_cps;

    fn parse(s: &str) -> Template {
        parse_template(
            &str_to_cps(s),
            &mut FieldNumbering::default(),
            FORMAT_MAX_DEPTH,
        )
    }
    fn err(s: &str) -> String {
        parse(s).error.map(|e| e.msg).unwrap_or_default()
    }
    fn field(t: &Template, i: usize) -> Field {
        match &t.pieces[i] {
            Piece::Field(f) => f.clone(),
            other => panic!("not a field: {:?}", other),
        }
    }

    #[test]
    fn structure() {
        // Mirrors _string.formatter_parser('a{0}b{x.y[1]!r:>{w}}c{{d}}{}').
        let t = parse("a{0}b{x.y[1]!r:>{w}}c{{d}}");
        assert!(t.error.is_none());
        assert_eq!(t.pieces[0], Piece::Literal(str_to_cps("a")));
        assert_eq!(field(&t, 1).first, FieldFirst::Index(0));
        let f = field(&t, 3);
        assert_eq!(f.first, FieldFirst::Keyword(str_to_cps("x")));
        assert_eq!(
            f.accessors,
            vec![Accessor::Attr(str_to_cps("y")), Accessor::Index(1)]
        );
        assert_eq!(f.conversion, Some('r' as u32));
        assert_eq!(f.spec, str_to_cps(">{w}"));
        assert!(f.spec_needs_expanding);
        assert_eq!(t.pieces[4], Piece::Literal(str_to_cps("c{")));
        assert_eq!(t.pieces[5], Piece::Literal(str_to_cps("d}")));
        let t = parse("{0[}]}");
        assert_eq!(field(&t, 0).accessors, vec![Accessor::Key(str_to_cps("}"))]);
        let t = parse("{}{}");
        assert_eq!(field(&t, 1).first, FieldFirst::Index(1));
        let t = parse("{00}{-1}{ 0}");
        assert_eq!(field(&t, 0).first, FieldFirst::Index(0));
        assert_eq!(field(&t, 1).first, FieldFirst::Keyword(str_to_cps("-1")));
        assert_eq!(field(&t, 2).first, FieldFirst::Keyword(str_to_cps(" 0")));
    }

    /// A host whose objects are strings; `format` applies str's spec rules.
    struct StrHost {
        args: Vec<&'static str>,
    }

    impl FormatHost for StrHost {
        type Obj = Vec<u32>;
        type Err = String;
        fn error(&mut self, e: ValueErr) -> String {
            e.msg
        }
        fn positional(&mut self, i: usize) -> Result<Vec<u32>, String> {
            self.args
                .get(i)
                .map(|s| str_to_cps(s))
                .ok_or_else(|| index_out_of_range_msg(i))
        }
        fn keyword(&mut self, name: &[u32]) -> Result<Vec<u32>, String> {
            Err(format!(
                "KeyError {}",
                crate::values::format_spec::cps_to_string(name)
            ))
        }
        fn getattr(&mut self, obj: &Vec<u32>, _: &[u32]) -> Result<Vec<u32>, String> {
            Ok(obj.clone())
        }
        fn getitem_int(&mut self, obj: &Vec<u32>, i: usize) -> Result<Vec<u32>, String> {
            obj.get(i)
                .map(|&c| vec![c])
                .ok_or_else(|| "IndexError".to_string())
        }
        fn getitem_str(&mut self, _: &Vec<u32>, k: &[u32]) -> Result<Vec<u32>, String> {
            Err(format!(
                "KeyError {}",
                crate::values::format_spec::cps_to_string(k)
            ))
        }
        fn convert(&mut self, obj: &Vec<u32>, c: char) -> Result<Vec<u32>, String> {
            Ok(if c == 's' {
                obj.clone()
            } else {
                crate::values::text_repr::repr_str(obj)
            })
        }
        fn format(&mut self, obj: &Vec<u32>, spec: &[u32]) -> Result<Vec<u32>, String> {
            crate::values::format_spec::format_str(obj, spec).map_err(|e| e.msg)
        }
    }

    #[test]
    fn rendering() {
        // Expected values from python3.11 str.format with str arguments.
        let r = |t: &str, args: Vec<&'static str>| {
            render_template(&str_to_cps(t), &mut StrHost { args })
                .map(|v| crate::values::format_spec::cps_to_string(&v))
        };
        assert_eq!(r("a{}b{}c", vec!["x", "y"]).unwrap(), "axbyc");
        assert_eq!(r("{0[1]}{0!r:>5}{{}}", vec!["xyz"]).unwrap(), "y'xyz'{}");
        assert_eq!(r("{:{}}|", vec!["ab", "4"]).unwrap(), "ab  |");
        assert_eq!(
            r("{1}{", vec!["a"]).unwrap_err(),
            "Replacement index 1 out of range for positional args tuple"
        );
        assert_eq!(
            r("{0}{", vec!["a"]).unwrap_err(),
            "Single '{' encountered in format string"
        );
        assert_eq!(
            r("{0!x}", vec!["a"]).unwrap_err(),
            "Unknown conversion specifier x"
        );
        assert_eq!(
            r("{0:{1:{2}}}", vec!["a", "b", "c"]).unwrap_err(),
            "Max string recursion exceeded"
        );
        assert_eq!(r("{0[5]x}", vec!["a"]).unwrap_err(), "IndexError");
    }

    #[test]
    fn errors() {
        // Messages from python3.11.
        assert_eq!(
            err("{}{1}"),
            "cannot switch from automatic field numbering to manual field specification"
        );
        assert_eq!(
            err("{1}{}"),
            "cannot switch from manual field specification to automatic field numbering"
        );
        assert_eq!(err("{"), "Single '{' encountered in format string");
        assert_eq!(err("}"), "Single '}' encountered in format string");
        assert_eq!(err("{0!}"), "unmatched '{' in format spec");
        assert_eq!(err("{0!rr}"), "expected ':' after conversion specifier");
        assert_eq!(err("{0["), "expected '}' before end of string");
        assert_eq!(err("{0]"), "expected '}' before end of string");
        assert_eq!(err("{0[1}"), "expected '}' before end of string");
        assert_eq!(err("a{:"), "unmatched '{' in format spec");
        assert_eq!(err("{0{}"), "unexpected '{' in field name");
        assert_eq!(err("{0:}}"), "Single '}' encountered in format string");
        assert_eq!(err("{0!r"), "unmatched '{' in format spec");
        assert_eq!(
            err("{0!"),
            "end of string while looking for conversion specifier"
        );
        assert_eq!(
            err("{99999999999999999999}"),
            "Too many decimal digits in format string"
        );
        let acc = |s: &str| {
            field(&parse(s), 0)
                .accessor_error
                .map(|e| e.msg)
                .unwrap_or_default()
        };
        assert_eq!(acc("{0.}"), "Empty attribute in format string");
        assert_eq!(acc("{0[]}"), "Empty attribute in format string");
        assert_eq!(
            acc("{0[1]]}"),
            "Only '.' or '[' may follow ']' in format field specifier"
        );
        assert_eq!(
            acc("{0[a]x}"),
            "Only '.' or '[' may follow ']' in format field specifier"
        );
        assert_eq!(
            acc("{0[99999999999999999999]}"),
            "Too many decimal digits in format string"
        );
        assert_eq!(
            check_conversion('x' as u32).unwrap_err().msg,
            "Unknown conversion specifier x"
        );
        assert_eq!(
            check_conversion(0xe9).unwrap_err().msg,
            "Unknown conversion specifier \\xe9"
        );
        // Nested specs share numbering: '{0:{}}' fails when the spec is expanded.
        let mut num = FieldNumbering::default();
        let t = parse_template(&str_to_cps("{0:{}}"), &mut num, FORMAT_MAX_DEPTH);
        let f = field(&t, 0);
        let inner = parse_template(&f.spec, &mut num, FORMAT_MAX_DEPTH - 1);
        assert_eq!(
            inner.error.unwrap().msg,
            "cannot switch from manual field specification to automatic field numbering"
        );
        let deep = parse_template(&str_to_cps("{2}"), &mut FieldNumbering::default(), 0);
        assert_eq!(deep.error.unwrap().msg, "Max string recursion exceeded");
    }
}
