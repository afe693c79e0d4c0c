# difffuzz: a __hash__ result that fits a Py_ssize_t is used unchanged; larger ones are reduced.
class H:
    def __init__(self, h):
        self.h = h
    def __hash__(self):
        return self.h
for h in [0, 1, -1, -2, 2**61 - 1, 2**61, 4112835758589344228, 2**63 - 1, -2**63, 2**63, 2**64, -2**100, True]:
    print(h, hash(H(h)))
print(hash(H(hash('"dq"'))) == hash('"dq"'))
