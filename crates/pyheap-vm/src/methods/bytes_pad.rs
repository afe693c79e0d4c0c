//! `bytes`/`bytearray` `ljust`, `rjust`, `center` and `zfill`, with
//! CPython 3.11's argument errors.
//!
//! Read [`pad`] first. Results are exact `bytes` for bytes and its
//! subclasses (an exact bytes object that needs no padding is returned
//! itself, as CPython does) and a new `bytearray` for bytearrays.

use crate::exc::type_err;
use crate::objects::bytes::{bytes_data, is_bytearray, new_bytearray, new_bytes};
use crate::rt::{Kw, Obj, PyResult};
use crate::types::{add_method, t, tname};

/// `self` and its bytes, or the descriptor error.
fn this(args: &[Obj]) -> PyResult<(Obj, Vec<u8>)> {
    let o = args.first().ok_or_else(|| type_err("missing self"))?;
    let b = bytes_data(o).ok_or_else(|| type_err("descriptor requires a bytes object"))?;
    Ok((o.clone(), b))
}

/// The result object for padded content `out` of `o` (`unchanged`: no
/// padding was needed).
fn result(o: &Obj, out: Vec<u8>, unchanged: bool) -> Obj {
    if is_bytearray(o) {
        new_bytearray(out)
    } else if unchanged && o.has_type(&t().bytes) {
        o.clone()
    } else {
        new_bytes(&out)
    }
}

/// The type name CPython's messages qualify the method with.
fn owner(o: &Obj) -> &'static str {
    if is_bytearray(o) {
        "bytearray"
    } else {
        "bytes"
    }
}

fn no_kwargs(name: &str, kw: &Kw) -> PyResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(type_err(&format!("{name}() takes no keyword arguments")))
    }
}

/// `ljust`/`rjust`/`center` (`kind` 'l', 'r', 'c'): `left` fill bytes for
/// centering follow CPython's `marg / 2 + (marg & width & 1)`.
fn pad(args: Vec<Obj>, kw: Kw, name: &str, kind: char) -> PyResult<Obj> {
    let (o, b) = this(&args)?;
    no_kwargs(&format!("{}.{name}", owner(&o)), &kw)?;
    let given = args.len() - 1;
    if given < 1 {
        return Err(type_err(&format!(
            "{name} expected at least 1 argument, got {given}"
        )));
    }
    if given > 2 {
        return Err(type_err(&format!(
            "{name} expected at most 2 arguments, got {given}"
        )));
    }
    let width = crate::objects::int::index_isize(&args[1])?;
    let fill = match args.get(2) {
        None => b' ',
        Some(f) => match bytes_data(f) {
            Some(v) if v.len() == 1 => v[0],
            _ => {
                return Err(type_err(&format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    tname(f)
                )))
            }
        },
    };
    let n = b.len();
    if width <= n as isize {
        return Ok(result(&o, b, true));
    }
    let w = width as usize;
    let marg = w - n;
    let left = match kind {
        'l' => 0,
        'r' => marg,
        _ => marg / 2 + (marg & w & 1),
    };
    let mut out = crate::room::vec_with_capacity(w)?;
    out.extend(std::iter::repeat_n(fill, left));
    out.extend_from_slice(&b);
    out.extend(std::iter::repeat_n(fill, marg - left));
    Ok(result(&o, out, false))
}

fn b_ljust(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    pad(args, kw, "ljust", 'l')
}
fn b_rjust(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    pad(args, kw, "rjust", 'r')
}
fn b_center(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    pad(args, kw, "center", 'c')
}

/// `zfill(width)`: zeros on the left, after a leading `+` or `-`.
fn b_zfill(args: Vec<Obj>, kw: Kw) -> PyResult<Obj> {
    let (o, b) = this(&args)?;
    let owner = owner(&o);
    no_kwargs(&format!("{owner}.zfill"), &kw)?;
    if args.len() != 2 {
        return Err(type_err(&format!(
            "{owner}.zfill() takes exactly one argument ({} given)",
            args.len() - 1
        )));
    }
    let width = crate::objects::int::index_isize(&args[1])?;
    let n = b.len();
    if width <= n as isize {
        return Ok(result(&o, b, true));
    }
    let w = width as usize;
    let mut out = crate::room::vec_with_capacity(w)?;
    out.extend(std::iter::repeat_n(b'0', w - n));
    out.extend_from_slice(&b);
    if matches!(b.first(), Some(b'+' | b'-')) {
        out[0] = b[0];
        out[w - n] = b'0';
    }
    Ok(result(&o, out, false))
}

/// Adds the four methods to bytes and bytearray.
pub fn register() {
    let tt = t();
    for ty in [&tt.bytes, &tt.bytearray] {
        add_method(ty, "ljust", b_ljust);
        add_method(ty, "rjust", b_rjust);
        add_method(ty, "center", b_center);
        add_method(ty, "zfill", b_zfill);
    }
}
