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
                    return 2;
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

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let handle = std::thread::Builder::new()
        .name("pyheap".into())
        .stack_size(STACK)
        .spawn(move || {
            pyheap_vm::set_native_stack(STACK);
            let code = run(args);
            pyheap_vm::shutdown();
            // NOTE: exit from the interpreter thread so thread-local heap
            // state is never torn down by Rust's TLS destructors.
            std::process::exit(code)
        });
    let code = match handle {
        Ok(h) => h.join().unwrap_or(70),
        Err(_) => 70,
    };
    std::process::exit(code);
}
