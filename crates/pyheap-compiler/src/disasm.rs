//! Human-readable disassembly of code units (like `dis.dis`), for tests and
//! for debugging the VM.
//!
//! Read [`disassemble`]. Format per line: `line  index  OPNAME  arg (resolved)`;
//! nested code units follow, each under a `Disassembly of <name>:` header.

use std::fmt::Write as _;

use crate::bytecode::{CodeUnit, Instruction as I};
use crate::constant::ConstValue;

/// Disassembles `code` and all nested code units.
pub fn disassemble(code: &CodeUnit) -> String {
    let mut out = String::new();
    write_code(code, &mut out);
    for c in &code.consts {
        if let ConstValue::Code(inner) = &c.value {
            let _ = writeln!(out, "\nDisassembly of {}:", inner.qualname);
            out.push_str(&disassemble(inner));
        }
    }
    out
}

fn write_code(code: &CodeUnit, out: &mut String) {
    let mut last_line = 0;
    for (i, ins) in code.instructions.iter().enumerate() {
        let line = code.locations.get(i).map_or(0, |l| l.line);
        let line_col = if line != last_line {
            last_line = line;
            format!("{line:>4}")
        } else {
            "    ".to_string()
        };
        let _ = writeln!(out, "{line_col} {i:>4} {}", describe(code, ins));
    }
}

fn name(list: &[String], i: u32) -> String {
    list.get(i as usize)
        .cloned()
        .unwrap_or_else(|| "?".to_string())
}

/// One instruction with its resolved argument.
pub fn describe(code: &CodeUnit, ins: &I) -> String {
    let konst = |i: u32| {
        code.consts
            .get(i as usize)
            .map_or("?".to_string(), |c| c.python_repr())
    };
    match *ins {
        I::LoadConst(i) => format!("LoadConst {i} ({})", konst(i)),
        I::KwNames(i) => format!("KwNames {i} ({})", konst(i)),
        I::LoadFast(i) | I::StoreFast(i) | I::DeleteFast(i) => {
            format!("{} {i} ({})", op_name(ins), name(&code.varnames, i))
        }
        I::LoadName(i)
        | I::StoreName(i)
        | I::DeleteName(i)
        | I::LoadGlobal(i)
        | I::StoreGlobal(i)
        | I::DeleteGlobal(i)
        | I::LoadAttr(i)
        | I::StoreAttr(i)
        | I::DeleteAttr(i)
        | I::LoadMethod(i)
        | I::ImportName(i)
        | I::ImportFrom(i) => format!("{} {i} ({})", op_name(ins), name(&code.names, i)),
        I::LoadDeref(i)
        | I::StoreDeref(i)
        | I::DeleteDeref(i)
        | I::LoadClosure(i)
        | I::LoadClassDeref(i) => format!(
            "{} {i} ({})",
            op_name(ins),
            code.cell_name(i as usize).unwrap_or("?")
        ),
        I::BinaryOp(op) => format!("BinaryOp ({})", op.symbol()),
        I::CompareOp(op) => format!("CompareOp ({})", op.symbol()),
        _ => format!("{ins:?}"),
    }
}

fn op_name(ins: &I) -> String {
    let s = format!("{ins:?}");
    s.split(['(', ' ', '{']).next().unwrap_or("").to_string()
}
