# difffuzz: `x in obj` on a non-container reports "argument of type ... is not iterable".
class NoIter:
    pass
class BadIter:
    def __iter__(self):
        raise TypeError('custom')
for c in [1.5, 3, None, True, NoIter(), BadIter()]:
    try:
        print(1 in c)
    except TypeError as e:
        print('TypeError', e)
try:
    print(1 not in 2.5)
except TypeError as e:
    print('TypeError', e)
