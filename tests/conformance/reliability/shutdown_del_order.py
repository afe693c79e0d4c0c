class C:
    def __init__(s, n): s.n = n
    def __del__(s): print("del", s.n)
z = C("z")
_b = C("_b")
a = C("a")
__c = C("__c")
l = [C("inlist")]
cyc = C("cyc"); cyc.self = cyc
print("end")
