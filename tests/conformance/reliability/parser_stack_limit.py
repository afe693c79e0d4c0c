# CPython 3.11's parser fails with a bare MemoryError once its rule nesting
# passes MAXSTACK (6000), before the compiler's RecursionError (~3000 AST
# levels): unary/not/else chains cost one level each, '**' and lambda two,
# brackets more (limited to 200 by the tokenizer's SyntaxError).
def kind(src, mode='eval'):
    try:
        compile(src, '<s>', mode)
        return 'ok'
    except MemoryError as e:
        return 'MemoryError%r' % (e.args,)
    except RecursionError as e:
        return 'RecursionError: %s' % e
    except SyntaxError as e:
        return 'SyntaxError: %s' % e.msg

def chain(fmt, n):
    return fmt.replace('@', '-' * n + '1')

for fmt, mode, edge in [('@', 'eval', 5976), ('@', 'exec', 5970),
                        ('x = @', 'exec', 5968), ('return @', 'exec', 5969),
                        ('def f():\n    return @\n', 'exec', 5962),
                        ('f(@)', 'eval', 5952), ('[@]', 'eval', 5947),
                        ('(@)', 'eval', 5948), ('a[@]', 'eval', 5952),
                        ('{@}', 'eval', 5947), ('f(x=@)', 'eval', 5949),
                        ('1 < @', 'eval', 5973), ('x or @', 'eval', 5974),
                        ('lambda: @', 'eval', 5974), ('2 ** @', 'eval', 5974)]:
    print(repr(fmt), mode, kind(chain(fmt, edge - 1), mode)[:14],
          kind(chain(fmt, edge), mode))

print(kind('not ' * 5975 + '1'), kind('not ' * 5976 + '1'))
print(kind('1 if 1 else ' * 5975 + '1'), kind('1 if 1 else ' * 5976 + '1'))
print(kind('**'.join(['2'] * 2988)), kind('**'.join(['2'] * 2989)))
print(kind('lambda: ' * 2987 + '1'), kind('lambda: ' * 2988 + '1'))
print(kind('+'.join(['1'] * 100000)))
print(kind('(' * 201 + ')' * 201))
print(kind('(' * 150 + '-' * 1900 + '1' + ')' * 150))
try:
    eval('-' * 100000 + '1')
except MemoryError as e:
    print('MemoryError', e.args, repr(str(e)))
try:
    eval('-' * 4000 + '1')
except RecursionError as e:
    print('RecursionError', e)
