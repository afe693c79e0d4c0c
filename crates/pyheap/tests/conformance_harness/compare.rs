//! Comparing one case's run with its expected files.
//!
//! Read `compare` first. Expected data comes from `<case>.out` (stdout) and,
//! for cases that end with a nonzero exit (an uncaught exception), `<case>.err`:
//!
//! ```text
//! exit=1
//! ZeroDivisionError: division by zero
//! ```
//!
//! i.e. the exit code and the last non-empty stderr line. A case without
//! `.err` must exit 0. Stdout and the stderr line are compared after
//! `normalize_addresses` (each text numbered on its own).

use super::normalize::normalize_addresses;
use super::runner::RunOutput;

/// The recorded CPython behaviour of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub stdout: String,
    /// (exit code, last stderr line) when the case does not exit 0.
    pub error: Option<(i32, String)>,
}

/// Parses the text of a `.err` file.
pub fn parse_err_file(text: &str) -> Result<(i32, String), String> {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("");
    let code = first
        .strip_prefix("exit=")
        .and_then(|c| c.trim().parse::<i32>().ok())
        .ok_or_else(|| format!("first line must be `exit=<code>`, got `{first}`"))?;
    let last_line = lines.next().unwrap_or("").trim_end().to_string();
    Ok((code, last_line))
}

/// The last non-empty line of a stderr capture, trailing blanks removed.
pub fn last_stderr_line(stderr: &str) -> &str {
    stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map(str::trim_end)
        .unwrap_or("")
}

/// `None` when the run matches; otherwise a short description with the
/// first differing lines.
pub fn compare(expected: &Expected, actual: &RunOutput, timeout_secs: u64) -> Option<String> {
    if actual.timed_out {
        return Some(format!("timed out after {timeout_secs} s (killed)"));
    }
    let mut problems = Vec::new();
    let stderr = String::from_utf8_lossy(&actual.stderr);
    let got_line = normalize_addresses(last_stderr_line(&stderr));
    match &expected.error {
        Some((code, line)) => {
            if actual.exit != *code {
                problems.push(format!("exit code {} (expected {code})", actual.exit));
            }
            let want_line = normalize_addresses(line);
            if got_line != want_line {
                problems.push(format!(
                    "last stderr line differs:\n    expected: {want_line}\n    actual:   {got_line}"
                ));
            }
        }
        None if actual.exit != 0 => problems.push(format!(
            "exit code {} (expected 0); last stderr line: {got_line}",
            actual.exit
        )),
        None => {}
    }
    let want = normalize_addresses(&expected.stdout);
    let got = normalize_addresses(&String::from_utf8_lossy(&actual.stdout));
    if let Some(diff) = first_differences(&want, &got, 3) {
        problems.push(format!("stdout differs:\n{diff}"));
    }
    (!problems.is_empty()).then(|| problems.join("\n"))
}

/// The first `limit` differing lines of two texts, `-` expected / `+` actual.
pub fn first_differences(want: &str, got: &str, limit: usize) -> Option<String> {
    if want == got {
        return None;
    }
    let want_lines: Vec<&str> = want.split_inclusive('\n').collect();
    let got_lines: Vec<&str> = got.split_inclusive('\n').collect();
    let mut report = Vec::new();
    let count = want_lines.len().max(got_lines.len());
    for i in 0..count {
        let (w, g) = (want_lines.get(i), got_lines.get(i));
        if w == g {
            continue;
        }
        if report.len() >= limit {
            report.push("    ...".to_string());
            break;
        }
        report.push(format!(
            "    line {}:\n    - {}\n    + {}",
            i + 1,
            show_line(w),
            show_line(g)
        ));
    }
    report.push(format!(
        "    ({} expected lines, {} actual lines)",
        want_lines.len(),
        got_lines.len()
    ));
    Some(report.join("\n"))
}

fn show_line(line: Option<&&str>) -> String {
    match line {
        None => "<missing>".to_string(),
        Some(l) => match l.strip_suffix('\n') {
            Some(body) => truncate(body),
            None => format!("{} <no newline at end>", truncate(l)),
        },
    }
}

fn truncate(line: &str) -> String {
    const MAX: usize = 160;
    match line.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
}
