//! Debug output (`gc.set_debug`) and list validation.
//!
//! [`validate_list`] checks a list's links and flags; the collector calls
//! it between phases in debug builds (it is a no-op in release builds).
//! [`validate`] checks every generation and is public for tests.

use super::lists::{Link, PREV_MASK};
use super::objects::borrowed;
use super::state::{state, NUM_GENERATIONS};

/// `show_stats_each_generations`.
pub(crate) fn show_stats_each_generations() {
    let st = state();
    let mut line = String::from("gc: objects in each generation:");
    for i in 0..NUM_GENERATIONS {
        line.push_str(&format!(" {}", super::lists::gc_list_size(st.gen_head(i))));
    }
    line.push_str(&format!(
        "\ngc: objects in permanent generation: {}\n",
        super::lists::gc_list_size(st.gen_head(NUM_GENERATIONS))
    ));
    (st.hooks().write_stderr)(&line);
}

/// `debug_cycle`: `gc: <msg> <TYPE 0xADDR>`.
pub(crate) fn debug_cycle(msg: &str, g: Link) {
    let st = state();
    // SAFETY: g is a member of a collector list, so its object is alive.
    let r = unsafe { borrowed(g.obj()) };
    let text = format!("gc: {msg} <{}>\n", (st.hooks().describe)(&r));
    (st.hooks().write_stderr)(&text);
}

/// Checks that `head` is a well-formed circular list and, when given, that
/// every member's COLLECTING and UNREACHABLE bits have the expected value.
/// Panics on a violation. Only active with `debug_assertions`.
pub(crate) fn validate_list(head: Link, collecting: Option<bool>, unreachable: Option<bool>) {
    if cfg!(debug_assertions) {
        if let Err(e) = check_list(head, collecting, unreachable) {
            panic!("GC list invariant broken: {e}");
        }
    }
}

fn check_list(
    head: Link,
    collecting: Option<bool>,
    unreachable: Option<bool>,
) -> Result<usize, String> {
    let mut prev = head;
    let mut n = 0usize;
    let mut g = head.next_unmasked();
    while g != head {
        if g.prev_word() & PREV_MASK != prev.word() {
            return Err(format!(
                "node #{n}: prev link does not point at the previous node"
            ));
        }
        if let Some(c) = collecting {
            if g.is_collecting() != c {
                return Err(format!(
                    "node #{n}: COLLECTING is {} (expected {c})",
                    g.is_collecting()
                ));
            }
        }
        if let Some(u) = unreachable {
            if g.is_unreachable() != u {
                return Err(format!(
                    "node #{n}: UNREACHABLE is {} (expected {u})",
                    g.is_unreachable()
                ));
            }
        }
        if g.next_word() == 0 {
            return Err(format!("node #{n}: member with next == 0 (untracked)"));
        }
        prev = g;
        g = g.next_unmasked();
        n += 1;
    }
    if head.prev_word() & PREV_MASK != prev.word() {
        return Err("head's prev is not the last node".into());
    }
    Ok(n)
}

/// Checks every generation list (and the permanent one) outside a
/// collection: well-formed, no COLLECTING or UNREACHABLE bits. Returns the
/// number of tracked objects, or a description of the first violation.
pub fn validate() -> Result<usize, String> {
    let st = state();
    let mut total = 0;
    for i in 0..=NUM_GENERATIONS {
        total += check_list(st.gen_head(i), Some(false), Some(false))
            .map_err(|e| format!("generation {i}: {e}"))?;
    }
    Ok(total)
}
