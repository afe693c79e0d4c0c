//! Running one case under the pyheap binary with a timeout.
//!
//! Read `run_case` first. The child gets cwd = the case's directory, argv =
//! the case's file name, stdin closed, PYTHONHASHSEED=0 and
//! PYTHONDONTWRITEBYTECODE=1 (as `scripts/regen-conformance` gives CPython)
//! plus the extra variables of `PYHEAP_CONFORMANCE_ENV`. Its stdout and stderr
//! are drained by two threads so a chatty child cannot block on a full pipe;
//! the parent polls for exit and kills the child at the deadline.

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// What one run of a case produced.
#[derive(Debug)]
pub struct RunOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Exit code; a death by signal N is reported as -N (as Python's
    /// `subprocess` does, so it matches `exit=` lines in `.err` files).
    pub exit: i32,
    pub timed_out: bool,
}

/// Runs `binary case.py` in the case's directory, killing it after `timeout`.
pub fn run_case(
    binary: &Path,
    case_file: &Path,
    extra_env: &[(String, String)],
    timeout: Duration,
) -> Result<RunOutput, String> {
    let dir = case_file
        .parent()
        .ok_or_else(|| format!("{} has no parent directory", case_file.display()))?;
    let name = case_file
        .file_name()
        .ok_or_else(|| format!("{} has no file name", case_file.display()))?;
    let mut command = Command::new(binary);
    command
        .arg(name)
        .current_dir(dir)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in extra_env {
        command.env(key, value);
    }
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let (exit, timed_out) = wait_with_deadline(&mut child, timeout)?;
    Ok(RunOutput {
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
        exit,
        timed_out,
    })
}

/// At most this much of each stream is kept; a runaway printer cannot
/// exhaust memory before its timeout (the rest is read and dropped).
const CAPTURE_LIMIT: usize = 16 << 20;

fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        let Some(mut pipe) = pipe else { return buf };
        let mut chunk = [0u8; 64 * 1024];
        loop {
            match pipe.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => {
                    let room = CAPTURE_LIMIT.saturating_sub(buf.len());
                    buf.extend_from_slice(&chunk[..n.min(room)]);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                // A read error just truncates the captured output; the
                // comparison then reports the difference.
                Err(_) => break,
            }
        }
        buf
    })
}

/// Waits for the child; at the deadline kills it. Returns (exit, timed_out).
fn wait_with_deadline(child: &mut Child, timeout: Duration) -> Result<(i32, bool), String> {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait().map_err(|e| format!("wait failed: {e}"))? {
            let exit = status
                .code()
                .or_else(|| status.signal().map(|s| -s))
                .unwrap_or(-1);
            return Ok((exit, false));
        }
        if Instant::now() >= deadline {
            // NOTE: kill can fail only if the child already exited, in which
            // case wait() below reaps it; either way it counts as a timeout.
            let _ = child.kill();
            let _ = child.wait();
            return Ok((-1, true));
        }
        thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}
