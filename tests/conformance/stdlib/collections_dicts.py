from collections import defaultdict, OrderedDict, Counter, ChainMap
dd = defaultdict(list); dd['a'].append(1); dd['b']; print(dd, dd['a'], len(dd), type(dd), isinstance(dd, dict))
print(defaultdict(int, {'x': 1}), defaultdict(), defaultdict(None, a=1), dd.default_factory)
c = dd.copy(); print(c, c.default_factory is list, dd | {'z': 0})
nd = defaultdict(); 
try:
    nd['missing']
except KeyError as e:
    print('KeyError', e)
try:
    defaultdict(5)
except TypeError as e:
    print('TypeError', e)
words = 'the cat and the hat and the bat'.split()
counts = defaultdict(int)
for w in words: counts[w] += 1
print(sorted(counts.items()))
od = OrderedDict([('a', 1), ('b', 2), ('c', 3)]); print(od, OrderedDict())
od.move_to_end('a'); print(list(od)); od.move_to_end('a', last=False); print(list(od))
print(od.popitem(), od.popitem(last=False), od)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1), OrderedDict.fromkeys('xy', 0))
try:
    OrderedDict().popitem()
except KeyError as e:
    print('KeyError', e)
try:
    od.move_to_end('zz')
except KeyError as e:
    print('KeyError', e)
cnt = Counter('abracadabra'); print(cnt, cnt['a'], cnt['zzz'], cnt.most_common(2), cnt.total())
print(sorted(cnt.elements()), Counter(), Counter({'x': 2, 'y': -1}), Counter(a=3, b=1))
cnt.update('aaz'); cnt.subtract({'b': 5}); print(cnt)
a, b = Counter(a=3, b=1), Counter(a=1, b=2)
print(a + b, a - b, a | b, a & b, +Counter(x=-1, y=2), -Counter(x=-1, y=2))
a += b; print(a); a -= Counter(a=10); print(a)
print(Counter('aab') == Counter('aba'), Counter(a=1) <= Counter(a=2), Counter(a=0) == Counter())
del cnt['zzzz']; print(len(cnt))
try:
    Counter.fromkeys('ab')
except NotImplementedError as e:
    print('NotImplementedError', e)
cm = ChainMap({'a': 1}, {'a': 2, 'b': 3}); print(cm, cm['a'], cm['b'], len(cm), sorted(cm), 'b' in cm, cm.get('q', 9))
cm['c'] = 4; print(cm.maps, cm.parents, cm.new_child({'z': 0}))
ch = cm.new_child(); ch['a'] = 100; print(ch['a'], cm['a'], dict(ch))
for bad in [lambda: cm['nope'], lambda: cm.__delitem__('b'), lambda: ChainMap().popitem(), lambda: cm.pop('b')]:
    try:
        bad()
    except KeyError as e:
        print('KeyError', e)
