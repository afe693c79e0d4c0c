# Seed 000 (memory tutorial): id() is the object's address; hex() shows it.
# Rewrite: the cell printed the raw decimal id; decimal addresses are not
# normalised, so this prints the hex form and checks the two agree.
a = 25
print(hex(id(a)))
print(id(a) == int(hex(id(a)), 16))
