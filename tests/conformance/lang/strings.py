# String methods, slicing, formatting and escapes.
s = "Hello, World"
print(s.upper(), s.lower(), s.swapcase(), len(s))
print(s[0], s[-1], s[2:5], s[::-1], s[::2], s[100:])
print(s.split(", "), "a,b,,c".split(","), "  x y  ".split(), " pad ".strip() + "|")
print("-".join(["a", "b", "c"]), s.replace("l", "L", 2), s.find("World"), s.find("zz"))
print(s.startswith("Hell"), s.endswith("x"), "abc" < "abd", "b" in "abc", s.count("l"))
print("%s=%d (%.2f) %r %5s|%-5s|" % ("x", 42, 3.14159, "q", "ab", "cd"))
print("{} {:>6} {:<4}| {:^7} {:08.3f} {:,}".format(1, "r", "l", "mid", 3.14159, 1234567))
print(repr("tab\there"), repr('quote"s'), repr("it's"), "\u00e9\u4e2d", len("\u00e9\u4e2d"))
print("abc" * 3, "x".center(7, "*"), "42".zfill(5), "Title case words".title())
print(str(12), str(1.5), str(None), str([1, "a"]), repr(1.0), ord("A"), chr(97))
print("a\nb\n".splitlines(), "ab".encode(), b"xy".decode(), "é".encode("utf-8"))
