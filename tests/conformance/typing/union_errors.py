# Only classes, None, aliases and unions combine with |.
for f in (lambda: int | "str", lambda: None | None, lambda: "a" | int, lambda: int | 3,
          lambda: list[int] | 4):
    try:
        f()
    except TypeError as e:
        print(e)
