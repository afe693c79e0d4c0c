//! Debug helper: dumps code-object metadata (one line per field) for
//! comparison with CPython (`co_consts`, `co_names`, `co_varnames`, ...).
use pyheap_compiler::{compile, CodeUnit, ConstValue, Instruction as I, Mode};

fn dump(code: &CodeUnit, out: &mut String) {
    let consts: Vec<String> = code
        .consts
        .iter()
        .map(|c| match &c.value {
            ConstValue::Code(inner) => format!("<code {}>", inner.name),
            _ => c.python_repr(),
        })
        .collect();
    out.push_str(&format!(
        "code {} {} line={}\n",
        code.name, code.qualname, code.first_line
    ));
    out.push_str(&format!(
        "  argcount={} posonly={} kwonly={} flags={}\n",
        code.argcount, code.posonlyargcount, code.kwonlyargcount, code.flags
    ));
    out.push_str(&format!("  consts=[{}]\n", consts.join(", ")));
    out.push_str(&format!("  names={:?}\n", code.names));
    out.push_str(&format!("  varnames={:?}\n", code.varnames));
    out.push_str(&format!("  cellvars={:?}\n", code.cellvars));
    out.push_str(&format!("  freevars={:?}\n", code.freevars));
    if std::env::var("DUMP_POS").is_ok() {
        let mut pos = Vec::new();
        for (i, ins) in code.instructions.iter().enumerate() {
            let tag = match ins {
                I::Call(_) | I::CallFunctionEx { .. } => "CALL",
                I::BinaryOp(_) => "BINARY_OP",
                I::BinarySubscr => "BINARY_SUBSCR",
                I::CompareOp(_) => "COMPARE_OP",
                _ => continue,
            };
            let l = code.locations[i];
            pos.push(format!(
                "{tag}@{}:{}-{}:{}",
                l.line, l.col, l.end_line, l.end_col
            ));
        }
        out.push_str(&format!("  pos={}\n", pos.join(" ")));
    }
    for c in &code.consts {
        if let ConstValue::Code(inner) = &c.value {
            dump(inner, out);
        }
    }
}

fn main() {
    for path in std::env::args().skip(1) {
        let src = std::fs::read_to_string(&path).unwrap_or_default();
        match compile(&src, &path, Mode::Exec) {
            Ok(code) => {
                if std::env::var("CHECK_STACK").is_ok() {
                    if let Err(e) = pyheap_compiler::optimize::check_stack(&code) {
                        println!("STACK {path}: {e}");
                    }
                }
                let mut out = String::new();
                dump(&code, &mut out);
                print!("{out}");
            }
            Err(e) => println!("ERROR {}", e.format_cpython().replace('\n', " | ")),
        }
    }
}
