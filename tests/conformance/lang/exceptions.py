# Exceptions: try/except/else/finally, raise from, custom exceptions,
# exception attributes, with-statements.
class AppError(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code


def risky(n):
    if n == 0:
        raise ValueError("zero")
    if n == 1:
        raise AppError(7)
    return 10 // (n - 2)


for n in range(4):
    try:
        r = risky(n)
    except ValueError as e:
        print("ValueError:", e)
    except AppError as e:
        print("AppError:", e, e.code, e.args)
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
    else:
        print("ok", r)
    finally:
        print("finally", n)

try:
    try:
        {}["k"]
    except KeyError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print(repr(e), repr(e.__cause__), e.__context__ is e.__cause__)


class Manager:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit", exc_type.__name__ if exc_type else None)
        return True


with Manager() as m:
    raise IndexError("suppressed")
print("after with")


def gen_error():
    try:
        return "try"
    finally:
        print("cleanup before return")


print(gen_error())
try:
    int("x")
except (TypeError, ValueError) as e:
    print(e)
