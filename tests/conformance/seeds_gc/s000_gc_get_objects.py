# Seed 000 (memory tutorial): gc.get_objects() lists the container objects the
# collector tracks.
# Rewrite: the notebook printed the number of tracked objects (143623) and two
# arbitrary entries, which depend on everything the interpreter loaded; this
# checks the claims: new containers are listed, atoms and untracked objects
# are not, and everything listed is tracked.
import gc

objects = gc.get_objects()
print(len(objects) > 0)
print(all(gc.is_tracked(o) for o in objects))
del objects
l = [1, 2, 3]
d = {"k": []}
s = "not a container"
objects = gc.get_objects()
print(any(o is l for o in objects))
print(any(o is d for o in objects))
print(any(o is s for o in objects))
print(any(o is objects for o in objects))
