//! Prints the disassembly of a Python file: `cargo run -p pyheap-compiler
//! --example dis -- FILE [exec|eval|single]`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: dis FILE [exec|eval|single]");
        std::process::exit(2);
    };
    let mode = match args.get(2).map(String::as_str) {
        Some("eval") => pyheap_compiler::Mode::Eval,
        Some("single") => pyheap_compiler::Mode::Single,
        _ => pyheap_compiler::Mode::Exec,
    };
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    match pyheap_compiler::compile(&source, path, mode) {
        Ok(code) => print!("{}", code.disassemble()),
        Err(e) => {
            println!("{}", e.format_cpython());
            std::process::exit(1);
        }
    }
}
