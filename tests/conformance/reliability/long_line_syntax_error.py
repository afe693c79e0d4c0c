# A parser SyntaxError on a line longer than 999 bytes in a file (imported
# here; a main script behaves the same): CPython 3.11 re-reads the line with
# a 1000-byte fgets buffer, so `text` is the line's last chunk while
# offset/end_offset stay byte offsets into the whole line. Tokenizer errors
# (the mismatched bracket of _long_line_g) keep the whole line. Printable
# ASCII characters Python does not use ('$', '?', '`') are "invalid syntax".
for tag in 'abcdefg':
    name = '_long_line_' + tag
    try:
        __import__(name)
    except SyntaxError as e:
        # NOTE: rstrip: a tokenizer error's text lacks the newline in
        # CPython (pyheap keeps it).
        text = e.text.rstrip('\n')
        print(name, type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno,
              e.end_offset, len(text), repr(text[:12]), repr(text[-12:]))

for src in ['x = 1 $ 2', 'a ? b', 'x = `a`', 'x = 1 \u20ac 2', 'x = 1 +\n', 'y = 2\nx = (1 +\n',
            'x = {1 + ) + 2\n', 'x = 1)\n']:
    try:
        compile(src, '<s>', 'exec')
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset,
              repr(e.text.rstrip('\n')))
