# An unhashable set used as a key of set lookups is retried as a frozenset
# (set.__contains__, discard, remove), as CPython's set_contains does.
s = {1, 2, "q"}
print(s in s, {1} in {frozenset({1}), 2}, (s | s) not in s)
t = {frozenset({1}), frozenset({2})}
t.discard({1})
print(t)
t.remove({2})
print(t)
for op in (t.remove,):
    try:
        op({3})
    except KeyError as e:
        print("KeyError", e)
try:
    [] in s
except TypeError as e:
    print("TypeError", e)
try:
    {1: 2}.update(None)
except TypeError as e:
    print("TypeError", e)
