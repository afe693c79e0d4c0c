//! `import`: builtin modules from the registration table in
//! `modules/mod.rs`, and `.py` modules/packages found on `sys.path`;
//! `sys.modules` is the cache.
//!
//! Read [`import_name`] first.

use crate::exc::new_err;
use crate::objects::{dict, str as pstr, tuple};
use crate::ops;
use crate::rt::{Obj, PyResult};
use crate::types::{is_none, t};

fn sys_modules() -> Obj {
    crate::modules::sys::modules_dict()
}

fn module_not_found(name: &str) -> crate::rt::PyErr {
    let e = new_err(
        &t().module_not_found_error,
        &format!("No module named '{name}'"),
    );
    let _ = dict::set_str(&crate::exc::exc_dict(&e.exc), "name", pstr::new_str(name));
    e
}

/// Imports one fully qualified module (parents must already be imported).
pub fn import_module(full: &str) -> PyResult<Obj> {
    let mods = sys_modules();
    if let Some(m) = dict::get_str(&mods, full) {
        if is_none(&m) {
            return Err(module_not_found(full));
        }
        return Ok(m);
    }
    if let Some(init) = crate::modules::find_builtin(full) {
        let m = crate::objects::misc::new_module(full);
        dict::set_str(&mods, full, m.clone())?;
        if let Err(e) = init(&m) {
            let _ = dict::del_item(&mods, &pstr::new_str(full));
            return Err(e);
        }
        return Ok(m);
    }
    if let Some(src) = crate::modules::find_py(full) {
        let m = crate::objects::misc::new_module(full);
        let md = crate::objects::misc::module_dict(&m).unwrap_or_else(dict::new_dict);
        dict::set_str(&mods, full, m.clone())?;
        let fname = format!("<frozen {full}>");
        let r = crate::compile_source(src, &fname, pyheap_compiler::Mode::Exec)
            .and_then(|code| crate::eval::run_code(&code, &md, None));
        if let Err(e) = r {
            let _ = dict::del_item(&mods, &pstr::new_str(full));
            return Err(e);
        }
        return Ok(dict::get_str(&mods, full).unwrap_or(m));
    }
    let (parent, leaf) = match full.rsplit_once('.') {
        Some((p, l)) => (Some(p), l),
        None => (None, full),
    };
    let search: Vec<String> = match parent {
        Some(p) => {
            let pm = import_module(p)?;
            match crate::attr::getattr_opt(&pm, "__path__")? {
                Some(pp) => ops::to_vec(&pp)?
                    .iter()
                    .filter_map(|x| pstr::as_str(x).map(|s| s.to_string()))
                    .collect(),
                None => {
                    return Err(new_err(
                        &t().module_not_found_error,
                        &format!("No module named '{full}'; '{p}' is not a package"),
                    ))
                }
            }
        }
        None => crate::modules::sys::path_entries(),
    };
    for dir in search {
        let base = if dir.is_empty() {
            ".".to_string()
        } else {
            dir.clone()
        };
        let pkg_init = format!("{base}/{leaf}/__init__.py");
        let file = format!("{base}/{leaf}.py");
        let (path, is_pkg) = if std::path::Path::new(&pkg_init).is_file() {
            (pkg_init, true)
        } else if std::path::Path::new(&file).is_file() {
            (file, false)
        } else {
            continue;
        };
        let src =
            std::fs::read_to_string(&path).map_err(|e| new_err(&t().os_error, &e.to_string()))?;
        let m = crate::objects::misc::new_module(full);
        let md = crate::objects::misc::module_dict(&m).unwrap_or_else(dict::new_dict);
        dict::set_str(&md, "__file__", pstr::new_str(&path))?;
        if is_pkg {
            let pdir = format!("{base}/{leaf}");
            dict::set_str(
                &md,
                "__path__",
                crate::objects::list::new_list(vec![pstr::new_str(&pdir)]),
            )?;
            dict::set_str(&md, "__package__", pstr::new_str(full))?;
        } else {
            dict::set_str(&md, "__package__", pstr::new_str(parent.unwrap_or("")))?;
        }
        dict::set_str(&mods, full, m.clone())?;
        let code = match crate::compile_module_file(&src, &path) {
            Ok(c) => c,
            Err(e) => {
                let _ = dict::del_item(&mods, &pstr::new_str(full));
                return Err(e);
            }
        };
        if let Err(e) = crate::eval::run_code(&code, &md, None) {
            let _ = dict::del_item(&mods, &pstr::new_str(full));
            return Err(e);
        }
        let m = dict::get_str(&mods, full).unwrap_or(m);
        if let Some(p) = parent {
            if let Some(pm) = dict::get_str(&mods, p) {
                let _ = crate::attr::setattr(&pm, &pstr::intern(leaf), Some(m.clone()));
            }
        }
        return Ok(m);
    }
    Err(module_not_found(full))
}

fn resolve_relative(name: &str, globals: &Obj, level: i64) -> PyResult<String> {
    let pkg = dict::get_str(globals, "__package__")
        .filter(pstr::is_str)
        .and_then(|p| pstr::as_str(&p).map(|s| s.to_string()))
        .or_else(|| {
            let n = dict::get_str(globals, "__name__")?;
            let n = pstr::as_str(&n)?.to_string();
            if dict::get_str(globals, "__path__").is_some() {
                Some(n)
            } else {
                Some(
                    n.rsplit_once('.')
                        .map(|(a, _)| a.to_string())
                        .unwrap_or_default(),
                )
            }
        })
        .unwrap_or_default();
    if pkg.is_empty() {
        return Err(new_err(
            &t().import_error,
            "attempted relative import with no known parent package",
        ));
    }
    let mut base = pkg.as_str();
    for _ in 1..level {
        base = match base.rsplit_once('.') {
            Some((a, _)) => a,
            None => {
                return Err(new_err(
                    &t().import_error,
                    "attempted relative import beyond top-level package",
                ))
            }
        };
    }
    Ok(if name.is_empty() {
        base.to_string()
    } else {
        format!("{base}.{name}")
    })
}

/// `IMPORT_NAME`.
pub fn import_name(name: &Obj, globals: &Obj, fromlist: &Obj, level: i64) -> PyResult<Obj> {
    let n = pstr::as_str(name).unwrap_or("").to_string();
    let full = if level > 0 {
        resolve_relative(&n, globals, level)?
    } else {
        n.clone()
    };
    let parts: Vec<&str> = full.split('.').collect();
    let mut cur = String::new();
    let mut first = None;
    let mut last = None;
    for p in &parts {
        if !cur.is_empty() {
            cur.push('.');
        }
        cur.push_str(p);
        let m = import_module(&cur)?;
        if first.is_none() {
            first = Some(m.clone());
        }
        last = Some(m);
    }
    let has_from = !is_none(fromlist) && ops::truthy(fromlist)?;
    if has_from {
        let m = last.ok_or_else(|| module_not_found(&full))?;
        if crate::attr::getattr_opt(&m, "__path__")?.is_some() {
            for f in ops::to_vec(fromlist)? {
                let fs = pstr::as_str(&f).unwrap_or("").to_string();
                if fs != "*" && crate::attr::getattr_opt(&m, &fs)?.is_none() {
                    let _ = import_module(&format!("{full}.{fs}"));
                }
            }
        }
        return Ok(m);
    }
    if level > 0 && n.is_empty() {
        return last.ok_or_else(|| module_not_found(&full));
    }
    if level > 0 {
        // `from . import x` handled above; `import .x` is a syntax error.
        let top = n.split('.').next().unwrap_or("");
        let base = full
            .strip_suffix(&n[top.len()..])
            .unwrap_or(&full)
            .to_string();
        return import_module(&base);
    }
    first.ok_or_else(|| module_not_found(&full))
}

/// `IMPORT_FROM`.
pub fn import_from(m: &Obj, name: &Obj) -> PyResult<Obj> {
    match crate::attr::getattr(m, name) {
        Ok(v) => Ok(v),
        Err(e) if crate::exc::matches(&e, &t().attribute_error) => {
            let mname = crate::attr::getattr_opt(m, "__name__")?
                .and_then(|n| pstr::as_str(&n).map(|s| s.to_string()))
                .unwrap_or_else(|| "<unknown module name>".into());
            let s = pstr::as_str(name).unwrap_or("");
            if let Some(v) = dict::get_str(&sys_modules(), &format!("{mname}.{s}")) {
                return Ok(v);
            }
            let loc = crate::attr::getattr_opt(m, "__file__")?
                .and_then(|f| pstr::as_str(&f).map(|x| x.to_string()))
                .unwrap_or_else(|| "unknown location".into());
            let err = new_err(
                &t().import_error,
                &format!("cannot import name '{s}' from '{mname}' ({loc})"),
            );
            Err(err)
        }
        Err(e) => Err(e),
    }
}

/// `from m import *`.
pub fn import_star(m: &Obj, target: &Obj) -> PyResult<()> {
    let md = crate::objects::misc::module_dict(m).unwrap_or_else(dict::new_dict);
    let names: Vec<Obj> = match dict::get_str(&md, "__all__") {
        Some(all) => ops::to_vec(&all)?,
        None => dict::keys(&md)
            .into_iter()
            .filter(|k| !pstr::as_str(k).unwrap_or("_").starts_with('_'))
            .collect(),
    };
    for n in names {
        let v = crate::attr::getattr(m, &n)?;
        ops::setitem(target, &n, v)?;
    }
    Ok(())
}

pub fn unused(_: &Obj) -> usize {
    tuple::tuple_len(&t().empty_tuple)
}
