"""Two-object cycles whose members define __del__ (PEP 442), collected in batches."""
import gc

BATCHES = 250
PAIRS = 2_000

finalized = 0


class Res:
    def __init__(self, tag):
        self.tag = tag
        self.peer = None

    def __del__(self):
        global finalized
        finalized += 1


def main():
    gc.collect()
    gc.disable()
    collected = 0
    for b in range(BATCHES):
        for i in range(PAIRS):
            a = Res(i)
            c = Res(-i)
            a.peer = c
            c.peer = a
        del a, c
        collected += gc.collect()
    gc.enable()
    print("finalizers batches", BATCHES, "pairs", PAIRS, "finalized", finalized,
          "collected", collected, "garbage", len(gc.garbage))


main()
