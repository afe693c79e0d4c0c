# During list.sort() the list is empty (len 0, reads [], a smaller
# __sizeof__ since it has no item array); a list changed during the sort
# gives "ValueError: list modified during sort" (only when it got item
# storage: clear() on the emptied list is no change), what was put in it is
# dropped, and the list ends sorted anyway. A nested sort of the same list
# sees the empty list.
import sys

lst = []


class Spy:
    def __init__(self, v, action=None):
        self.v = v
        self.action = action

    def __lt__(self, other):
        print('lt', self.v, other.v, len(lst), lst, lst.__sizeof__() - [].__sizeof__(),
              sys.getsizeof(lst) - sys.getsizeof([]))
        if self.action:
            act = self.action
            self.action = None
            act()
        return self.v < other.v

    def __repr__(self):
        return 'S%d' % self.v


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name, len(lst))

    def __repr__(self):
        return 'Noisy(%s)' % self.name


def run(label, action, n=4):
    global lst
    lst = [Spy(v) for v in range(n, 0, -1)]
    lst[1].action = action
    try:
        lst.sort()
        print(label, 'ok', lst)
    except ValueError as e:
        print(label, 'ValueError', e, lst)


run('none', None)
run('append', lambda: lst.append(Noisy('appended')))
run('append+pop', lambda: (lst.append(1), lst.pop()))
run('append+clear', lambda: (lst.append(1), lst.clear()))
run('clear', lambda: lst.clear())
run('extend-empty', lambda: lst.extend([]))
run('iadd', lambda: lst.__iadd__([Noisy('a'), Noisy('b')]))
run('slice-empty', lambda: lst.__setitem__(slice(None), []))
run('slice-fill', lambda: lst.__setitem__(slice(None), [Noisy('s1'), Noisy('s2')]))
run('insert', lambda: lst.insert(0, 0))
run('nested-sort', lambda: lst.sort())
run('reverse', lambda: lst.reverse())
run('init', lambda: lst.__init__([Noisy('init')]))


def imul():
    global lst
    lst *= 3


run('mul', imul)

# a key function that mutates the list: detected after the sort
lst = [3, 1, 2]
def key_append(x):
    lst.append(x)
    return x
try:
    lst.sort(key=key_append)
except ValueError as e:
    print('ValueError', e, lst)

# ... but if the key function raises afterwards, only its error is seen
lst = [3, 1, 2]
def key_append_raise(x):
    lst.append(x)
    if x == 2:
        raise KeyError(x)
    return x
try:
    lst.sort(key=key_append_raise)
except KeyError as e:
    print('KeyError', e, lst)

# a comparison error wins over the modification
class Boom:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        lst.append(0)
        raise RuntimeError('boom')
    def __repr__(self):
        return 'B%d' % self.v
lst = [Boom(1), Boom(2)]
try:
    lst.sort()
except RuntimeError as e:
    print('RuntimeError', e, lst)

# sorted() copies first: the argument list stays readable
src = [Spy(2), Spy(1)]
lst = src
print(sorted(src), src)
