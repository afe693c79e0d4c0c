//! `pyheap`: the command line.
//!
//! `pyheap script.py [args]`, `pyheap -c CODE [args]`, `pyheap -` (script
//! from stdin), `pyheap --version` (`Python 3.11.7 (pyheap 0.1.0)`), no
//! arguments: a REPL when stdin is a terminal, else stdin as a script.
//! `-i` runs the script then the REPL (`repl.rs`); `-q` drops its banner.
//! The interpreter runs on a thread with a large stack (Python calls
//! recurse natively, bounded by the recursion limit).
//! `-X showrefcount` prints `[N refs, M blocks]` at exit (see `xopts.rs`),
//! `-X heaplimit=SIZE` bounds the heap (allocation beyond it raises
//! `MemoryError`).
#![forbid(unsafe_code)]

use std::io::{IsTerminal, Read};

mod repl;
mod xopts;

const STACK: usize = 1 << 30;

enum Job {
    File(String),
    Code(String),
    Stdin,
    Repl,
}

fn run(args: Vec<String>) -> i32 {
    let mut i = 1;
    let mut interactive = false;
    let mut quiet = false;
    let mut job = None;
    let mut argv: Vec<String> = Vec::new();
    let mut xo = xopts::XOptions::default();
    let exe = args.first().cloned().unwrap_or_else(|| "pyheap".into());
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "--version" | "-V" => {
                println!("Python 3.11.7 (pyheap 0.1.0)");
                return 0;
            }
            "-c" => {
                let Some(code) = args.get(i + 1) else {
                    eprintln!("Argument expected for the -c option");
                    xopts::usage(&exe);
                    return 2;
                };
                job = Some(Job::Code(code.clone()));
                argv.push("-c".into());
                argv.extend(args[i + 2..].iter().cloned());
                break;
            }
            "-i" => interactive = true,
            "-q" => quiet = true,
            "-u" | "-B" | "-E" | "-s" | "-S" | "-O" => {}
            "-" => {
                job = Some(Job::Stdin);
                argv.push("-".into());
                argv.extend(args[i + 1..].iter().cloned());
                break;
            }
            _ if a.starts_with("-X") => {
                let value = if a.len() > 2 {
                    a[2..].to_string()
                } else {
                    i += 1;
                    match args.get(i) {
                        Some(v) => v.clone(),
                        None => {
                            eprintln!("Argument expected for the -X option");
                            xopts::usage(&exe);
                            return 2;
                        }
                    }
                };
                if let Err(msg) = xo.add(&value) {
                    eprintln!("{msg}");
                    // CPython's configuration errors are fatal errors (status 1).
                    return if msg.starts_with("Fatal Python error") {
                        1
                    } else {
                        2
                    };
                }
            }
            _ if a.starts_with("--") && a.len() > 2 => {
                eprintln!("unknown option {a}");
                xopts::usage(&exe);
                return 2;
            }
            _ if a.starts_with('-') && a.len() > 1 => {
                eprintln!("Unknown option: {}", &a[..a.len().min(2)]);
                xopts::usage(&exe);
                return 2;
            }
            _ => {
                job = Some(Job::File(a.clone()));
                argv.extend(args[i..].iter().cloned());
                break;
            }
        }
        i += 1;
    }
    let job = job.unwrap_or_else(|| {
        argv.push(String::new());
        if std::io::stdin().is_terminal() {
            Job::Repl
        } else {
            Job::Stdin
        }
    });
    let path0 = match &job {
        Job::File(p) => std::path::Path::new(p)
            .parent()
            .map(|d| {
                let s = d.display().to_string();
                if s.is_empty() {
                    std::env::current_dir()
                        .map(|c| c.display().to_string())
                        .unwrap_or_default()
                } else {
                    std::fs::canonicalize(d)
                        .map(|c| c.display().to_string())
                        .unwrap_or(s)
                }
            })
            .unwrap_or_default(),
        _ => String::new(),
    };
    // Configuration errors come before the script is opened, as CPython's.
    let env_limit = match std::env::var("PYTHONINTMAXSTRDIGITS") {
        Ok(v) if !v.is_empty() => match xopts::parse_digit_limit(&v) {
            Some(n) => Some(n),
            None => {
                eprintln!("{}", xopts::digit_limit_error("PYTHONINTMAXSTRDIGITS"));
                return 1;
            }
        },
        _ => None,
    };
    pyheap_vm::modules::sys_flags::set_cli_flags(pyheap_vm::modules::sys_flags::CliFlags {
        inspect: interactive,
        quiet,
        int_max_str_digits: xo.int_max_str_digits.or(env_limit).map_or(-1, |n| n as i64),
    });
    if let Job::File(p) = &job {
        if let Some(code) = script_error(&exe, p) {
            return code;
        }
    }
    pyheap_vm::shutdown::start_census(xo.census());
    pyheap_vm::init_runtime(argv, path0);
    pyheap_vm::set_xoptions(&xo.raw);
    if let Some(limit) = xo.heaplimit {
        pyheap_vm::set_heap_limit(Some(limit));
    }
    let code = match job {
        Job::File(p) => pyheap_vm::run_file(&p),
        Job::Code(c) => pyheap_vm::run_source(&c, "<string>"),
        Job::Stdin => {
            let mut s = String::new();
            let _ = std::io::stdin().read_to_string(&mut s);
            pyheap_vm::run_source(&s, "<stdin>")
        }
        Job::Repl => return repl::run(!quiet),
    };
    if interactive {
        return repl::run(false);
    }
    code
}

/// CPython's messages for a script path that cannot be run (checked before
/// start-up): a directory without `__main__.py` (exit 1; pyheap does not run
/// directories or zip files at all), a file that cannot be opened (exit 2).
fn script_error(exe: &str, path: &str) -> Option<i32> {
    let abs = std::path::absolute(path)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.to_string());
    let p = std::path::Path::new(path);
    if p.is_dir() {
        eprintln!("{exe}: can't find '__main__' module in '{abs}'");
        return Some(1);
    }
    if let Err(e) = std::fs::File::open(p) {
        let errno = e.raw_os_error().unwrap_or(2);
        let text = match e.kind() {
            std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
            std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
            _ => {
                let s = e.to_string();
                s.split(" (os error").next().unwrap_or(&s).to_string()
            }
        };
        eprintln!("{exe}: can't open file '{abs}': [Errno {errno}] {text}");
        return Some(2);
    }
    None
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let handle = std::thread::Builder::new()
        .name("pyheap".into())
        .stack_size(STACK)
        .spawn(move || {
            pyheap_vm::set_native_stack(STACK);
            let code = run(args);
            pyheap_vm::shutdown();
            if pyheap_vm::unhandled_keyboard_interrupt() {
                pyheap_vm::exit_sigint();
            }
            // NOTE: exit from the interpreter thread so thread-local heap
            // state is never torn down by Rust's TLS destructors.
            std::process::exit(code)
        });
    // Signals go to the interpreter thread (interrupting its sleeps).
    pyheap_vm::block_signals_in_this_thread();
    let code = match handle {
        Ok(h) => h.join().unwrap_or(70),
        Err(_) => 70,
    };
    std::process::exit(code);
}
