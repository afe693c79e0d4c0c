//! SIGINT (Ctrl-C) against a running program, compared with python3: the
//! KeyboardInterrupt traceback's last lines and the way the process ends
//! (killed by SIGINT, as CPython re-raises the signal after finalising).
//!
//! Children start through a python3 wrapper that resets SIGINT to SIG_DFL
//! before `exec`: a test run from a shell's background job inherits SIGINT
//! ignored, and both interpreters then (correctly) keep ignoring it.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_pyheap");

const WRAP: &str = "import os, signal, sys\n\
                    signal.signal(signal.SIGINT, signal.SIG_DFL)\n\
                    os.execvp(sys.argv[1], sys.argv[1:])";

/// Ends as the run did: `(exit code, terminating signal, last stderr lines)`.
type Outcome = (Option<i32>, Option<i32>, Vec<String>);

/// Runs `exe script`, waits for its first stdout line, sends SIGINT, and
/// returns how it ended.
fn interrupt(exe: &str, script: &str) -> Outcome {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("pyheap-sig-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("prog.py");
    std::fs::write(&path, script).expect("write script");
    let mut child = Command::new("python3")
        .args(["-c", WRAP, exe])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    out.read_line(&mut first).expect("first line");
    assert_eq!(first, "ready\n", "{exe}");
    std::thread::sleep(Duration::from_millis(200));
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(kill.success());
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    let status = child.wait().expect("wait");
    let _ = std::fs::remove_dir_all(&dir);
    let lines: Vec<String> = err.lines().map(str::to_string).collect();
    let tail = lines[lines.len().saturating_sub(2)..].to_vec();
    (status.code(), status.signal(), tail)
}

fn same_as_python(script: &str) -> Outcome {
    let want = interrupt("python3", script);
    let got = interrupt(BIN, script);
    assert_eq!(got, want, "pyheap vs python3 for:\n{script}");
    got
}

#[test]
fn sigint_in_busy_loop_kills_like_cpython() {
    let (code, sig, tail) =
        same_as_python("print('ready', flush=True)\nn = 0\nwhile True:\n    n += 1\n");
    assert_eq!((code, sig), (None, Some(2)));
    assert_eq!(tail.last().map(String::as_str), Some("KeyboardInterrupt"));
}

#[test]
fn sigint_interrupts_sleep() {
    let (_, sig, tail) =
        same_as_python("import time\nprint('ready', flush=True)\ntime.sleep(30)\n");
    assert_eq!(sig, Some(2));
    assert_eq!(tail, ["    time.sleep(30)", "KeyboardInterrupt"]);
}

#[test]
fn python_handler_runs_and_can_exit() {
    let script = "import signal, sys, time\n\
                  def h(signum, frame):\n    \
                      print('handler', signum, file=sys.stderr)\n    \
                      sys.exit(4)\n\
                  signal.signal(signal.SIGINT, h)\n\
                  print('ready', flush=True)\n\
                  while True:\n    time.sleep(0.01)\n";
    let (code, sig, tail) = same_as_python(script);
    assert_eq!((code, sig), (Some(4), None));
    assert_eq!(tail.last().map(String::as_str), Some("handler 2"));
}

#[test]
fn caught_keyboard_interrupt_exits_normally() {
    let script = "print('ready', flush=True)\n\
                  try:\n    while True:\n        pass\n\
                  except KeyboardInterrupt:\n    import sys\n    print('caught', file=sys.stderr)\n";
    let (code, sig, tail) = same_as_python(script);
    assert_eq!((code, sig), (Some(0), None));
    assert_eq!(tail.last().map(String::as_str), Some("caught"));
}
