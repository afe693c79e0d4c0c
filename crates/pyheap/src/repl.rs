//! The interactive loop (CPython's `PyRun_InteractiveLoop`).
//!
//! Read [`run`] first. Invariants:
//! * one input (a simple statement, or a compound statement ended by an
//!   empty line) is one compilation unit, run by
//!   [`pyheap_vm::run_interactive`]; `input_status` from the compiler decides
//!   between "run it", "`... ` for more" and "report the error";
//! * as CPython with readline: on a terminal the prompts are written to
//!   stdout (by `rustyline`, which also gives line editing and in-memory
//!   history) and the banner to stderr; without a terminal (`-i` with piped
//!   stdin) lines are read plainly and prompts go to stderr;
//! * an exception is printed and the loop goes on; `SystemExit` (`exit()`,
//!   `quit()`) ends it with its code; EOF (Ctrl-D) ends it with 0; Ctrl-C at
//!   a prompt drops the pending input and prints `KeyboardInterrupt`.

use std::io::{BufRead, IsTerminal, Write};

use pyheap_compiler::interactive::{input_status, InputStatus};
use rustyline::error::ReadlineError;

/// What reading one line gave.
enum Read {
    Line(String),
    Interrupted,
    Eof,
}

/// Where lines come from: an editing terminal, or plain stdin.
enum Input {
    Terminal(Box<rustyline::DefaultEditor>),
    Plain,
}

impl Input {
    fn open() -> Input {
        if std::io::stdin().is_terminal() {
            let config = rustyline::Config::builder().auto_add_history(false).build();
            if let Ok(ed) = rustyline::DefaultEditor::with_config(config) {
                // rustyline took over SIGINT for its lifetime; while a
                // statement runs, Ctrl-C must raise KeyboardInterrupt (at a
                // prompt the editor reads it as a key in raw mode).
                pyheap_vm::modules::signal::reclaim_sigint();
                return Input::Terminal(Box::new(ed));
            }
        }
        Input::Plain
    }

    fn read(&mut self, prompt: &str) -> Read {
        match self {
            Input::Terminal(ed) => match ed.readline(prompt) {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        let _ = ed.add_history_entry(line.as_str());
                    }
                    Read::Line(line)
                }
                Err(ReadlineError::Interrupted) => Read::Interrupted,
                Err(_) => Read::Eof,
            },
            Input::Plain => {
                let mut err = std::io::stderr();
                let _ = err.write_all(prompt.as_bytes());
                let _ = err.flush();
                let mut line = String::new();
                match std::io::stdin().lock().read_line(&mut line) {
                    Ok(0) | Err(_) => Read::Eof,
                    Ok(_) => {
                        let trimmed = line.trim_end_matches(['\n', '\r']).len();
                        line.truncate(trimmed);
                        Read::Line(line)
                    }
                }
            }
        }
    }
}

/// Runs the interactive loop on `__main__`; returns the exit code.
/// `banner` is false after `-i script.py` and with `-q`.
pub fn run(banner: bool) -> i32 {
    if banner {
        eprintln!("Python 3.11.7 (pyheap 0.1.0) on {}", std::env::consts::OS);
        eprintln!("Type \"exit()\" or Ctrl-D (i.e. EOF) to exit.");
    }
    let mut input = Input::open();
    let mut buf = String::new();
    pyheap_vm::interactive::init_prompts();
    loop {
        let prompt = pyheap_vm::interactive::prompt(!buf.is_empty());
        match input.read(&prompt) {
            Read::Line(line) => {
                buf.push_str(&line);
                buf.push('\n');
            }
            Read::Interrupted => {
                // NOTE: rustyline has already ended the line (as readline).
                buf.clear();
                eprintln!("KeyboardInterrupt");
                continue;
            }
            Read::Eof => {
                if matches!(input, Input::Plain) {
                    eprintln!();
                }
                pyheap_vm::finish();
                return 0;
            }
        }
        if buf.trim().is_empty() {
            buf.clear();
            continue;
        }
        if input_status(&buf) == InputStatus::Incomplete {
            continue;
        }
        // Complete or invalid: running it reports a SyntaxError itself.
        let src = std::mem::take(&mut buf);
        if let Some(code) = pyheap_vm::run_interactive(&src) {
            pyheap_vm::finish();
            return code;
        }
    }
}
