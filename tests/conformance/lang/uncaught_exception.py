# An uncaught exception: output before it is printed, then a traceback on
# stderr and exit code 1.
def divide(a, b):
    return a / b


print("before")
print(divide(1, 2))
print(divide(1, 0))
print("not reached")
