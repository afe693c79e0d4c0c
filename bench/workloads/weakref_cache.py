"""A WeakValueDictionary cache plus weak references with callbacks, under churn."""
import gc
import weakref

ROUNDS = 130
ITEMS = 2_000

dead = 0


class Entry:
    def __init__(self, key, size):
        self.key = key
        self.size = size


def on_dead(ref):
    global dead
    dead += 1


def main():
    cache = weakref.WeakValueDictionary()
    refs = []
    hits = 0
    misses = 0
    pinned = []
    for r in range(ROUNDS):
        live = []
        for i in range(ITEMS):
            key = (i * 7 + r * 3) % (ITEMS * 2)
            e = cache.get(key)
            if e is None:
                misses += 1
                e = Entry(key, i)
                cache[key] = e
                refs.append(weakref.ref(e, on_dead))
            else:
                hits += 1
            live.append(e)
        pinned = [e for e in live if e.key % 10 == 0]
        del live, e
        gc.collect()
        refs = [w for w in refs if w() is not None]
    print("weakref_cache rounds", ROUNDS, "hits", hits, "misses", misses,
          "dead", dead, "cached", len(cache), "refs", len(refs), "pinned", len(pinned))


main()
