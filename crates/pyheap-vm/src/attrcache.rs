//! Inline caches for instance attribute loads and stores: the counterpart of
//! CPython 3.11's specialised `LOAD_ATTR_INSTANCE_VALUE`, `LOAD_ATTR_SLOT`,
//! `STORE_ATTR_INSTANCE_VALUE` and `STORE_ATTR_SLOT` instructions.
//!
//! Read [`load`] first, then [`fill_load`]; [`store`]/[`fill_store`] mirror
//! them. Each code object carries one [`Entry`] per name for loads and one
//! for stores (`CodeObj::attr_cache`), so every `LOAD_ATTR`/`STORE_ATTR` of
//! the same name in one code object shares it.
//!
//! Invariants:
//! - an entry is filled only right after the generic path
//!   ([`crate::attr::getattr`] / [`crate::attr::setattr`]) has read or
//!   written the attribute in the instance's own storage — its managed
//!   values (slot index of the class's shared keys) or a `__slots__`
//!   member — for a heap type whose lookup found nothing that could
//!   intercept it: no Python `__getattribute__` (loads) or `__setattr__`
//!   (stores), no payload dict (functions, modules, exceptions), and for
//!   values no class attribute of that name anywhere on the MRO;
//! - everything those conditions read from types is fixed by the pair
//!   (type tag, type-cache epoch): tags are never reused and the epoch is
//!   bumped on any change to any class namespace or MRO
//!   ([`crate::typecache::invalidate`]), and a class's shared keys only
//!   grow, so a key keeps its index while the epoch holds;
//! - a hit re-checks what belongs to the instance (its type's tag, no
//!   materialised `__dict__`, the slot holding a value; for a store into an
//!   empty value slot, that no later slot is set) and otherwise falls back
//!   to the generic path, which is the only one that raises or calls Python.
//!
//! Each entry has two ways (two classes per name and code object).
//! Entries hold no references, so a cache never keeps anything alive.

use std::cell::Cell;

use crate::objects::instance;
use crate::rt::Obj;
use crate::types::tdata;

/// Where an attribute lives in instances of the cached type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Place {
    /// Managed values slot `i` (the class's shared-keys index).
    Value(u32),
    /// `__slots__` member item `i`.
    Slot(u32),
}

/// One remembered type: valid while `tag` is the instance type's tag and
/// `epoch` the type cache's epoch.
struct Way {
    tag: Cell<u64>,
    epoch: Cell<u64>,
    place: Cell<Place>,
}

impl Way {
    fn new() -> Way {
        Way {
            tag: Cell::new(0),
            epoch: Cell::new(0),
            place: Cell::new(Place::Value(0)),
        }
    }

    #[inline]
    fn valid(&self, epoch: u64) -> bool {
        self.tag.get() != 0 && self.epoch.get() == epoch
    }
}

/// One cache line: two ways, so that a name read on instances of two
/// classes in the same code object (`p.x` and `q.x`) hits for both.
pub struct Entry {
    ways: [Way; 2],
}

impl Entry {
    pub fn new() -> Entry {
        Entry {
            ways: [Way::new(), Way::new()],
        }
    }

    /// The cached place when a way is valid for `o`'s type.
    #[inline]
    fn place_for(&self, o: &Obj) -> Option<Place> {
        let epoch = crate::typecache::epoch();
        if !self.ways.iter().any(|w| w.valid(epoch)) {
            return None;
        }
        let ty = o.type_ref();
        let tag = tdata(&ty).tag.get();
        self.ways
            .iter()
            .find(|w| w.tag.get() == tag && w.valid(epoch))
            .map(|w| w.place.get())
    }

    /// Records `place` for `o`'s type: in the way already holding the type,
    /// else in way 0, the previous way 0 moving to way 1 when still valid.
    fn set(&self, o: &Obj, place: Place) {
        let ty = o.type_ref();
        let tag = tdata(&ty).tag.get();
        let epoch = crate::typecache::epoch();
        let [w0, w1] = &self.ways;
        let way = if w1.tag.get() == tag {
            w1
        } else {
            if w0.tag.get() != tag && w0.valid(epoch) {
                w1.tag.set(w0.tag.get());
                w1.epoch.set(w0.epoch.get());
                w1.place.set(w0.place.get());
            }
            w0
        };
        way.tag.set(tag);
        way.epoch.set(epoch);
        way.place.set(place);
    }
}

impl Default for Entry {
    fn default() -> Self {
        Entry::new()
    }
}

/// The cache lines of a code object: loads then stores, one per name.
pub fn new_lines(nnames: usize) -> Box<[Entry]> {
    (0..2 * nnames).map(|_| Entry::new()).collect()
}

/// The attribute through a valid entry, or None (take the generic path).
#[inline]
pub fn load(e: &Entry, o: &Obj) -> Option<Obj> {
    match e.place_for(o)? {
        Place::Value(i) => {
            if o.managed_dict_peek().is_some() {
                return None;
            }
            o.managed_value(i as usize)
        }
        Place::Slot(i) => o.items::<instance::SlotsObj>().get(i as usize)?.get(),
    }
}

/// Records where the generic path found `v` = `o.<name>`, when the
/// conditions of the module invariant hold.
pub fn fill_load(e: &Entry, o: &Obj, name: &Obj, v: &Obj) {
    if let Some(place) = own_place(o, name, v, &crate::typecache::names().getattribute) {
        e.set(o, place);
    }
}

/// Stores `v` through a valid entry; gives `v` back when the generic path
/// must do it.
#[inline]
pub fn store(e: &Entry, o: &Obj, v: Obj) -> Result<(), Obj> {
    let Some(place) = e.place_for(o) else {
        return Err(v);
    };
    match place {
        Place::Value(i) => {
            let i = i as usize;
            if o.managed_dict_peek().is_some()
                || (o.managed_value_peek(i).is_none() && instance::later_value_set(o, i))
            {
                return Err(v);
            }
            match o.set_managed_value(i, Some(v)) {
                Ok(old) => {
                    drop(old);
                    Ok(())
                }
                Err(v) => Err(v.unwrap_or_else(crate::types::none)),
            }
        }
        Place::Slot(i) => match o.items::<instance::SlotsObj>().get(i as usize) {
            Some(slot) => {
                drop(slot.replace(Some(v)));
                Ok(())
            }
            None => Err(v),
        },
    }
}

/// [`fill_load`] for a store of `v` that the generic path just did.
pub fn fill_store(e: &Entry, o: &Obj, name: &Obj, v: &Obj) {
    if let Some(place) = own_place(o, name, v, &crate::typecache::names().setattr) {
        e.set(o, place);
    }
}

/// Where `o.<name>` is stored in `o` itself, provided it now holds `v`, the
/// type is a heap type whose `hook` (`__getattribute__`/`__setattr__`) is
/// not a Python function, and nothing on the type can intercept `name`.
fn own_place(o: &Obj, name: &Obj, v: &Obj, hook: &Obj) -> Option<Place> {
    let ty = o.type_ref();
    if !crate::types::is_heap_type(&ty)
        || crate::types::is_type(o)
        || crate::attr::has_payload_dict_slot(o)
        || crate::typecache::lookup_kind(&ty, hook) == crate::typecache::Kind::Function
        || !name.has_type(&crate::types::t().str_)
    {
        return None;
    }
    match crate::typecache::lookup(&ty, name) {
        None => {
            if o.managed_dict_peek().is_some() {
                return None;
            }
            let i = instance::key_index_obj(o, name)?;
            (o.managed_value_peek(i)? == v.ptr())
                .then(|| Some(Place::Value(u32::try_from(i).ok()?)))
                .flatten()
        }
        Some(d) => {
            let g = d.payload::<crate::objects::func::GetSetObj>()?;
            if !g.member {
                return None;
            }
            let i = crate::attr::slot_member_index(o, g.name)?;
            let slot = o.items::<instance::SlotsObj>().get(i)?;
            (slot.peek()? == v.ptr())
                .then(|| Some(Place::Slot(u32::try_from(i).ok()?)))
                .flatten()
        }
    }
}
