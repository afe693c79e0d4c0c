# LOAD_GLOBAL through its per-name entry hints: globals rebound, shadowing a
# builtin and deleting the shadow, a deleted global, a name found in the
# builtins after all, the globals dict growing (entries move on resize).
import builtins
def f(): return len, X
X = 1
for step in range(6):
    try:
        print(step, f()[0] is builtins.len, f()[1])
    except NameError as e:
        print(step, e)
    if step == 0: X = 2
    if step == 1: len = lambda s: 0
    if step == 2: del len
    if step == 3: del X
    if step == 4: builtins.X = 'from builtins'
for i in range(20): globals()['g%d' % i] = i
X = 3
print(f()[1])
del builtins.X
