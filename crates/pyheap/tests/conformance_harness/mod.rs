//! The conformance suite runner: every `tests/conformance/**/<case>.py` runs
//! under pyheap and must print what CPython 3.11 printed (`<case>.out`,
//! `<case>.err`), unless `known_gaps.toml` lists it.
//!
//! Read `run_suite` first, then `classify`. Invariants:
//! - a case listed in the manifest that passes is a failure ("remove it from
//!   the manifest"), so the manifest only shrinks;
//! - a manifest entry naming no existing case is a failure;
//! - `stress_only` entries apply only in GC-stress mode (see `Config`).
//!
//! Environment (all optional):
//! - `PYHEAP_CONFORMANCE_FILTER=sub`: run only cases whose name contains `sub`;
//! - `PYHEAP_CONFORMANCE_LIST_FAILING=1`: print `failing: <case>` for every
//!   run case whose output differs (known gap or not);
//! - `PYHEAP_CONFORMANCE_ENV="K=V K2=V2"`: extra variables for the pyheap
//!   process; stress mode is on when it sets `PYHEAP_GC_STRESS` to a value
//!   other than empty or `0`;
//! - `PYHEAP_CONFORMANCE_BINARY=path`: run another interpreter instead of
//!   the pyheap binary (read in `conformance.rs`);
//! - `PYHEAP_CONFORMANCE_TIMEOUT=secs` (default 20), `PYHEAP_CONFORMANCE_JOBS=n`
//!   (default 2).

pub mod compare;
pub mod manifest;
pub mod normalize;
pub mod runner;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

use compare::{compare, parse_err_file, Expected};
use manifest::{parse_manifest, Gap};

/// Settings read from the environment.
#[derive(Debug, Clone)]
pub struct Config {
    pub filter: Option<String>,
    pub list_failing: bool,
    pub extra_env: Vec<(String, String)>,
    pub stress: bool,
    pub timeout: Duration,
    pub jobs: usize,
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let extra_env = parse_env_list(&var("PYHEAP_CONFORMANCE_ENV").unwrap_or_default())?;
        let stress = is_stress(&extra_env);
        let number = |name: &str, default: u64| -> Result<u64, String> {
            match var(name) {
                None => Ok(default),
                Some(v) => v
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("{name} must be a positive integer, got `{v}`")),
            }
        };
        Ok(Config {
            filter: var("PYHEAP_CONFORMANCE_FILTER"),
            list_failing: var("PYHEAP_CONFORMANCE_LIST_FAILING").is_some_and(|v| v != "0"),
            extra_env,
            stress,
            timeout: Duration::from_secs(number("PYHEAP_CONFORMANCE_TIMEOUT", 20)?),
            jobs: usize::try_from(number("PYHEAP_CONFORMANCE_JOBS", 2)?).unwrap_or(2),
        })
    }
}

/// Parses `K=V K2=V2` (whitespace-separated pairs).
pub fn parse_env_list(text: &str) -> Result<Vec<(String, String)>, String> {
    text.split_whitespace()
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(format!(
                "PYHEAP_CONFORMANCE_ENV: expected KEY=VALUE, got `{pair}`"
            )),
        })
        .collect()
}

/// Whether the extra environment turns on GC-stress mode.
pub fn is_stress(extra_env: &[(String, String)]) -> bool {
    extra_env
        .iter()
        .any(|(k, v)| k == "PYHEAP_GC_STRESS" && !v.is_empty() && v != "0")
}

/// A case file is `*.py` not starting with `_`, in no directory starting with
/// `_` or `.` (those hold helper modules). Same rule as regen-conformance.
pub fn discover_cases(suite: &Path) -> Result<Vec<String>, String> {
    let mut cases = Vec::new();
    walk(suite, "", &mut cases)?;
    cases.sort();
    Ok(cases)
}

fn walk(dir: &Path, prefix: &str, cases: &mut Vec<String>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if name.starts_with('_') || name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, &format!("{prefix}{name}/"), cases)?;
        } else if let Some(stem) = name.strip_suffix(".py") {
            cases.push(format!("{prefix}{stem}"));
        }
    }
    Ok(())
}

/// Loads `<case>.out` and the optional `<case>.err`.
pub fn load_expected(suite: &Path, case: &str) -> Result<Expected, String> {
    let out = suite.join(format!("{case}.out"));
    let stdout = fs::read(&out)
        .map_err(|e| format!("cannot read {case}.out ({e}); run scripts/regen-conformance"))?;
    let err = suite.join(format!("{case}.err"));
    let error = match fs::read(&err) {
        Ok(bytes) => Some(
            parse_err_file(&String::from_utf8_lossy(&bytes))
                .map_err(|e| format!("{case}.err: {e}"))?,
        ),
        Err(_) => None,
    };
    Ok(Expected {
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        error,
    })
}

/// How one case ended up, after the manifest is taken into account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    KnownGap,
    Failed(String),
}

/// Applies the manifest to a case's raw result (`None` = output matched).
pub fn classify(difference: Option<&str>, gap: Option<&Gap>, stress: bool) -> Verdict {
    let gap = gap.filter(|g| !g.stress_only || stress);
    match (difference, gap) {
        (None, None) => Verdict::Passed,
        (Some(_), Some(_)) => Verdict::KnownGap,
        (Some(diff), None) => Verdict::Failed(diff.to_string()),
        (None, Some(g)) => Verdict::Failed(format!(
            "listed as a known gap (known_gaps.toml line {}) but passes now: \
             remove it from the manifest",
            g.line
        )),
    }
}

/// Manifest entries that name no existing case.
pub fn stale_entries(gaps: &[Gap], cases: &[String]) -> Vec<(String, String)> {
    gaps.iter()
        .filter(|g| !cases.contains(&g.case))
        .map(|g| {
            (
                g.case.clone(),
                format!(
                    "known_gaps.toml line {} names a case that does not exist",
                    g.line
                ),
            )
        })
        .collect()
}

/// Outcome of a suite run.
#[derive(Debug, Default)]
pub struct Summary {
    pub passed: usize,
    pub known_gaps: usize,
    /// (case, message) for every failure, in case order.
    pub failures: Vec<(String, String)>,
    /// Every run case whose output differs, known gap or not.
    pub differing: Vec<String>,
}

impl Summary {
    pub fn closing_line(&self) -> String {
        format!(
            "conformance: {} passed, {} known gaps, {} failed",
            self.passed,
            self.known_gaps,
            self.failures.len()
        )
    }
}

/// Runs the selected cases of `suite` under `binary` and classifies them.
pub fn run_suite(binary: &Path, suite: &Path, config: &Config) -> Result<Summary, String> {
    let manifest_path = suite.join("known_gaps.toml");
    let manifest_text = fs::read_to_string(&manifest_path)
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let gaps = parse_manifest(&manifest_text).map_err(|e| format!("known_gaps.toml: {e}"))?;
    let all_cases = discover_cases(suite)?;
    let selected: Vec<&String> = all_cases
        .iter()
        .filter(|c| {
            config
                .filter
                .as_ref()
                .is_none_or(|f| c.contains(f.as_str()))
        })
        .collect();

    let differences = run_parallel(binary, suite, config, &selected);

    let mut summary = Summary::default();
    for (case, difference) in selected.iter().zip(&differences) {
        if difference.is_some() {
            summary.differing.push((*case).clone());
        }
        let gap = gaps.iter().find(|g| &g.case == *case);
        match classify(difference.as_deref(), gap, config.stress) {
            Verdict::Passed => summary.passed += 1,
            Verdict::KnownGap => summary.known_gaps += 1,
            Verdict::Failed(message) => summary.failures.push(((*case).clone(), message)),
        }
    }
    summary.failures.extend(stale_entries(&gaps, &all_cases));
    Ok(summary)
}

/// Runs cases on `config.jobs` threads; element i is case i's difference.
fn run_parallel(
    binary: &Path,
    suite: &Path,
    config: &Config,
    cases: &[&String],
) -> Vec<Option<String>> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<String>>> = Mutex::new(vec![None; cases.len()]);
    thread::scope(|scope| {
        for _ in 0..config.jobs.max(1) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(case) = cases.get(index) else { break };
                let difference = check_case(binary, suite, config, case);
                if let Ok(mut results) = results.lock() {
                    results[index] = difference;
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs one case; `None` when it matches the expected files.
fn check_case(binary: &Path, suite: &Path, config: &Config, case: &str) -> Option<String> {
    let expected = match load_expected(suite, case) {
        Ok(expected) => expected,
        Err(e) => return Some(e),
    };
    let file: PathBuf = suite.join(format!("{case}.py"));
    match runner::run_case(binary, &file, &config.extra_env, config.timeout) {
        Ok(output) => compare(&expected, &output, config.timeout.as_secs()),
        Err(e) => Some(e),
    }
}
