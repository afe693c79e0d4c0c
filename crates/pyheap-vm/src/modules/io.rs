//! Files: `sys.stdout`/`sys.stderr`/`sys.stdin` and `open()` (text or
//! binary mode, read or write; basic). A file object holds an int handle into a
//! per-thread table of Rust-side file states.
//!
//! Read [`open`] first.

use std::cell::RefCell;
use std::io::Write;

use crate::builtins::kwarg;
use crate::exc::{new_err, type_err, value_err};
use crate::objects::misc::{new_oneref, oneref};
use crate::objects::{bytes, int, list, str as pstr};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{add_getset, add_method, none, py_bool, t};

enum Target {
    Stdin,
    Stdout,
    Stderr,
    Read { text: String, pos: usize },
    ReadBytes { data: Vec<u8>, pos: usize },
    Write(std::io::BufWriter<std::fs::File>),
}

struct FileState {
    target: Target,
    name: String,
    mode: String,
    closed: bool,
    /// Opened with 'b': reads give bytes, writes take bytes-like objects.
    binary: bool,
}

thread_local! {
    static FILES: RefCell<Vec<Option<FileState>>> = const { RefCell::new(Vec::new()) };
    static STDOUT_BUF: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Writes to the process stdout (buffered; flushed at exit and before stderr output).
pub fn raw_stdout(s: &str) {
    STDOUT_BUF.with(|b| {
        let mut b = b.borrow_mut();
        b.extend_from_slice(s.as_bytes());
        if b.len() > 1 << 16 {
            let _ = std::io::stdout().write_all(&b);
            b.clear();
        }
    });
}

pub fn flush_raw_stdout() {
    STDOUT_BUF.with(|b| {
        let mut b = b.borrow_mut();
        let mut out = std::io::stdout();
        let _ = out.write_all(&b);
        let _ = out.flush();
        b.clear();
    });
}

pub fn raw_stderr(s: &str) {
    flush_raw_stdout();
    let mut e = std::io::stderr();
    let _ = e.write_all(s.as_bytes());
    let _ = e.flush();
}

fn new_file(state: FileState) -> Obj {
    let tt = t();
    let ty = match (&state.target, state.binary) {
        (_, false) => &tt.textio,
        (Target::ReadBytes { .. }, true) => &tt.buffered_reader,
        (_, true) => &tt.buffered_writer,
    };
    let h = FILES.with(|f| {
        let mut f = f.borrow_mut();
        f.push(Some(state));
        f.len() - 1
    });
    new_oneref(ty, int::new_int(h as i64))
}

fn handle(o: &Obj) -> PyResult<usize> {
    oneref(o)
        .and_then(|h| int::as_i64(&h))
        .map(|h| h as usize)
        .ok_or_else(|| type_err("not a file object"))
}

fn with_file<R>(o: &Obj, f: impl FnOnce(&mut FileState) -> PyResult<R>) -> PyResult<R> {
    let h = handle(o)?;
    FILES.with(|files| {
        let mut files = files.borrow_mut();
        match files.get_mut(h).and_then(|x| x.as_mut()) {
            Some(st) => f(st),
            None => Err(value_err("I/O operation on closed file.")),
        }
    })
}

/// The standard streams (created once).
pub fn std_stream(which: u8) -> Obj {
    let (target, name, mode) = match which {
        0 => (Target::Stdin, "<stdin>", "r"),
        1 => (Target::Stdout, "<stdout>", "w"),
        _ => (Target::Stderr, "<stderr>", "w"),
    };
    new_file(FileState {
        target,
        name: name.into(),
        mode: mode.into(),
        closed: false,
        binary: false,
    })
}

/// `open(file, mode='r', encoding=None)`.
pub fn open(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let file = args
        .first()
        .cloned()
        .or_else(|| kwarg(&kw, "file"))
        .ok_or_else(|| type_err("open() missing required argument 'file' (pos 1)"))?;
    let path = pstr::as_str(&file)
        .ok_or_else(|| type_err("expected str, bytes or os.PathLike object"))?
        .to_string();
    let mode = args
        .get(1)
        .cloned()
        .or_else(|| kwarg(&kw, "mode"))
        .and_then(|m| pstr::as_str(&m).map(|s| s.to_string()))
        .unwrap_or_else(|| "r".into());
    let binary = mode.contains('b');
    let io_err = |e: std::io::Error| {
        crate::modules::os_posix::os_err(e.raw_os_error().unwrap_or(5), Some(&path))
    };
    let target = if mode.contains('w') || mode.contains('a') || mode.contains('x') {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(mode.contains('w'))
            .append(mode.contains('a'))
            .open(&path)
            .map_err(io_err)?;
        Target::Write(std::io::BufWriter::new(f))
    } else if binary {
        let data = std::fs::read(&path).map_err(io_err)?;
        Target::ReadBytes { data, pos: 0 }
    } else {
        let text = std::fs::read_to_string(&path).map_err(io_err)?;
        Target::Read { text, pos: 0 }
    };
    Ok(new_file(FileState {
        target,
        name: path,
        mode,
        closed: false,
        binary,
    }))
}

fn write_to(st: &mut FileState, s: &str) -> PyResult<()> {
    if st.closed {
        return Err(value_err("I/O operation on closed file."));
    }
    match &mut st.target {
        Target::Stdout => raw_stdout(s),
        Target::Stderr => raw_stderr(s),
        _ => return write_bytes(st, s.as_bytes()),
    }
    Ok(())
}

fn write_bytes(st: &mut FileState, b: &[u8]) -> PyResult<()> {
    match &mut st.target {
        Target::Write(w) => w
            .write_all(b)
            .map_err(|e| new_err(&t().os_error, &e.to_string())),
        _ => Err(new_err(&t().os_error, "not writable")),
    }
}

fn f_write(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = args.first().cloned().ok_or_else(|| type_err("write"))?;
    let s = args
        .get(1)
        .cloned()
        .ok_or_else(|| type_err("write() takes exactly one argument (0 given)"))?;
    if with_file(&f, |st| Ok(st.binary))? {
        let data = bytes::bytes_data(&s).ok_or_else(|| {
            type_err(&format!(
                "a bytes-like object is required, not '{}'",
                crate::types::tname(&s)
            ))
        })?;
        with_file(&f, |st| write_bytes(st, &data))?;
        return Ok(int::new_int_usize(data.len()));
    }
    let text = pstr::as_str(&s)
        .ok_or_else(|| {
            type_err(&format!(
                "write() argument must be str, not {}",
                crate::types::tname(&s)
            ))
        })?
        .to_string();
    with_file(&f, |st| write_to(st, &text))?;
    Ok(int::new_int_usize(pstr::char_len(&s)))
}
fn f_flush(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = args.first().cloned().ok_or_else(|| type_err("flush"))?;
    with_file(&f, |st| {
        match &mut st.target {
            Target::Stdout => flush_raw_stdout(),
            Target::Write(w) => {
                let _ = w.flush();
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(none())
}
/// The next line (through its '\n') as str, or bytes for a binary file;
/// empty at the end.
fn read_line(st: &mut FileState) -> PyResult<Obj> {
    match &mut st.target {
        Target::Read { text, pos } => {
            let rest = &text[*pos..];
            let n = rest.find('\n').map_or(rest.len(), |p| p + 1);
            let line = rest[..n].to_string();
            *pos += n;
            Ok(pstr::new_string(line))
        }
        Target::ReadBytes { data, pos } => {
            let rest = &data[*pos..];
            let n = rest
                .iter()
                .position(|&c| c == b'\n')
                .map_or(rest.len(), |p| p + 1);
            let line = bytes::new_bytes(&rest[..n]);
            *pos += n;
            Ok(line)
        }
        Target::Stdin => {
            let mut line = String::new();
            let _ = std::io::stdin().read_line(&mut line);
            Ok(pstr::new_string(line))
        }
        _ => Err(new_err(&t().os_error, "not readable")),
    }
}
fn is_empty_line(l: &Obj) -> bool {
    match bytes::bytes_data(l) {
        Some(b) => b.is_empty(),
        None => pstr::char_len(l) == 0,
    }
}
fn f_read(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = args.first().cloned().ok_or_else(|| type_err("read"))?;
    let n = args
        .get(1)
        .filter(|x| !crate::types::is_none(x))
        .map(crate::ops::to_i64)
        .transpose()?
        .unwrap_or(-1);
    let s = with_file(&f, |st| match &mut st.target {
        Target::Read { text, pos } => {
            let rest = &text[*pos..];
            let out: String = if n < 0 {
                rest.to_string()
            } else {
                rest.chars().take(n as usize).collect()
            };
            *pos += out.len();
            Ok(pstr::new_string(out))
        }
        Target::ReadBytes { data, pos } => {
            let rest = &data[*pos..];
            let k = if n < 0 {
                rest.len()
            } else {
                rest.len().min(n as usize)
            };
            let out = bytes::new_bytes(&rest[..k]);
            *pos += k;
            Ok(out)
        }
        Target::Stdin => {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s);
            Ok(pstr::new_string(s))
        }
        _ => Err(new_err(&t().os_error, "not readable")),
    })?;
    Ok(s)
}
fn f_readline(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = args.first().cloned().ok_or_else(|| type_err("readline"))?;
    with_file(&f, read_line)
}
fn f_readlines(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = args.first().cloned().ok_or_else(|| type_err("readlines"))?;
    let mut out = Vec::new();
    loop {
        let l = with_file(&f, read_line)?;
        if is_empty_line(&l) {
            break;
        }
        out.push(l);
    }
    Ok(list::new_list(out))
}
fn f_next(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = args.first().cloned().ok_or_else(|| type_err("next"))?;
    let l = with_file(&f, read_line)?;
    if is_empty_line(&l) {
        return Err(crate::exc::stop_iteration(None));
    }
    Ok(l)
}
/// `__iter__` and `__enter__`: the file itself, once checked to be open.
fn f_self(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = args.first().cloned().ok_or_else(|| type_err("self"))?;
    with_file(&f, |st| match st.closed {
        true => Err(value_err("I/O operation on closed file.")),
        false => Ok(()),
    })?;
    Ok(f)
}
fn f_close(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = args.first().cloned().ok_or_else(|| type_err("close"))?;
    let h = handle(&f)?;
    let st = FILES.with(|files| {
        let mut files = files.borrow_mut();
        match files.get_mut(h).and_then(|x| x.as_mut()) {
            Some(s)
                if matches!(
                    s.target,
                    Target::Read { .. } | Target::ReadBytes { .. } | Target::Write(_)
                ) =>
            {
                files.get_mut(h).and_then(|x| x.take())
            }
            Some(s) => {
                s.closed = true;
                None
            }
            None => None,
        }
    });
    if let Some(mut s) = st {
        if let Target::Write(w) = &mut s.target {
            let _ = w.flush();
        }
    }
    Ok(none())
}
fn f_exit(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    f_close(args[..1].to_vec(), vec![])?;
    Ok(py_bool(false))
}
fn f_writelines(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = args
        .first()
        .cloned()
        .ok_or_else(|| type_err("writelines"))?;
    for l in crate::ops::to_vec(args.get(1).ok_or_else(|| type_err("writelines"))?)? {
        f_write(vec![f.clone(), l], vec![])?;
    }
    Ok(none())
}
fn f_isatty(_args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    Ok(py_bool(false))
}
fn f_fileno(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = args.first().cloned().ok_or_else(|| type_err("fileno"))?;
    Ok(int::new_int(handle(&f)? as i64))
}
fn f_name(o: &Obj) -> PyResult<Obj> {
    with_file(o, |st| Ok(pstr::new_string(st.name.clone())))
}
fn f_mode(o: &Obj) -> PyResult<Obj> {
    with_file(o, |st| Ok(pstr::new_string(st.mode.clone())))
}
fn f_closed(o: &Obj) -> PyResult<Obj> {
    let h = handle(o)?;
    Ok(py_bool(FILES.with(|f| {
        f.borrow()
            .get(h)
            .is_none_or(|x| x.as_ref().is_none_or(|s| s.closed))
    })))
}
fn f_repr(args: Vec<Obj>, _kw: Kw) -> PyResult<Obj> {
    let f = args.first().cloned().ok_or_else(|| type_err("repr"))?;
    let (n, m, b) =
        with_file(&f, |st| Ok((st.name.clone(), st.mode.clone(), st.binary))).unwrap_or_default();
    Ok(pstr::new_string(if b {
        format!("<{} name='{n}'>", crate::types::tname(&f))
    } else {
        format!("<_io.TextIOWrapper name='{n}' mode='{m}' encoding='utf-8'>")
    }))
}

/// Registers the file methods (called by `init::populate`).
pub fn register_textio() {
    let tt = t();
    for ty in [&tt.textio, &tt.buffered_reader, &tt.buffered_writer] {
        register_file_type(ty);
    }
}

fn register_file_type(ty: &Obj) {
    let m: &[(&'static str, crate::rt::NativeFn)] = &[
        ("write", f_write),
        ("flush", f_flush),
        ("read", f_read),
        ("readline", f_readline),
        ("readlines", f_readlines),
        ("__next__", f_next),
        ("__iter__", f_self),
        ("__enter__", f_self),
        ("__exit__", f_exit),
        ("close", f_close),
        ("writelines", f_writelines),
        ("isatty", f_isatty),
        ("fileno", f_fileno),
        ("__repr__", f_repr),
    ];
    for (n, f) in m {
        add_method(ty, n, *f);
    }
    add_getset(ty, "name", f_name, None);
    add_getset(ty, "mode", f_mode, None);
    add_getset(ty, "closed", f_closed, None);
}
