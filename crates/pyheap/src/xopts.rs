//! `-X name[=value]` options and the usage message.
//!
//! pyheap's own: `-X showrefcount` (CPython's debug-build option: print
//! `[N refs, M blocks]` to stderr at exit: N = total reference count of live
//! non-static objects, M = live allocator blocks), `-X heaplimit=SIZE`
//! (bytes, with an optional K/M/G suffix, powers of 1024). Other names are
//! accepted and only recorded in `sys._xoptions`, as CPython does.

/// The `-X` options seen on the command line.
#[derive(Debug, Default)]
pub struct XOptions {
    /// `(name, value)` in order, for `sys._xoptions`.
    pub raw: Vec<(String, Option<String>)>,
    pub showrefcount: bool,
    pub heaplimit: Option<usize>,
    /// `-X int_max_str_digits=N` (validated: 0 or at least 640).
    pub int_max_str_digits: Option<usize>,
}

impl XOptions {
    /// Records one `-X` argument; `Err` holds the message for a bad value.
    pub fn add(&mut self, arg: &str) -> Result<(), String> {
        let (name, value) = match arg.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (arg.to_string(), None),
        };
        match name.as_str() {
            "showrefcount" => self.showrefcount = true,
            "heaplimit" => {
                let v = value.as_deref().unwrap_or("");
                match parse_size(v) {
                    Some(n) => self.heaplimit = Some(n),
                    None => {
                        return Err(format!(
                            "-X heaplimit: invalid size '{v}' (expected a positive number of \
                             bytes with an optional K, M or G suffix, e.g. -X heaplimit=64M)"
                        ))
                    }
                }
            }
            "int_max_str_digits" => match value.as_deref().and_then(parse_digit_limit) {
                Some(n) => self.int_max_str_digits = Some(n),
                None => return Err(digit_limit_error("-X int_max_str_digits")),
            },
            _ => {}
        }
        self.raw.retain(|(n, _)| *n != name);
        self.raw.push((name, value));
        Ok(())
    }

    /// What the leak census should print (`PYHEAP_LEAKCHECK=1` adds the
    /// detailed line the leak test reads).
    pub fn census(&self) -> pyheap_vm::shutdown::CensusOptions {
        pyheap_vm::shutdown::CensusOptions {
            showrefcount: self.showrefcount,
            detail: std::env::var("PYHEAP_LEAKCHECK").is_ok_and(|v| v == "1"),
        }
    }
}

/// A valid int/str digit limit: a decimal number, 0 or at least 640.
pub fn parse_digit_limit(s: &str) -> Option<usize> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: usize = s.parse().ok()?;
    (n == 0 || n >= pyheap_compiler::limits::STR_DIGITS_CHECK_THRESHOLD).then_some(n)
}

/// CPython's fatal start-up error for a bad digit limit from `source`
/// (`-X int_max_str_digits` or `PYTHONINTMAXSTRDIGITS`); exit status 1.
pub fn digit_limit_error(source: &str) -> String {
    format!(
        "Fatal Python error: config_init_int_max_str_digits: {source}: invalid limit; must be \
         >= 640 or 0 for unlimited.\nPython runtime state: preinitialized\n"
    )
}

/// `"64M"` → 64 MiB; `None` for anything but a positive decimal number with
/// an optional K/M/G (or k/m/g) suffix that fits in `usize`.
pub fn parse_size(s: &str) -> Option<usize> {
    let (digits, mult) = match s.as_bytes().last()? {
        b'k' | b'K' => (&s[..s.len() - 1], 1usize << 10),
        b'm' | b'M' => (&s[..s.len() - 1], 1 << 20),
        b'g' | b'G' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: usize = digits.parse().ok()?;
    n.checked_mul(mult).filter(|n| *n > 0)
}

/// CPython's usage lines after a command-line error.
pub fn usage(exe: &str) {
    eprintln!("usage: {exe} [option] ... [-c cmd | -m mod | file | -] [arg] ...");
    eprintln!("Try `python -h' for more information.");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("100"), Some(100));
        assert_eq!(parse_size("4k"), Some(4096));
        assert_eq!(parse_size("64M"), Some(64 << 20));
        assert_eq!(parse_size("2G"), Some(2 << 30));
        for bad in [
            "",
            "M",
            "-1",
            "0",
            "1.5M",
            "abc",
            "12T",
            "99999999999999999999999",
        ] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
    }

    #[test]
    fn bad_heaplimit_is_an_error() {
        let mut x = XOptions::default();
        assert!(x.add("heaplimit=lots").is_err());
        assert!(x.add("heaplimit").is_err());
        assert!(x.add("heaplimit=8M").is_ok());
        assert_eq!(x.heaplimit, Some(8 << 20));
        assert!(x.add("dev").is_ok());
        assert_eq!(x.raw.len(), 2);
    }
}
