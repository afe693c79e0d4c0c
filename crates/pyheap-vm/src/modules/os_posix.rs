//! The `posix` module: the file-descriptor and process primitives under
//! `os` (which is written in Python, `py/os.py`).
//!
//! Read [`with_fd`] first. Invariants:
//! - descriptors this module opened or duplicated live in a per-thread
//!   table (`FDS`) of owned files; 0, 1 and 2 are borrowed from std's
//!   stdin/stdout/stderr handles; any other number is `EBADF` (without
//!   `unsafe` an arbitrary inherited descriptor cannot be adopted);
//! - before anything writes to or replaces fd 1 or 2 the VM's stdout buffer is
//!   flushed, so output keeps its order.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};

use super::add_fn;
use crate::exc::type_err;
use crate::objects::{bytes, int::new_int, list, str as pstr, tuple};
use crate::rt::{Kw, Obj, PyErr, PyResult};
use crate::types::{none, py_bool};

thread_local! {
    static FDS: RefCell<HashMap<i32, File>> = RefCell::new(HashMap::new());
}

/// An `OSError` (or the subclass CPython picks for `errno`).
pub fn os_err(errno: i32, filename: Option<&str>) -> PyErr {
    let msg = std::io::Error::from_raw_os_error(errno).to_string();
    let msg = match msg.find(" (os error") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let ty = crate::exc_oserror::class_for(errno as i64);
    let mut args = vec![new_int(errno as i64), pstr::new_string(msg)];
    if let Some(f) = filename {
        args.push(pstr::new_str(f));
    }
    PyErr {
        exc: crate::exc::new_exc(&ty, args),
    }
}

fn io_err(e: std::io::Error) -> PyErr {
    os_err(e.raw_os_error().unwrap_or(5), None)
}

fn errno_err(e: rustix::io::Errno) -> PyErr {
    os_err(e.raw_os_error(), None)
}

/// Runs `f` on the borrowed descriptor `fd`.
fn with_fd<R>(fd: i32, f: impl FnOnce(BorrowedFd<'_>) -> PyResult<R>) -> PyResult<R> {
    match fd {
        0 => f(std::io::stdin().as_fd()),
        1 => f(std::io::stdout().as_fd()),
        2 => f(std::io::stderr().as_fd()),
        _ => {
            // NOTE: a duplicate is taken so no table borrow is held while `f`
            // runs (it may allocate objects and so run Python code).
            let dup = FDS.with(|t| t.borrow().get(&fd).map(|file| file.try_clone()));
            match dup {
                Some(Ok(file)) => f(file.as_fd()),
                Some(Err(e)) => Err(io_err(e)),
                None => Err(os_err(9, None)),
            }
        }
    }
}

fn adopt(fd: OwnedFd) -> i32 {
    let file = File::from(fd);
    let n = file.as_raw_fd();
    FDS.with(|t| t.borrow_mut().insert(n, file));
    n
}

fn arg_i32(a: &[Obj], i: usize, what: &str) -> PyResult<i32> {
    let o = a.get(i).ok_or_else(|| {
        type_err(&format!(
            "{what}: missing required argument (pos {})",
            i + 1
        ))
    })?;
    let v = crate::ops::to_i64(o)?;
    i32::try_from(v).map_err(|_| crate::exc::overflow("fd is greater than maximum"))
}

fn arg_str(a: &[Obj], i: usize, what: &str) -> PyResult<String> {
    let o = a.get(i).ok_or_else(|| {
        type_err(&format!(
            "{what}: missing required argument (pos {})",
            i + 1
        ))
    })?;
    if let Some(s) = pstr::as_str(o) {
        return Ok(s.to_string());
    }
    if let Some(b) = bytes::bytes_data(o) {
        return Ok(String::from_utf8_lossy(&b).to_string());
    }
    Err(type_err(&format!(
        "{what}: path should be string, bytes or os.PathLike, not {}",
        crate::types::tname(o)
    )))
}

fn getpid(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    Ok(new_int(std::process::id() as i64))
}

fn kill(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    crate::builtins::check_args("kill", &a, 2, 2)?;
    let pid = arg_i32(&a, 0, "kill")?;
    let sig = arg_i32(&a, 1, "kill")?;
    pyheap_mem::signals::send(pid, sig).map_err(|e| os_err(e, None))?;
    // A signal sent to this process is handled at once, as CPython 3.11.
    crate::modules::signal::check()?;
    Ok(none())
}

fn dup(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let fd = arg_i32(&a, 0, "dup")?;
    let owned = with_fd(fd, |b| rustix::io::dup(b).map_err(errno_err))?;
    Ok(new_int(adopt(owned) as i64))
}

fn dup2(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let src = arg_i32(&a, 0, "dup2")?;
    let dst = arg_i32(&a, 1, "dup2")?;
    if dst == 1 || dst == 2 {
        crate::modules::io::flush_raw_stdout();
    }
    with_fd(src, |b| {
        let r = match dst {
            0 => rustix::stdio::dup2_stdin(b),
            1 => rustix::stdio::dup2_stdout(b),
            2 => rustix::stdio::dup2_stderr(b),
            _ => {
                let Some(file) = FDS.with(|t| t.borrow_mut().remove(&dst)) else {
                    return Err(os_err(9, None));
                };
                let mut owned = OwnedFd::from(file);
                let r = rustix::io::dup2(b, &mut owned);
                FDS.with(|t| t.borrow_mut().insert(dst, File::from(owned)));
                r
            }
        };
        r.map_err(errno_err)
    })?;
    Ok(new_int(dst as i64))
}

fn close(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let fd = arg_i32(&a, 0, "close")?;
    if (0..=2).contains(&fd) {
        // NOTE: the standard descriptors are borrowed from std and cannot be
        // closed without `unsafe`; closing them is accepted and ignored.
        return Ok(none());
    }
    match FDS.with(|t| t.borrow_mut().remove(&fd)) {
        Some(file) => {
            drop(file);
            Ok(none())
        }
        None => Err(os_err(9, None)),
    }
}

fn open(a: Vec<Obj>, k: Kw) -> PyResult<Obj> {
    let path = arg_str(&a, 0, "open")?;
    let flags = arg_i32(&a, 1, "open")?;
    let mode = match a
        .get(2)
        .cloned()
        .or_else(|| crate::builtins::kwarg(&k, "mode"))
    {
        Some(m) => crate::ops::to_i64(&m)? as u32,
        None => 0o777,
    };
    let oflags = rustix::fs::OFlags::from_bits_retain(flags as u32) | rustix::fs::OFlags::CLOEXEC;
    let owned = rustix::fs::open(path.as_str(), oflags, rustix::fs::Mode::from_raw_mode(mode))
        .map_err(|e| os_err(e.raw_os_error(), Some(&path)))?;
    Ok(new_int(adopt(owned) as i64))
}

fn read(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let fd = arg_i32(&a, 0, "read")?;
    let n = a
        .get(1)
        .map(crate::ops::to_i64)
        .transpose()?
        .unwrap_or(0)
        .max(0) as usize;
    let data = with_fd(fd, |b| {
        let mut buf = crate::room::vec_zeroed(n)?;
        let got = rustix::io::read(b, &mut buf).map_err(errno_err)?;
        buf.truncate(got);
        Ok(buf)
    })?;
    Ok(bytes::new_bytes(&data))
}

fn write(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let fd = arg_i32(&a, 0, "write")?;
    let data = a
        .get(1)
        .and_then(bytes::bytes_data)
        .ok_or_else(|| type_err("a bytes-like object is required"))?;
    if fd == 1 || fd == 2 {
        crate::modules::io::flush_raw_stdout();
    }
    let n = with_fd(fd, |b| rustix::io::write(b, &data).map_err(errno_err))?;
    Ok(new_int(n as i64))
}

fn lseek(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let fd = arg_i32(&a, 0, "lseek")?;
    let pos = a.get(1).map(crate::ops::to_i64).transpose()?.unwrap_or(0);
    let how = arg_i32(&a, 2, "lseek")?;
    let whence = match how {
        0 => rustix::fs::SeekFrom::Start(pos.max(0) as u64),
        1 => rustix::fs::SeekFrom::Current(pos),
        2 => rustix::fs::SeekFrom::End(pos),
        _ => return Err(os_err(22, None)),
    };
    let r = with_fd(fd, |b| rustix::fs::seek(b, whence).map_err(errno_err))?;
    Ok(new_int(r as i64))
}

fn ftruncate(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let fd = arg_i32(&a, 0, "ftruncate")?;
    let len = a
        .get(1)
        .map(crate::ops::to_i64)
        .transpose()?
        .unwrap_or(0)
        .max(0) as u64;
    with_fd(fd, |b| rustix::fs::ftruncate(b, len).map_err(errno_err))?;
    Ok(none())
}

fn unlink(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let path = arg_str(&a, 0, "unlink")?;
    std::fs::remove_file(&path).map_err(|e| os_err(e.raw_os_error().unwrap_or(5), Some(&path)))?;
    Ok(none())
}

fn getcwd(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let d = std::env::current_dir().map_err(io_err)?;
    Ok(pstr::new_string(d.to_string_lossy().to_string()))
}

fn urandom(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let n = a.first().map(crate::ops::to_i64).transpose()?.unwrap_or(0);
    if n < 0 {
        return Err(crate::exc::value_err("negative argument not allowed"));
    }
    let mut buf = crate::room::vec_zeroed(n as usize)?;
    let mut f = File::open("/dev/urandom").map_err(io_err)?;
    f.read_exact(&mut buf).map_err(io_err)?;
    Ok(bytes::new_bytes(&buf))
}

fn environ_items(_a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let items: Vec<Obj> = std::env::vars_os()
        .map(|(k, v)| {
            tuple::new_tuple(vec![
                pstr::new_string(k.to_string_lossy().to_string()),
                pstr::new_string(v.to_string_lossy().to_string()),
            ])
        })
        .collect();
    Ok(list::new_list(items))
}

/// `_stat_kind(path)`: 0 missing, 1 regular file, 2 directory, 3 other.
fn stat_kind(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let path = arg_str(&a, 0, "stat")?;
    let k = match std::fs::metadata(&path) {
        Err(_) => 0,
        Ok(m) if m.is_file() => 1,
        Ok(m) if m.is_dir() => 2,
        Ok(_) => 3,
    };
    Ok(new_int(k))
}

fn listdir(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let path = if a.is_empty() {
        ".".to_string()
    } else {
        arg_str(&a, 0, "listdir")?
    };
    let rd =
        std::fs::read_dir(&path).map_err(|e| os_err(e.raw_os_error().unwrap_or(5), Some(&path)))?;
    let mut out = Vec::new();
    for e in rd.flatten() {
        out.push(pstr::new_string(
            e.file_name().to_string_lossy().to_string(),
        ));
    }
    Ok(list::new_list(out))
}

fn isatty(a: Vec<Obj>, _k: Kw) -> PyResult<Obj> {
    let fd = arg_i32(&a, 0, "isatty")?;
    let r = with_fd(fd, |b| Ok(std::io::IsTerminal::is_terminal(&b)));
    Ok(py_bool(r.unwrap_or(false)))
}

pub fn init(m: &Obj) -> PyResult<()> {
    let fns: &[(&'static str, crate::rt::NativeFn)] = &[
        ("getpid", getpid),
        ("kill", kill),
        ("dup", dup),
        ("dup2", dup2),
        ("close", close),
        ("open", open),
        ("read", read),
        ("write", write),
        ("lseek", lseek),
        ("ftruncate", ftruncate),
        ("unlink", unlink),
        ("remove", unlink),
        ("getcwd", getcwd),
        ("urandom", urandom),
        ("_environ_items", environ_items),
        ("_stat_kind", stat_kind),
        ("listdir", listdir),
        ("isatty", isatty),
    ];
    for (n, f) in fns {
        add_fn(m, n, *f)?;
    }
    Ok(())
}
