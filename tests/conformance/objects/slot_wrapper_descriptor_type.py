# An unbound slot wrapper of a builtin type (object.__init__, int.__add__) is a
# wrapper_descriptor; its bound form is a method-wrapper.
print(type(object.__init__).__name__, type(int.__add__).__name__, type(list.__len__).__name__)
print(type(object().__init__).__name__, type((1).__add__).__name__)
print(type(list.append).__name__)
