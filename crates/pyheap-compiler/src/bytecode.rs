//! The pyheap instruction set and the `CodeUnit` container.
//!
//! Read [`Instruction`] first: every variant documents its exact stack effect
//! and semantics. The machine is CPython 3.11's stack machine with two
//! deliberate simplifications:
//!
//! * **Exception handling uses a dynamic block stack** (3.10 style) instead of
//!   3.11's static exception table, but with 3.11's *single-value* exception
//!   protocol (`PushExcInfo`, `PopExcept`, `Reraise`, `CheckExcMatch`).
//!   See "Exception handling" below.
//! * **Cells are separate from fast locals** (3.10 style): fast slots index
//!   `varnames`; cell slots index `cellvars ++ freevars`.
//!
//! ## Notation
//! Stack effects are written `[before] -> [after]`, top of stack (TOS) on the
//! right. Every value on the value stack is a *strong* (owned) reference;
//! "pop" transfers that reference to the instruction, which must release it
//! (decref) when done unless it stores it somewhere. `NULL` is a distinct
//! stack marker that is not a Python object (pushed by `PushNull` and by
//! `LoadMethod`); it is only ever consumed by `Call`/`CallFunctionEx`.
//!
//! Jump targets are absolute indices into `CodeUnit::instructions`.
//!
//! ## Frames
//! A frame holds: fast locals (`varnames.len()` slots, initially empty),
//! cells (`cellvars.len() + freevars.len()` slots), the value stack, the block
//! stack, and (for module/class bodies and `exec`) a locals mapping plus the
//! globals dict and builtins.
//!
//! On entry: arguments are bound into fast slots `0..n` in `varnames` order
//! (positional, then keyword-only, then `*args` tuple if `CO_VARARGS`, then
//! `**kwargs` dict if `CO_VARKEYWORDS`). Then for each `i` in
//! `0..cellvars.len()` a new cell object is created; if `cell2arg[i]` is
//! `Some(a)`, the value in fast slot `a` is *moved* into the cell (the fast
//! slot becomes empty; the reference is transferred, no incref). Free-variable
//! cells `cellvars.len()..` are taken (incref'd) from the function's closure
//! tuple, in order.
//!
//! ## Exception handling
//! The frame owns a block stack of `(handler, level)` entries.
//! * `SetupFinally { target }` pushes `(target, current stack depth)`.
//! * `SetupWith { target }` pushes `(target, current stack depth - 1)`.
//! * `PopBlock` pops the top entry (no value-stack effect).
//!
//! When an exception `exc` is raised while executing an instruction of this
//! frame (including one that propagates out of a call), the VM first adds a
//! traceback entry for this frame at the faulting instruction's location
//! (unless the exception came from `Reraise`, which never adds one), then:
//! if the block stack is empty the frame is exited (stack cleared, blocks
//! cleared) and `exc` propagates to the caller; otherwise it pops the top
//! block `(handler, level)`, pops and releases values until the stack depth is
//! `level`, pushes `exc`, and continues at `handler`. A handler therefore
//! starts with `[... level items, exc]`. The "current exception" (what
//! `sys.exc_info()` reports) is *not* changed by the unwinding itself; the
//! handler code does it with `PushExcInfo` and undoes it with `PopExcept`.
//!
//! The compiler uses these sequences (`L` = stack depth before the `try`):
//!
//! ```text
//! try/except:                       try/finally:
//!   SetupFinally H                    SetupFinally F
//!   <body>                            <body>
//!   PopBlock                          PopBlock
//!   <else>; Jump END                  <finally body>; Jump END
//! H: [exc]                          F: [exc]
//!   SetupFinally CLEANUP  (level L+1)  SetupFinally CLEANUP
//!   PushExcInfo   [prev, exc]          PushExcInfo [prev, exc]
//!   <type>; CheckExcMatch              <finally body>
//!   PopJumpIfFalse NEXT                Reraise        -> CLEANUP
//!   PopTop (or store `as` name) [prev]
//!   <handler body>
//!   PopBlock; PopExcept; Jump END
//! NEXT: ... last: Reraise (-> CLEANUP)
//! CLEANUP: [prev, exc2]
//!   Swap 2; PopExcept; Reraise       (restore exc_info, propagate)
//! ```
//! NOTE: each handler's `SetupFinally CLEANUP` executes *before*
//! `PushExcInfo`, when the stack is `[..L, exc]`; its level `L+1` therefore
//! keeps exactly `prev` (which `PushExcInfo` inserts at slot `L`) when an
//! exception escapes the handler, so CLEANUP starts with `[..L, prev, exc2]`.
//!
//! `except E as e:` additionally wraps the handler body in its own
//! `SetupFinally` whose handler does `LoadConst None; Store e; Delete e;
//! Reraise`, and the normal path also does `LoadConst None; Store e;
//! Delete e` after `PopExcept` (CPython deletes `e` at the end).
//!
//! `with`:
//! ```text
//!   <cm>; BeforeWith        [exit, enter_result]
//!   SetupWith W             (level = depth of [.., exit])
//!   <store or PopTop enter_result>
//!   <body>
//!   PopBlock
//!   LoadConst None x3; Call 2; PopTop      (calls exit(None, None, None))
//!   Jump END
//! W: [exit, exc]
//!   SetupFinally CLEANUP; PushExcInfo   [exit, prev, exc]
//!   WithExceptStart                     [exit, prev, exc, res]
//!   PopJumpIfTrue SUPPRESS; Reraise
//! SUPPRESS: PopTop; PopBlock; PopExcept; PopTop; Jump END
//! CLEANUP: Swap 2; PopExcept; Reraise
//! ```
//! Differences from CPython 3.11's opcode set the VM must know: no
//! `RESUME`/`PRECALL`/`CACHE`/`RETURN_GENERATOR` (a code unit with
//! `CO_GENERATOR` creates a generator when called; the frame starts at
//! instruction 0), no `EXTENDED_ARG`, no `NOP`s after optimization,
//! `YieldFrom` replaces `SEND`, block-stack exception handling as above,
//! and `PopJumpIfNone`/`PopJumpIfNotNone` are the 3.11 `is None` jump
//! fusions. Constant-only `BuildTuple`s are folded into constants exactly
//! where CPython folds them, so temporaries match.
//!
//! `match` statements (value, singleton, capture, wildcard, `as`, `|`
//! patterns and guards) compile to ordinary `Copy`/`CompareOp`/`IsOp`/jump
//! sequences; class, sequence and mapping patterns are rejected at compile
//! time for now.
//!
//! `return`/`break`/`continue` leaving these regions emit the needed
//! `PopBlock`/`PopExcept`/exit calls inline, so a frame returns with an empty
//! block stack. Generators keep their block stack across `YieldValue`.
//!
//! The "current exception" is per thread of execution with 3.11 semantics: a
//! generator frame has its own saved exception state that is swapped in while
//! the generator runs and swapped out when it yields/returns (CPython's
//! `gi_exc_state`).

use crate::constant::{ConstValue, Constant};

/// Index of an instruction in `CodeUnit::instructions` (absolute jump target).
pub type Label = u32;

/// Binary operators, numbered like CPython 3.11's `NB_*` oparg values.
/// `Inplace*` variants try `__iadd__` etc. first and fall back to the binary
/// form; the others use the binary protocol (`__add__`/`__radd__`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOperator {
    Add = 0,
    And = 1,
    FloorDivide = 2,
    Lshift = 3,
    MatrixMultiply = 4,
    Multiply = 5,
    Remainder = 6,
    Or = 7,
    Power = 8,
    Rshift = 9,
    Subtract = 10,
    TrueDivide = 11,
    Xor = 12,
    InplaceAdd = 13,
    InplaceAnd = 14,
    InplaceFloorDivide = 15,
    InplaceLshift = 16,
    InplaceMatrixMultiply = 17,
    InplaceMultiply = 18,
    InplaceRemainder = 19,
    InplaceOr = 20,
    InplacePower = 21,
    InplaceRshift = 22,
    InplaceSubtract = 23,
    InplaceTrueDivide = 24,
    InplaceXor = 25,
}

impl BinaryOperator {
    /// The operator symbol as CPython's `dis` shows it (`+`, `+=`, ...), also
    /// used in `TypeError: unsupported operand type(s) for +: ...`.
    pub fn symbol(self) -> &'static str {
        use BinaryOperator::*;
        match self {
            Add => "+",
            And => "&",
            FloorDivide => "//",
            Lshift => "<<",
            MatrixMultiply => "@",
            Multiply => "*",
            Remainder => "%",
            Or => "|",
            Power => "**",
            Rshift => ">>",
            Subtract => "-",
            TrueDivide => "/",
            Xor => "^",
            InplaceAdd => "+=",
            InplaceAnd => "&=",
            InplaceFloorDivide => "//=",
            InplaceLshift => "<<=",
            InplaceMatrixMultiply => "@=",
            InplaceMultiply => "*=",
            InplaceRemainder => "%=",
            InplaceOr => "|=",
            InplacePower => "**=",
            InplaceRshift => ">>=",
            InplaceSubtract => "-=",
            InplaceTrueDivide => "/=",
            InplaceXor => "^=",
        }
    }

    /// True for the `Inplace*` variants.
    pub fn is_inplace(self) -> bool {
        (self as u8) >= (BinaryOperator::InplaceAdd as u8)
    }
}

/// Rich comparison operators (numbered like CPython's `Py_LT`...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ComparisonOperator {
    Less = 0,
    LessEqual = 1,
    Equal = 2,
    NotEqual = 3,
    Greater = 4,
    GreaterEqual = 5,
}

impl ComparisonOperator {
    /// `<`, `<=`, `==`, `!=`, `>`, `>=`.
    pub fn symbol(self) -> &'static str {
        use ComparisonOperator::*;
        match self {
            Less => "<",
            LessEqual => "<=",
            Equal => "==",
            NotEqual => "!=",
            Greater => ">",
            GreaterEqual => ">=",
        }
    }
}

/// Conversion applied by `FormatValue` before formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Conversion {
    /// No conversion.
    None,
    /// `!s` → `str(value)`.
    Str,
    /// `!r` → `repr(value)`.
    Repr,
    /// `!a` → `ascii(value)`.
    Ascii,
}

/// `MakeFunction` flag: a defaults tuple is on the stack.
pub const MAKE_FUNCTION_DEFAULTS: u32 = 0x01;
/// `MakeFunction` flag: a keyword-only defaults dict is on the stack.
pub const MAKE_FUNCTION_KWDEFAULTS: u32 = 0x02;
/// `MakeFunction` flag: an annotations tuple `(name0, value0, name1, ...)` is
/// on the stack; the function's `__annotations__` becomes a dict of the pairs.
pub const MAKE_FUNCTION_ANNOTATIONS: u32 = 0x04;
/// `MakeFunction` flag: a closure tuple of cell objects is on the stack.
pub const MAKE_FUNCTION_CLOSURE: u32 = 0x08;

/// One instruction. Operands are indices into the owning `CodeUnit`'s tables:
/// `const` → `consts`, `name` → `names`, `var` → `varnames` (fast slot),
/// `cell` → `cellvars ++ freevars` (cell slot).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Instruction {
    // ----- stack manipulation -------------------------------------------
    /// `[] -> []`. Does nothing.
    Nop,
    /// `[v] -> []`. Release `v`.
    PopTop,
    /// `[] -> [NULL]`. Push the NULL marker (call protocol, see `Call`).
    PushNull,
    /// `[.., v(n-th from top), ..] -> [.., v, .., v]`: push a new strong
    /// reference to the item `n` positions down (`Copy(1)` duplicates TOS).
    /// `n >= 1`.
    Copy(u32),
    /// Swap TOS with the item `n` positions down (`Swap(2)` swaps the top
    /// two). `n >= 2`.
    Swap(u32),

    // ----- constants and variables ----------------------------------------
    /// `[] -> [consts[i]]`. Push the heap object for constant `i` (incref).
    LoadConst(u32),
    /// `[] -> [v]`: push fast local `var`. If the slot is empty raise
    /// `UnboundLocalError: cannot access local variable 'x' where it is not
    /// associated with a value`.
    LoadFast(u32),
    /// `[v] -> []`: store into fast slot `var` (releasing the old value
    /// *after* storing).
    StoreFast(u32),
    /// `[] -> []`: empty fast slot `var`; if already empty raise the same
    /// `UnboundLocalError` as `LoadFast`.
    DeleteFast(u32),
    /// `[] -> [v]`: look `names[i]` up in the frame's locals mapping, then
    /// globals, then builtins; `NameError: name 'x' is not defined` if absent.
    LoadName(u32),
    /// `[v] -> []`: `locals[names[i]] = v` (locals mapping, module/class body).
    StoreName(u32),
    /// `[] -> []`: `del locals[names[i]]`; `NameError` as above if missing.
    DeleteName(u32),
    /// `[] -> [v]`: look `names[i]` up in globals, then builtins;
    /// `NameError: name 'x' is not defined` if absent.
    LoadGlobal(u32),
    /// `[v] -> []`: `globals[names[i]] = v`.
    StoreGlobal(u32),
    /// `[] -> []`: `del globals[names[i]]`; `NameError` if missing.
    DeleteGlobal(u32),
    /// `[] -> [v]`: push the contents of cell slot `cell`. If empty raise
    /// `UnboundLocalError` (`cannot access local variable 'x' where it is not
    /// associated with a value`) for a cellvar, or `NameError: cannot access
    /// free variable 'x' where it is not associated with a value in enclosing
    /// scope` for a freevar.
    LoadDeref(u32),
    /// `[v] -> []`: set the contents of cell slot `cell` (release old value).
    StoreDeref(u32),
    /// `[] -> []`: empty cell slot `cell`; error as `LoadDeref` if already empty.
    DeleteDeref(u32),
    /// `[] -> [cell]`: push the cell object itself of slot `cell` (for
    /// building a closure tuple).
    LoadClosure(u32),
    /// Class bodies only. `[] -> [v]`: first look the variable's name (the
    /// name of cell slot `cell`) up in the locals mapping; if absent, behave
    /// as `LoadDeref(cell)`.
    LoadClassDeref(u32),

    // ----- attributes and subscripts ---------------------------------------
    /// `[obj] -> [getattr(obj, names[i])]`.
    LoadAttr(u32),
    /// `[value, obj] -> []`: `setattr(obj, names[i], value)`.
    StoreAttr(u32),
    /// `[obj] -> []`: `delattr(obj, names[i])`.
    DeleteAttr(u32),
    /// `[obj] -> [meth, obj]` if `type(obj)` has a plain function (method
    /// descriptor) named `names[i]` that is not shadowed by an instance
    /// attribute (so the call can pass `obj` as self without creating a bound
    /// method), else `[obj] -> [NULL, getattr(obj, names[i])]`.
    /// Always followed (after the arguments) by `Call`.
    LoadMethod(u32),
    /// `[container, key] -> [container[key]]`.
    BinarySubscr,
    /// `[value, container, key] -> []`: `container[key] = value`.
    StoreSubscr,
    /// `[container, key] -> []`: `del container[key]`.
    DeleteSubscr,

    // ----- operators -------------------------------------------------------
    /// `[v] -> [+v]`.
    UnaryPositive,
    /// `[v] -> [-v]`.
    UnaryNegative,
    /// `[v] -> [not v]` (pushes `True`/`False`).
    UnaryNot,
    /// `[v] -> [~v]`.
    UnaryInvert,
    /// `[a, b] -> [a op b]` (in-place variants: `a op= b` protocol).
    BinaryOp(BinaryOperator),
    /// `[a, b] -> [a op b]` (rich comparison).
    CompareOp(ComparisonOperator),
    /// `[a, b] -> [a is b]` (`invert == true`: `a is not b`).
    IsOp { invert: bool },
    /// `[a, b] -> [a in b]` (`invert == true`: `a not in b`).
    ContainsOp { invert: bool },

    // ----- building containers ---------------------------------------------
    /// `[v1 .. vn] -> [(v1, .., vn)]` (moves the references into the tuple).
    BuildTuple(u32),
    /// `[v1 .. vn] -> [[v1, .., vn]]`.
    BuildList(u32),
    /// `[v1 .. vn] -> [{v1, .., vn}]` (added in order v1..vn).
    BuildSet(u32),
    /// `[k1, v1, .., kn, vn] -> [{k1: v1, ..}]` (inserted in order).
    BuildMap(u32),
    /// `[v1 .. vn, keys] -> [dict(zip(keys, (v1..vn)))]` where `keys` is a
    /// tuple of length n (inserted in order).
    BuildConstKeyMap(u32),
    /// `[s1 .. sn] -> [s1 + .. + sn]` (all `str`; `n == 0` gives `''`).
    BuildString(u32),
    /// `[start, stop] -> [slice(start, stop)]` for `n == 2`;
    /// `[start, stop, step] -> [slice(start, stop, step)]` for `n == 3`.
    BuildSlice(u32),
    /// `[.., list, .. (n-1 items), v] -> [.., list, ..]`: pops `v` and
    /// appends it to the list found at `n` positions down *after* the pop
    /// (`n == 1`: the new TOS). Used by comprehensions.
    ListAppend(u32),
    /// Like `ListAppend` but `set.add(v)`.
    SetAdd(u32),
    /// `[.., dict, .., key, value] -> [.., dict, ..]`: pops value then key and
    /// sets `dict[key] = value` on the dict `n` positions down after the pops.
    MapAdd(u32),
    /// `[.., list, .., iterable] -> [.., list, ..]`: `list.extend(iterable)`
    /// on the list `n` down after popping. `TypeError: Value after * must be
    /// an iterable, not T` if not iterable.
    ListExtend(u32),
    /// `[.., set, .., iterable] -> [.., set, ..]`: `set.update(iterable)`.
    SetUpdate(u32),
    /// `[.., dict, .., mapping] -> [.., dict, ..]`: `dict.update(mapping)`;
    /// `TypeError: 'T' object is not a mapping` if it has no `keys`.
    DictUpdate(u32),
    /// Like `DictUpdate` but for `**kwargs` in calls: a duplicate key raises
    /// `TypeError: f() got multiple values for keyword argument 'k'`, a
    /// non-mapping `TypeError: f() argument after ** must be a mapping, not
    /// T`, where `f` is the callable at stack position `n + 2` after the pop
    /// (`[.., callable, args, dict]` when `n == 1`).
    DictMerge(u32),
    /// `[list] -> [tuple(list)]`.
    ListToTuple,

    // ----- unpacking -------------------------------------------------------
    /// `[seq] -> [vn .. v1]`: unpack exactly `n` items, pushing them in
    /// reverse so `v1` (the first item) is TOS. Errors:
    /// `ValueError: not enough values to unpack (expected n, got k)`,
    /// `ValueError: too many values to unpack (expected n)`,
    /// `TypeError: cannot unpack non-iterable T object`.
    UnpackSequence(u32),
    /// Starred unpacking `a, *b, c = seq`: `[seq] -> [after items (reversed),
    /// list_of_middle, before items (reversed)]` so the first target's value
    /// is TOS, then the next, ..., the starred list, then the `after` ones.
    /// Error when too short: `ValueError: not enough values to unpack
    /// (expected at least before+after, got k)`.
    UnpackEx { before: u32, after: u32 },

    // ----- control flow ----------------------------------------------------
    /// Continue at `target`.
    Jump(Label),
    /// `[v] -> []`; jump to `target` if `v` is falsy.
    PopJumpIfFalse(Label),
    /// `[v] -> []`; jump to `target` if `v` is truthy.
    PopJumpIfTrue(Label),
    /// `[v] -> []`; jump to `target` if `v is None`.
    PopJumpIfNone(Label),
    /// `[v] -> []`; jump to `target` if `v is not None`.
    PopJumpIfNotNone(Label),
    /// If TOS is falsy jump to `target` leaving it on the stack, else pop it.
    JumpIfFalseOrPop(Label),
    /// If TOS is truthy jump to `target` leaving it on the stack, else pop it.
    JumpIfTrueOrPop(Label),
    /// `[v] -> [iter(v)]`.
    GetIter,
    /// `[it] -> [it, next(it)]`; when the iterator is exhausted
    /// (`StopIteration`, which is swallowed): `[it] -> []` and jump to
    /// `target`. Other exceptions propagate.
    ForIter(Label),

    // ----- functions and calls ---------------------------------------------
    /// `[(defaults), (kwdefaults), (annotations), (closure), code] -> [func]`:
    /// pops the code object (a `Constant::Code`) and, if the matching flag
    /// bit is set, from top downwards: closure tuple (`MAKE_FUNCTION_CLOSURE`),
    /// annotations tuple (`..._ANNOTATIONS`), kwdefaults dict
    /// (`..._KWDEFAULTS`), defaults tuple (`..._DEFAULTS`). The function's
    /// `__name__` / `__qualname__` come from the code unit; `__globals__` is
    /// the current frame's globals; `__doc__` is `consts[0]` if the code unit
    /// has `has_docstring`, else `None`; `__module__` is `globals['__name__']`.
    MakeFunction(u32),
    /// Sets the keyword-name tuple (`consts[i]`, a tuple of str) for the
    /// immediately following `Call`. No stack effect.
    KwNames(u32),
    /// Call with `argc` arguments, 3.11 protocol:
    /// `[A, B, arg1 .. argN] -> [result]`. If `A` is NULL the callable is
    /// `B` and the arguments are `arg1..argN`; otherwise the callable is `A`
    /// and the arguments are `B, arg1..argN` (`B` is `self` from
    /// `LoadMethod`, or the first argument in compiler-generated calls such as
    /// `with`'s `exit(None, None, None)` and comprehension calls
    /// `[func, iter] Call(0)`). If a `KwNames(k)` preceded, the last
    /// `len(k)` arguments are keyword arguments named by `k` in order; the
    /// pending kwnames are cleared by the call.
    Call(u32),
    /// `[NULL, func, args] -> [result]` or (`has_kwargs`)
    /// `[NULL, func, args, kwargs_dict] -> [result]`. `kwargs` is always an
    /// exact dict built by the compiler. `args` is an exact tuple except for
    /// a lone starred argument `f(*x)`, where it is `x` itself: if it is not
    /// an exact tuple the VM converts it with `tuple(x)`, raising
    /// `TypeError: f() argument after * must be an iterable, not T` (`f` =
    /// the callable's qualified name as CPython prints it).
    CallFunctionEx { has_kwargs: bool },
    /// `[v] -> (frame returns v)`. The block stack is empty here.
    ReturnValue,

    // ----- generators ------------------------------------------------------
    /// `[v] -> ...`: suspend the generator frame yielding `v` to the caller.
    /// On resume with `send(x)` (`next()` sends `None`), `x` is pushed: the
    /// net effect is `[v] -> [x]`. On resume with `throw(e)`, `e` is raised
    /// at this instruction (handled by this frame's block stack as usual).
    /// A generator's first resume pushes nothing (the frame starts at
    /// instruction 0 with an empty stack); sending non-None to a just-started
    /// generator is the usual `TypeError`.
    YieldValue,
    /// `[v] -> [iter]`: if `v` is a generator use it as is, else `iter(v)`.
    GetYieldFromIter,
    /// `yield from` (3.10 `YIELD_FROM`): `[iter, x] -> ...`. Sends `x` into
    /// `iter` (`next(iter)` if `x` is None, else `iter.send(x)`; generators
    /// directly). If it yields `y`: the frame suspends yielding `y`, *and
    /// the instruction pointer stays on this YieldFrom*; on resume with
    /// `send(z)` the stack becomes `[iter, z]` and this instruction runs
    /// again. If it raises `StopIteration(r)`: `[iter, x] -> [r]` and
    /// execution continues with the next instruction. While suspended here,
    /// `gen.throw(e)` is first forwarded to `iter.throw(e)` (if it has one)
    /// and `gen.close()` calls `iter.close()`, as CPython does.
    YieldFrom,

    // ----- coroutines (see `pyheap_vm::coro`) ------------------------------
    /// `[v] -> [awaitable_iter]` (3.11's `GET_AWAITABLE`): a coroutine is
    /// used as is (`RuntimeError: coroutine is being awaited already` if
    /// it is suspended in an await), so is a generator whose code has
    /// `CO_ITERABLE_COROUTINE`; otherwise `type(v).__await__(v)`, which must
    /// return an iterator that is not a coroutine. `where_` selects the
    /// message when there is no `__await__`: 0 `await`, 1 after `__aenter__`,
    /// 2 after `__aexit__`. Followed by `LoadConst None; YieldFrom` (3.11's
    /// `SEND` loop).
    GetAwaitable(u32),
    /// `[v] -> [type(v).__aiter__(v)]` (`async for`); `TypeError: 'async
    /// for' requires an object with __aiter__ method, got T` if missing,
    /// `... that does not implement __anext__: T` for a bad result.
    GetAiter,
    /// `[aiter] -> [aiter, awaitable]`: `type(aiter).__anext__(aiter)`
    /// made awaitable as `GetAwaitable` does (the async-generator fast path
    /// returns its `asend` object directly).
    GetAnext,
    /// `[aiter, exc] -> []` when `exc` is a `StopAsyncIteration`, else
    /// re-raise `exc` (like `Reraise`). Handler of an `async for` step.
    EndAsyncFor,
    /// `[cm] -> [bound __aexit__, __aenter__()]`; `TypeError: 'T' object
    /// does not support the asynchronous context manager protocol` (with
    /// ` (missed __aexit__ method)` when only that one is missing).
    BeforeAsyncWith,
    /// `[v] -> [wrapped(v)]`: marks a value an async generator yields to
    /// its consumer (as opposed to what its awaits pass through to the event
    /// loop). Emitted before each `YieldValue` of an async generator.
    AsyncGenWrap,

    // ----- classes, imports, misc ------------------------------------------
    /// `[] -> [builtins.__build_class__]`.
    LoadBuildClass,
    /// `[level, fromlist] -> [module]`: `__import__(names[i], globals,
    /// locals, fromlist, level)`.
    ImportName(u32),
    /// `[module] -> [module, attr]`: `getattr(module, names[i])`, falling back
    /// to `sys.modules[module.__name__ + '.' + name]`; otherwise
    /// `ImportError: cannot import name 'x' from 'm' (path)`.
    ImportFrom(u32),
    /// `[module] -> []`: `from m import *` into the locals mapping.
    ImportStar,
    /// f-string formatting: `[value] -> [str]` or (`has_spec`)
    /// `[value, spec] -> [str]`: apply `conversion`, then
    /// `format(value, spec or '')`.
    FormatValue {
        conversion: Conversion,
        has_spec: bool,
    },
    /// REPL echo (`Mode::Single`): `[v] -> []`; call `sys.displayhook(v)`.
    PrintExpr,
    /// If `__annotations__` is not in the locals mapping, set it to `{}`.
    SetupAnnotations,
    /// `[] -> [AssertionError]` (the class object).
    LoadAssertionError,
    /// `n == 0`: re-raise the current exception (`sys.exc_info()` value),
    /// or `RuntimeError: No active exception to reraise`.
    /// `n == 1`: `[exc] -> (raise exc)` (a class is instantiated first).
    /// `n == 2`: `[exc, cause] -> (raise exc from cause)`.
    RaiseVarargs(u32),

    // ----- exception handling (see module docs) -----------------------------
    /// Push block `(target, current stack depth)`.
    SetupFinally(Label),
    /// Push block `(target, current stack depth - 1)` (the enter result on
    /// TOS is not part of the protected level).
    SetupWith(Label),
    /// Pop the top block. No value-stack effect.
    PopBlock,
    /// `[exc] -> [prev, exc]`: push the current exception (or `None`) below
    /// `exc` and make `exc` the current exception (`sys.exc_info()`).
    PushExcInfo,
    /// `[prev] -> []`: make `prev` (an exception or `None`) the current
    /// exception again.
    PopExcept,
    /// `[exc] -> (raise exc)` without adding a traceback entry and without
    /// touching `__context__`/`__traceback__`.
    Reraise,
    /// `[exc, type] -> [exc, bool]`: `isinstance(exc, type)` where `type` may
    /// be a tuple; if `type` is not an exception class or tuple of them raise
    /// `TypeError: catching classes that do not inherit from BaseException is
    /// not allowed`.
    CheckExcMatch,
    /// `except* T`: `[exc, type] -> [rest, match]`. `match` is the part of
    /// the exception group `exc` matching `type` (a naked matching exception
    /// is wrapped in `ExceptionGroup('', [exc])`) or `None`; `rest` is what
    /// is left (or `None`). A non-None `match` becomes the current exception
    /// (`sys.exc_info()`). `TypeError` for non-exception types and for
    /// exception-group types (`catching ExceptionGroup with except* is not
    /// allowed. Use except instead.`). `exc` may be `None` (nothing left).
    CheckEgMatch,
    /// End of `try`/`except*`: `[orig, list] -> [exc_or_None]`: `list`
    /// holds what each handler raised (or re-raised) and finally the
    /// unhandled rest; the result is the exception to re-raise (3.11's
    /// `PREP_RERAISE_STAR`).
    PrepReraiseStar,
    /// `[cm] -> [exit, enter_result]`: look up `type(cm).__enter__` and
    /// `type(cm).__exit__` (missing ones: `TypeError: 'T' object does not
    /// support the context manager protocol`), push the bound `__exit__`,
    /// then call `__enter__` and push its result.
    BeforeWith,
    // ----- structural pattern matching (PEP 634, 3.11 semantics) -----------
    /// `[v] -> [v, len(v)]`.
    GetLen,
    /// `[subject] -> [subject, bool]`: whether `type(subject)` is a
    /// sequence for `match` (list, tuple, range, memoryview, deque, array
    /// and `collections.abc.Sequence` subclasses; never str/bytes/bytearray).
    MatchSequence,
    /// `[subject] -> [subject, bool]`: whether `type(subject)` is a mapping
    /// for `match` (dict, its subclasses and `collections.abc.Mapping`
    /// subclasses).
    MatchMapping,
    /// `[subject, keys] -> [subject, keys, values]`: `values` is the tuple of
    /// `subject.get(k, <dummy>)` for the key tuple `keys`, or `None` when a
    /// key is missing. A key repeated at run time raises `ValueError:
    /// mapping pattern checks duplicate key (k)`.
    MatchKeys,
    /// `[subject, cls, names] -> [attrs]`: class pattern with `n` positional
    /// sub-patterns and keyword attribute names `names` (a tuple of str).
    /// `attrs` is the tuple of the `n` positional (via `cls.__match_args__`,
    /// or the subject itself for the builtin self-matching types) then the
    /// keyword attributes, or `None` if `subject` is not an instance of
    /// `cls` or an attribute is missing. TypeErrors as CPython 3.11
    /// (`called match pattern must be a type`, `X.__match_args__ must be a
    /// tuple (got T)`, `X() accepts k positional sub-patterns (n given)`,
    /// `__match_args__ elements must be strings (got T)`, `X() got multiple
    /// sub-patterns for attribute 'a'`).
    MatchClass(u32),

    /// `[exit, prev, exc] -> [exit, prev, exc, res]`: call
    /// `exit(type(exc), exc, exc.__traceback__)` and push the result.
    WithExceptStart,
}

/// Code flags (values as CPython's `co_flags`).
pub mod flags {
    /// Uses fast locals (function bodies).
    pub const CO_OPTIMIZED: u32 = 0x0001;
    /// A new locals namespace is created for each frame.
    pub const CO_NEWLOCALS: u32 = 0x0002;
    /// Has `*args`.
    pub const CO_VARARGS: u32 = 0x0004;
    /// Has `**kwargs`.
    pub const CO_VARKEYWORDS: u32 = 0x0008;
    /// Nested function (defined inside another function).
    pub const CO_NESTED: u32 = 0x0010;
    /// Calling it creates a generator.
    pub const CO_GENERATOR: u32 = 0x0020;
    /// Calling it creates a coroutine (`async def` without `yield`).
    pub const CO_COROUTINE: u32 = 0x0080;
    /// A generator usable in `await` (`types.coroutine`).
    pub const CO_ITERABLE_COROUTINE: u32 = 0x0100;
    /// Calling it creates an async generator (`async def` with `yield`).
    pub const CO_ASYNC_GENERATOR: u32 = 0x0200;
    /// `from __future__ import annotations` was in effect (annotations are
    /// stored as strings).
    pub const CO_FUTURE_ANNOTATIONS: u32 = 0x0100_0000;
}

/// Source location of one instruction, as CPython's `co_positions()`:
/// 1-based lines, 0-based UTF-8 byte column offsets. `line == 0` means
/// "no location" (synthetic instruction). For the instructions that can
/// appear in a traceback (`Call`, `CallFunctionEx`, `BinaryOp`,
/// `BinarySubscr`, `CompareOp`, attribute and method loads) the positions
/// equal CPython 3.11's for the whole standard library (tested against
/// `dis`), so 3.11's `^^^^` traceback carets can be reproduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

/// Kind of code unit (informational; the flags carry the semantics).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
    Generator,
}

/// One compiled code object (CPython's `PyCodeObject` as plain data).
#[derive(Debug, Clone, PartialEq)]
pub struct CodeUnit {
    /// `co_name` (`<module>`, `f`, `<lambda>`, `<listcomp>`, ...).
    pub name: String,
    /// `co_qualname`.
    pub qualname: String,
    /// `co_filename`.
    pub filename: String,
    /// `co_firstlineno`.
    pub first_line: u32,
    pub kind: CodeKind,
    /// Number of positional parameters (including positional-only).
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    /// `flags::*` bits.
    pub flags: u32,
    pub instructions: Vec<Instruction>,
    /// `locations[i]` is the source location of `instructions[i]`.
    pub locations: Vec<Location>,
    /// `co_consts`. See `constant.rs` for unit-wide sharing (`Constant::id`).
    pub consts: Vec<Constant>,
    /// `co_names`: global/attribute/import names. All must be interned.
    pub names: Vec<String>,
    /// `co_varnames`: fast local slots (parameters first). Interned.
    pub varnames: Vec<String>,
    /// `co_cellvars`: cell slots `0..cellvars.len()`. Interned.
    pub cellvars: Vec<String>,
    /// `co_freevars`: cell slots `cellvars.len()..`. Interned.
    pub freevars: Vec<String>,
    /// For each cellvar: `Some(fast slot)` if it is also a parameter (moved
    /// into the cell at frame start, see module docs).
    pub cell2arg: Vec<Option<u32>>,
    /// Upper bound of the value-stack depth (`co_stacksize`); informational.
    pub stacksize: u32,
    /// Function code units only: `consts[0]` is the docstring (else
    /// `consts[0]` is `None`). Module and class bodies store `__doc__` in
    /// their namespace instead and always have `false` here.
    pub has_docstring: bool,
    /// Number of distinct constant ids in the whole compilation unit
    /// (`Constant::id` < this). Same value in every code unit of one
    /// `compile()` call.
    pub unit_const_count: u32,
    /// Top-level unit only: `(constant id, n)` for constants whose first
    /// occurrence is the result of `n` constant folds that return their
    /// operand itself (`+1000`, `+1.5`): CPython's AST arena then holds
    /// `n` more references to that object while the source runs.
    pub arena_extra: Vec<(u32, u32)>,
}

impl CodeUnit {
    /// A copy whose nested code constants are replaced by `None` (the VM
    /// keeps those as code objects of their own). Copying only this level
    /// keeps making the code objects of n nested functions linear in n.
    pub fn clone_without_nested_code(&self) -> CodeUnit {
        let consts = self
            .consts
            .iter()
            .map(|c| match c.value {
                ConstValue::Code(_) => Constant {
                    id: c.id,
                    value: ConstValue::None,
                },
                _ => c.clone(),
            })
            .collect();
        CodeUnit {
            name: self.name.clone(),
            qualname: self.qualname.clone(),
            filename: self.filename.clone(),
            first_line: self.first_line,
            kind: self.kind,
            argcount: self.argcount,
            posonlyargcount: self.posonlyargcount,
            kwonlyargcount: self.kwonlyargcount,
            flags: self.flags,
            instructions: self.instructions.clone(),
            locations: self.locations.clone(),
            consts,
            names: self.names.clone(),
            varnames: self.varnames.clone(),
            cellvars: self.cellvars.clone(),
            freevars: self.freevars.clone(),
            cell2arg: self.cell2arg.clone(),
            stacksize: self.stacksize,
            has_docstring: self.has_docstring,
            unit_const_count: self.unit_const_count,
            arena_extra: self.arena_extra.clone(),
        }
    }
}

impl CodeUnit {
    /// Total number of cell slots (`cellvars.len() + freevars.len()`).
    pub fn ncells(&self) -> usize {
        self.cellvars.len() + self.freevars.len()
    }

    /// Name of cell slot `i` (cellvars then freevars).
    pub fn cell_name(&self, i: usize) -> Option<&str> {
        if i < self.cellvars.len() {
            self.cellvars.get(i).map(String::as_str)
        } else {
            self.freevars
                .get(i - self.cellvars.len())
                .map(String::as_str)
        }
    }

    /// Number of fast slots bound from the call (positional + kw-only +
    /// `*args` + `**kwargs`).
    pub fn total_args(&self) -> usize {
        let mut n = (self.argcount + self.kwonlyargcount) as usize;
        if self.flags & flags::CO_VARARGS != 0 {
            n += 1;
        }
        if self.flags & flags::CO_VARKEYWORDS != 0 {
            n += 1;
        }
        n
    }
}
