# Seed 003 (memory management notebook): folded constants in a function's
# code object.
def a_func():
    a_int = 24 * 60
    # short length sequence <= 20
    a_tuple = (1, 2) * 5
    a_string = "xyz" * 4


print(a_func.__code__.co_consts)
