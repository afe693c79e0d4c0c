# Seed 003 (memory management notebook): the compiler folds constant
# expressions (peephole / AST optimizer).
c = compile("24 * 60", "<string>", "eval")
print(c.co_consts)
c = compile("(1, 2) * 5", "<string>", "eval")
print(c.co_consts)
c = compile('"xyz" * 4', "<string>", "eval")
print(c.co_consts)
print(eval(c))
