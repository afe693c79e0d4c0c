print("never runs")
match [1, 2]:
    case [a, *rest] | [*rest, a, 3]:
        print(a)
    case {"k": v, **v}:
        pass
