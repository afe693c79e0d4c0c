# difffuzz: str.isX() predicates use CPython's Unicode 14 tables.
samples = ['', 'abc', 'ABC', 'Abc', '日本語', 'ǅ', 'ǅa', 'Ⅰ', 'Ⅷ', '²', '٣', '½', '\u00a0', '\x1c', ' \t',
           'a1', 'é', 'ß', 'ﬁ', 'Σς', 'x\u0301', '_id', '1id', 'été', '\u2028', 'A\u0300', '\x7f', '€']
for s in samples:
    print(ascii(s), s.isupper(), s.islower(), s.istitle(), s.isalpha(), s.isalnum(), s.isdigit(),
          s.isdecimal(), s.isnumeric(), s.isspace(), s.isidentifier(), s.isprintable(), s.isascii())
