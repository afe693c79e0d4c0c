# IndentationError 'unexpected indent': offset is the width of the
# indentation (the end of CPython's INDENT token), so no caret is shown.
for s in ['    x = 1\n', 'if 1:\n    x = 1\n        y = 2\n', 'x = 1\n  y = 2\n',
          '\tx = 1\n']:
    try:
        compile(s, '<s>', 'exec')
    except SyntaxError as e:
        print(repr(s), type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno,
              repr(e.text))
