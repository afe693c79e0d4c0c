import json
data = {'name': 'Ünïcode ☃ 😀', 'nums': [1, 2.5, -3e-7, 1e100, True, False, None], 'nested': {'b': [], 'a': {}}, 'tuple': (1, 2), 5: 'int key', 2.5: 'f', None: 'n', True: 't'}
print(json.dumps(data))
print(json.dumps(data, ensure_ascii=False))
print(json.dumps({'b': 1, 'a': [1, {'z': 2}]}, indent=2, sort_keys=True))
print(json.dumps([1, [2, 3]], indent='\t'), json.dumps({'a': 1, 'b': 2}, separators=(',', ':')), json.dumps([], indent=4), json.dumps({}, indent=4))
print(json.dumps('a"b\\c\n\t\x01\x7f'), json.dumps(float('nan')), json.dumps([float('inf'), float('-inf')]), json.dumps(10**20), json.dumps(0.1))
print(json.dumps({1, 2} if False else [1], default=str), json.dumps({'s': {1, 2}}, default=sorted), json.dumps({(1, 2): 3}, skipkeys=True))
s = json.dumps(data); back = json.loads(s); print(back, back == json.loads(json.dumps(back)))
print(json.loads('  [1, 2.0, -0, 1E3, 1e-2, "\\u00e9\\ud83d\\ude00\\n", true, null, {"k": [{}]}]  '))
print(json.loads('{"a": NaN, "b": Infinity, "c": -Infinity}'), json.loads(b'[1]'), json.loads('"x"'), json.loads('123456789012345678901234567890'))
print(json.loads('{"a": 1, "a": 2}'), json.loads('{"x": 1}', object_hook=lambda d: sorted(d)), json.loads('[1.5]', parse_float=str), json.loads('{"p": 1, "q": 2}', object_pairs_hook=list))
import io
buf = io.StringIO(); json.dump({'k': [1]}, buf, indent=1); print(repr(buf.getvalue()), json.load(io.StringIO('{"z": 0}')))
for bad in ['', '[1,]', '{"a":1,}', '{"a" 1}', '{a:1}', '[1 2]', '"abc', '"a\\qb"', '"\\u12"', 'tru', '[1] x', '{"a":\n  }', '"a\nb"', '-', '01', '[', '\ufeff[]']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), type(e).__name__, e, e.pos, e.lineno, e.colno, isinstance(e, ValueError))
for bad in [lambda: json.dumps({1, 2}), lambda: json.dumps({(1,): 2}), lambda: json.dumps(float('nan'), allow_nan=False), lambda: json.loads(5)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
l = []; l.append(l)
try:
    json.dumps(l)
except ValueError as e:
    print('ValueError', e)
