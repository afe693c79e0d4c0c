//! `repr`, `hash`, `==` and `len` for the smaller builtin kinds (functions,
//! methods, modules, ranges, slices, views, code, cells, generators).

use crate::objects::func::{BoundObj, BuiltinObj, CellObj, DescrObj, FuncObj};
use crate::objects::misc::oneref;
use crate::objects::{dict, int, str as pstr};
use crate::ops::{self, CmpOp};
use crate::rt::{Obj, PyResult};
use crate::types::{t, tdata, tname, type_name};

fn s_of(o: Option<Obj>) -> String {
    o.and_then(|x| pstr::as_str(&x).map(|s| s.to_string()))
        .unwrap_or_default()
}

pub fn misc_repr(o: &Obj) -> PyResult<Option<String>> {
    let tt = t();
    if let Some(r) = crate::objects::memoryview::repr(o) {
        return Ok(Some(r));
    }
    if let Some(r) = crate::objects::generic_alias::repr(o) {
        return r.map(Some);
    }
    if let Some(r) = crate::objects::union_type::repr(o) {
        return r.map(Some);
    }
    if o.is(&tt.not_implemented) {
        return Ok(Some("NotImplemented".into()));
    }
    if o.is(&tt.ellipsis) {
        return Ok(Some("Ellipsis".into()));
    }
    if let Some(f) = o.payload::<FuncObj>() {
        return Ok(Some(format!(
            "<function {} at {:#x}>",
            s_of(f.qualname.get()),
            o.addr()
        )));
    }
    if let Some(b) = o.payload::<BuiltinObj>() {
        return Ok(Some(match b.self_.get() {
            Some(s) if crate::objects::misc::module_dict(&s).is_none() => {
                if crate::types::is_type(&s) {
                    format!(
                        "<built-in method {} of type object at {:#x}>",
                        b.def.name,
                        s.addr()
                    )
                } else {
                    format!(
                        "<built-in method {} of {} object at {:#x}>",
                        b.def.name,
                        tname(&s),
                        s.addr()
                    )
                }
            }
            _ => format!("<built-in function {}>", b.def.name),
        }));
    }
    if let Some((def, _, s)) = crate::objects::func::method_wrapper_parts(o) {
        return Ok(Some(format!(
            "<method-wrapper '{}' of {} object at {:#x}>",
            def.name,
            tname(&s),
            s.addr()
        )));
    }
    if let Some(d) = o.payload::<DescrObj>() {
        let owner = d.owner.get().map(|x| type_name(&x)).unwrap_or_default();
        let kind = if crate::objects::func::is_wrapper_descr(o) {
            "slot wrapper"
        } else {
            "method"
        };
        return Ok(Some(format!(
            "<{kind} '{}' of '{}' objects>",
            d.def.name, owner
        )));
    }
    if let Some(g) = o.payload::<crate::objects::func::GetSetObj>() {
        let owner = g.owner.get().map(|x| type_name(&x)).unwrap_or_default();
        return Ok(Some(format!(
            "<attribute '{}' of '{}' objects>",
            g.name, owner
        )));
    }
    if let Some(m) = o.payload::<BoundObj>() {
        let (Some(f), Some(s)) = (m.func.get(), m.self_.get()) else {
            return Ok(None);
        };
        let fname = match crate::attr::getattr_opt(&f, "__qualname__")? {
            Some(q) => s_of(Some(q)),
            None => "?".into(),
        };
        return Ok(Some(format!(
            "<bound method {} of {}>",
            fname,
            ops::repr_string(&s)?
        )));
    }
    if let Some(d) = crate::objects::misc::module_dict(o) {
        let name = s_of(dict::get_str(&d, "__name__"));
        return Ok(Some(match dict::get_str(&d, "__file__") {
            Some(f) if pstr::is_str(&f) => format!("<module '{}' from '{}'>", name, s_of(Some(f))),
            _ => format!("<module '{name}' (built-in)>"),
        }));
    }
    if o.has_type(&tt.range) {
        let (a, b, c, _) = crate::seq::range_parts(o);
        let step1 = int::as_i64(&c) == Some(1);
        return Ok(Some(if step1 {
            format!(
                "range({}, {})",
                ops::repr_string(&a)?,
                ops::repr_string(&b)?
            )
        } else {
            format!(
                "range({}, {}, {})",
                ops::repr_string(&a)?,
                ops::repr_string(&b)?,
                ops::repr_string(&c)?
            )
        }));
    }
    if let Some(s) = o.payload::<crate::objects::misc::SliceObj>() {
        let r = |x: Option<Obj>| ops::repr_string(&x.unwrap_or_else(crate::types::none));
        return Ok(Some(format!(
            "slice({}, {}, {})",
            r(s.start.get())?,
            r(s.stop.get())?,
            r(s.step.get())?
        )));
    }
    if let Some(c) = crate::code::co(o) {
        return Ok(Some(format!(
            "<code object {} at {:#x}, file \"{}\", line {}>",
            c.unit.name,
            o.addr(),
            c.unit.filename,
            c.unit.first_line
        )));
    }
    if let Some(c) = o.payload::<CellObj>() {
        return Ok(Some(match c.v.get() {
            Some(v) => format!(
                "<cell at {:#x}: {} object at {:#x}>",
                o.addr(),
                tname(&v),
                v.addr()
            ),
            None => format!("<cell at {:#x}: empty>", o.addr()),
        }));
    }
    if let Some(g) = o.payload::<crate::gen::GenObj>() {
        return Ok(Some(format!(
            "<{} object {} at {:#x}>",
            crate::types::tname(o),
            s_of(g.qualname.get()),
            o.addr()
        )));
    }
    for (ty, name) in [
        (&tt.dict_keys, "dict_keys"),
        (&tt.dict_values, "dict_values"),
        (&tt.dict_items, "dict_items"),
    ] {
        if o.has_type(ty) {
            let items = ops::to_vec(o)?;
            let l = crate::objects::list::new_list(items);
            return Ok(Some(format!("{}({})", name, ops::repr_string(&l)?)));
        }
    }
    if o.has_type(&tt.mappingproxy) {
        let m = oneref(o).unwrap_or_else(dict::new_dict);
        return Ok(Some(format!("mappingproxy({})", ops::repr_string(&m)?)));
    }
    if o.has_type(&tt.simple_namespace) {
        let d = oneref(o).unwrap_or_else(dict::new_dict);
        let mut parts = Vec::new();
        for (k, v) in dict::items(&d) {
            parts.push(format!("{}={}", s_of(Some(k)), ops::repr_string(&v)?));
        }
        return Ok(Some(format!("namespace({})", parts.join(", "))));
    }
    if o.payload::<crate::objects::func::PropertyObj>().is_some() {
        return Ok(Some(format!("<property object at {:#x}>", o.addr())));
    }
    if let Some(w) = o.payload::<crate::objects::func::WrapObj>() {
        let inner = ops::repr_string(&w.callable.get().unwrap_or_else(crate::types::none))?;
        return Ok(Some(format!("<{}({})>", tname(o), inner)));
    }
    if let Some(f) = o.payload::<crate::traceback::FrameObj>() {
        let code = f.code.get();
        let (file, name, line) = code
            .as_ref()
            .and_then(|c| crate::code::co(c))
            .map(|c| {
                let lasti = crate::frames::live_lasti(o).unwrap_or(f.lasti.get());
                let line = c.unit.locations.get(lasti).map_or(0, |l| l.line);
                (c.unit.filename.clone(), c.unit.name.clone(), line)
            })
            .unwrap_or_default();
        return Ok(Some(format!(
            "<frame at {:#x}, file '{}', line {}, code {}>",
            o.addr(),
            file,
            line,
            name
        )));
    }
    let _ = tdata;
    Ok(None)
}

pub fn misc_hash(o: &Obj) -> PyResult<Option<isize>> {
    if let Some(h) = crate::objects::memoryview::hash(o) {
        return h.map(Some);
    }
    if let Some(h) = crate::objects::generic_alias::hash(o) {
        return h.map(Some);
    }
    if let Some(h) = crate::objects::union_type::hash(o) {
        return h.map(Some);
    }
    if o.has_type(&t().range) {
        let (a, b, c, l) = crate::seq::range_parts(o);
        let tup = crate::objects::tuple::new_tuple(vec![l, a, c]);
        let _ = b;
        return ops::hash(&tup).map(Some);
    }
    if let Some(m) = o.payload::<BoundObj>() {
        let (Some(f), Some(s)) = (m.func.get(), m.self_.get()) else {
            return Ok(None);
        };
        return Ok(Some(ops::hash_pointer(&s) ^ ops::hash(&f)?));
    }
    if o.has_type(&t().dict_values) {
        return Ok(None);
    }
    Ok(None)
}

pub fn misc_compare(a: &Obj, b: &Obj, op: CmpOp) -> PyResult<Option<bool>> {
    let tt = t();
    if matches!(op, CmpOp::Eq | CmpOp::Ne) {
        if let Some(r) = crate::objects::memoryview::compare(a, b, op == CmpOp::Eq) {
            return r.map(Some);
        }
        if let Some(r) = crate::objects::generic_alias::compare(a, b, op) {
            return r.map(Some);
        }
        if let Some(r) = crate::objects::union_type::compare(a, b, op) {
            return r.map(Some);
        }
    }
    if a.has_type(&tt.range) && b.has_type(&tt.range) && matches!(op, CmpOp::Eq | CmpOp::Ne) {
        let (s1, _, st1, l1) = crate::seq::range_parts(a);
        let (s2, _, st2, l2) = crate::seq::range_parts(b);
        let same = if !ops::eq(&l1, &l2)? {
            false
        } else if int::as_i64(&l1) == Some(0) {
            true
        } else if !ops::eq(&s1, &s2)? {
            false
        } else {
            int::as_i64(&l1) == Some(1) || ops::eq(&st1, &st2)?
        };
        return Ok(Some(same == (op == CmpOp::Eq)));
    }
    if let (Some(x), Some(y)) = (a.payload::<BoundObj>(), b.payload::<BoundObj>()) {
        if matches!(op, CmpOp::Eq | CmpOp::Ne) {
            let same = match (x.self_.get(), y.self_.get(), x.func.get(), y.func.get()) {
                (Some(s1), Some(s2), Some(f1), Some(f2)) => s1.is(&s2) && ops::eq(&f1, &f2)?,
                _ => false,
            };
            return Ok(Some(same == (op == CmpOp::Eq)));
        }
    }
    let is_view = |o: &Obj| o.has_type(&tt.dict_keys) || o.has_type(&tt.dict_items);
    if (is_view(a) || crate::objects::set::is_anyset(a))
        && (is_view(b) || crate::objects::set::is_anyset(b))
        && (is_view(a) || is_view(b))
    {
        let sa = crate::objects::set::new_set();
        for x in ops::to_vec(a)? {
            crate::objects::set::add(&sa, x)?;
        }
        let sb = crate::objects::set::new_set();
        for x in ops::to_vec(b)? {
            crate::objects::set::add(&sb, x)?;
        }
        return ops::native_compare(&sa, &sb, op);
    }
    if a.has_type(&tt.simple_namespace)
        && b.has_type(&tt.simple_namespace)
        && matches!(op, CmpOp::Eq | CmpOp::Ne)
    {
        let (da, db) = (oneref(a), oneref(b));
        if let (Some(da), Some(db)) = (da, db) {
            return ops::native_compare(&da, &db, op);
        }
    }
    Ok(None)
}

pub fn misc_len(o: &Obj) -> PyResult<Option<usize>> {
    let tt = t();
    if let Some(n) = crate::objects::memoryview::len(o) {
        return n.map(Some);
    }
    if o.has_type(&tt.range) {
        let (_, _, _, l) = crate::seq::range_parts(o);
        return match int::as_i64(&l) {
            Some(n) => Ok(Some(n as usize)),
            None => Err(crate::exc::overflow(
                "Python int too large to convert to C ssize_t",
            )),
        };
    }
    if o.has_type(&tt.dict_keys)
        || o.has_type(&tt.dict_values)
        || o.has_type(&tt.dict_items)
        || o.has_type(&tt.mappingproxy)
    {
        let d = oneref(o).unwrap_or_else(dict::new_dict);
        return ops::len(&d).map(Some);
    }
    Ok(None)
}
