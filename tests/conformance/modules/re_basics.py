# re (str patterns): search/match/fullmatch, groups and spans, findall,
# finditer, sub with templates and functions, split, flags, escape.
import re

m = re.search(r"(\d+)-(\d+)", "call 555-1234 now")
print(m.group(), m.group(1), m.groups(), m.span(), m.start(2), m.end(2))
print(m)
print(re.match(r"\d", "a1"), re.match(r"a\d", "a1").group())
print(re.fullmatch(r"a|ab", "ab").group(), re.fullmatch(r"a", "ab"))
print(re.findall(r"\d+", "a1b22c333"), re.findall(r"(\w)(\d)", "a1 b2"))
print(re.findall(r"(\d+) arenas \* (\d+) bytes", "4 arenas * 1048576 bytes/arena"))
print([x.span() for x in re.finditer(r"o", "foo boo")])
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "me@host you@there"))
print(re.sub(r"(?P<n>\d)", r"<\g<n>>", "a1b2"), re.subn("x", "y", "xxx", count=2))
print(re.sub(r"\d", lambda mm: str(int(mm.group()) * 2), "1 2 3"))
print(re.split(r",\s*", "a, b,c"), re.split(r"(,)", "a,b"), re.split(",", "a,b,c", maxsplit=1))
print(re.search("HELLO", "say hello", re.I).group(), re.findall(r"^\w", "ab\ncd", re.M))
print(re.search("a.b", "a\nb"), re.search("a.b", "a\nb", re.S).group() == "a\nb")
p = re.compile(r"(?P<key>\w+)=(?P<val>\w*)")
mm = p.match("k=v")
print(p.groups, p.groupindex, mm.groupdict(), mm["key"], mm.group("val", 1))
print(p.pattern, p.search("xx a=1", 3).span(), p.match("  b=2", 2).group())
print(re.escape("a.b*c (d) é"), re.compile("x", re.I))
print(re.findall(r"# (bytes [a-z ]+?)\s+=", "# bytes in use   =  1\n# bytes lost to x = 2"))
print(re.findall(r"free (Py\w+Objects) \*", "8 free PyDictObjects * 48 bytes"))
try:
    re.compile("(")
except re.error as e:
    print("re.error raised")
