# list(x), tuple(x), sorted(x) and list.extend(x) ask a user-class iterable
# for its length hint after iter(x): __len__, then __length_hint__; a
# TypeError there is ignored, other errors propagate.
class L:
    def __init__(self, n): self.n = n
    def __iter__(self): print('iter'); return iter(range(3))
    def __len__(self):
        print('len')
        if isinstance(self.n, Exception): raise self.n
        return self.n
class H:
    def __init__(self, h): self.h = h
    def __iter__(self): print('iter'); return iter(range(2))
    def __length_hint__(self):
        print('hint')
        if isinstance(self.h, Exception): raise self.h
        return self.h
for obj in [L(5), L(TypeError('t')), L(ValueError('v')), L(-1), H(7), H(NotImplemented),
            H(TypeError('t')), H(KeyError('k')), H(-2), H('x'), H(2**70)]:
    for conv in (list, tuple, sorted, lambda x: [].extend(x)):
        try:
            print(conv(obj))
        except Exception as e:
            print(type(e).__name__, e)
class I:
    def __index__(self): raise ValueError('boom')
class J:
    def __index__(self): return 'x'
for x in (I(), J(), object()):
    try:
        [1, 2][x:]
    except Exception as e:
        print(type(e).__name__, e)
class K:
    def __hash__(self): print('hash'); return 1
print({}.pop(K(), 'default'))
try:
    {}.pop(K())
except KeyError as e:
    print('KeyError', type(e.args[0]).__name__)
print({1: 2}.pop(K(), 'default'))
