# difffuzz: in 3.11 hash(None) is derived from None's address (_Py_HashPointer),
# so a set holding None orders it by the low bits of that static address.
print({None, "quote's", 3.14159})
print({None, 1, 2, 3}, {True, None, 'a'})
