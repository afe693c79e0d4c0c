def h(i):
    try:
        raise KeyError(i)
    except KeyError as e:
        raise ValueError(f"from {i}") from e
excs = []
for i in range(17):
    try:
        if i == 3:
            h(i)
        raise TypeError(i)
    except Exception as e:
        excs.append(e)
e = ExceptionGroup("wide", excs)
e.add_note("note 1")
e.add_note("note 2")
try:
    raise e
except* TypeError:
    raise
