//! The REPL driven as a person would: through a pseudo-terminal (`rexpect`),
//! with `TERM=xterm` so `rustyline` edits in raw mode. Output is compared
//! after stripping ANSI escape sequences; every wait has a 5 s timeout.
//! Also: piped stdin still runs as a script, and `-i` without a terminal.

use std::io::Write;
use std::process::{Command, Stdio};

use rexpect::process::wait::WaitStatus;
use rexpect::session::PtySession;

const BIN: &str = env!("CARGO_BIN_EXE_pyheap");

/// Removes CSI (`ESC [ ... letter`) and other two-byte escapes, and `\r`.
fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                if chars.next_if_eq(&'[').is_some() {
                    for d in chars.by_ref() {
                        if d.is_ascii_alphabetic() || d == '~' {
                            break;
                        }
                    }
                } else {
                    chars.next();
                }
            }
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

fn spawn(args: &[&str]) -> PtySession {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env("TERM", "xterm");
    rexpect::session::spawn_command(cmd, Some(5000)).expect("spawn pyheap on a pty")
}

/// Types `line` and Enter; returns what was printed (escapes stripped)
/// up to the next `prompt`.
fn enter(p: &mut PtySession, line: &str, prompt: &str) -> String {
    p.send(&format!("{line}\r")).expect("send");
    p.flush().expect("flush");
    let got = p
        .exp_string(prompt)
        .unwrap_or_else(|e| panic!("no {prompt:?} after {line:?}: {e}"));
    strip_ansi(&got)
}

fn exit_code(p: &PtySession) -> i32 {
    match p.process().wait().expect("wait") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("pyheap did not exit normally: {other:?}"),
    }
}

#[test]
fn prompts_echo_blocks_and_tracebacks() {
    let mut p = spawn(&[]);
    let banner = strip_ansi(&p.exp_string(">>> ").expect("first prompt"));
    assert!(banner.contains("Python 3.11.7"), "{banner:?}");

    let out = enter(&mut p, "1 + 1", ">>> ");
    assert!(out.contains("1 + 1\n2\n"), "{out:?}");
    let out = enter(&mut p, "'ab' * 2", ">>> ");
    assert!(out.contains("'abab'\n"), "{out:?}");
    // `_` is the last echoed result; `None` is not echoed.
    let out = enter(&mut p, "_ + '!'", ">>> ");
    assert!(out.contains("'abab!'\n"), "{out:?}");
    let out = enter(&mut p, "None", ">>> ");
    assert_eq!(out.trim(), "None", "None must not be echoed");

    // A compound statement continues with `... ` until an empty line.
    enter(&mut p, "for i in range(3):", "... ");
    let out = enter(&mut p, "    print(i * 10)", "... ");
    assert_eq!(out.trim(), "print(i * 10)", "ran too early");
    let out = enter(&mut p, "", ">>> ");
    assert!(out.contains("0\n10\n20\n"), "{out:?}");
    enter(&mut p, "def f(x):", "... ");
    enter(&mut p, "    y = x + 1", "... ");
    enter(&mut p, "    return y", "... ");
    enter(&mut p, "", ">>> ");
    let out = enter(&mut p, "f(41)", ">>> ");
    assert!(out.contains("42\n"), "{out:?}");
    // Open brackets ask for more lines too.
    enter(&mut p, "[1,", "... ");
    // An indented line inside an open bracket ends the input, as CPython.
    let out = enter(&mut p, "   2]", ">>> ");
    assert!(out.contains("[1, 2]\n"), "{out:?}");
    // A one-line compound statement waits for an empty line.
    let out = enter(&mut p, "if 1: print('one')", "... ");
    assert!(!out.contains("one\n"), "ran too early: {out:?}");
    let out = enter(&mut p, "", ">>> ");
    assert!(out.contains("one\n"), "{out:?}");

    // A traceback does not end the session.
    let out = enter(&mut p, "1/0", ">>> ");
    assert!(
        out.contains(
            "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n\
             ZeroDivisionError: division by zero\n"
        ),
        "{out:?}"
    );
    let out = enter(&mut p, "x = = 1", ">>> ");
    assert!(out.contains("SyntaxError: invalid syntax"), "{out:?}");
    let out = enter(&mut p, "f(1)", ">>> ");
    assert!(out.contains("2\n"), "{out:?}");

    // Ctrl-C at a prompt drops the pending input.
    enter(&mut p, "if True:", "... ");
    p.send_control('c').expect("ctrl-c");
    let out = strip_ansi(&p.exp_string(">>> ").expect("prompt after ^C"));
    assert!(out.contains("KeyboardInterrupt\n"), "{out:?}");

    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("eof");
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn each_input_is_its_own_compilation_unit() {
    let mut p = spawn(&["-q"]);
    p.exp_string(">>> ").expect("first prompt");
    enter(&mut p, "a = 257", ">>> ");
    enter(&mut p, "b = 257", ">>> ");
    let out = enter(&mut p, "a is b", ">>> ");
    assert!(out.contains("a is b\nFalse\n"), "{out:?}");
    // An indented continuation line inside brackets ends the input at once.
    enter(&mut p, "xs = [1,", "... ");
    enter(&mut p, "      2]", ">>> ");
    let out = enter(&mut p, "xs", ">>> ");
    assert!(out.contains("xs\n[1, 2]\n"), "{out:?}");
    // Prompts come from sys.ps1 / sys.ps2.
    enter(&mut p, "import sys", ">>> ");
    enter(&mut p, "sys.ps1 = 'py> '", "py> ");
    p.send("exit(3)\r").expect("send");
    p.flush().expect("flush");
    p.exp_eof().expect("eof");
    assert_eq!(exit_code(&p), 3);

    // In one script the two constants are one object.
    let o = Command::new(BIN)
        .args(["-c", "a = 257\nb = 257\nprint(a is b)"])
        .output()
        .expect("run -c");
    assert_eq!(String::from_utf8_lossy(&o.stdout), "True\n");
}

fn run_piped(args: &[&str], stdin: &str) -> (String, String, Option<i32>) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        o.status.code(),
    )
}

#[test]
fn piped_stdin_is_a_script_and_dash_i_reads_plainly() {
    let script = "a = 257\nb = 257\nprint(a is b)\nfor i in range(2):\n    print(i)\n";
    let (out, err, code) = run_piped(&[], script);
    assert_eq!(
        (out.as_str(), err.as_str(), code),
        ("True\n0\n1\n", "", Some(0))
    );
    let (out, _, code) = run_piped(&["-"], script);
    assert_eq!((out.as_str(), code), ("True\n0\n1\n", Some(0)));

    // `-i` after a program: interactive without a terminal, prompts on stderr.
    let (out, err, code) = run_piped(&["-i", "-c", "x = 5"], "x * 2\nif x:\n    x\n\n");
    assert_eq!((out.as_str(), code), ("10\n5\n", Some(0)));
    assert_eq!(err, ">>> >>> ... ... >>> \n");
}

#[test]
fn ctrl_c_while_running_prints_traceback_and_returns_to_prompt() {
    // Through python3 resetting SIGINT to SIG_DFL: a test run from a
    // background job inherits it ignored (see tests/signals.rs).
    let mut cmd = Command::new("python3");
    cmd.args([
        "-c",
        "import os, signal, sys\n\
         signal.signal(signal.SIGINT, signal.SIG_DFL)\n\
         os.execvp(sys.argv[1], sys.argv[1:])",
        BIN,
        "-q",
    ])
    .env("TERM", "xterm");
    let mut p = rexpect::session::spawn_command(cmd, Some(5000)).expect("spawn pyheap on a pty");
    p.exp_string(">>> ").expect("first prompt");
    enter(&mut p, "n = 0", ">>> ");
    // A one-line compound statement still waits for an empty line.
    enter(&mut p, "while True: n += 1", "... ");
    p.send("\r").expect("send");
    p.flush().expect("flush");
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c').expect("ctrl-c");
    let out = strip_ansi(&p.exp_string(">>> ").expect("prompt after ^C"));
    assert!(
        out.contains(
            "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n\
             KeyboardInterrupt\n"
        ),
        "{out:?}"
    );
    // The session goes on; the loop did run.
    let out = enter(&mut p, "n > 0", ">>> ");
    assert!(out.contains("True\n"), "{out:?}");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("eof");
    assert_eq!(exit_code(&p), 0);
}
