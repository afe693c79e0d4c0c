//! The known-gaps manifest (`tests/conformance/known_gaps.toml`).
//!
//! Read `parse_manifest` first. The file is a small TOML subset, parsed by
//! hand so the suite needs no dependency:
//!
//! ```toml
//! # comment
//! [[gap]]
//! case = "probes/001_id_is_address"   # required, unique
//! reason = "why it differs"           # required, non-empty
//! stress_only = true                  # optional: differs only under GC stress
//! ```
//!
//! Values are basic strings (escapes `\"` `\\` `\n` `\t`) or booleans. Any
//! other key, table or syntax is an error, so typos cannot silently disable
//! an entry.

/// One `[[gap]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// Case name: path below `tests/conformance` without `.py`, `/`-separated.
    pub case: String,
    pub reason: String,
    /// The case differs only when the suite runs in GC-stress mode.
    pub stress_only: bool,
    /// 1-based line of the `[[gap]]` header, for messages.
    pub line: usize,
}

/// A `[[gap]]` being read; fields stay optional until the entry ends.
#[derive(Default)]
struct PartialGap {
    case: Option<String>,
    reason: Option<String>,
    stress_only: Option<bool>,
    line: usize,
}

enum Value {
    Str(String),
    Bool(bool),
}

/// Parses the manifest text; errors name the offending line.
pub fn parse_manifest(text: &str) -> Result<Vec<Gap>, String> {
    let mut gaps: Vec<Gap> = Vec::new();
    let mut current: Option<PartialGap> = None;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if line == "[[gap]]" {
            if let Some(done) = current.take() {
                gaps.push(finish(done)?);
            }
            current = Some(PartialGap {
                line: line_no,
                ..PartialGap::default()
            });
            continue;
        }
        let Some(entry) = current.as_mut() else {
            return Err(format!(
                "line {line_no}: expected `[[gap]]` before `{line}`"
            ));
        };
        let (key, value) = parse_key_value(line).map_err(|e| format!("line {line_no}: {e}"))?;
        match (key, value) {
            ("case", Value::Str(s)) if entry.case.is_none() => entry.case = Some(s),
            ("reason", Value::Str(s)) if entry.reason.is_none() => entry.reason = Some(s),
            ("stress_only", Value::Bool(b)) if entry.stress_only.is_none() => {
                entry.stress_only = Some(b)
            }
            (key @ ("case" | "reason" | "stress_only"), _) => {
                return Err(format!(
                    "line {line_no}: `{key}` repeated or of the wrong type"
                ));
            }
            (key, _) => return Err(format!("line {line_no}: unknown key `{key}`")),
        }
    }
    if let Some(done) = current.take() {
        gaps.push(finish(done)?);
    }
    for (i, gap) in gaps.iter().enumerate() {
        if let Some(first) = gaps[..i].iter().find(|g| g.case == gap.case) {
            return Err(format!(
                "line {}: case `{}` already listed at line {}",
                gap.line, gap.case, first.line
            ));
        }
    }
    Ok(gaps)
}

fn finish(partial: PartialGap) -> Result<Gap, String> {
    let line = partial.line;
    let case = partial
        .case
        .filter(|c| !c.is_empty())
        .ok_or_else(|| format!("line {line}: [[gap]] without `case`"))?;
    let reason = partial
        .reason
        .filter(|r| !r.trim().is_empty())
        .ok_or_else(|| format!("line {line}: [[gap]] `{case}` without a `reason`"))?;
    Ok(Gap {
        case,
        reason,
        stress_only: partial.stress_only.unwrap_or(false),
        line,
    })
}

/// Removes a `#` comment that is not inside a string.
fn strip_comment(line: &str) -> &str {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '#' if !in_string => return &line[..i],
            _ => {}
        }
    }
    line
}

fn parse_key_value(line: &str) -> Result<(&str, Value), String> {
    let (key, value) = line
        .split_once('=')
        .ok_or_else(|| format!("expected `key = value`, got `{line}`"))?;
    let key = key.trim();
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("bad key `{key}`"));
    }
    let value = value.trim();
    let value = match value {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => Value::Str(parse_basic_string(value)?),
    };
    Ok((key, value))
}

fn parse_basic_string(text: &str) -> Result<String, String> {
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .filter(|_| text.len() >= 2)
        .ok_or_else(|| format!("expected a \"string\" or boolean, got `{text}`"))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                other => return Err(format!("unsupported escape `\\{}`", other.unwrap_or(' '))),
            },
            '"' => return Err(format!("unescaped `\"` inside {text}")),
            c => out.push(c),
        }
    }
    Ok(out)
}
