import heapq, bisect
h = []
for x in [5, 1, 8, 3, 2, 9, 1]: heapq.heappush(h, x)
print(h, [heapq.heappop(h) for _ in range(len(h))])
l = [9, 4, 7, 1, 0, 3]; heapq.heapify(l); print(l, heapq.heapreplace(l, 5), l, heapq.heappushpop(l, -1), heapq.heappushpop(l, 6), l)
print(heapq.nsmallest(3, [5, 1, 4, 1, 9]), heapq.nlargest(2, ['a', 'ccc', 'bb'], key=len), heapq.nsmallest(0, [1]))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [0, 9])), list(heapq.merge(['b', 'aaa'], ['cc'], key=len)), list(heapq.merge([7, 3], [5, 1], reverse=True)))
pq = []
heapq.heappush(pq, (2, 'write')); heapq.heappush(pq, (1, 'read')); heapq.heappush(pq, (2, 'exec'))
print([heapq.heappop(pq) for _ in range(3)])
for bad in [lambda: heapq.heappop([]), lambda: heapq.heappush((), 1), lambda: heapq.heapify({}), lambda: heapq.heappush([1], 'a')]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
a = [1, 2, 2, 2, 5, 8]
print(bisect.bisect(a, 2), bisect.bisect_left(a, 2), bisect.bisect_right(a, 0), bisect.bisect_left(a, 9), bisect.bisect(a, 2, 0, 2))
bisect.insort(a, 3); bisect.insort_left(a, 2); print(a)
recs = [('a', 1), ('b', 3), ('c', 7)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect(recs, 4, key=lambda r: r[1]))
bisect.insort(recs, ('z', 5), key=lambda r: r[1]); print(recs)
def grade(score, breakpoints=[60, 70, 80, 90], grades='FDCBA'):
    return grades[bisect.bisect(breakpoints, score)]
print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
try:
    bisect.bisect([1], 1, -1)
except ValueError as e:
    print('ValueError', e)
