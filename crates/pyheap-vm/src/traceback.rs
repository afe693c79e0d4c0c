//! Traceback and frame objects, and CPython 3.11's traceback printing
//! (`Traceback (most recent call last):`, source lines, `^^^^` markers,
//! chained exceptions).
//!
//! Read [`add_frame_entry`] and [`print_exception`] first. A traceback
//! entry holds the frame's one frame object (`crate::frame_objects`); when
//! that frame exits the frame object takes over its fast locals, so a
//! traceback keeps the locals alive as in CPython.

use std::cell::Cell;

use pyheap_mem::{new_object, ObjPtr, Payload, Slot, TypeSlots};

use crate::code::co;
use crate::eval::Frame;
pub use crate::frame_objects::{
    frame_clear, frame_exit, frame_object, frame_traverse, getframe, set_frame_payload, FrameObj,
};
use crate::rt::Obj;
use crate::types::{t, tdata};

pub struct TracebackObj {
    pub next: Slot,
    pub frame: Slot,
    pub lasti: Cell<usize>,
    pub lineno: Cell<i64>,
}

impl Payload for TracebackObj {
    type Item = pyheap_mem::typed::NoItems;
}

pub fn set_tb_payload(s: &TypeSlots) -> bool {
    pyheap_mem::set_payload::<TracebackObj>(s, 16)
}

pub fn tb_traverse(o: &Obj, visit: &mut dyn FnMut(ObjPtr)) {
    if let Some(tb) = o.payload::<TracebackObj>() {
        for s in [&tb.next, &tb.frame] {
            if let Some(p) = s.peek() {
                visit(p);
            }
        }
    }
}

pub fn tb_clear(o: &Obj) {
    if let Some(tb) = o.payload::<TracebackObj>() {
        drop((tb.next.take(), tb.frame.take()));
    }
}

/// Adds a traceback entry for `frame` to `exc` and sets `__context__`.
pub fn add_frame_entry(frame: &mut Frame, exc: &Obj) {
    let Some(e) = crate::exc::ep(exc) else { return };
    if e.context.peek().is_none() {
        if let Some(cur) = crate::rt::current_exc() {
            if !cur.is(exc) && !chain_contains(&cur, exc) {
                e.context.set(Some(cur));
            }
        }
    }
    let fo = frame_object(frame);
    let line = co(&frame.code)
        .and_then(|c| c.unit.locations.get(frame.lasti).map(|l| l.line as i64))
        .unwrap_or(0);
    let tb = new_object(
        &t().traceback,
        TracebackObj {
            next: Slot::new(e.traceback.get()),
            frame: Slot::new(Some(fo)),
            lasti: Cell::new(frame.lasti),
            lineno: Cell::new(line),
        },
        0,
    )
    .unwrap_or_else(|_| crate::exc::memory_error_obj());
    crate::gcapi::track(&tb);
    e.traceback.set(Some(tb));
}

fn chain_contains(start: &Obj, target: &Obj) -> bool {
    let mut cur = crate::exc::ep(start).and_then(|e| e.context.get());
    let mut n = 0;
    while let Some(c) = cur {
        if c.is(target) {
            // break the cycle as CPython does
            if let Some(e) = crate::exc::ep(start) {
                let _ = e;
            }
            return true;
        }
        n += 1;
        if n > 1000 {
            break;
        }
        cur = crate::exc::ep(&c).and_then(|e| e.context.get());
    }
    false
}

/// Renders one exception (with its chain) as CPython 3.11 prints it.
pub fn format_exception(exc: &Obj) -> String {
    let mut out = String::new();
    let mut ctx = PrintCtx::default();
    format_chain(exc, &mut out, &mut ctx);
    out
}

/// CPython's `_ExceptionPrintContext`: exception groups are printed nested,
/// each level indented by two columns with a `| ` margin.
#[derive(Default)]
struct PrintCtx {
    seen: Vec<usize>,
    depth: usize,
    need_close: bool,
}

/// `max_group_width` / `max_group_depth` of the default printer.
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

impl PrintCtx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Appends `text` with every line prefixed by the indent and margin.
    fn emit(&self, out: &mut String, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

fn format_chain(exc: &Obj, out: &mut String, ctx: &mut PrintCtx) {
    ctx.seen.push(exc.addr());
    if let Some(e) = crate::exc::ep(exc) {
        if let Some(cause) = e.cause.get() {
            if !ctx.seen.contains(&cause.addr()) {
                format_chain(&cause, out, ctx);
                ctx.emit(
                    out,
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                    '|',
                );
            }
        } else if !e.suppress_context.get() {
            if let Some(c) = e.context.get() {
                if !ctx.seen.contains(&c.addr()) {
                    format_chain(&c, out, ctx);
                    ctx.emit(
                        out,
                        "\nDuring handling of the above exception, another exception occurred:\n\n",
                        '|',
                    );
                }
            }
        }
    }
    format_one(exc, out, ctx);
}

fn format_one(exc: &Obj, out: &mut String, ctx: &mut PrintCtx) {
    let tb = crate::exc::ep(exc).and_then(|e| e.traceback.get());
    if !crate::exc_group::is_group(exc) {
        if let Some(tb) = tb {
            ctx.emit(out, "Traceback (most recent call last):\n", '|');
            let mut s = String::new();
            format_tb(&tb, &mut s);
            ctx.emit(out, &s, '|');
        }
        ctx.emit(out, &exception_only(exc), '|');
        return;
    }
    if ctx.depth > MAX_GROUP_DEPTH {
        ctx.emit(
            out,
            &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
            '|',
        );
        return;
    }
    let toplevel = ctx.depth == 0;
    if toplevel {
        ctx.depth += 1;
    }
    if let Some(tb) = tb {
        let margin = if toplevel { '+' } else { '|' };
        ctx.emit(
            out,
            "Exception Group Traceback (most recent call last):\n",
            margin,
        );
        let mut s = String::new();
        format_tb(&tb, &mut s);
        ctx.emit(out, &s, '|');
    }
    ctx.emit(out, &exception_only(exc), '|');
    let excs = crate::exc_group::exceptions(exc);
    let n = excs.len().min(MAX_GROUP_WIDTH + 1);
    ctx.need_close = false;
    for i in 0..n {
        let last = i + 1 == n;
        if last {
            ctx.need_close = true;
        }
        let truncated = i >= MAX_GROUP_WIDTH;
        let title = if truncated {
            "...".to_string()
        } else {
            (i + 1).to_string()
        };
        out.push_str(&format!(
            "{}{}+---------------- {title} ----------------\n",
            ctx.indent(),
            if i == 0 { "+-" } else { "  " }
        ));
        ctx.depth += 1;
        if truncated {
            let remaining = excs.len() - MAX_GROUP_WIDTH;
            let plural = if remaining > 1 { "s" } else { "" };
            ctx.emit(
                out,
                &format!("and {remaining} more exception{plural}\n"),
                '|',
            );
        } else {
            format_chain(&excs[i], out, ctx);
        }
        if last && ctx.need_close {
            out.push_str(&format!(
                "{}+------------------------------------\n",
                ctx.indent()
            ));
            ctx.need_close = false;
        }
        ctx.depth -= 1;
    }
    if toplevel {
        ctx.depth = 0;
    }
}

/// The `  File ...` lines of a traceback chain.
pub fn format_tb(tb: &Obj, out: &mut String) {
    let mut cur = Some(tb.clone());
    let mut last: Option<(String, i64, String)> = None;
    let mut repeat = 0;
    while let Some(tb) = cur {
        let Some(t) = tb.payload::<TracebackObj>() else {
            break;
        };
        let frame = t.frame.get();
        let code = frame
            .as_ref()
            .and_then(|f| f.payload::<FrameObj>())
            .and_then(|f| f.code.get());
        if let Some(code) = code
            .as_ref()
            .and_then(|c| co(c).map(|x| (c.clone(), x.unit.clone())))
        {
            let (_, unit) = code;
            let key = (unit.filename.clone(), t.lineno.get(), unit.name.clone());
            if last.as_ref() == Some(&key) {
                repeat += 1;
            } else {
                flush_repeat(out, repeat);
                repeat = 0;
                last = Some(key);
            }
            if repeat < 3 {
                out.push_str(&format!(
                    "  File \"{}\", line {}, in {}\n",
                    unit.filename,
                    t.lineno.get(),
                    unit.name
                ));
                if let Some(src) = crate::rt::source_line(&unit.filename, t.lineno.get() as u32) {
                    let stripped = src.trim();
                    if !stripped.is_empty() {
                        out.push_str(&format!("    {stripped}\n"));
                        if let Some(loc) = unit.locations.get(t.lasti.get()) {
                            let kind = unit.instructions.get(t.lasti.get()).copied();
                            if let Some(m) = markers(&src, loc, kind) {
                                out.push_str(&m);
                            }
                        }
                    }
                }
            }
        }
        cur = t.next.get();
    }
    flush_repeat(out, repeat);
}

fn flush_repeat(out: &mut String, repeat: usize) {
    if repeat >= 3 {
        let n = repeat - 2;
        out.push_str(&format!(
            "  [Previous line repeated {} more time{}]\n",
            n,
            if n == 1 { "" } else { "s" }
        ));
    }
}

/// 3.11's `^^^^` line: printed only when the instruction's range does not
/// cover the whole (stripped) line and is on one line.
fn markers(
    line: &str,
    loc: &pyheap_compiler::bytecode::Location,
    kind: Option<pyheap_compiler::Instruction>,
) -> Option<String> {
    if loc.line == 0 || loc.end_line != loc.line {
        return None;
    }
    let bytes = line.as_bytes();
    let (sc, ec) = (loc.col as usize, loc.end_col as usize);
    if sc >= ec || ec > bytes.len() {
        return None;
    }
    let segment = line.get(sc..ec)?;
    let anchors = match kind {
        Some(pyheap_compiler::Instruction::BinaryOp(_)) => binop_anchors(segment),
        // CPython parses the segment: a subscript expression gets anchors
        // whether it is read, assigned or deleted.
        Some(
            pyheap_compiler::Instruction::BinarySubscr
            | pyheap_compiler::Instruction::StoreSubscr
            | pyheap_compiler::Instruction::DeleteSubscr,
        ) => subscr_anchors(segment),
        _ => None,
    };
    let lead = line.len() - line.trim_start().len();
    let trail_end = line.trim_end().len();
    let width = segment.chars().count();
    let whole = sc <= lead && ec >= trail_end;
    let anchored = anchors.is_some_and(|(l, r)| r - l < width);
    if whole && !anchored {
        return None;
    }
    let pre = line.get(lead..sc)?.chars().count();
    let marks: String = match anchors {
        Some((l, r)) => (0..width)
            .map(|i| if (l..r).contains(&i) { '^' } else { '~' })
            .collect(),
        None => "^".repeat(width),
    };
    Some(format!("    {}{}\n", " ".repeat(pre), marks))
}

/// Characters of `s` with bracket depth and string state: indices (in
/// chars) of top-level positions.
fn top_level(s: &[char]) -> Vec<bool> {
    let mut out = vec![false; s.len()];
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        match quote {
            Some(q) => {
                if c == '\\' {
                    i += 1;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                _ => out[i] = depth == 0,
            },
        }
        i += 1;
    }
    out
}

/// 3.11's anchors for a binary operation: the operator token.
fn binop_anchors(seg: &str) -> Option<(usize, usize)> {
    let s: Vec<char> = seg.chars().collect();
    let top = top_level(&s);
    let levels: &[&[&str]] = &[
        &["|"],
        &["^"],
        &["&"],
        &["<<", ">>"],
        &["+", "-"],
        &["*", "@", "//", "/", "%"],
        &["**"],
    ];
    for (lvl, ops) in levels.iter().enumerate() {
        let mut found = None;
        let mut i = 1;
        while i < s.len() {
            if top[i] {
                for op in ops.iter() {
                    let oc: Vec<char> = op.chars().collect();
                    if s[i..].starts_with(&oc) {
                        // skip parts of longer operators and unary signs
                        let prev = s[..i].iter().rev().find(|c| !c.is_whitespace()).copied();
                        let next = s.get(i + oc.len()).copied();
                        let longer = matches!(
                            (*op, next),
                            ("*", Some('*'))
                                | ("/", Some('/'))
                                | ("<", Some('<'))
                                | (">", Some('>'))
                        ) || (i > 0
                            && matches!((*op, s[i - 1]), ("*", '*') | ("/", '/')));
                        let unary = matches!(
                            prev,
                            None | Some(
                                '+' | '-'
                                    | '*'
                                    | '/'
                                    | '%'
                                    | '@'
                                    | '&'
                                    | '|'
                                    | '^'
                                    | '('
                                    | ','
                                    | '='
                            )
                        );
                        let augmented = lvl < 6 && op.len() == 1 && next == Some('=');
                        if !longer && !unary && !augmented {
                            found = Some((i, oc.len()));
                            if lvl == 6 {
                                break;
                            }
                        }
                    }
                }
                if lvl == 6 && found.is_some() {
                    break;
                }
            }
            i += 1;
        }
        if let Some((i, n)) = found {
            return Some((i, i + n));
        }
    }
    None
}

/// 3.11's anchors for a subscript: from the final top-level `[` to the end.
fn subscr_anchors(seg: &str) -> Option<(usize, usize)> {
    let s: Vec<char> = seg.chars().collect();
    let mut depth = 0;
    for i in (0..s.len()).rev() {
        match s[i] {
            ']' | ')' | '}' => depth += 1,
            '[' | '(' | '{' => {
                depth -= 1;
                if depth == 0 && s[i] == '[' {
                    return Some((i, s.len()));
                }
            }
            _ => {}
        }
    }
    None
}

/// `ExcType: message` (the last line).
pub fn exception_only(exc: &Obj) -> String {
    let ty = exc.type_ref();
    let module = crate::typeobj::type_module_name(&ty);
    let qual = tdata(&ty).qualname.borrow().clone();
    let name = if module == "builtins" || module == "__main__" {
        qual
    } else {
        format!("{module}.{qual}")
    };
    if crate::types::isinstance(exc, &t().syntax_error) {
        return syntax_error_text(exc, &name);
    }
    let msg = match crate::ops::str_string(exc) {
        Ok(s) => s,
        Err(_) => "<exception str() failed>".to_string(),
    };
    let mut text = if msg.is_empty() {
        format!("{name}\n")
    } else {
        format!("{name}: {msg}\n")
    };
    append_notes(exc, &mut text);
    text
}

/// The `__notes__` lines printed after the message (3.11).
fn append_notes(exc: &Obj, out: &mut String) {
    let Some(notes) = crate::objects::dict::get_str(&crate::exc::exc_dict(exc), "__notes__") else {
        return;
    };
    match crate::ops::to_vec(&notes) {
        Ok(items) if !crate::objects::str::is_str(&notes) => {
            for n in items {
                let line = if crate::objects::str::is_str(&n) {
                    crate::ops::str_string(&n).unwrap_or_default()
                } else {
                    crate::ops::str_string(&n).unwrap_or_else(|_| "<note str() failed>".to_string())
                };
                out.push_str(&line);
                out.push('\n');
            }
        }
        _ => {
            let r = crate::ops::repr_string(&notes)
                .unwrap_or_else(|_| "<__notes__ repr() failed>".to_string());
            out.push_str(&r);
            out.push('\n');
        }
    }
}

fn syntax_error_text(exc: &Obj, name: &str) -> String {
    let d = crate::exc::exc_dict(exc);
    let get = |k: &str| crate::objects::dict::get_str(&d, k);
    let s = |o: Option<Obj>| o.and_then(|x| crate::objects::str::as_str(&x).map(|s| s.to_string()));
    let i = |o: Option<Obj>| o.and_then(|x| crate::objects::int::as_i64(&x));
    let msg = s(get("msg")).unwrap_or_default();
    let mut out = String::new();
    if let (Some(f), Some(l)) = (s(get("filename")), i(get("lineno"))) {
        out.push_str(&format!("  File \"{f}\", line {l}\n"));
        if let Some(text) = s(get("text")) {
            let text = text.trim_end_matches('\n');
            let stripped = text.trim_start();
            let lead = text.chars().count() - stripped.chars().count();
            out.push_str(&format!("    {}\n", stripped.trim_end()));
            // No caret when it would point into the stripped indentation.
            if let Some(off) = i(get("offset")).filter(|o| *o > lead as i64) {
                let end = i(get("end_offset")).unwrap_or(off);
                let endl = i(get("end_lineno")).unwrap_or(l);
                let mut start = (off as usize).saturating_sub(1).saturating_sub(lead);
                let mut width = if endl == l && end > off {
                    (end - off) as usize
                } else {
                    1
                };
                // CPython clamps a caret beyond the text (in bytes) to its end.
                if start > stripped.len() {
                    start = stripped.len();
                    width = 1;
                }
                out.push_str(&format!("    {}{}\n", " ".repeat(start), "^".repeat(width)));
            }
        }
    }
    out.push_str(&format!("{name}: {msg}\n"));
    out
}

/// Prints an uncaught exception to stderr.
pub fn print_exception(exc: &Obj) {
    let text = format_exception(exc);
    crate::modules::sys::write_stderr(&text);
}
