"""Dumps code-object metadata like examples/dump.rs, for comparing pyheap-compiler with CPython 3.11.

Usage: DUMP_POS=1 python3 dump.py FILE...  (see compare_stdlib.sh)
"""
import sys
def r(v):
    if hasattr(v, 'co_code'): return "<code %s>" % v.co_name
    return repr(v)
def dump(c, out):
    out.append("code %s %s line=%d" % (c.co_name, c.co_qualname, c.co_firstlineno))
    out.append("  argcount=%d posonly=%d kwonly=%d flags=%d" % (c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount, c.co_flags))
    out.append("  consts=[%s]" % ", ".join(r(v) for v in c.co_consts))
    def lst(x): return "[" + ", ".join('"%s"' % n for n in x) + "]"
    out.append("  names=%s" % lst(c.co_names))
    out.append("  varnames=%s" % lst(c.co_varnames))
    out.append("  cellvars=%s" % lst(c.co_cellvars))
    out.append("  freevars=%s" % lst(c.co_freevars))
    import os, dis
    if os.environ.get("DUMP_POS"):
        pos = []
        for ins in dis.get_instructions(c):
            if ins.opname in ("CALL", "CALL_FUNCTION_EX", "BINARY_OP", "BINARY_SUBSCR", "COMPARE_OP"):
                tag = "CALL" if ins.opname.startswith("CALL") else ins.opname
                p = ins.positions
                pos.append("%s@%s:%s-%s:%s" % (tag, p.lineno, p.col_offset, p.end_lineno, p.end_col_offset))
        out.append("  pos=" + " ".join(pos))
    for k in c.co_consts:
        if hasattr(k, 'co_code'): dump(k, out)
for p in sys.argv[1:]:
    src = open(p, encoding='utf-8').read()
    try:
        c = compile(src, p, 'exec', dont_inherit=True)
    except SyntaxError as e:
        print("ERROR", e); continue
    out = []; dump(c, out); print("\n".join(out))
