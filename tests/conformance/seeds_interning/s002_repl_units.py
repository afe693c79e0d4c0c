# Seed 002 (interview questions): in the REPL each line is its own compilation
# unit, so 257 typed twice gives two objects while 256 stays shared.
# Rewrite: the REPL session is reproduced by compiling each line separately.
ns = {}
for line in ["a=256", "b=256", "c=257", "d=257"]:
    exec(compile(line, "<stdin>", "single"), ns)
print(hex(id(ns["a"])) == hex(id(ns["b"])))
print(hex(id(ns["c"])) == hex(id(ns["d"])))
print(ns["a"] is ns["b"], ns["c"] is ns["d"])
exec(compile("e=257\nf=257", "<script>", "exec"), ns)
print(ns["e"] is ns["f"])
