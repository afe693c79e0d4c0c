import string, keyword
print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.punctuation), repr(string.whitespace), len(string.printable), string.printable == string.digits + string.ascii_letters + string.punctuation + string.whitespace)
print(string.capwords('hello   big world'), string.capwords('a-b-c', '-'))
t = string.Template('$who likes ${what}; $$5 cost')
print(t.substitute(who='tim', what='kung pao'), t.substitute({'who': 'a', 'what': 'b'}, what='c'))
print(t.safe_substitute(who='x'), t.get_identifiers(), t.is_valid(), t.template)
for bad in [lambda: t.substitute(who='x'), lambda: string.Template('bad $ here').substitute(),
            lambda: string.Template('x\n ok ${1}').substitute()]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(string.Template('bad $ here $x').safe_substitute(x=1), string.Template('$').is_valid())
class Pct(string.Template):
    delimiter = '%'
print(Pct('%x and %%').substitute(x=3))
print(string.Formatter().format('{0}-{name}-{{}}-{0!r:>5}|{x.real}{l[1]}', 'a', name='n', x=3, l=[7, 8]), string.Formatter().format('{}{}', 1, 2))
print(keyword.iskeyword('for'), keyword.iskeyword('match'), keyword.issoftkeyword('match'), len(keyword.kwlist), keyword.softkwlist)
