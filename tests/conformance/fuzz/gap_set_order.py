# difffuzz: iteration order of sets whose items collide in the table.
print({7, "quote's", 256, 1e-7, '日本語'})
for other in [[-7, -7], ['日本語', '日本語'], [12345, 12345]]:
    s = {1, 2, 'q'}
    print(s.symmetric_difference(other))
print({str(i) for i in range(5)})
