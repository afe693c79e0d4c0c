# tracemalloc: traced sizes of known objects, statistics by line/file,
# compare_to, filters, Traceback/Frame reprs and the size formatting.
import tracemalloc

tracemalloc.start()
blob = bytes(1000)
tb = tracemalloc.get_object_traceback(blob)
print(tb[0].lineno, len(tb), str(tb)[-2:])
snap1 = tracemalloc.take_snapshot()
keep = [bytes(5000) for _ in range(20)]
snap2 = tracemalloc.take_snapshot()
stats = snap2.statistics("lineno")
top = [s for s in stats if s.traceback[0].lineno == 10][0]
print(top.count >= 20, top.size >= 20 * 5033, str(top).split(":")[1])
diff = [d for d in snap2.compare_to(snap1, "lineno") if d.traceback[0].lineno == 10][0]
print(diff.count_diff >= 20, diff.size_diff == diff.size)
byfile = snap2.statistics("filename")
print(byfile[0].traceback[0].lineno, type(byfile[0]).__name__)
only = snap2.filter_traces([tracemalloc.Filter(True, "*basics.py", lineno=10)])
print(len(only.traces) >= 20, all(t.traceback[0].lineno == 10 for t in only.traces))
none_left = snap2.filter_traces([tracemalloc.Filter(False, "*basics.py")])
print([s for s in none_left.statistics("lineno") if s.traceback[0].filename.endswith("basics.py")])
print(len(snap2.filter_traces([tracemalloc.DomainFilter(True, 0)]).traces) == len(snap2.traces))
fr = tracemalloc.Frame(("f.py", 3))
print(fr, repr(fr), repr(tracemalloc.Traceback((("f.py", 3), ("g.py", 4)))))
print(tracemalloc.Traceback((("f.py", 3),), 5))
st = tracemalloc.Statistic(tracemalloc.Traceback((("x.py", 1),)), 104448, 101)
print(st)
print(repr(st))
sd = tracemalloc.StatisticDiff(tracemalloc.Traceback((("x.py", 1),)), 2048, -1024, 2, -1)
print(sd)
for n in (0, 99, 10239, 10240, 102400, 1048575, 5 * 1024 ** 3):
    print(tracemalloc._format_size(n, False), tracemalloc._format_size(n, True))
try:
    snap2.statistics("bogus")
except ValueError as e:
    print(e)
tracemalloc.stop()
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print(e)
print(tracemalloc.get_object_traceback(blob))
