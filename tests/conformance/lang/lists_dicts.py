# Lists, tuples, dicts and sets: methods, slicing, ordering.
l = [5, 3, 8, 1]
l.append(9)
l.insert(0, 7)
l.extend([2, 2])
print(l, len(l), l.index(8), l.count(2))
l.sort()
print(l, l.pop(), l.pop(0), l)
l.reverse()
print(l, sorted(l, reverse=True), l[1:3], l[::-2])
l[1:3] = ["a", "b", "c"]
del l[0]
print(l, [1, 2] + [3], [0] * 3, 3 in l, "a" in l)
t = (1, "two", 3.0)
a, b, c = t
print(t, a, b, c, t[1:], len(t), t + (4,), (1,) * 3)
first, *rest = [1, 2, 3, 4]
print(first, rest)
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, d["a"], d.get("z"), d.get("z", 0), list(d), list(d.values()), list(d.items()))
d.update({"a": 10, "d": 4})
print(d, d.pop("b"), d, "b" in d, len(d))
print(d.setdefault("e", []), d, dict(zip("xy", [1, 2])), {**d, "a": 0})
s = {3, 1, 2}
s.add(5)
s.discard(1)
print(sorted(s), {1, 2} | {3}, {1, 2} & {2, 3}, {1, 2} - {2}, {1, 2} ^ {2, 3})
print(sorted({"b": 1, "a": 2}.items()), sorted(["bb", "a", "ccc"], key=len))
