# isinstance/issubclass refuse parameterized generics.
for f in (lambda: isinstance([], list[int]), lambda: issubclass(list, list[int])):
    try:
        f()
    except TypeError as e:
        print(e)
print(isinstance(list[int], type), isinstance([], list))
