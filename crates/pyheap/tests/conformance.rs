//! Conformance suite: runs `tests/conformance/**/*.py` under the pyheap
//! binary and compares with CPython 3.11's recorded output. See
//! `tests/conformance/README.md` and `conformance_harness/mod.rs`.
//!
//! `conformance_suite` is the suite; the other tests check the harness's own
//! logic (normalisation, comparison, manifest parsing, classification).
#![forbid(unsafe_code)]

mod conformance_harness;

use std::io::Write;
use std::path::PathBuf;

use conformance_harness::compare::{compare, first_differences, parse_err_file, Expected};
use conformance_harness::manifest::{parse_manifest, Gap};
use conformance_harness::normalize::normalize_addresses;
use conformance_harness::runner::RunOutput;
use conformance_harness::{classify, is_stress, parse_env_list, stale_entries, Verdict};

fn suite_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance")
}

#[test]
fn conformance_suite() {
    let config = match conformance_harness::Config::from_env() {
        Ok(config) => config,
        Err(e) => panic!("conformance: bad environment: {e}"),
    };
    // PYHEAP_CONFORMANCE_BINARY=python3 runs the suite under another
    // interpreter, to check the cases and the harness themselves.
    let binary = std::env::var_os("PYHEAP_CONFORMANCE_BINARY")
        .filter(|b| !b.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_pyheap")));
    let summary = match conformance_harness::run_suite(&binary, &suite_dir(), &config) {
        Ok(summary) => summary,
        Err(e) => panic!("conformance: {e}"),
    };
    if config.list_failing {
        for case in &summary.differing {
            println!("failing: {case}");
        }
    }
    for (case, message) in &summary.failures {
        println!("FAIL {case}: {message}");
    }
    let closing = summary.closing_line();
    println!("{closing}");
    // NOTE: written straight to the stderr handle (not `eprintln!`), which the
    // test harness does not capture, so the totals show in CI logs even when
    // the test passes.
    let _ = writeln!(std::io::stderr(), "{closing}");
    assert!(summary.failures.is_empty(), "{closing}");
}

// ---- harness self-tests -------------------------------------------------

fn output(stdout: &str, stderr: &str, exit: i32) -> RunOutput {
    RunOutput {
        stdout: stdout.as_bytes().to_vec(),
        stderr: stderr.as_bytes().to_vec(),
        exit,
        timed_out: false,
    }
}

fn gap(case: &str, stress_only: bool) -> Gap {
    Gap {
        case: case.to_string(),
        reason: "r".to_string(),
        stress_only,
        line: 7,
    }
}

#[test]
fn normalisation_numbers_addresses_by_first_appearance() {
    let text = "<A object at 0x7f12ab34cd50> 0x7F12AB34CD50 0x55aa00ff10 0x7f12ab34cd50\n";
    assert_eq!(
        normalize_addresses(text),
        "<A object at <addr1>> <addr1> <addr2> <addr1>\n"
    );
    // Short hex numbers, hex inside identifiers and bare digits stay.
    let text = "0xff 0x12345 abc0x1234567 140485609004080 0x000123456\n";
    assert_eq!(
        normalize_addresses(text),
        "0xff 0x12345 abc0x1234567 140485609004080 <addr1>\n"
    );
    // Leading zeros do not make a different address.
    assert_eq!(
        normalize_addresses("0x00abcdef 0xabcdef"),
        "<addr1> <addr1>"
    );
    assert_eq!(normalize_addresses("é 0x1234567é"), "é <addr1>é");
    assert_eq!(normalize_addresses(""), "");
    assert_eq!(normalize_addresses("0"), "0");
}

#[test]
fn identity_relations_survive_normalisation() {
    let expected = Expected {
        stdout: "0x7fc55ad21c30\n0x7fc55ad21c30\n0x7fc560949ec0\n".to_string(),
        error: None,
    };
    // Same pattern at other addresses: passes.
    let same = output("0x5500aa10\n0x5500aa10\n0x5500ab20\n", "", 0);
    assert_eq!(compare(&expected, &same, 20), None);
    // The two first lines no longer name one object: fails.
    let broken = output("0x5500aa10\n0x5500ab20\n0x5500ab20\n", "", 0);
    let message = compare(&expected, &broken, 20).expect("must differ");
    assert!(message.contains("line 2"), "{message}");
}

#[test]
fn comparison_checks_exit_code_and_last_stderr_line() {
    let plain = Expected {
        stdout: "1\n".to_string(),
        error: None,
    };
    assert_eq!(compare(&plain, &output("1\n", "warning\n", 0), 20), None);
    assert!(compare(&plain, &output("1\n", "boom\n", 1), 20).is_some());
    assert!(compare(&plain, &output("2\n", "", 0), 20).is_some());
    assert!(compare(&plain, &output("1", "", 0), 20).is_some());

    let (code, line) =
        parse_err_file("exit=1\nZeroDivisionError: division by zero\n").expect("valid");
    let raising = Expected {
        stdout: "before\n".to_string(),
        error: Some((code, line)),
    };
    let traceback = "Traceback (most recent call last):\n  File \"x.py\", line 2, in <module>\n\
                     ZeroDivisionError: division by zero\n\n";
    assert_eq!(
        compare(&raising, &output("before\n", traceback, 1), 20),
        None
    );
    assert!(compare(&raising, &output("before\n", traceback, 0), 20).is_some());
    assert!(compare(&raising, &output("before\n", "ValueError: x\n", 1), 20).is_some());
    let mut hung = output("before\n", traceback, 1);
    hung.timed_out = true;
    let message = compare(&raising, &hung, 20).expect("timeout fails");
    assert!(message.contains("timed out"), "{message}");

    // Addresses in the stderr line are normalised too.
    let with_addr = Expected {
        stdout: String::new(),
        error: Some((1, "TypeError: <A object at 0x7f0000001230>".to_string())),
    };
    let got = output("", "TypeError: <A object at 0x5555aaaa0000>\n", 1);
    assert_eq!(compare(&with_addr, &got, 20), None);

    assert!(parse_err_file("1\nx").is_err());
    assert_eq!(
        parse_err_file("exit=2\n").expect("valid"),
        (2, String::new())
    );
}

#[test]
fn diff_shows_first_differing_lines() {
    let diff = first_differences("a\nb\nc\n", "a\nX\nc\nd\n", 3).expect("differs");
    assert!(diff.contains("line 2:\n    - b\n    + X"), "{diff}");
    assert!(diff.contains("line 4:\n    - <missing>\n    + d"), "{diff}");
    assert_eq!(first_differences("a\n", "a\n", 3), None);
}

#[test]
fn known_gap_that_passes_is_a_failure() {
    let entry = gap("probes/x", false);
    assert_eq!(classify(None, None, false), Verdict::Passed);
    assert_eq!(classify(Some("d"), Some(&entry), false), Verdict::KnownGap);
    assert_eq!(
        classify(Some("d"), None, false),
        Verdict::Failed("d".to_string())
    );
    match classify(None, Some(&entry), false) {
        Verdict::Failed(message) => assert!(message.contains("remove it from the manifest")),
        other => panic!("expected a failure, got {other:?}"),
    }
    // stress_only entries apply only in stress mode.
    let stress_entry = gap("probes/x", true);
    assert_eq!(
        classify(Some("d"), Some(&stress_entry), false),
        Verdict::Failed("d".to_string())
    );
    assert_eq!(classify(None, Some(&stress_entry), false), Verdict::Passed);
    assert_eq!(
        classify(Some("d"), Some(&stress_entry), true),
        Verdict::KnownGap
    );
    assert!(matches!(
        classify(None, Some(&stress_entry), true),
        Verdict::Failed(_)
    ));
}

#[test]
fn manifest_entry_for_missing_case_is_a_failure() {
    let cases = vec!["a/one".to_string()];
    let stale = stale_entries(&[gap("a/one", false), gap("a/two", false)], &cases);
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].0, "a/two");
}

#[test]
fn manifest_parsing() {
    let text = "# header\n\n[[gap]]\ncase = \"probes/001_id_is_address\"\n\
                reason = \"ids \\\"differ\\\" # not a comment\"  # comment\n\n\
                [[gap]]\ncase = \"lang/x\"\nreason = \"y\"\nstress_only = true\n";
    let gaps = parse_manifest(text).expect("valid manifest");
    assert_eq!(gaps.len(), 2);
    assert_eq!(gaps[0].case, "probes/001_id_is_address");
    assert_eq!(gaps[0].reason, "ids \"differ\" # not a comment");
    assert!(!gaps[0].stress_only);
    assert_eq!(gaps[0].line, 3);
    assert_eq!(gaps[1].case, "lang/x");
    assert!(gaps[1].stress_only);
    assert_eq!(parse_manifest("# only comments\n").expect("valid"), vec![]);

    for bad in [
        "case = \"x\"\n",                                        // no [[gap]]
        "[[gap]]\ncase = \"x\"\n",                               // no reason
        "[[gap]]\nreason = \"x\"\n",                             // no case
        "[[gap]]\ncase = \"x\"\nreason = \"\"\n",                // empty reason
        "[[gap]]\ncase = \"x\"\nreason = \"r\"\ncsae = \"y\"\n", // unknown key
        "[[gap]]\ncase = \"x\"\nreason = r\n",                   // unquoted
        "[[gap]]\ncase = \"x\"\nreason = \"r\"\nstress_only = \"yes\"\n",
        "[[gap]]\ncase = \"x\"\nreason = \"r\"\n[[gap]]\ncase = \"x\"\nreason = \"s\"\n",
        "[gap]\ncase = \"x\"\nreason = \"r\"\n",
    ] {
        assert!(parse_manifest(bad).is_err(), "accepted: {bad:?}");
    }
}

#[test]
fn extra_environment_and_stress_mode() {
    let env = parse_env_list("PYHEAP_GC_STRESS=1  FOO=a=b").expect("valid");
    assert_eq!(
        env,
        vec![
            ("PYHEAP_GC_STRESS".to_string(), "1".to_string()),
            ("FOO".to_string(), "a=b".to_string())
        ]
    );
    assert!(is_stress(&env));
    assert!(!is_stress(
        &parse_env_list("PYHEAP_GC_STRESS=0").expect("valid")
    ));
    assert!(!is_stress(&[]));
    assert!(parse_env_list("NOEQUALS").is_err());
}

#[test]
fn checked_in_manifest_parses() {
    let text = std::fs::read_to_string(suite_dir().join("known_gaps.toml"))
        .expect("tests/conformance/known_gaps.toml exists");
    if let Err(e) = parse_manifest(&text) {
        panic!("known_gaps.toml: {e}");
    }
}

#[test]
fn runner_kills_on_timeout_and_reports_exit_codes() {
    use conformance_harness::runner::run_case;
    use std::path::Path;
    use std::time::{Duration, Instant};
    let dir = suite_dir().join("harness");
    // `sleep 30` (the "case file name" is the argument) must be killed.
    let start = Instant::now();
    let run = run_case(
        Path::new("/bin/sleep"),
        &dir.join("30"),
        &[],
        Duration::from_millis(300),
    )
    .expect("sleep starts");
    assert!(run.timed_out);
    assert!(start.elapsed() < Duration::from_secs(10));
    // `sh _no_such_file` fails with a nonzero exit and a message on stderr.
    let run = run_case(
        Path::new("/bin/sh"),
        &dir.join("_no_such_file"),
        &[("PYHEAP_X".to_string(), "1".to_string())],
        Duration::from_secs(20),
    )
    .expect("sh starts");
    assert!(!run.timed_out);
    assert_ne!(run.exit, 0);
    assert!(!run.stderr.is_empty());
    assert!(run_case(
        Path::new("/no/such/binary"),
        &dir.join("x.py"),
        &[],
        Duration::from_secs(1)
    )
    .is_err());
}
