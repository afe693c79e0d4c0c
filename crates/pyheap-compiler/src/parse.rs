//! Parsing with `ruff_python_parser` (target Python 3.11) and translation
//! of its errors into CPython-style `SyntaxError`s.
//!
//! Read [`parse`] first. Invariants: a source that CPython 3.11 rejects must
//! produce `Err`; messages follow CPython's wording for the common cases
//! (unclosed/mismatched brackets are found by our own scan, `brackets.rs`,
//! because CPython reports them from its tokenizer).

use ruff_python_ast::token::TokenKind;
use ruff_python_ast::{Mod, PythonVersion};
use ruff_python_parser::{
    InterpolatedStringErrorType, LexicalErrorType, Mode as RuffMode, ParseError, ParseErrorType,
    ParseOptions, UnsupportedSyntaxError, UnsupportedSyntaxErrorKind,
};
use ruff_text_size::{TextRange, TextSize};

use crate::error::{CompileError, ErrorKind, Mode};
use crate::linemap::LineIndex;

/// Builds a `CompileError` for a byte range of `source`.
pub(crate) fn make_error(
    kind: ErrorKind,
    msg: &str,
    filename: &str,
    source: &str,
    lines: &LineIndex<'_>,
    range: TextRange,
) -> CompileError {
    let start = range.start().to_usize().min(source.len());
    let mut end = range.end().to_usize().min(source.len()).max(start);
    while !source.is_char_boundary(end) {
        end += 1;
    }
    // CPython's NEWLINE token ends where it starts (on its own line).
    let newline = end > start
        && source.as_bytes()[start..end]
            .iter()
            .all(|b| *b == b'\n' || *b == b'\r');
    let (line, _) = lines.line_col(start);
    let (end_line, _) = lines.line_col(if newline { start } else { end });
    let offset = lines.char_offset(start);
    let end_offset = if newline {
        offset
    } else if end > start {
        lines.char_offset(end)
    } else {
        offset + 1
    };
    CompileError {
        kind,
        message: msg.to_string(),
        filename: filename.to_string(),
        line,
        offset,
        end_line,
        end_offset,
        text: lines.line_text(line).map(str::to_string),
    }
}

/// Parses `source`; on failure returns the CPython-style error.
pub fn parse(source: &str, filename: &str, mode: Mode) -> Result<Mod, CompileError> {
    let lines = LineIndex::new(source);
    let rmode = match mode {
        Mode::Eval => RuffMode::Expression,
        Mode::Exec | Mode::Single => RuffMode::Module,
    };
    let tab_error = crate::tabs::check(source, filename, &lines);
    let bracket = crate::brackets::check(source, filename, &lines);
    if let Some(b) = &bracket {
        if b.error.message == "too many nested parentheses" {
            return Err(b.error.clone());
        }
    }
    let options = ParseOptions::from(rmode).with_target_version(PythonVersion::PY311);
    let parsed = ruff_python_parser::parse_unchecked(source, options);
    let first = parsed.errors().first();
    let unsupported = parsed.unsupported_syntax_errors().first();
    // The tokenizer reports a TabError when it reaches that line, unless
    // the parser failed on an earlier line.
    if let Some(t) = tab_error {
        let first_line = first.map(|e| lines.line_col(e.location.start().to_usize()).0);
        if first_line.is_none_or(|l| l >= t.line) {
            return Err(t);
        }
    }
    let (err_pos, is_eof) = match (first, unsupported) {
        (None, None) => {
            let toks = parsed.tokens();
            crate::parser_depth::check(parsed.syntax(), toks, mode, filename)?;
            if let Some(e) = crate::literal_limit::check(toks, source, filename, &lines, usize::MAX)
            {
                return Err(e);
            }
            return Ok(parsed.into_syntax());
        }
        (Some(e), None) => (e.location.start().to_usize(), is_eof_error(e)),
        (None, Some(u)) => (u.range.start().to_usize(), false),
        (Some(e), Some(u)) => {
            let p = e.location.start().min(u.range.start());
            (p.to_usize(), is_eof_error(e))
        }
    };
    // Tokenizer-level bracket errors win when the tokenizer reaches them
    // before the parser fails (CPython's `_PyPegen_set_syntax_error`).
    if let Some(b) = bracket {
        let (bline, _) = lines.line_col(b.pos);
        let (eline, _) = lines.line_col(err_pos);
        if (!b.never_closed && b.pos <= err_pos) || (b.never_closed && (is_eof || eline > bline)) {
            return Err(b.error);
        }
    }
    // A too-long decimal literal before the failure point was converted
    // (and rejected) before the parser reached the failure.
    if let Some(e) = crate::literal_limit::check(parsed.tokens(), source, filename, &lines, err_pos)
    {
        return Err(e);
    }
    let use_unsupported = match (first, unsupported) {
        (Some(e), Some(u)) => u.range.start() < e.location.start(),
        (None, Some(_)) => true,
        _ => false,
    };
    if use_unsupported {
        if let Some(u) = unsupported {
            return Err(translate_unsupported(u, source, filename, &lines));
        }
    }
    match first {
        Some(err) => Err(translate(err, source, filename, &lines)),
        None => Ok(parsed.into_syntax()),
    }
}

fn is_eof_error(e: &ParseError) -> bool {
    matches!(
        e.error,
        ParseErrorType::Lexical(LexicalErrorType::Eof)
            | ParseErrorType::ExpectedToken {
                found: TokenKind::EndOfFile,
                ..
            }
    )
}

fn one_char(pos: usize) -> TextRange {
    let p = TextSize::from(pos as u32);
    TextRange::new(p, p + TextSize::from(1))
}

fn translate_unsupported(
    u: &UnsupportedSyntaxError,
    source: &str,
    filename: &str,
    lines: &LineIndex<'_>,
) -> CompileError {
    let syntax = |msg: &str, r: TextRange| {
        make_error(ErrorKind::SyntaxError, msg, filename, source, lines, r)
    };
    let start = u.range.start().to_usize();
    match u.kind {
        UnsupportedSyntaxErrorKind::TypeAliasStatement => {
            // `type` is a plain name in 3.11: the next token is unexpected.
            let after = start + 4;
            let rest = source.get(after..).unwrap_or("");
            let skip = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let tok_start = after + skip;
            let tok_len = source
                .get(tok_start..)
                .unwrap_or("")
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .map(char::len_utf8)
                .sum::<usize>()
                .max(1);
            let r = TextRange::new(
                TextSize::from(tok_start as u32),
                TextSize::from((tok_start + tok_len) as u32),
            );
            syntax("invalid syntax", r)
        }
        UnsupportedSyntaxErrorKind::TypeParameterList => syntax("expected '('", one_char(start)),
        UnsupportedSyntaxErrorKind::Pep701FString(_) => {
            syntax("f-string: expecting '}'", one_char(start + 1))
        }
        _ => syntax("invalid syntax", u.range),
    }
}

fn token_text(source: &str, range: TextRange) -> &str {
    source
        .get(range.start().to_usize()..range.end().to_usize())
        .unwrap_or("")
}

/// Start of the expression that ends just before `pos` (a heuristic
/// backwards scan over one atom: names, numbers, dotted names, strings and
/// bracketed groups).
fn prev_expr_start(source: &str, pos: usize) -> usize {
    let b = source.as_bytes();
    let mut i = pos.min(b.len());
    while i > 0 && (b[i - 1] == b' ' || b[i - 1] == b'\t') {
        i -= 1;
    }
    loop {
        if i == 0 {
            return 0;
        }
        let c = b[i - 1];
        if c == b')' || c == b']' || c == b'}' {
            let mut depth = 0i32;
            while i > 0 {
                let d = b[i - 1];
                if d == b')' || d == b']' || d == b'}' {
                    depth += 1;
                } else if d == b'(' || d == b'[' || d == b'{' {
                    depth -= 1;
                }
                i -= 1;
                if depth == 0 {
                    break;
                }
            }
            continue;
        }
        if c == b'\'' || c == b'"' {
            i -= 1;
            while i > 0 && b[i - 1] != c {
                i -= 1;
            }
            i = i.saturating_sub(1);
            while i > 0 && b[i - 1].is_ascii_alphabetic() {
                i -= 1;
            }
            return i;
        }
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c >= 0x80 {
            while i > 0
                && (b[i - 1].is_ascii_alphanumeric()
                    || b[i - 1] == b'_'
                    || b[i - 1] == b'.'
                    || b[i - 1] >= 0x80)
            {
                i -= 1;
            }
            return i;
        }
        return i;
    }
}

/// Header line for "expected an indented block": the nearest non-blank,
/// non-comment line before `line`.
fn header_line(lines: &LineIndex<'_>, line: u32) -> u32 {
    let mut l = line.saturating_sub(1);
    while l >= 1 {
        if let Some(t) = lines.line_text(l) {
            let s = t.trim_start();
            if !s.is_empty() && !s.starts_with('#') {
                return l;
            }
        }
        l -= 1;
    }
    1
}

/// Maps one ruff error to CPython's message and position.
fn translate(
    err: &ParseError,
    source: &str,
    filename: &str,
    lines: &LineIndex<'_>,
) -> CompileError {
    let range = err.location;
    let start = range.start().to_usize();
    let syntax = |msg: &str, r: TextRange| {
        make_error(ErrorKind::SyntaxError, msg, filename, source, lines, r)
    };
    match &err.error {
        ParseErrorType::OtherError(msg) if msg.starts_with("Expected an indented block after") => {
            let what = msg
                .trim_start_matches("Expected an indented block after ")
                .replace('`', "'");
            let (line, _) = lines.line_col(start);
            let h = header_line(lines, line);
            let mut e = make_error(
                ErrorKind::IndentationError,
                &format!("expected an indented block after {what} on line {h}"),
                filename,
                source,
                lines,
                range,
            );
            e.end_offset = e.offset + 1;
            e.end_line = e.line;
            e
        }
        ParseErrorType::OtherError(msg) if msg.starts_with("Expected `except` or `finally`") => {
            let (line, _) = lines.line_col(start);
            let l = header_line(lines, line + 1);
            let mut e = syntax("expected 'except' or 'finally' block", range);
            e.line = l;
            e.end_line = l;
            e.text = lines.line_text(l).map(str::to_string);
            e.offset = 1;
            e.end_offset = 2;
            e
        }
        ParseErrorType::SimpleStatementsOnSameLine => {
            let (line, _) = lines.line_col(start);
            let text = lines.line_text(line).unwrap_or("");
            let trimmed = text.trim_start();
            for kw in ["print", "exec"] {
                if trimmed.starts_with(kw) && trimmed[kw.len()..].starts_with([' ', '\t']) {
                    let line_start = start - lines.line_col(start).1 as usize;
                    let s = line_start + (text.len() - trimmed.len());
                    let e = line_start + text.trim_end().len();
                    let r = TextRange::new(TextSize::from(s as u32), TextSize::from(e as u32));
                    return syntax(
                        &format!("Missing parentheses in call to '{kw}'. Did you mean {kw}(...)?"),
                        r,
                    );
                }
            }
            syntax("invalid syntax", range)
        }
        // CPython's tokenizer passes a printable ASCII character it does
        // not know (`$`, `?`, `` ` ``) to the parser as an error token.
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok })
            if tok.is_ascii_graphic() =>
        {
            syntax("invalid syntax", one_char(start))
        }
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) => {
            let mut e = syntax(
                &format!("invalid character '{tok}' (U+{:04X})", *tok as u32),
                one_char(start),
            );
            // A tokenizer error: it ends where it starts.
            e.end_offset = e.offset;
            e
        }
        ParseErrorType::Lexical(LexicalErrorType::OtherError(msg))
            if msg.contains("decimal integer literal") =>
        {
            let text = token_text(source, range);
            if text.starts_with('0') && text.chars().all(|c| c.is_ascii_digit() || c == '_') {
                syntax(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    one_char(start),
                )
            } else {
                syntax("invalid decimal literal", one_char(start))
            }
        }
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
            let mut e = make_error(
                ErrorKind::IndentationError,
                "unindent does not match any outer indentation level",
                filename,
                source,
                lines,
                range,
            );
            // CPython points past the end of the offending line.
            if let Some(t) = &e.text {
                e.offset = t.chars().count() as u32 + 1;
                e.end_offset = e.offset;
            }
            e
        }
        ParseErrorType::UnexpectedIndentation => {
            let mut e = make_error(
                ErrorKind::IndentationError,
                "unexpected indent",
                filename,
                source,
                lines,
                range,
            );
            // CPython's offset is the end of the INDENT token (the width of
            // the indentation in characters), so no caret is printed.
            if let Some(t) = &e.text {
                let width = t
                    .chars()
                    .take_while(|c| matches!(c, ' ' | '\t' | '\x0c'))
                    .count();
                e.offset = width as u32;
            }
            e
        }
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
            let rest = source.get(start..).unwrap_or("");
            let body = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            if body.starts_with("\"\"\"") || body.starts_with("'''") {
                let last = source.trim_end_matches(['\n', '\r']).lines().count().max(1);
                let mut e = syntax("unterminated triple-quoted string literal", one_char(start));
                e.message =
                    format!("unterminated triple-quoted string literal (detected at line {last})");
                e
            } else {
                let mut e = syntax("unterminated string literal", one_char(start));
                e.message = format!("unterminated string literal (detected at line {})", e.line);
                e
            }
        }
        ParseErrorType::Lexical(LexicalErrorType::Eof) => {
            syntax("unexpected EOF while parsing", range)
        }
        ParseErrorType::Lexical(LexicalErrorType::LineContinuationError) => syntax(
            "unexpected character after line continuation character",
            range,
        ),
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Comma,
            found: TokenKind::Name | TokenKind::Int | TokenKind::Float | TokenKind::String,
        } => {
            let s = prev_expr_start(source, start);
            let r = TextRange::new(TextSize::from(s as u32), range.end());
            syntax("invalid syntax. Perhaps you forgot a comma?", r)
        }
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Else,
            ..
        } => {
            let line_start = start - lines.line_col(start).1 as usize;
            let before = source.get(line_start..start).unwrap_or("");
            match before.rfind(" if ") {
                Some(k) => {
                    let body_start = prev_expr_start(source, line_start + k);
                    let end = line_start + before.trim_end().len();
                    let r = TextRange::new(
                        TextSize::from(body_start as u32),
                        TextSize::from(end as u32),
                    );
                    syntax("expected 'else' after 'if' expression", r)
                }
                None => syntax("expected 'else' after 'if' expression", range),
            }
        }
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Colon,
            found: TokenKind::Rbrace | TokenKind::Comma,
        } if source[..start].contains('{') => {
            let before = source.get(..start).unwrap_or("").trim_end();
            let r = TextRange::new(
                TextSize::from(prev_expr_start(source, before.len()) as u32),
                TextSize::from(before.len() as u32),
            );
            syntax("':' expected after dictionary key", r)
        }
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Colon,
            found: TokenKind::Equal,
        } => {
            let line_start = start - lines.line_col(start).1 as usize;
            let line = lines.line_text(lines.line_col(start).0).unwrap_or("");
            let s0 = prev_expr_start(source, start);
            let end = match line.rfind(':') {
                Some(k) if line_start + k > start => line_start + line[..k].trim_end().len(),
                _ => line_start + line.trim_end().len(),
            };
            let r = TextRange::new(TextSize::from(s0 as u32), TextSize::from(end as u32));
            syntax(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                r,
            )
        }
        ParseErrorType::ExpectedToken { expected, found } => {
            expected_token(*expected, *found, range, source, filename, lines)
        }
        ParseErrorType::InvalidAssignmentTarget
        | ParseErrorType::InvalidNamedAssignmentTarget
        | ParseErrorType::InvalidAugmentedAssignmentTarget
        | ParseErrorType::InvalidAnnotatedAssignmentTarget => {
            let what = describe_expr(token_text(source, range));
            let msg = match &err.error {
                ParseErrorType::InvalidNamedAssignmentTarget => {
                    format!("cannot use assignment expressions with {what}")
                }
                ParseErrorType::InvalidAugmentedAssignmentTarget => {
                    format!("'{what}' is an illegal expression for augmented assignment")
                }
                ParseErrorType::InvalidAnnotatedAssignmentTarget => {
                    "illegal target for annotation".to_string()
                }
                _ => {
                    // CPython suggests '==' only for `X = Y` that could be a
                    // comparison: not for True/None/False and not inside a
                    // chain `a = X = Y`.
                    let line_start = start - lines.line_col(start).1 as usize;
                    let before = source.get(line_start..start).unwrap_or("");
                    let chained = before.contains('=');
                    if chained || matches!(what, "True" | "False" | "None") {
                        format!("cannot assign to {what}")
                    } else {
                        format!(
                            "cannot assign to {what} here. Maybe you meant '==' instead of '='?"
                        )
                    }
                }
            };
            syntax(&msg, range)
        }
        ParseErrorType::InvalidDeleteTarget => {
            let what = describe_expr(token_text(source, range));
            syntax(&format!("cannot delete {what}"), range)
        }
        ParseErrorType::InvalidArgumentUnpackingOrder => syntax(
            "iterable argument unpacking follows keyword argument unpacking",
            one_char(start),
        ),
        ParseErrorType::ParamAfterVarKeywordParam => syntax(
            "arguments cannot follow var-keyword argument",
            one_char(start),
        ),
        ParseErrorType::ExpectedKeywordParam => {
            let star = source
                .get(..start)
                .and_then(|b| b.rfind('*'))
                .unwrap_or(start);
            syntax("named arguments must follow bare *", one_char(star))
        }
        ParseErrorType::UnparenthesizedGeneratorExpression => {
            syntax("Generator expression must be parenthesized", range)
        }
        ParseErrorType::FStringError(InterpolatedStringErrorType::InvalidConversionFlag)
        | ParseErrorType::Lexical(LexicalErrorType::FStringError(
            InterpolatedStringErrorType::InvalidConversionFlag,
        )) => syntax(
            "f-string: invalid conversion character: expected 's', 'r', or 'a'",
            range,
        ),
        ParseErrorType::PositionalAfterKeywordArgument => {
            // CPython points at the token after the argument.
            syntax(
                "positional argument follows keyword argument",
                one_char(range.end().to_usize()),
            )
        }
        ParseErrorType::PositionalAfterKeywordUnpacking => syntax(
            "positional argument follows keyword argument unpacking",
            range,
        ),
        ParseErrorType::NonDefaultParamAfterDefaultParam => {
            syntax("non-default argument follows default argument", range)
        }
        ParseErrorType::FStringError(_) => syntax("f-string: invalid syntax", range),
        _ => {
            // Generic: CPython says "invalid syntax" at the offending token.
            let len = first_token_len(source, start);
            let r = if len > 0 && start + len < range.end().to_usize() {
                TextRange::new(range.start(), TextSize::from((start + len) as u32))
            } else {
                range
            };
            syntax("invalid syntax", r)
        }
    }
}

/// Byte length of the token starting at `pos` (names, numbers, strings are
/// approximated; operators up to three characters).
fn first_token_len(source: &str, pos: usize) -> usize {
    let rest = source.get(pos..).unwrap_or("");
    let mut chars = rest.chars();
    let Some(c) = chars.next() else {
        return 0;
    };
    if c.is_alphanumeric() || c == '_' {
        return rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
            .map(char::len_utf8)
            .sum();
    }
    if c == '\'' || c == '"' {
        return 0;
    }
    for op in [
        "**=", "//=", ">>=", "<<=", "...", "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", ":=",
    ] {
        if rest.starts_with(op) {
            return op.len();
        }
    }
    c.len_utf8()
}

/// CPython's `_PyPegen_get_expr_name` for a target's source text.
fn describe_expr(text: &str) -> &'static str {
    use ruff_python_ast::Expr;
    let Ok(parsed) = ruff_python_parser::parse_expression(text.trim()) else {
        return "expression";
    };
    match parsed.expr() {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) => "f-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) if b.value => "True",
        Expr::BooleanLiteral(_) => "False",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        _ => "literal",
    }
}

fn expected_token(
    expected: TokenKind,
    found: TokenKind,
    range: TextRange,
    source: &str,
    filename: &str,
    lines: &LineIndex<'_>,
) -> CompileError {
    let syntax = |msg: &str, r: TextRange| {
        make_error(ErrorKind::SyntaxError, msg, filename, source, lines, r)
    };
    match expected {
        TokenKind::Colon => {
            // CPython points at the token where ':' was expected; for a
            // missing colon before the newline it's the newline position.
            syntax("expected ':'", range)
        }
        TokenKind::Indent => {
            // "expected an indented block after 'if' statement on line N"
            let (line, _) = lines.line_col(range.start().to_usize());
            let mut header_line = line.saturating_sub(1).max(1);
            let mut kw = String::new();
            while header_line >= 1 {
                if let Some(t) = lines.line_text(header_line) {
                    let s = t.trim_start();
                    if !s.is_empty() && !s.starts_with('#') {
                        kw = s
                            .split(|c: char| !c.is_alphanumeric() && c != '_')
                            .next()
                            .unwrap_or("")
                            .to_string();
                        break;
                    }
                }
                header_line -= 1;
            }
            let what = match kw.as_str() {
                "if" => "'if' statement".to_string(),
                "elif" => "'elif' statement".to_string(),
                "else" => "'else' statement".to_string(),
                "for" => "'for' statement".to_string(),
                "while" => "'while' statement".to_string(),
                "with" => "'with' statement".to_string(),
                "try" => "'try' statement".to_string(),
                "except" => "'except' statement".to_string(),
                "finally" => "'finally' statement".to_string(),
                "def" => "function definition".to_string(),
                "class" => "class definition".to_string(),
                _ => String::new(),
            };
            let msg = if what.is_empty() {
                "expected an indented block".to_string()
            } else {
                format!("expected an indented block after {what} on line {header_line}")
            };
            let mut e = make_error(
                ErrorKind::IndentationError,
                &msg,
                filename,
                source,
                lines,
                range,
            );
            if found == TokenKind::EndOfFile || e.text.as_deref().map(str::trim) == Some("") {
                // CPython reports at the line after the header.
                e.line = header_line + 1;
                e.end_line = e.line;
                e.text = lines.line_text(e.line).map(str::to_string);
            }
            e
        }
        _ => syntax("invalid syntax", range),
    }
}
