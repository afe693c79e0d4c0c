//! Interactive-mode hooks: `sys.displayhook` for expression statements
//! (`PrintExpr`) and the `sys.ps1`/`sys.ps2` prompts.
//!
//! Read [`print_expr`] first. Invariant: the REPL and `PrintExpr` always go
//! through the `sys` attributes, so user replacements take effect as in
//! CPython.

use crate::rt::{Obj, PyResult};

/// `PrintExpr`: calls `sys.displayhook(v)` (`RuntimeError: lost
/// sys.displayhook` if it was deleted).
pub fn print_expr(v: Obj) -> PyResult<()> {
    let sys = crate::modules::sys::sys_module()?;
    match crate::attr::getattr_opt(&sys, "displayhook")? {
        Some(hook) => {
            crate::ops::call(&hook, vec![v], Vec::new())?;
            Ok(())
        }
        None => Err(crate::exc::runtime_err("lost sys.displayhook")),
    }
}

/// Sets `sys.ps1`/`sys.ps2` to CPython's defaults unless already set
/// (CPython does this when it enters interactive mode).
pub fn init_prompts() {
    let Ok(sys) = crate::modules::sys::sys_module() else {
        return;
    };
    for (name, v) in [("ps1", ">>> "), ("ps2", "... ")] {
        if matches!(crate::attr::getattr_opt(&sys, name), Ok(None)) {
            let _ = crate::modules::set_attr(&sys, name, crate::objects::str::new_str(v));
        }
    }
}

/// The prompt to show: `str(sys.ps1)` (or `ps2` for a continuation line),
/// empty if unset or if `str()` fails.
pub fn prompt(continuation: bool) -> String {
    let name = if continuation { "ps2" } else { "ps1" };
    let Ok(sys) = crate::modules::sys::sys_module() else {
        return String::new();
    };
    match crate::attr::getattr_opt(&sys, name) {
        Ok(Some(p)) => crate::ops::str_string(&p).unwrap_or_default(),
        _ => String::new(),
    }
}
