# difffuzz: 3.11 iterates ASCII strs with str_ascii_iterator and others with str_iterator.
print(type(iter('abc')).__name__, type(iter('été')).__name__, type(iter('')).__name__)
