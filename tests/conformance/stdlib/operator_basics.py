import operator
from operator import itemgetter, attrgetter, methodcaller
print(operator.add(2, 3), operator.sub(5, 1), operator.mul('a', 3), operator.truediv(7, 2),
      operator.floordiv(7, 2), operator.mod(7, 3), operator.neg(4), operator.not_(0), operator.truth([]))
print(operator.eq(1, 1), operator.ne(1, 2), operator.lt(1, 2), operator.le(2, 2), operator.gt(1, 2), operator.ge(3, 2))
print(operator.contains([1, 2], 2), operator.getitem('abc', 1), operator.index(7), operator.concat([1], [2]))
d = {}
operator.setitem(d, 'a', 1); print(d); operator.delitem(d, 'a'); print(d)
l = [1]; print(operator.iadd(l, [2]) is l, l, operator.iadd(1, 2))
print(operator.length_hint([1, 2, 3]), operator.length_hint(type('H', (), {'__length_hint__': lambda s: 5})()), operator.length_hint(object(), 9))
print(operator.__add__ is operator.add, operator.and_(6, 3), operator.or_(4, 1), operator.xor(5, 1), operator.pow(2, 10))
print(operator.countOf([1, 2, 1], 1), operator.indexOf('abc', 'c'), operator.is_(None, None))
g = itemgetter(1); print(g, g([5, 6]), itemgetter(0, 2)('xyz'))
print(sorted([(1, 'b'), (0, 'c'), (2, 'a')], key=itemgetter(1)))
class P:
    def __init__(self): self.x = 1; self.child = self
    def hello(self, n, sep='-'): return sep.join(['hi'] * n)
a = attrgetter('x'); print(a, a(P()), attrgetter('x', 'child.x')(P()))
m = methodcaller('hello', 2, sep='+'); print(m, m(P()))
print(methodcaller('upper')('abc'))
for bad in [lambda: operator.index(1.5), lambda: operator.concat(1, 2), lambda: attrgetter(1),
            lambda: itemgetter(5)([1]), lambda: attrgetter('nope')(P()), lambda: operator.indexOf([1], 2),
            lambda: methodcaller(3)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
