//! Unit-wide constant pool: gives equal constants one id (CPython's
//! `c_const_cache` + `merge_consts_recursive`).
//!
//! Read [`ConstPool::intern`] first. Invariant: `ids[key]` is assigned once;
//! tuple/frozenset elements are interned before their container, so shared
//! elements carry the same ids everywhere.

use std::collections::HashMap;

use crate::bytecode::CodeUnit;
use crate::constant::{ConstKey, ConstValue, Constant};
use crate::fold::FoldVal;

/// The pool of one compilation unit.
#[derive(Debug, Default)]
pub struct ConstPool {
    ids: HashMap<ConstKey, u32>,
    next: u32,
    /// See `CodeUnit::arena_extra`.
    pub arena_extra: Vec<(u32, u32)>,
}

impl ConstPool {
    /// Number of ids handed out so far.
    pub fn count(&self) -> u32 {
        self.next
    }

    fn fresh(&mut self) -> u32 {
        let id = self.next;
        self.next += 1;
        id
    }

    /// The constant (with its unit-wide id) for a folded value.
    pub fn intern(&mut self, v: &FoldVal) -> Constant {
        let value = match v {
            FoldVal::None => ConstValue::None,
            FoldVal::Bool(b) => ConstValue::Bool(*b),
            FoldVal::Int(i) => ConstValue::Int(i.clone()),
            FoldVal::Float(f) => ConstValue::Float(*f),
            FoldVal::Complex(re, im) => ConstValue::Complex { re: *re, im: *im },
            FoldVal::Str(s) => ConstValue::Str(s.clone()),
            FoldVal::Bytes(b) => ConstValue::Bytes(b.clone()),
            FoldVal::Tuple(items) => {
                ConstValue::Tuple(items.iter().map(|i| self.intern(i)).collect())
            }
            FoldVal::FrozenSet(items) => {
                ConstValue::FrozenSet(items.iter().map(|i| self.intern(i)).collect())
            }
            FoldVal::Ellipsis => ConstValue::Ellipsis,
        };
        let key = value.key(0);
        let id = match self.ids.get(&key) {
            Some(id) => *id,
            None => {
                let id = self.fresh();
                self.ids.insert(key, id);
                id
            }
        };
        Constant { id, value }
    }

    /// [`Self::intern`] for a value produced by `folds` identity-returning
    /// folds (see `fold::identity_folds`): when this is the constant's first
    /// occurrence, the arena's extra references are recorded.
    pub fn intern_folded(&mut self, v: &FoldVal, folds: u32) -> Constant {
        let before = self.next;
        let c = self.intern(v);
        if folds > 0 && c.id >= before {
            self.arena_extra.push((c.id, folds));
        }
        c
    }

    /// The constant tuple of already-interned constants (CFG-level
    /// `fold_tuple_on_constants`), merged with equal tuples of the unit.
    pub fn intern_tuple(&mut self, items: Vec<Constant>) -> Constant {
        let value = ConstValue::Tuple(items);
        let key = value.key(0);
        let id = match self.ids.get(&key) {
            Some(id) => *id,
            None => {
                let id = self.fresh();
                self.ids.insert(key, id);
                id
            }
        };
        Constant { id, value }
    }

    /// A code constant (never merged).
    pub fn code(&mut self, code: CodeUnit) -> Constant {
        Constant {
            id: self.fresh(),
            value: ConstValue::Code(Box::new(code)),
        }
    }
}

/// Sets `unit_const_count` on a code unit and all nested ones.
pub fn set_unit_count(code: &mut CodeUnit, count: u32) {
    code.unit_const_count = count;
    for c in &mut code.consts {
        if let ConstValue::Code(inner) = &mut c.value {
            set_unit_count(inner, count);
        }
    }
}
