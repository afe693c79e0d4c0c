# isinstance/issubclass accept unions; a generic alias member is refused
# only when reached.
print(isinstance(1, int | str), isinstance(1.0, int | str), isinstance(None, int | None))
print(issubclass(bool, int | str), issubclass(float, int | str))
print(isinstance(1, int | list[int]))
for f in (lambda: isinstance([], int | list[int]), lambda: issubclass(list, int | list[int])):
    try:
        f()
    except TypeError as e:
        print(e)
try:
    issubclass(1, int | str)
except TypeError as e:
    print(e)
print(isinstance(3, (str, int | None)))
