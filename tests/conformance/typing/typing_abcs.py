# isinstance against the abstract collection aliases of typing.
from typing import (Callable, Container, Generator, Hashable, Iterable, Iterator, List,
                    Mapping, MutableMapping, MutableSequence, Sequence, Sized)

print(isinstance([], List), isinstance([], Iterable), isinstance(iter([]), Iterator))
print(isinstance({}, Mapping), isinstance((), Sequence), isinstance([], Sequence))
print(issubclass(dict, MutableMapping), isinstance("s", MutableSequence), isinstance([], Hashable))
print(isinstance(3, Iterable), isinstance((x for x in []), Generator), isinstance(len, Callable))
print(isinstance(3, Sized), isinstance({1}, Container), isinstance(lambda: 0, Callable))


class Count(Iterator[int]):
    def __init__(self):
        self.n = 0

    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n


print(list(Count()), isinstance(Count(), Iterable), Count.__mro__[1])


class Sq(Sequence[int]):
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * i

    def __len__(self):
        return 3


print(list(Sq()), 4 in Sq(), Sq().index(4), Sq().count(1))
try:
    isinstance([], List[int])
except TypeError as e:
    print(e)
try:
    List[int]()
except TypeError as e:
    print(e)
