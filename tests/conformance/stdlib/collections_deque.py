from collections import deque
d = deque([1, 2, 3]); print(d, len(d), d[0], d[-1], 2 in d, type(d), deque)
d.append(4); d.appendleft(0); print(d, d.pop(), d.popleft(), d)
d.extend('ab'); d.extendleft('xy'); print(d)
d.rotate(2); print(d); d.rotate(-3); print(d); d.rotate(0); print(d)
d[1] = 'Z'; del d[0]; print(d, d.index('Z'), d.count(2))
d.insert(1, 'ins'); d.remove('ins'); d.reverse(); print(d, list(reversed(d)))
m = deque(range(10), maxlen=3); print(m, m.maxlen); m.append(10); m.appendleft(6); print(m)
m.extend(range(20, 25)); print(m, repr(deque(maxlen=2)), deque(maxlen=0), deque().maxlen)
big = deque()
for i in range(100): big.append(i); big.appendleft(-i)
print(len(big), big[0], big[-1], big[100], sum(big))
for i in range(150): big.popleft()
print(len(big), list(big)[:5])
print(deque([1, 2]) == deque([1, 2]), deque([1]) < deque([2]), deque([1]) == [1], deque('ab') + deque('c'), deque('ab') * 2)
e = deque([1, 2]); e += [3]; e *= 2; print(e, e.copy(), bool(deque()), bool(e))
r = deque([1]); r.append(r); print(r)
e.clear(); print(e)
for bad in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5], lambda: deque([1])['a'],
            lambda: deque([1], maxlen=1).insert(0, 2), lambda: deque(maxlen=-1), lambda: deque([1]).remove(7),
            lambda: deque([1]).index(7), lambda: deque() + [1], lambda: deque([1]).rotate('x')]:
    try:
        bad()
    except Exception as ex:
        print(type(ex).__name__, ex)
x = deque([1, 2, 3])
try:
    for v in x: x.append(v)
except RuntimeError as ex:
    print('RuntimeError', ex)
