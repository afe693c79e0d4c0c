# Unterminated string literal: SyntaxError, exit 1, nothing runs.
print("before")
x = "abc
print(x)
