# Invalid escape sequences: 3.11 emits a DeprecationWarning at compile time,
# hidden by default; the backslash stays in the string.
s = "\d\w\ "
print(len(s), s)
b = b"\q"
print(b)
print(r"\d" == s[:2])
